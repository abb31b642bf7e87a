"""caseload_test.py CASE CARECAP SOURCE_DIR WORK_DIR: `carecap compare` over a caseload (docs/compare.md, "A whole
caseload"): the summary, the per-person CSV and one person against `carecap eval`, from JSON lines and from CSV,
and the tutorial's figures (docs/tutorial.md, section 6)."""
import csv
import json
import os
import re
import shutil
import subprocess
import sys
from fractions import Fraction

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import caseload_csv  # noqa: E402

case, carecap, src, work = sys.argv[1:5]
reform = os.path.join(src, "rules/england/reform.rules")
lower = os.path.join(src, "tests/compare/lower-cap.rules")


def run(*args, cwd=None):
    return subprocess.run([carecap, *args], capture_output=True, text=True, cwd=cwd)


def fail(message):
    print("FAIL " + case + ": " + message, file=sys.stderr)
    sys.exit(1)


def fresh():
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)


def money_text(amount):
    """An exact amount as the summary shows it: £1,234.56, to the penny, half up."""
    pence = amount * 100
    whole = int(pence)
    if pence - whole >= Fraction(1, 2):
        whole += 1
    return "£{:,}.{:02d}".format(whole // 100, whole % 100)


def exact(row, column):
    """A money column of the per-person CSV as an exact fraction: the _exact cell where given."""
    if row[column] == "":
        return None
    return Fraction(row[column + "_exact"] or row[column])


def compare(caseload, csv_out, *extra, rules=(reform, lower)):
    p = run("compare", "--rules", rules[0], "--rules", rules[1], caseload, "--csv", csv_out, *extra)
    if p.returncode != 0:
        fail("compare %s: status %d: %s" % (caseload, p.returncode, p.stderr[:2000]))
    return p.stdout


def check_sums(summary, people_csv):
    """Each total of the summary equals the sum of the CSV's column, exactly, then shown to the penny."""
    with open(people_csv) as f:
        people = list(csv.DictReader(f))
    people_line = re.search(r"^People: (\d+) compared", summary, re.M)
    if not people_line or int(people_line.group(1)) != len(people):
        fail("the summary's people and the CSV's rows differ: %d rows\n%s" % (len(people), summary[:400]))
    for what, column in (("metered", "metered"), ("paid by people", "paid"), ("spent by authorities", "spent")):
        a = sum(exact(r, column + "_a") for r in people)
        b = sum(exact(r, column + "_b") for r in people)
        line = "  %s: A %s, B %s, B - A " % (what, money_text(a), money_text(b))
        if line not in summary:
            fail("no line %r in the summary:\n%s" % (line, summary))
    for side in ("a", "b"):
        reached = sum(1 for r in people if r["reached_" + side])
        only = sum(1 for r in people if r["reached_" + side] and not r["reached_" + ("b" if side == "a" else "a")])
        if "  under %s only: %d" % (side.upper(), only) not in summary:
            fail("under %s only: %d expected" % (side.upper(), only))
        if reached == 0:
            fail("nobody reached the cap under " + side.upper())
    unchanged = sum(1 for r in people if r["changed"] == "unchanged")
    if "; unchanged: %d " % unchanged not in summary:
        fail("unchanged: %d expected" % unchanged)
    return people


def check_person_against_eval(row, history_path):
    """Every figure of one person's CSV row equals what `carecap eval` gives for that person under each side."""
    for side, rules in (("a", reform), ("b", lower)):
        p = run("eval", "--rules", rules, history_path)
        if p.returncode != 0:
            fail("eval: " + p.stderr)
        result = json.loads(p.stdout)
        meter = result["meters"][0]
        totals = result["figure_totals"]
        pairs = [("metered_" + side, meter["total"], meter.get("total_exact")),
                 ("paid_" + side, totals["person_pays"], totals.get("person_pays_exact")),
                 ("spent_" + side, totals["authority_pays"], totals.get("authority_pays_exact"))]
        for column, penny, exact_text in pairs:
            if row[column] != penny or row[column + "_exact"] != (exact_text or ""):
                fail("%s %s: CSV %s (%s), eval %s (%s)" % (row["person"], column, row[column], row[column + "_exact"],
                                                          penny, exact_text))
        if row["reached_" + side] != (meter["reached_on"] or ""):
            fail("%s reached_%s: CSV %s, eval %s" % (row["person"], side, row["reached_" + side], meter["reached_on"]))


def one_history(caseload, person, out):
    with open(caseload) as f:
        for line in f:
            if json.loads(line)["person"]["id"] == person:
                with open(out, "w") as o:
                    o.write(line)
                return out
    fail("no person " + person)


if case == "caseload_10000":
    # 10,000 generated histories under the reform (A) and its £60,000 what-if (B), as JSON lines and as CSV:
    # the same summary and the same people from both; the CSV's columns sum to the summary's totals; one
    # person who reaches the cap under B only has, in the CSV, every figure `carecap eval` gives.
    fresh()
    jsonl, as_csv = os.path.join(work, "caseload.jsonl"), os.path.join(work, "caseload.csv")
    if run("generate", "--seed", "15", "--count", "10000", "--out", jsonl).returncode != 0:
        fail("generate")
    caseload_csv.convert(jsonl, as_csv)
    from_jsonl = compare(jsonl, os.path.join(work, "people-jsonl.csv"), "-j", "2")
    from_csv = compare(as_csv, os.path.join(work, "people-csv.csv"), "-j", "2")
    if from_jsonl != from_csv:
        fail("the summaries from JSON lines and from CSV differ")
    with open(os.path.join(work, "people-jsonl.csv")) as a, open(os.path.join(work, "people-csv.csv")) as b:
        if a.read() != b.read():
            fail("the per-person CSVs from JSON lines and from CSV differ")
    people = check_sums(from_jsonl, os.path.join(work, "people-jsonl.csv"))
    if len(people) != 10000:
        fail("%d people" % len(people))
    chosen = next((r for r in people if r["reached_b"] and not r["reached_a"]), None)
    if not chosen:
        fail("nobody reaches the cap under B only")
    check_person_against_eval(chosen, one_history(jsonl, chosen["person"], os.path.join(work, "one.json")))
elif case == "wrong_kind":
    # A history written over several lines is not a caseload: batch says so once; compare compares it alone.
    fresh()
    history = os.path.join(src, "examples/england/reaching-the-cap.json")
    p = run("batch", "--rules", reform, history)
    lines = p.stderr.splitlines()
    if p.returncode != 1 or len(lines) != 1 or "this looks like a single history: use eval" not in lines[0]:
        fail("batch of a single history: %d %r" % (p.returncode, p.stderr))
    p = run("compare", "--rules", reform, "--rules", lower, history)
    if p.returncode != 0 or "People:" in p.stdout:
        fail("compare of a single history: %d %s" % (p.returncode, p.stderr))
    # A CSV without the `record` column: one message naming the columns it needs.
    bad = os.path.join(work, "bad.csv")
    with open(bad, "w") as f:
        f.write("person,start\nP-1,2023-10-02\n")
    p = run("batch", "--rules", reform, bad)
    if p.returncode != 1 or "a CSV caseload needs a column `record`" not in p.stderr or len(p.stderr.splitlines()) != 1:
        fail("CSV without record: %d %r" % (p.returncode, p.stderr))
elif case == "csv_cell_errors":
    # A bad cell is named by the CSV's line and column, not a JSON path; the other people are still evaluated.
    fresh()
    shutil.copy(os.path.join(src, "tests/compare/two-people.csv"), work)
    path = os.path.join(work, "two-people.csv")
    with open(path) as f:
        text = f.read()
    with open(path, "w") as f:
        f.write(text.replace("residential,personal,900", "residential,personal,nine hundred"))
    p = run("batch", "--rules", reform, path)
    if p.returncode != 1 or "line 3, column weekly_cost: " not in p.stdout + p.stderr:
        fail("bad cell: %d %s %s" % (p.returncode, p.stdout[:600], p.stderr))
    results = [json.loads(line) for line in p.stdout.splitlines()]
    if len(results) != 2 or "errors" not in results[0] or results[1].get("person") != "P-2":
        fail("expected an error for P-1 and a result for P-2: " + p.stdout[:600])
elif case == "tutorial":
    # docs/tutorial.md, section 6, run as a reader runs it: from a folder of their own, whose amendment names
    # england.reform; the summary it shows is the summary carecap prints, the CSV sums to it, and person
    # S2024-11, who reaches the cap under B only, has in the CSV the figures `carecap eval` gives.
    fresh()
    shutil.copy(lower, os.path.join(work, "lower-cap.rules"))
    jsonl = os.path.join(work, "caseload.jsonl")
    run("generate", "--seed", "2024", "--count", "100", "--out", jsonl)
    p = run("compare", "--rules", reform, "--rules", "lower-cap.rules", "caseload.jsonl", "--csv", "people.csv",
            "--svg", "people.svg", cwd=work)
    if p.returncode != 0:
        fail(p.stderr)
    summary = p.stdout
    with open(os.path.join(src, "docs/tutorial.md")) as f:
        tutorial = f.read()
    shown = re.search(r"The summary begins like this[^\n]*\n\n```text\n(.*?)```", tutorial, re.S)
    if not shown:
        fail("no summary in docs/tutorial.md")
    for line in shown.group(1).splitlines():
        if line != "..." and line not in summary.splitlines():
            fail("docs/tutorial.md shows %r, carecap prints:\n%s" % (line, summary))
    people = check_sums(summary, os.path.join(work, "people.csv"))
    b_only = [r["person"] for r in people if r["reached_b"] and not r["reached_a"]]
    said = re.search(r"\*\*Who reaches the cap\.\*\* (\d+) people", tutorial)
    if not said or int(said.group(1)) != len(b_only) or "S2024-11" not in b_only:
        fail("the tutorial's count of people under B only: %s, carecap: %d" % (said and said.group(1), len(b_only)))
    row = next(r for r in people if r["person"] == "S2024-11")
    check_person_against_eval(row, one_history(jsonl, "S2024-11", os.path.join(work, "S2024-11.json")))
else:
    fail("no such case")
