"""sweep_test.py CASE CARECAP SOURCE_DIR WORK_DIR: one end-to-end case of `carecap sweep` (docs/sweep.md).

The figures expected at £145,000 are the guidance's worked example (004, 2.1, Figure 2), worked out by hand in
docs/figure-2.md. CSV values are read as exact decimals, never as floating point."""
import csv
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal

case, carecap, src, work = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
current = os.path.join(src, "rules/england/figure-2-current.rules")
reform = os.path.join(src, "rules/england/figure-2-reform.rules")
figure_2 = ["--rules", current, "--rules", reform, "--income", "239", "--fees", "683", "--start", "2023-10-02"]


def run(*args):
    return subprocess.run([carecap, "sweep", *args], capture_output=True, text=True)


def fail(message):
    print("FAIL " + case + ": " + message, file=sys.stderr)
    sys.exit(1)


def curves(path):
    """{rule file: {capital: share lost in %}} from the CSV."""
    out = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out.setdefault(row["rules"], {})[Decimal(row["capital"])] = Decimal(row["share_lost_percent"])
    return out


if case == "figure_2":
    out_csv, out_svg = os.path.join(work, "figure-2.csv"), os.path.join(work, "figure-2.svg")
    p = run(*figure_2, "--vary", "capital", "--from", "0", "--to", "500000", "--step", "5000",
            "--csv", out_csv, "--svg", out_svg)
    if p.returncode != 0:
        fail("status %d: %s" % (p.returncode, p.stderr))
    c = curves(out_csv)
    cur, ref = c[current], c[reform]
    if len(cur) != 101 or len(ref) != 101:
        fail("expected 101 cases a curve (0 to 500,000 by 5,000)")
    # The current system's curve peaks for modest wealth: between £80,000 and £160,000.
    peak = max(cur, key=lambda k: (cur[k], -k))
    if not Decimal(80000) <= peak <= Decimal(160000):
        fail("the current system peaks at %s" % peak)
    # docs/figure-2.md: at £145,000 the current system loses 260 x £468.90 = £121,914, 121,914 / 145,000 = 84.08%;
    # the reform about £82,540, 56.9% ("around 57%"), here to half a point.
    at = Decimal(145000)
    if cur[at] != Decimal("84.08"):
        fail("current system at £145,000: %s%%" % cur[at])
    if not Decimal("56.5") < ref[at] < Decimal("57.5"):
        fail("reform at £145,000: %s%%" % ref[at])
    # The reform's curve is lower: never above the current system's.
    above = [k for k in cur if ref[k] > cur[k]]
    if above:
        fail("the reform is above the current system at %s" % above[:3])
    # The chart: an accessible image with both rule sets in the legend, £ and % ticks.
    svg = ET.parse(out_svg).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    if svg.get("role") != "img" or svg.find(ns + "title") is None or svg.find(ns + "desc") is None:
        fail("the SVG is not an accessible image (role, title, desc)")
    texts = [t.text or "" for t in svg.iter(ns + "text")]
    for needed in ["£100,000", "£500,000", "0%", "100%"]:
        if needed not in texts:
            fail("no tick labelled %s" % needed)
    legend = " ".join(texts)
    for name in ["england.current_in_2021_22_prices", "england.reform_in_2021_22_prices"]:
        if name not in legend:
            fail("the legend does not name " + name)
    if len(list(svg.iter(ns + "polyline"))) != 2:
        fail("expected one line per rule set")

elif case == "jobs_deterministic":
    # However many cases run at once, the output is the same, byte for byte.
    outputs = []
    for jobs in ("1", "2"):
        path = os.path.join(work, "jobs-%s.csv" % jobs)
        p = run("--rules", current, "--rules", reform, "--income", "239", "--start", "2023-10-02",
                "--vary", "fees", "--capital", "145000", "--from", "500", "--to", "900", "--step", "100",
                "--jobs", jobs, "--csv", path, "--svg", path + ".svg")
        if p.returncode != 0:
            fail("status %d: %s" % (p.returncode, p.stderr))
        outputs.append((open(path, "rb").read(), open(path + ".svg", "rb").read()))
    if outputs[0] != outputs[1]:
        fail("--jobs 1 and --jobs 2 differ")

elif case == "usage":
    base = ["--rules", current, "--income", "239", "--fees", "683", "--vary", "capital", "--from", "0"]
    for args, message in [
        (["--to", "1000", "--step", "0"], "--step must be more than 0"),
        (["--to", "1000", "--step", "-5"], "--step must be more than 0"),
        (["--to", "-10", "--step", "5"], "is beyond --to"),
        (["--to", "500000", "--step", "1"], "at most 2000 are allowed"),
        (["--to", "1000", "--step", "ten"], "--step must be a number"),
    ]:
        p = run(*base, *args)
        if p.returncode != 2 or message not in p.stderr:
            fail("%s: status %d, %s" % (args, p.returncode, p.stderr))
    p = run("--rules", current, "--income", "239", "--vary", "capital", "--from", "0", "--to", "10", "--step", "5")
    if p.returncode != 2 or "--fees is needed" not in p.stderr:
        fail("no --fees: status %d, %s" % (p.returncode, p.stderr))
    # The figure that varies is not also given a fixed value: that would be silently ignored.
    p = run(*base, "--to", "10", "--step", "5", "--capital", "145000")
    if p.returncode != 2 or "--capital is not used" not in p.stderr:
        fail("--capital while capital varies: status %d, %s" % (p.returncode, p.stderr))
    p = run("--rules", current, "--income", "239", "--fees", "683", "--vary", "height", "--from", "0", "--to", "10",
            "--step", "5")
    if p.returncode != 2 or "--vary must be capital, income, fees or weeks" not in p.stderr:
        fail("--vary height: status %d, %s" % (p.returncode, p.stderr))
    # A rule set without a projection is the rules' fault: status 1, saying so.
    p = run("--rules", os.path.join(src, "rules/minimal/cap.rules"), "--income", "239", "--fees", "683",
            "--vary", "capital", "--from", "0", "--to", "10", "--step", "5")
    if p.returncode != 1 or "declares no projection" not in p.stderr:
        fail("no projection: status %d, %s" % (p.returncode, p.stderr))

else:
    fail("unknown case")
