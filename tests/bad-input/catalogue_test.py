#!/usr/bin/env python3
"""Runs every row of the bad-input catalogue (docs/bad-input.md) and checks what it says.

Each table row of the catalogue has four cells after the first: the command (in backticks), the exit
status, the place the error must name (a file:line:col, a JSON path, or a file name), and an excerpt of
the message. This script runs each command from the repository root with the built carecap first on
PATH and fails, naming the row, if the exit status differs or the output lacks the place or the excerpt.
So the catalogue cannot drift from what carecap does.

usage: catalogue_test.py CARECAP_BINARY SOURCE_DIR
"""
import os
import re
import subprocess
import sys


def cells(line):
    # Split a Markdown table row on | that are not inside backticks.
    out, cur, tick = [], "", False
    for ch in line.strip().strip("|"):
        if ch == "`":
            tick = not tick
        if ch == "|" and not tick:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    out.append(cur.strip())
    return out


def unquote(cell):
    cell = cell.strip()
    if cell.startswith("``") and cell.endswith("``"):
        return cell[2:-2].strip()
    if cell.startswith("`") and cell.endswith("`"):
        return cell[1:-1]
    return cell


def rows(path):
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.startswith("|"):
                continue
            c = cells(line)
            if len(c) != 5 or not c[1].startswith("`carecap") and not c[1].startswith("`python3"):
                continue
            # A | inside a table cell is written \| in Markdown.
            command = unquote(c[1]).replace("\\|", "|")
            yield number, c[0], command, int(c[2]), unquote(c[3]), unquote(c[4])


def main():
    carecap, source = os.path.abspath(sys.argv[1]), sys.argv[2]
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(carecap) + os.pathsep + env.get("PATH", "")
    catalogue = os.path.join(source, "docs", "bad-input.md")
    failures, count = [], 0
    for number, what, command, status, place, excerpt in rows(catalogue):
        count += 1
        # No pipefail: in a pipeline the status is carecap's, and a writer it stopped reading early may
        # complain on stderr without failing the row.
        run = subprocess.run(["bash", "-c", command], cwd=source, env=env, capture_output=True, timeout=300)
        output = (run.stdout + run.stderr).decode("utf-8", "replace")
        problems = []
        if run.returncode != status:
            problems.append(f"exit status {run.returncode}, the catalogue says {status}")
        if place != "-" and place not in output:
            problems.append(f"the output does not name the place {place!r}")
        if excerpt not in output:
            problems.append(f"the output does not contain {excerpt!r}")
        if re.search(r"internal error|Sanitizer|Segmentation|Aborted", output):
            problems.append("carecap failed inside")
        if problems:
            failures.append(f"docs/bad-input.md:{number}: {what}\n  $ {command}\n  " + "\n  ".join(problems) +
                            "\n  output:\n    " + output.strip().replace("\n", "\n    ")[:3000])
    if count < 30:
        failures.append(f"only {count} rows were found in {catalogue}: is the table intact?")
    for f in failures:
        print(f, file=sys.stderr)
    print(f"{count} rows, {len(failures)} failing")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
