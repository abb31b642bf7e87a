"""compare_test.py CASE CARECAP SOURCE_DIR: one end-to-end case of `carecap compare` (docs/compare.md).

Each expected figure is worked out by hand in a comment beside it, from the guidance (004) and the histories in
examples/england/ (worked in docs/england-examples.md)."""
import glob
import json
import os
import subprocess
import sys

case, carecap, src = sys.argv[1], sys.argv[2], sys.argv[3]
current = os.path.join(src, "rules/england/current.rules")
reform = os.path.join(src, "rules/england/reform.rules")
examples = sorted(glob.glob(os.path.join(src, "examples/england/*.json")))


def run(*args):
    return subprocess.run([carecap, *args], capture_output=True, text=True)


def fail(message):
    print("FAIL " + case + ": " + message, file=sys.stderr)
    sys.exit(1)


def compare_json(a, b, histories):
    p = run("compare", "--rules", a, "--rules", b, "--format", "json", *histories)
    if p.returncode != 0:
        fail("status %d: %s" % (p.returncode, p.stderr))
    return json.loads(p.stdout)


if case == "every_example_has_causes":
    # The reform against the current system on every bundled example: each evaluates under both, and every
    # difference found names at least one cause; every cause that is a rule names where it is on each side
    # that declares it.
    if len(examples) < 10:
        fail("expected the England examples, found %d" % len(examples))
    out = compare_json(current, reform, examples)
    if len(out["histories"]) != len(examples):
        fail("one result per history expected")
    for h in out["histories"]:
        if not h["differ"]:
            # The current system has no meter at all: under the reform every history with care in force differs.
            fail(h["history"] + ": no differences")
        for d in h["differences"]:
            if not d["causes"]:
                fail("%s: %s %s has no cause" % (h["history"], d["figure"], d["from"]))
            for c in d["causes"]:
                if c["kind"] == "earlier":
                    continue
                for side in ("a", "b"):
                    if c[side] is not None and ":" not in c[side]["where"]:
                        fail("%s: cause %s has no file:line on side %s" % (h["history"], c["name"], side))
    # Declared in the reform only: the care account meter and the inputs it reads.
    names = {(d["what"], d["name"]) for d in out["declarations"] if d["a"] is None}
    for expected in [("meter", "care_account"), ("input", "other_services"), ("statements", "care_account")]:
        if expected not in names:
            fail("not said to be declared only in B: %s %s" % expected)

elif case == "self_funder_by_hand":
    # residential-self-funder.json: an independent budget of £800 a week in a care home, 2023-10-02 to 2024-09-29.
    # The reform meters £800 - £200 daily living costs = £600 a week; 364 days = 52 weeks; 52 x £600 = £31,200.
    # The current system declares no meter.
    out = compare_json(current, reform, [os.path.join(src, "examples/england/residential-self-funder.json")])
    diffs = out["histories"][0]["differences"]
    rate = [d for d in diffs if d["figure"] == "rate" and d["meter"] == "care_account"]
    if len(rate) != 1 or (rate[0]["from"], rate[0]["to"], rate[0]["b"]) != ("2023-10-02", "2024-09-29", "£600.00 per week"):
        fail("rate: %s" % rate)
    total = [d for d in diffs if d["figure"] == "meter_total" and d["meter"] == "care_account"]
    if len(total) != 1 or total[0]["b"] != "£31,200.00 of £86,000.00":
        fail("total: %s" % total)
    cause = total[0]["causes"][0]
    if cause["kind"] != "meter" or cause["a"] is not None or "reform.rules:" not in cause["b"]["where"]:
        fail("cause: %s" % cause)
    # The text output says the same, with the cause under "because:".
    text = run("compare", "--rules", current, "--rules", reform,
               os.path.join(src, "examples/england/residential-self-funder.json")).stdout
    if "care_account: rate from 2023-10-02 to 2024-09-29 (364 days)" not in text or "£600.00 per week" not in text:
        fail("text output:\n" + text)

elif case == "exit_code":
    # Without --exit-code: 0 whether or not they differ. With it: 3 when they differ, 0 when they do not.
    history = os.path.join(src, "examples/england/reaching-the-cap.json")
    if run("compare", "--rules", current, "--rules", reform, history).returncode != 0:
        fail("differences without --exit-code should exit 0")
    if run("compare", "--rules", current, "--rules", reform, "--exit-code", history).returncode != 3:
        fail("differences with --exit-code should exit 3")
    p = run("compare", "--rules", reform, "--rules", reform, "--exit-code", history)
    if p.returncode != 0 or "no differences" not in p.stdout:
        fail("a rule set against itself: status %d\n%s" % (p.returncode, p.stdout))

elif case == "usage":
    history = os.path.join(src, "examples/england/move.json")
    p = run("compare", "--rules", reform, history)
    if p.returncode != 2 or "exactly two --rules" not in p.stderr:
        fail("one --rules: status %d, %s" % (p.returncode, p.stderr))
    p = run("compare", "--rules", current, "--rules", reform, os.path.join(src, "no/such/history.json"))
    if p.returncode != 1 or "cannot read the history" not in p.stderr:
        fail("a missing history: status %d, %s" % (p.returncode, p.stderr))
    # A history that is not valid: status 1 with its JSON path, and the next history is still compared.
    bad = os.path.join(src, "tests/golden/history/overlapping_periods.json")
    p = run("compare", "--rules", current, "--rules", reform, "--format", "json", bad, history)
    if p.returncode != 1 or "care_periods[1]: overlaps care_periods[0]" not in p.stderr:
        fail("a bad history: status %d, %s" % (p.returncode, p.stderr))
    out = json.loads(p.stdout)["histories"]
    if len(out) != 2 or "errors" not in out[0] or not out[1]["differ"]:
        fail("a bad history then a good one: %s" % out)
    p = run("compare", "--rules", current, "--rules", reform, "--format", "yaml", history)
    if p.returncode != 2:
        fail("--format yaml: status %d" % p.returncode)

else:
    fail("unknown case")
