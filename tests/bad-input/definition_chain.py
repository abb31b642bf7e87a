#!/usr/bin/env python3
"""Writes a rule file with a chain of N definitions, each using the one before, and runs carecap on it.

usage: definition_chain.py N COMMAND...   e.g. definition_chain.py 4000 check

The rule file goes to a temporary directory; `{rules}` in COMMAND stands for its path (added after
COMMAND if absent), `{history}` for a small care history written beside it. carecap's output and exit
status are passed through, so docs/bad-input.md can show what a chain of thousands of definitions does
to every command (a located limit error, never a crash).
"""
import os
import subprocess
import sys
import tempfile

n = int(sys.argv[1])
command = sys.argv[2:]

HEADER = """rules test.definition_chain version "1"
  in force from 2023-10-01

input weekly_cost : money per week

definition step0 : money per week = weekly_cost
"""

HISTORY = """{"carecap_history": 1, "person": {"id": "chain"}, "authority": "Anytown",
 "care_periods": [{"id": "a", "start": "2023-10-01", "end": "2023-10-07", "setting": "home",
                   "budget": "independent", "weekly_cost": "100.00"}]}
"""

with tempfile.TemporaryDirectory() as tmp:
    rules = os.path.join(tmp, "definition-chain.rules")
    history = os.path.join(tmp, "history.json")
    with open(history, "w") as f:
        f.write(HISTORY)
    with open(rules, "w") as f:
        f.write(HEADER)
        for i in range(1, n + 1):
            f.write(f"definition step{i} : money per week = step{i - 1} + £0 per week\n")
        f.write(f"\nmeter care_account\n  rate = step{n}\n  ceiling = £86,000\n")
        f.write('\nexample "the chain"\n  history "history.json"\n'
                f"  expect step{n} on 2023-10-01 = £100 per week\n")
    args = [a.replace("{rules}", rules).replace("{history}", history) for a in command]
    if not any(rules in a for a in args):
        args.append(rules)
    sys.exit(subprocess.run(["carecap"] + args).returncode)
