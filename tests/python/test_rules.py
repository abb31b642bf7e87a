"""RuleSet: load, evaluate, explain, statement and project, against the command line's output for the
same input; the errors and where they point; many threads on one rule set."""

import concurrent.futures
import json
import pathlib
import pickle
import subprocess
import sys

import pytest

import carecap
from conftest import ENGLAND_RULES, MINIMAL_RULES, THREE_PERIODS, carecap_cli


@pytest.fixture(scope="module")
def minimal():
    return carecap.RuleSet.load(MINIMAL_RULES)


def test_evaluate_is_what_eval_prints(minimal):
    printed = json.loads(carecap_cli("eval", "--rules", MINIMAL_RULES, THREE_PERIODS).stdout)
    text = pathlib.Path(THREE_PERIODS).read_text()
    assert minimal.evaluate(text) == printed
    assert minimal.evaluate(json.loads(text)) == printed  # a dict does as well as JSON text
    assert minimal.hash == printed["rules"]["hash"]


def test_explain_is_what_explain_prints(minimal):
    printed = carecap_cli("explain", "--rules", MINIMAL_RULES, THREE_PERIODS).stdout.decode()
    assert minimal.explain(pathlib.Path(THREE_PERIODS).read_bytes()) == printed


def test_statement_is_what_statement_prints(generated):
    rules = carecap.RuleSet.load(ENGLAND_RULES)
    history = generated(1, 5)
    printed = carecap_cli("statement", "--rules", ENGLAND_RULES, "--format", "json", str(history)).stdout
    assert rules.statement(history.read_text()) == json.loads(printed)


def test_project_figures_worked_by_hand():
    # docs/figure-2.md: under the current system (figure-2-current.rules, 2021/22 prices), £145,000 of
    # capital, £239 a week of income and fees of £683 a week. Income pays £239 - £24.90 (the personal
    # expenses allowance) = £214.10, so capital pays £683 - £214.10 = £468.90 a week. After 259 weeks capital
    # is £145,000 - 259 x £468.90 = £23,554.90, still above the £23,250 upper limit, so all 260 weeks are
    # self-funded: 260 x £468.90 = £121,914.00 lost, and 121,914 / 145,000 = 0.840786... = 84.08%.
    rules = carecap.RuleSet.load("rules/england/figure-2-current.rules")
    projection = rules.project({"capital": "145000", "income": "239", "fees": "683", "start": "2023-10-02"})
    assert projection["summary"]["capital_lost"] == "121914.00"
    assert projection["summary"]["share_lost_percent"] == "84.08"
    assert len(projection["weeks"]) == 260
    printed = carecap_cli("project", "--rules", "rules/england/figure-2-current.rules", "--capital", "145000",
                          "--income", "239", "--fees", "683", "--start", "2023-10-02", "--format", "json").stdout
    assert projection == json.loads(printed)


def test_rule_file_errors_carry_file_line_column():
    with pytest.raises(carecap.RulesError) as caught:
        carecap.RuleSet.load("tests/golden/check/near_miss_name.rules")
    assert ("tests/golden/check/near_miss_name.rules", 9, 3) in caught.value.locations
    assert "unknown name `cap_levl`" in str(caught.value)


def test_history_errors_carry_json_paths(minimal):
    with pytest.raises(carecap.HistoryError) as caught:
        minimal.evaluate(pathlib.Path("tests/golden/history/overlapping_periods.json").read_text(),
                         source_name="overlapping.json")
    assert "care_periods[1]" in caught.value.paths
    assert str(caught.value).startswith("overlapping.json: care_periods[1]: overlaps care_periods[0]")
    with pytest.raises(carecap.HistoryError, match=r"history: invalid JSON in history at line 1"):
        minimal.evaluate("{ not json")


def test_starting_position_errors_carry_json_paths():
    rules = carecap.RuleSet.load("rules/england/figure-2-current.rules")
    with pytest.raises(carecap.HistoryError) as caught:
        rules.project({"capital": "-1", "income": 239.5, "weeks": 0, "fees": "683", "colour": "red"})
    assert caught.value.paths == ["colour", "capital", "income", "weeks"]


def test_statement_date_is_checked(minimal):
    with pytest.raises(carecap.HistoryError, match=r"on: expected a date YYYY-MM-DD"):
        minimal.statement(pathlib.Path(THREE_PERIODS).read_text(), on="2026-13-01")


def test_many_threads_share_one_rule_set(generated):
    # Sixteen threads over the same 200 histories at once give what one thread gives, history by history.
    rules = carecap.RuleSet.load(MINIMAL_RULES)
    histories = generated(200, 7).read_text().splitlines()
    alone = [rules.evaluate(h) for h in histories]
    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        together = list(pool.map(rules.evaluate, histories * 4))
    assert together == alone * 4


def test_a_missing_library_is_named():
    finished = subprocess.run([sys.executable, "-c", "import carecap; carecap.RuleSet.load('x')"],
                              env={"CARECAP_LIBRARY": "/nowhere/libcarecap.so",
                                   "PYTHONPATH": str(pathlib.Path(carecap.__file__).parent.parent)},
                              stderr=subprocess.PIPE, check=False)
    assert finished.returncode == 1
    assert b"CARECAP_LIBRARY is /nowhere/libcarecap.so, which is not a file" in finished.stderr


def test_errors_cross_process_boundaries_whole():
    # carecap.dask receives a worker's error pickled: it must arrive with its status and places.
    with pytest.raises(carecap.RulesError) as rules_error:
        carecap.RuleSet.load("tests/golden/check/near_miss_name.rules")
    again = pickle.loads(pickle.dumps(rules_error.value))
    assert type(again) is carecap.RulesError and again.status == rules_error.value.status
    assert again.locations == rules_error.value.locations
    with pytest.raises(carecap.HistoryError) as history_error:
        carecap.RuleSet.load(MINIMAL_RULES).evaluate("{}", source_name="x.json")
    again = pickle.loads(pickle.dumps(history_error.value))
    assert again.source_name == "x.json" and again.paths == history_error.value.paths
