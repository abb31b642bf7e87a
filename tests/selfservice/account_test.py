#!/usr/bin/env python3
"""The care account view of `carecap serve --self-service` (docs/care-account-view.md), over HTTP.

    account_test.py CARECAP SOURCE_DIR

examples/england/reaching-the-cap.json is sent to POST /v1/account and to the form at /self-service/account
(a file chosen, and text pasted); each page's entries, running totals, the council's spending and the
statement's items are checked against the figures worked by hand in docs/care-account-view.md. Bad histories
give their located errors on the form, escaped, and a JSON error on the API; wrong requests are refused;
without --self-service neither address exists. Only the standard library is used.
"""
import html.parser
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

from serving import start_server

CARECAP, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
HISTORY = os.path.join(ROOT, "examples/england/reaching-the-cap.json")
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what, flush=True)
    return condition


class Server:
    def __init__(self, self_service=True):
        args = [CARECAP, "serve", "--port", "0", "--rules", os.path.join(ROOT, "rules/england/current.rules"),
                "--rules", "reform=" + os.path.join(ROOT, "rules/england/reform.rules"),
                "--registry", os.path.join(ROOT, "rules/authorities.json")]
        if self_service:
            args += ["--self-service", "Birmingham"]
        self.proc, self.port = start_server(args)

    def request(self, method, path, body=None, content_type=None):
        headers = {"Content-Type": content_type} if content_type else {}
        req = urllib.request.Request("http://127.0.0.1:%d%s" % (self.port, path), data=body, method=method,
                                     headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return r.status, r.headers, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read().decode()

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


VOID = {"br", "meta", "input", "img", "hr", "link", "col", "area", "base", "source", "wbr"}


class Page(html.parser.HTMLParser):
    """The rows of every table (each cell's text), the text of elements by id, the title, the visible text."""

    def __init__(self, text):
        super().__init__()
        self.tables, self.by_id, self.title, self.text = {}, {}, "", []
        self._table, self._row, self._cell, self._ids, self._in_title, self._skip = None, None, None, [], False, 0
        self.captions = set()
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("style", "script"):
            self._skip += 1
        if tag == "table":
            self._table = a.get("id", "table%d" % len(self.tables))
            self.tables[self._table] = []
        if tag == "caption" and self._table:
            self.captions.add(self._table)
        if tag == "tr" and self._table:
            self._row = []
            self.tables[self._table].append(self._row)
        if tag in ("td", "th") and self._row is not None:
            self._cell = []
            self._row.append(self._cell)
        if tag == "title":
            self._in_title = True
        if tag == "br" and self._cell is not None:
            self._cell.append(" ")
        if tag in VOID:
            return
        self._ids.append(a.get("id"))
        if a.get("id"):
            self.by_id.setdefault(a["id"], [])

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if tag in ("style", "script"):
            self._skip -= 1
        if tag == "table":
            self._table = None
        if tag == "tr":
            self._row = None
        if tag in ("td", "th"):
            self._cell = None
        if tag == "title":
            self._in_title = False
        if self._ids:
            self._ids.pop()

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._in_title:
            self.title += data
        if self._cell is not None:
            self._cell.append(data)
        for i in self._ids:
            if i:
                self.by_id[i].append(data)

    def cells(self, table):
        return [[" ".join("".join(c).split()) for c in row] for row in self.tables.get(table, [])]

    def of(self, element_id):
        return " ".join("".join(self.by_id.get(element_id, [])).split())


# The rows of docs/care-account-view.md, worked by hand there: (dates, what it says, counted, running total,
# council's spending, council's total).
EXPECTED_ROWS = [
    ("2 October 2023 to 31 August 2024 335 days", "Care home, independent personal budget",
     "£86,000.00", "£86,000.00", "£0.00", "£0.00"),
    ("31 August 2024", "You reached the cap of £86,000.00", "£0.00", "£86,000.00", "£0.00", "£0.00"),
    ("1 September 2024 to 29 December 2024 120 days", "The cap has been reached",
     "£0.00", "£86,000.00", "£30,857.14", "£30,857.14"),
]
# The words of the first row's "why": £2,000 - £0 - £200 = £1,800 a week, each figure by its label.
WHY_FIRST = ["£1,800.00 a week", "Weekly cost of meeting eligible needs: £2,000.00 a week",
             "Daily living costs deducted: £200.00 a week", "Services that do not count, a week: £0.00 a week"]
# Rule identifiers that must never reach the person.
IDENTIFIERS = ["metered_rate", "dlc_deduction", "care_account", "authority_spend", "weekly_cost",
               "counts_with_independent_budget", "other_services", "authority_pays"]


def check_account_page(text, how):
    page = Page(text)
    rows = page.cells("account-entries")
    check(len(rows) == 1 + len(EXPECTED_ROWS), "%s: %d entries, expected %d: %s" % (how, len(rows) - 1,
                                                                                   len(EXPECTED_ROWS), rows))
    check(rows and len(rows[0]) == 6, "%s: six column headers" % how)
    for got, want in zip(rows[1:], EXPECTED_ROWS):
        check(got[0] == want[0], "%s: dates %r, expected %r" % (how, got[0], want[0]))
        check(want[1] in got[1], "%s: %r not in %r" % (how, want[1], got[1]))
        check(got[2:] == list(want[2:]), "%s: figures of %s: %r, expected %r" % (how, want[0], got[2:], want[2:]))
    if len(rows) > 1:
        for words in WHY_FIRST:
            check(words in rows[1][1], "%s: the first entry's why lacks %r: %r" % (how, words, rows[1][1]))
    check("entry-1" in page.by_id, "%s: rows carry ids" % how)
    # The statement of 2 April 2024, its items worked by hand.
    check("2 April 2024" in page.of("statement-kind"), "%s: the latest statement is of 2 April 2024" % how)
    items = {row[0].split(". ", 1)[0]: row[1] for row in page.cells("statement-items")[1:]}
    want_items = {"1": "£86,000.00", "2": "£2,000.00 a week", "3": "£1,800.00 a week", "4": "£200.00 a week",
                  "5": "£47,314.29, 55.02% of the cap", "6": "None", "7": "31 August 2024"}
    check(items == want_items, "%s: statement items %r, expected %r" % (how, items, want_items))
    check('<svg' in text and 'role="img"' in text, "%s: the statement's chart is on the page" % how)
    check(set(page.tables) == page.captions, "%s: every table has a caption" % how)
    visible = " ".join(page.text)
    for name in IDENTIFIERS:
        check(name not in visible, "%s: the rule identifier %s is shown" % (how, name))
    check("@media print" in text and "max-width: 40rem" in text, "%s: print and phone styles" % how)
    check("<script" not in text, "%s: no script" % how)
    return rows


# examples/england/adjustments.json, worked by hand in docs/care-account-view.md: the runs of days between the
# two adjustments, the accepted one's change and the refused one's reason.
ADJUSTMENT_ROWS = [
    ("2 October 2023 to 4 February 2024 126 days", "£500.00 a week", "£9,000.00", "£9,000.00"),
    ("5 February 2024", "Adjusted by -£1,200.00: 8 weeks in hospital: no home care", "-£1,200.00", "£7,800.00"),
    ("5 February 2024 to 3 March 2024 28 days", "£500.00 a week", "£2,000.00", "£9,800.00"),
    ("4 March 2024", "Not adjusted by -£450.00 (3 weeks with family: no home care): only a change in care of 6 weeks "
     "or more", "£0.00", "£9,800.00"),
    ("4 March 2024 to 31 March 2024 28 days", "£500.00 a week", "£2,000.00", "£11,800.00"),
]


def run_adjustments(server):
    history = open(os.path.join(ROOT, "examples/england/adjustments.json"), "rb").read()
    status, _, text = server.request("POST", "/v1/account", history, "application/json")
    page = Page(text)
    rows = page.cells("account-entries")[1:]
    check(status == 200 and len(rows) == len(ADJUSTMENT_ROWS), "adjustments: %d entries: %s" % (len(rows), rows))
    for got, (dates, words, counted, total) in zip(rows, ADJUSTMENT_ROWS):
        check(got[0] == dates and words in got[1] and got[2:4] == [counted, total],
              "adjustments: %r, expected %r" % (got, (dates, words, counted, total)))
    check("Worked out for 31 March 2024" in page.of("statement-kind"), "adjustments: a statement on request")
    items = {row[0].split(". ", 1)[0]: row[1] for row in page.cells("statement-items")[1:]}
    check(items.get("5") == "£11,800.00, 13.72% of the cap", "adjustments: accrued %r" % items.get("5"))


def multipart(fields):
    boundary = "----carecapTestBoundary7d1f"
    body = b""
    for name, filename, value in fields:
        disposition = 'form-data; name="%s"' % name + ('; filename="%s"' % filename if filename is not None else "")
        body += ("--%s\r\nContent-Disposition: %s\r\n" % (boundary, disposition)).encode()
        if filename is not None:
            body += b"Content-Type: application/json\r\n"
        body += b"\r\n" + value + b"\r\n"
    body += ("--%s--\r\n" % boundary).encode()
    return body, "multipart/form-data; boundary=" + boundary


def form_errors(server, history_bytes, how):
    body, content_type = multipart([("history_file", "h.json", b""), ("history", None, history_bytes),
                                    ("go", None, b"show")])
    status, headers, text = server.request("POST", "/self-service/account", body, content_type)
    check(status == 200, "%s: the form comes back (%d)" % (how, status))
    page = Page(text)
    check(page.title.startswith("Error:"), "%s: the title begins Error: (%r)" % (how, page.title))
    check('href="#history"' in text, "%s: the summary links to the box" % how)
    check("<script>" not in text and "<b>" not in text, "%s: what was sent is escaped" % how)
    return page.of("history-error")


def run_good(server):
    history = open(HISTORY, "rb").read()
    status, headers, text = server.request("POST", "/v1/account", history, "application/json")
    check(status == 200 and headers.get("Content-Type", "").startswith("text/html"), "/v1/account: %d %s" %
          (status, headers.get("Content-Type")))
    check(headers.get("Cache-Control") == "no-store", "/v1/account: not cached")
    api_rows = check_account_page(text, "/v1/account")
    status, _, form = server.request("GET", "/self-service/account")
    check(status == 200 and 'type="file"' in form and 'for="history"' in form and 'for="history_file"' in form,
          "the form has a labelled file input and text box")
    body, content_type = multipart([("history_file", "reaching-the-cap.json", history), ("history", None, b""),
                                    ("go", None, b"show")])
    status, _, text = server.request("POST", "/self-service/account", body, content_type)
    check(status == 200 and check_account_page(text, "file chosen") == api_rows, "file chosen: as the API's")
    body, content_type = multipart([("history_file", "", b""), ("history", None, history), ("go", None, b"show")])
    status, _, text = server.request("POST", "/self-service/account", body, content_type)
    check(status == 200 and check_account_page(text, "text pasted") == api_rows, "text pasted: as the API's")
    encoded = urllib.parse.urlencode({"history": history.decode()}).encode()
    status, _, text = server.request("POST", "/self-service/account", encoded, "application/x-www-form-urlencoded")
    check(status == 200 and check_account_page(text, "urlencoded") == api_rows, "urlencoded: as the API's")


def run_bad(server):
    hostile = json.dumps({"carecap_history": 1, "person": {"id": "<script>alert(1)</script>"},
                          "care_periods": [{"id": "x", "start": "2023-02-30", "setting": "residential",
                                            "budget": "independent", "weekly_cost": "100.00"}]}).encode()
    errors = form_errors(server, hostile, "a date that does not exist")
    check("care_periods[0].start" in errors, "the error names its JSON path: %r" % errors)
    errors = form_errors(server, b'{"carecap_history": 1, <b>oops</b>', "not JSON")
    check("history" in errors and ("line 1" in errors or "1:" in errors), "a JSON error is located: %r" % errors)
    errors = form_errors(server, b"", "nothing sent")
    check("Choose the file" in errors or "paste" in errors, "nothing sent says what to do: %r" % errors)
    status, headers, text = server.request("POST", "/v1/account", hostile, "application/json")
    body = json.loads(text) if headers.get("Content-Type") == "application/json" else {}
    check(status == 400 and any("care_periods[0].start" in e for e in body.get("error", {}).get("errors", [])),
          "/v1/account: a bad history is a 400 JSON error naming the path (%d %s)" % (status, text[:200]))
    status, headers, _ = server.request("GET", "/v1/account")
    check(status == 405 and headers.get("Allow") == "POST", "/v1/account: GET is 405 (%d)" % status)
    status, _, _ = server.request("POST", "/v1/account?rules=reform", b"{}", "application/json")
    check(status == 400, "/v1/account: a query is 400 (%d)" % status)
    status, _, _ = server.request("POST", "/v1/account", b"", "application/json")
    check(status == 400, "/v1/account: an empty body is 400 (%d)" % status)
    status, headers, text = server.request("POST", "/self-service/account", b"history=" + b"x" * (200 << 10),
                                           "application/x-www-form-urlencoded")
    check(status == 413 and "too long" in text and headers.get("Content-Type", "").startswith("text/html"),
          "a body over --max-body is a 413 page (%d)" % status)


def main():
    server = Server()
    try:
        run_good(server)
        run_adjustments(server)
        run_bad(server)
    finally:
        server.stop()
    plain = Server(self_service=False)
    try:
        for method, path in (("POST", "/v1/account"), ("GET", "/self-service/account")):
            status, _, _ = plain.request(method, path, b"{}" if method == "POST" else None)
            check(status == 404, "without --self-service %s %s is 404 (%d)" % (method, path, status))
    finally:
        plain.stop()
    print("%d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
