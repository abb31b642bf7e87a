#!/usr/bin/env python3
"""check_dom.py [--hostile] DOM: checks the statement page as headless Chromium built it (--dump-dom).

Without --hostile: the page of statements.json on 2025-04-02 (figures worked out in page_test.sh).
With --hostile: a page whose history has markup in its words: it must stay text.
"""
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children, self.text = tag, dict(attrs), parent, [], ""

    def all(self):
        yield self
        for c in self.children:
            yield from c.all()


class Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", [], None)
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        e = Element(tag, attrs, self.open[-1])
        self.open[-1].children.append(e)
        if tag not in VOID:
            self.open.append(e)

    def handle_startendtag(self, tag, attrs):
        self.open[-1].children.append(Element(tag, attrs, self.open[-1]))

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, 0, -1):
            if self.open[i].tag == tag:
                del self.open[i:]
                return

    def handle_data(self, data):
        for e in self.open:
            e.text += data


failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def main():
    hostile = sys.argv[1] == "--hostile"
    tree = Tree()
    tree.feed(open(sys.argv[-1], encoding="utf-8").read())
    elements = list(tree.root.all())
    by_id = {e.attrs["id"]: e for e in elements if "id" in e.attrs}
    tags = [e.tag for e in elements]

    def text(id_):
        return " ".join(by_id[id_].text.split()) if id_ in by_id else ""

    # Self-contained: nothing is fetched, nothing runs.
    for tag in ("script", "link", "img", "iframe", "object", "embed", "video", "audio"):
        check(tag not in tags, f"a <{tag}> element is on the page")
    for e in elements:
        for name, value in e.attrs.items():
            if name != "xmlns" and value and ("http:" in value or "https:" in value or "url(" in value):
                check(False, f"<{e.tag} {name}> refers outside the page: {value}")
    style = " ".join(e.text for e in elements if e.tag == "style")
    check("url(" not in style and "@import" not in style and "@font-face" not in style, "the CSS fetches something")

    if hostile:
        check(text("authority") == "<img src=x onerror=alert(1)> & <b>Co</b>", f"authority shown as {text('authority')!r}")
        check(text("person") == "<script>alert(2)</script>", f"person shown as {text('person')!r}")
        check("b" not in tags, "markup from the history became a <b> element")
    else:
        html = [e for e in elements if e.tag == "html"]
        check(html and html[0].attrs.get("lang") == "en-GB", "no lang on <html>")
        check(tags.count("h1") == 1 and "h2" in tags, "headings: one h1 and h2s")
        table = by_id.get("statement-items")
        check(table is not None and table.tag == "table", "no table#statement-items")
        if table is not None:
            inside = list(table.all())
            check(any(e.tag == "caption" and e.text.strip() for e in inside), "the table has no caption")
            check(sum(1 for e in inside if e.tag == "th" and e.attrs.get("scope") == "col") == 3, "three column headers")
            rows = [e for e in inside if e.tag == "tr" and "data-item" in e.attrs]
            check([r.attrs["data-item"] for r in rows] == [str(n) for n in range(1, 8)], "the seven items, in order")
            for r in rows:
                check(any(c.tag == "th" and c.attrs.get("scope") == "row" for c in r.children), f"row {r.attrs.get('id')} has no row header")
        # The seven items of 004, 3.7 and their figures (page_test.sh works them out).
        expected = {
            "item-cap-level": "£86,000.00",
            "item-total-cost": "£1,000.00 a week",
            "item-rate-of-progress": "£800.00 a week",
            "item-daily-living-costs": "£200.00 a week",
            "item-accrued-costs": "£62,742.86",
            "item-adjustments": "None",
            "item-expected-date": "23 October 2025",
        }
        for id_, figure in expected.items():
            check(id_ in by_id, f"no #{id_}")
            check(figure in text(id_), f"#{id_} does not show {figure}: {text(id_)!r}")
        check("subject to verification" in text("statement-caveat"), "no caveat for an independent personal budget")
        check(text("statement-date") == "2 April 2025", f"statement date {text('statement-date')!r}")
        # The chart: an image with a text alternative, the accrued line, the cap and the two dates.
        svg = by_id.get("progress-chart")
        check(svg is not None and svg.tag == "svg", "no svg#progress-chart")
        if svg is not None:
            check(svg.attrs.get("role") == "img", "the chart has no role=img")
            check(set((svg.attrs.get("aria-labelledby") or "").split()) == {"chart-title", "chart-desc"}, "aria-labelledby")
        check(by_id.get("chart-title") is not None and by_id["chart-title"].tag == "title", "no <title> in the chart")
        check("£62,742.86" in text("chart-desc") and "23 October 2025" in text("chart-desc"), "the chart's description")
        for id_, tag in (("accrued-line", "polyline"), ("cap-line", "polyline"), ("expected-line", "line"),
                         ("marker-statement-date", "g"), ("marker-expected-date", "g")):
            check(id_ in by_id and by_id[id_].tag == tag, f"no {tag}#{id_} in the chart")
        points = (by_id.get("accrued-line").attrs.get("points") or "").split() if "accrued-line" in by_id else []
        check(len(points) >= 2, "the accrued line has fewer than two points")

    for f in failures:
        print("FAIL:", f)
    print(f"{len(failures)} problems in {sys.argv[-1]}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
