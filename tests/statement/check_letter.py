#!/usr/bin/env python3
"""check_letter.py DOM WIDTH RULES...: the statement page read as a letter, as headless Chromium laid it out.

DOM is Chromium's --dump-dom of the page with measure.js added: the script wrote what it measured at
the window's width into <pre id="layout-report"> as JSON. Checked:
- the person's view (the body) holds no rule identifier: no name declared in RULES that has `_` in it,
  no rule set name, no fingerprint; the rules and their hash are in <meta> tags instead;
- the letter names the person, their reference, the authority with its contact, and how to query it;
- a refused adjustment gives the rule file's plain reason, not the rule;
- nothing is wider than the window, and no column of the items table is narrower than 8 characters;
- the chart's amounts are round (equal steps of 1, 2 or 5 times a power of ten) and its time axis has dates.
"""
import json
import re
import sys
from html.parser import HTMLParser


class Text(HTMLParser):
    """The text a person sees in the body, and the <meta> tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_body = self.skip = 0
        self.body, self.meta, self.report = [], {}, ""
        self.in_report = False
        self.tick = None
        self.ticks = {"amount-tick": [], "date-tick": []}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and "name" in a:
            self.meta[a["name"]] = a.get("content", "")
        if tag == "body":
            self.in_body = 1
        if tag in ("script", "style"):
            self.skip += 1
        if a.get("id") == "layout-report":
            self.in_report = True
        if tag == "text":
            self.tick = next((k for k in self.ticks if k in (a.get("class") or "").split()), None)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if tag == "pre":
            self.in_report = False
        if tag == "text":
            self.tick = None

    def handle_data(self, data):
        if self.tick:
            self.ticks[self.tick].append(data.strip())
        if self.in_report:
            self.report += data
        elif self.in_body and not self.skip:
            self.body.append(data)


def identifiers(rule_files):
    names = set()
    for path in rule_files:
        text = open(path, encoding="utf-8").read()
        names.update(n for n in re.findall(r"^(?:input|parameter|definition|meter|enum)\s+(\w+)", text, re.M) if "_" in n)
        names.update(re.findall(r"^rules\s+([\w.]+)", text, re.M))
    return names


def chart_axes(ticks):
    """Round amounts up the side, in equal steps of 1, 2 or 5 times a power of ten; months along the bottom."""
    failures = []
    amounts = [int(t.replace("£", "").replace(",", "")) for t in ticks["amount-tick"]]
    steps = {b - a for a, b in zip(amounts, amounts[1:])}
    if len(amounts) < 3 or len(steps) != 1:
        failures.append(f"the chart's amounts are not in equal steps: {ticks['amount-tick']}")
    elif not re.fullmatch(r"[125]0*", str(steps.pop())):
        failures.append(f"the chart's amounts are not round: {ticks['amount-tick']}")
    month = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}|\d{4}"
    if len(ticks["date-tick"]) < 2 or not all(re.fullmatch(month, t) for t in ticks["date-tick"]):
        failures.append(f"the chart's time axis has no dates: {ticks['date-tick']}")
    return failures


def main():
    dom, width, rule_files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    page = Text()
    page.feed(open(dom, encoding="utf-8").read())
    body = " ".join(" ".join(page.body).split())
    failures = []

    shown = sorted(n for n in identifiers(rule_files) if re.search(r"(?<![\w.])" + re.escape(n) + r"(?![\w])", body))
    if shown:
        failures.append(f"rule identifiers in the person's view: {shown}")
    for jargon in ("sha256", "fingerprint", "accepts adjustments", ">="):
        if jargon in body:
            failures.append(f"`{jargon}` in the person's view")
    if not page.meta.get("carecap-rules-hash", "").startswith("sha256:"):
        failures.append(f"no rules hash in a meta tag: {page.meta}")
    if "england.reform" not in page.meta.get("carecap-rules", ""):
        failures.append(f"no rules name in a meta tag: {page.meta}")

    # The letter's parts, from the history the test wrote (page_test.sh, case letter).
    for words in ("Mrs Ada Example", "AT-2023-0042", "Anytown Borough Council", "01234 567890",
                  "Questions about this statement", "changes of less than 6 weeks are not counted"):
        if words not in body:
            failures.append(f"the letter does not say {words!r}")

    failures += chart_axes(page.ticks)

    report = json.loads(page.report)
    if report["viewport"] != width:
        failures.append(f"laid out at {report['viewport']} px, not {width}")
    if report["scroll_width"] > report["viewport"]:
        failures.append(f"the page is {report['scroll_width']} px wide in a {report['viewport']} px window")
    for cell in report["cells"]:
        if cell["chars"] < 8:
            failures.append(f"a column {cell['chars']:.1f} characters wide: {cell['text']!r}")
    if not report["cells"]:
        failures.append("no cells of the items table measured")

    for f in failures:
        print("FAIL:", f)
    if failures:
        sys.exit(1)
    narrowest = min(c["chars"] for c in report["cells"])
    print(f"letter at {width} px: no rule identifier shown, narrowest column {narrowest:.1f} characters")


main()
