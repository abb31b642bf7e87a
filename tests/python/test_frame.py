"""carecap.frame: the DataFrame of a caseload evaluated through the package holds, figure for figure, what
`carecap batch` writes for the same 1,000 generated histories under England's reform rules."""

import decimal
import json

import carecap
from carecap import frame
from conftest import ENGLAND_RULES, batch_output


def test_frame_matches_batch_figure_for_figure(generated, tmp_path):
    caseload = generated(1000, 16)
    written = batch_output(ENGLAND_RULES, caseload, tmp_path / "batch.jsonl").splitlines()
    table = frame.caseload_frame(carecap.RuleSet.load(ENGLAND_RULES), caseload, threads=2)
    assert len(table) == len(written) == 1000
    for row, line in zip(table.itertuples(index=False), written):
        result = json.loads(line)  # batch's own line, read here without the package
        row = row._asdict()
        assert row["person"] == result["person"]
        assert row["rules_hash"] == result["rules"]["hash"]
        for meter in result["meters"]:
            total = row[f"{meter['name']}_total"]
            # Exact decimals, never floats: the penny batch wrote, not a near neighbour.
            assert isinstance(total, decimal.Decimal) and total == decimal.Decimal(meter["total"])
            ceiling = row[f"{meter['name']}_ceiling"]
            assert (ceiling is None) == (meter["ceiling"] is None)
            assert ceiling is None or ceiling == decimal.Decimal(meter["ceiling"])
            assert row[f"{meter['name']}_reached_on"] == meter["reached_on"]
    # The frame read back from batch's file is the same frame.
    assert frame.read_batch_output(tmp_path / "batch.jsonl").equals(table)


def test_a_bad_history_is_a_row_with_its_errors():
    rules = carecap.RuleSet.load("rules/minimal/cap.rules")
    good = open("examples/minimal/three-periods.json").read()
    table = frame.caseload_frame(rules, [good, "{}", good], threads=2)
    assert list(table["record"]) == [1, 2, 3]
    assert table["errors"][0] is None and table["errors"][2] is None
    assert 'missing required field "carecap_history"' in table["errors"][1]
