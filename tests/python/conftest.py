"""Shared by the carecap package's tests: where the program, the rules and the examples are.

ctest runs these from the repository's root with CARECAP_LIBRARY, CARECAP_PROGRAM and PYTHONPATH set to
this build (tests/python/CMakeLists.txt); rule paths are relative to the root, as `carecap batch` is given
them, so that results name the same files.
"""

import os
import subprocess

import pytest

PROGRAM = os.environ.get("CARECAP_PROGRAM", "build/carecap")
MINIMAL_RULES = "rules/minimal/cap.rules"
ENGLAND_RULES = "rules/england/reform.rules"
THREE_PERIODS = "examples/minimal/three-periods.json"


def carecap_cli(*arguments, check=True):
    """Runs the carecap program; its completed process (stdout as bytes)."""
    return subprocess.run([PROGRAM, *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=check)


@pytest.fixture(scope="session")
def generated(tmp_path_factory):
    """generated(count, seed): a caseload from `carecap generate`, made once per count and seed."""
    made = {}

    def make(count, seed):
        if (count, seed) not in made:
            path = tmp_path_factory.mktemp("caseload") / f"caseload-{seed}-{count}.jsonl"
            carecap_cli("generate", "--seed", str(seed), "--count", str(count), "--out", str(path))
            made[(count, seed)] = path
        return made[(count, seed)]

    return make


def batch_output(rules, caseload, out):
    """The bytes `carecap batch` writes for the caseload (exit 0 or 1: 1 means some lines are errors)."""
    finished = carecap_cli("batch", "--rules", rules, str(caseload), "-j", "2", "--out", str(out), check=False)
    assert finished.returncode in (0, 1), finished.stderr.decode()
    return out.read_bytes()
