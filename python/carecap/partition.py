"""A caseload cut into partitions, and the work one partition is: what carecap.dask sends to its workers.

Kept apart from carecap.dask (which runs as __main__) so that workers import it by name from the
installed package rather than receive a pickled copy of the client's code.
"""

import json
import os
import threading

from .rules import RuleSet

# `carecap batch` refuses a line longer than the default history_bytes limit (docs/limits.md) before
# reading it, with this message; a partition does the same so that its output is batch's.
LINE_LIMIT = 64 * 1024 * 1024

_loaded = {}
_loaded_lock = threading.Lock()


class RulesMismatch(RuntimeError):
    """A worker's rule files are not the client's: results under them would silently differ."""


def read_records(data):
    """The records of a caseload's bytes as (line number from 1, text), as `carecap batch` reads them:
    lines end at "\\n" (a "\\r" before it is dropped), and a blank line is not a record."""
    records = []
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # the newline ending the last line starts no line of its own
    for number, line in enumerate(lines, start=1):
        if line.endswith(b"\r"):
            line = line[:-1]
        if len(line) <= LINE_LIMIT and not line.strip(b" \t\r"):
            continue
        records.append((number, line))
    return records


def partitions(records, size):
    """Consecutive runs of at most `size` records: partition i holds records i*size onwards."""
    return [records[start:start + size] for start in range(0, len(records), size)]


def rules_for(spec):
    """This process's copy of the rule set `spec` names (path, rule_dirs, registry), loaded once and
    shared by the worker's threads: a RuleSet is immutable."""
    key = (spec["rules"], tuple(spec.get("rule_dirs", ())), spec.get("registry"))
    with _loaded_lock:
        if key not in _loaded:
            _loaded[key] = RuleSet.load(spec["rules"], rule_dirs=key[1], registry=key[2])
        return _loaded[key]


def worker_hash(spec):
    """The hash of the rules this worker loads for `spec`, and where it runs: for the client's check."""
    return {"hash": rules_for(spec).hash, "pid": os.getpid(), "cwd": os.getcwd()}


def evaluate_partition(spec, expected_hash, source_name, records):
    """The bytes `carecap batch` writes for these records, in their order, and how many were errors.
    Raises RulesMismatch when this worker's rules are not the client's (checked before any work)."""
    rules = rules_for(spec)
    if rules.hash != expected_hash:
        raise RulesMismatch(
            f"carecap.dask: the worker in {os.getcwd()} (process {os.getpid()}) loads {spec['rules']} with "
            f"hash {rules.hash}, but the client's is {expected_hash}: give every worker the same rule files")
    out = []
    errors = 0
    for number, text in records:
        if len(text) > LINE_LIMIT:
            line = too_long_line(source_name, number)
            ok = False
        else:
            line, ok = rules.batch_line(text, source_name, number)
        out.append(line)
        errors += not ok
    return b"".join(out), errors


def too_long_line(source_name, number):
    # As cli/batch.cpp words it. Only a number and the caseload's name vary, which json.dumps escapes as
    # nlohmann does.
    message = f"{source_name}:{number}: the line is over the limit of 64 MiB"
    return json.dumps({"line": number, "errors": [message]}, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8") + b"\n"
