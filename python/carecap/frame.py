"""A caseload's results as a pandas DataFrame: one row per history, one column per figure.

Money stays exact: every amount is a decimal.Decimal (an object column), never a float, so a figure in
the frame is the figure `carecap batch` writes, to the penny. pandas is imported only here, so the rest of
the package works without it.
"""

import concurrent.futures
import decimal
import json
import os

import pandas

from .errors import HistoryError

# The figures each meter contributes, as columns METER_FIGURE (e.g. care_account_total).
_METER_MONEY = ("total", "ceiling")
_METER_TEXT = ("reached_on",)


def _money(text):
    return decimal.Decimal(text) if text is not None else None


def result_row(result, record=None):
    """The row of one result: a dict from RuleSet.evaluate or a line of `carecap batch` parsed, or a
    batch error object ({"line": N, "errors": [...]}: its messages name the caseload's line)."""
    if "errors" in result and "carecap_result" not in result:
        return {"record": record, "person": None, "errors": "\n".join(result["errors"])}
    row = {"record": record, "person": result["person"], "errors": None,
           "rules": result["rules"]["name"], "rules_version": result["rules"]["version"],
           "rules_hash": result["rules"]["hash"], "from": result.get("from"), "to": result.get("to")}
    for meter in result.get("meters", []):
        for figure in _METER_MONEY:
            row[f"{meter['name']}_{figure}"] = _money(meter.get(figure))
        for figure in _METER_TEXT:
            row[f"{meter['name']}_{figure}"] = meter.get(figure)
    return row


def results_frame(results):
    """A DataFrame of results: each a dict (a result or an error object), numbered from record 1."""
    rows = [result_row(r, record=i + 1) for i, r in enumerate(results)]
    return pandas.DataFrame.from_records(rows)


def read_batch_output(path):
    """The DataFrame of a file `carecap batch` wrote (or carecap.dask: the same bytes)."""
    with open(path, encoding="utf-8") as lines:
        return results_frame(json.loads(line) for line in lines if line.strip())


def caseload_frame(rules, caseload, threads=None):
    """Evaluates a caseload (a path to JSON lines, or an iterable of histories as dicts or JSON text) on
    `threads` threads (default: one per processor) and returns the DataFrame of its results, in input
    order. A history that cannot be evaluated gets a row with its messages in `errors`, as in batch."""
    if isinstance(caseload, (str, os.PathLike)):
        with open(caseload, "rb") as source:
            histories = [line for line in source.read().split(b"\n") if line.strip(b" \t\r")]
    else:
        histories = list(caseload)

    def one(history):
        try:
            return rules.evaluate(history)
        except HistoryError as problem:  # a bad history is a row with its error, as in `carecap batch`
            return {"errors": [str(problem)]}

    with concurrent.futures.ThreadPoolExecutor(max_workers=threads or os.cpu_count()) as pool:
        return results_frame(pool.map(one, histories))
