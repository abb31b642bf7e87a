"""conventions_test.py CASE CARECAP SOURCE_DIR WORK_DIR: one convention of the command line (docs/cli.md,
"Conventions"): "did you mean", options of carecap itself after the command, one error form, money as in
histories, and an amendment by name from a folder of one's own."""
import os
import shutil
import subprocess
import sys

case, carecap, src, work = sys.argv[1:5]
minimal = os.path.join(src, "rules/minimal/cap.rules")
three_periods = os.path.join(src, "examples/minimal/three-periods.json")
reform = os.path.join(src, "rules/england/reform.rules")


def run(*args, cwd=None, env=None):
    return subprocess.run([carecap, *args], capture_output=True, text=True, cwd=cwd, env=env)


def fail(message):
    print("FAIL " + case + ": " + message, file=sys.stderr)
    sys.exit(1)


def expect(p, status, first_line):
    if p.returncode != status:
        fail("status %d, not %d: %s" % (p.returncode, status, p.stderr))
    line = p.stderr.splitlines()[0] if p.stderr else ""
    if line != first_line:
        fail("stderr begins\n  %r\nnot\n  %r" % (line, first_line))


if case == "unknown_command":
    # A slip in the command's name: the nearest command, and exit 2 (the command line is wrong).
    p = run("chekc", minimal)
    expect(p, 2, "carecap: error: unknown command `chekc`: did you mean `check`?")
    if "run `carecap --help` for the commands" not in p.stderr:
        fail("no pointer to --help: " + p.stderr)
elif case == "rule_option":
    # `--rule` is the start of `--rules`: named as the likely option, in the command's own error form.
    p = run("eval", "--rule", minimal, three_periods)
    expect(p, 2, "carecap eval: error: unknown option `--rule`: did you mean `--rules`?")
elif case == "unknown_option":
    # A typo in an option of another command: one message, in the same form.
    p = run("explain", "--rules", minimal, "--figrue", "x", three_periods)
    expect(p, 2, "carecap explain: error: unknown option `--figrue`: did you mean `--figure`?")
elif case == "global_option_after_command":
    # --limit is carecap's own; after the command it is still applied: a history of three care periods
    # under a limit of two items in a history is refused, where the same command without it succeeds.
    if run("eval", "--rules", minimal, three_periods).returncode != 0:
        fail("the plain evaluation fails")
    before = run("--limit", "history_items=2", "eval", "--rules", minimal, three_periods)
    after = run("eval", "--rules", minimal, three_periods, "--limit", "history_items=2")
    if before.returncode != 1 or after.returncode != 1:
        fail("--limit before (%d) and after (%d) the command should both refuse" % (before.returncode, after.returncode))
    if before.stderr != after.stderr:
        fail("different messages:\n%s\n%s" % (before.stderr, after.stderr))
    # A misspelt option of carecap's own after the command gets "did you mean" too.
    p = run("check", minimal, "--rules-pth", src)
    expect(p, 2, "carecap check: error: unknown option `--rules-pth`: did you mean `--rules-path`?")
elif case == "money_three_decimals":
    # Pounds and pence, as a history's money: 145000.123 has a third decimal place and is refused before
    # any projection runs (exit 2); 145000.12 is taken.
    base = ["--rules", reform, "--income", "239", "--fees", "683", "--age", "70", "--weeks", "1"]
    p = run("project", "--capital", "145000.123", *base)
    expect(p, 2, 'carecap project: error: --capital is pounds and pence, at most 2 decimal places, not "145000.123"')
    p = run("project", "--capital", "145000.12", *base)
    if p.returncode != 0:
        fail("145000.12 refused: " + p.stderr)
    p = run("sweep", "--vary", "capital", "--from", "0", "--to", "10", "--step", "5", "--income", "200.001",
            "--fees", "500", "--rules", reform, "--age", "70")
    expect(p, 2, 'carecap sweep: error: --income is pounds and pence, at most 2 decimal places, not "200.001"')
elif case == "amend_by_name_from_another_folder":
    # An analyst's folder outside the repository, holding only an amendment that names england.reform: it
    # is found among the shipped rules, wherever the folder is and whatever the working directory.
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    with open(os.path.join(work, "lower-cap.rules"), "w") as f:
        f.write('rules analyst.lower_cap version "1"\n  amends england.reform\n  in force from 2023-10-01\n'
                '  source "a what-if: the cap at £60,000"\n\n'
                'parameter cap_level : money\n  from 2023-10-01 = £60,000   cite "a what-if"\n')
    shutil.copy(os.path.join(src, "examples/england/reaching-the-cap.json"), work)
    p = run("check", "lower-cap.rules", cwd=work)
    if p.returncode != 0 or "ok: analyst.lower_cap" not in p.stdout:
        fail("check: %d %s %s" % (p.returncode, p.stdout, p.stderr))
    p = run("eval", "--rules", "lower-cap.rules", "reaching-the-cap.json", cwd=work)
    if p.returncode != 0:
        fail("eval: " + p.stderr)
    # The amendment's cap, not the shipped £86,000, is the care account's ceiling.
    if '"ceiling": "60000.00"' not in p.stdout:
        fail("the amendment's cap is not the ceiling")
elif case == "figures_unknown_name":
    # --figures names outputs (docs/language.md, "Outputs"): a slip gets "did you mean", in the one form.
    history = os.path.join(src, "examples/england/reaching-the-cap.json")
    p = run("eval", "--rules", reform, "--figures", "person_pay", history)
    expect(p, 1, "carecap eval: error: --figures: unknown figure `person_pay`: did you mean `person_pays`?")
    p = run("eval", "--rules", reform, "--figures", "person_pays,assessed_charge", history)
    if p.returncode != 0 or '"person_pays"' not in p.stdout or '"tariff_income"' in p.stdout:
        fail("--figures person_pays,assessed_charge: %d %s" % (p.returncode, p.stderr))
else:
    fail("no such case")
