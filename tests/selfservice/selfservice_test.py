#!/usr/bin/env python3
"""The online financial assessment of `carecap serve --self-service` (docs/self-service.md), driven over
HTTP exactly as a browser with JavaScript off drives it: each page's form is read, its fields sent back as
the browser would send them (hidden fields, the values shown, the radio buttons ticked, the option chosen),
with the person's answers typed in and the button pressed.

    selfservice_test.py CASE CARECAP SOURCE_DIR

CASE is one of
  journeys  the five people of docs/self-service.md: the contribution shown equals the figure worked by hand
            there, and equals `carecap explain --figure assessed_charge` on the answers downloaded; the
            downloaded answers re-open the form on the check page.
  hostile   a negative amount, 10^40, a date in 1700, markup, an answer of 100 KB, a body of 10 MB, a
            broken form: an error beside the question (or a refusal), never a crash or an unescaped echo.
  labels    every input of every page has a label; every error is beside its question and in the summary.
Only the standard library is used.
"""
import html.parser
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request

from serving import start_server

CASE, CARECAP, ROOT = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
RULES = os.path.join(ROOT, "rules/england/current.rules")
REGISTRY = os.path.join(ROOT, "rules/authorities.json")
AUTHORITY = "Birmingham"  # in the registry, under the national rules: england.current

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what, flush=True)
    return condition


class Server:
    """`carecap serve --port 0 --self-service ...`; the port is read from the line it prints."""

    def __init__(self):
        self.proc, self.port = start_server([CARECAP, "serve", "--port", "0", "--rules", RULES, "--registry", REGISTRY,
                                             "--self-service", AUTHORITY])
        self.base = "http://127.0.0.1:%d" % self.port

    def request(self, method, path, body=None):
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
        req = urllib.request.Request(self.base + path, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return r.status, r.headers, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read().decode()

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return None


class Page(html.parser.HTMLParser):
    """The forms of a page as a browser holds them: each form's action and fields with their current
    values, its buttons, the labels' targets, the ids, the errors beside questions, the summary's links."""

    def __init__(self, text):
        super().__init__()
        self.forms, self.labels, self.ids, self.inputs = [], set(), set(), []
        self.errors, self.summary_links, self._select, self._in_error, self._in_summary = {}, [], None, None, False
        self.contribution, self._in_contribution = None, False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "form":
            self.forms.append({"action": a.get("action"), "fields": [], "buttons": [], "radios": {}})
        form = self.forms[-1] if self.forms else None
        if tag == "label" and "for" in a:
            self.labels.add(a["for"])
        if tag == "input" and form is not None:
            kind = a.get("type", "text")
            if kind != "hidden":
                self.inputs.append(a)
            if kind in ("radio", "checkbox"):
                if "checked" in a:
                    form["fields"].append([a["name"], a.get("value", "on")])
            else:
                form["fields"].append([a["name"], a.get("value", "")])
        if tag == "select" and form is not None:
            self.inputs.append(a)
            self._select = [a["name"], None]
            form["fields"].append(self._select)
        if tag == "option" and self._select is not None and (self._select[1] is None or "selected" in a):
            self._select[1] = a.get("value")
        if tag == "textarea":
            self.inputs.append(a)
        if tag == "button" and form is not None:
            form["buttons"].append((a.get("name"), a.get("value")))
        if tag == "p" and a.get("class") == "error" and "id" in a:
            self._in_error = a["id"][: -len("-error")]
            self.errors[self._in_error] = ""
        if tag == "div" and a.get("class") == "summary":
            self._in_summary = True
        if tag == "a" and self._in_summary:
            self.summary_links.append(a.get("href"))
        if tag == "p" and a.get("id") == "contribution":
            self._in_contribution, self.contribution = True, ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "p":
            self._in_error, self._in_contribution = None, False
        if tag == "div":
            self._in_summary = False

    def handle_data(self, data):
        if self._in_error:
            self.errors[self._in_error] += data
        if self._in_contribution:
            self.contribution += data

    def form(self, action="/self-service", button=None):
        for f in self.forms:
            if f["action"] == action and (button is None or button in f["buttons"]):
                return f
        raise AssertionError("no form %s with button %s" % (action, button))


def submit(server, page, answers, go, action="/self-service"):
    """Sends the form holding the button go=VALUE as a browser would, with `answers` typed in: a radio or
    a select replaces what was chosen, a tick box is ticked, a text input is filled."""
    form = page.form(action, ("go", go))
    fields = [[name, value] for name, value in form["fields"] if name is not None]
    for name, value in answers.items():
        present = [f for f in fields if f[0] == name]
        if present:
            present[0][1] = value
        else:
            fields.append([name, value])
    fields.append(["go", go])
    body = urllib.parse.urlencode([(n, v if v is not None else "") for n, v in fields]).encode()
    status, headers, text = server.request("POST", action, body)
    return status, headers, text


def date(prefix, iso):
    y, m, d = iso.split("-")
    return {prefix + "_day": str(int(d)), prefix + "_month": str(int(m)), prefix + "_year": y}


# The five people of docs/self-service.md (people.json): each step's answers, the contribution worked by hand.
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "people.json"), encoding="utf-8") as f:
    PEOPLE = [(p["who"], p["contribution"], p["steps"]) for p in json.load(f)["people"]]


def explain_charge(history_text):
    """The assessed charge `carecap explain` works out for a history, as it shows it."""
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "answers.json")
        with open(path, "w") as f:
            f.write(history_text)
        done = subprocess.run([CARECAP, "explain", "--format", "json", "--figure", "assessed_charge", "--rules", RULES,
                               "--registry", REGISTRY, path], capture_output=True, text=True)
    if not check(done.returncode == 0, "carecap explain on the downloaded answers: %s" % done.stderr):
        return None
    figures = json.loads(done.stdout)["stretches"][-1]["figures"]
    node = next(f for f in figures if f.get("name") == "assessed_charge")
    return node["value"].replace(" per week", "")


def journey(server, who, expected, steps):
    status, _, text = server.request("GET", "/self-service")
    check(status == 200, "%s: the start page" % who)
    status, _, text = submit(server, Page(text), {}, "next")
    for number, answers in enumerate(steps):
        page = Page(text)
        check(not page.errors, "%s: step %d shows no error yet: %s" % (who, number + 1, page.errors))
        status, _, text = submit(server, page, answers, "next")
        check(status == 200, "%s: step %d answered" % (who, number + 1))
    page = Page(text)
    check("Check your answers" in text and not page.errors, "%s: the check page, no errors: %s" % (who, page.errors))
    status, _, text = submit(server, page, {}, "result")
    result = Page(text)
    shown = (result.contribution or "").replace(" a week", "")
    check(shown == expected, "%s: the contribution shown is %r, worked by hand %s" % (who, shown, expected))
    status, headers, answers_json = submit(server, result, {}, "download", action="/self-service/answers.json")
    check(status == 200 and headers.get("Content-Type") == "application/json", "%s: the answers download" % who)
    check("attachment" in headers.get("Content-Disposition", ""), "%s: the answers come as a file" % who)
    check(explain_charge(answers_json) == expected, "%s: carecap explain on the downloaded answers gives %s" %
          (who, expected))
    start = Page(server.request("GET", "/self-service")[2])
    status, _, text = submit(server, start, {"answers_json": answers_json}, "reopen")
    check("Check your answers" in text and not Page(text).errors, "%s: the downloaded answers re-open the form" % who)
    status, _, text = submit(server, Page(text), {}, "result")
    check(Page(text).contribution == expected + " a week", "%s: re-opened, the same contribution" % who)
    return answers_json


def run_journeys(server):
    for who, expected, steps in PEOPLE:
        answers = journey(server, who, expected, steps)
        if who.startswith("care home"):
            # 400 a month: 400 x 12 / 52 = 92.307..., to the nearest penny £92.31 (docs/self-service.md)
            history = json.loads(answers)
            income = history["financial_assessments"][0]["income"]
            check({"kind": "occupational_pension", "weekly": "92.31"} in income, "a month is x 12 / 52: %s" % income)


def step_with(server, step_index, answers):
    """The page a person gets after answering step `step_index` (0: care) with `answers`, every step
    before it answered as the first person did."""
    _, _, text = server.request("GET", "/self-service")
    _, _, text = submit(server, Page(text), {}, "next")
    for number in range(step_index):
        _, _, text = submit(server, Page(text), PEOPLE[0][2][number], "next")
    return submit(server, Page(text), answers, "next")


def hostile_case(server, step_index, answers, question, message):
    status, _, text = step_with(server, step_index, answers)
    page = Page(text)
    check(status == 200, "%s: answered with a page, status %s" % (question, status))
    check(message in page.errors.get(question, ""), "%s: the error %r beside it, found %r" %
          (question, message, page.errors))
    check(any(link.startswith("#" + question) for link in page.summary_links), "%s: in the summary" % question)
    check("<script" not in text and "<b>" not in text, "%s: no markup echoed" % question)
    return text


def run_hostile(server):
    care = dict(PEOPLE[0][2][0])
    hostile_case(server, 2, {"capital": "-5"}, "capital", "£0 or more")
    hostile_case(server, 2, {"capital": "1" + "0" * 24}, "capital", "£1,000,000,000 or less")
    hostile_case(server, 2, {"capital": "1" + "0" * 40}, "capital", "at most 40 characters")
    hostile_case(server, 2, {"capital": "1e40"}, "capital", "pounds and pence")
    hostile_case(server, 1, {**date("birth", "1700-01-01"), "partner": "no"}, "birth", "after 1 January 1900")
    hostile_case(server, 0, {**care, **date("care_start", "1700-06-02")}, "care_start", "from 1 April 2015")
    hostile_case(server, 0, {**care, "care_start_day": "30", "care_start_month": "2"}, "care_start", "does not exist")
    text = hostile_case(server, 0, {**care, "cost": "<script>x</script>"}, "cost", "pounds and pence")
    check("&lt;script&gt;x&lt;/script&gt;" in text, "markup in an answer is shown escaped")
    text = hostile_case(server, 0, {**care, "setting": "<b>x</b>"}, "setting", "Choose one")
    big = hostile_case(server, 0, {**care, "cost": "9" * 100_000}, "cost", "at most 40 characters")
    check(len(big) < 50_000, "an answer of 100 KB is not echoed (page of %d bytes)" % len(big))
    # 10 MB: over the body limit of the API (128 KiB), refused before it is read; the server carries on.
    # The server may answer 413 and close while the client is still sending: a broken pipe is that refusal.
    try:
        status = server.request("POST", "/self-service", b"cost=" + b"9" * (10 << 20))[0]
    except (urllib.error.URLError, ConnectionError):
        status = 413
    check(status == 413, "a body of 10 MB is refused with 413, found %s" % status)
    # The refusal is a page a person can read (what the limits are), not the API's JSON; the API's stays JSON.
    # Only the head is sent, announcing 10 MB: the server answers from Content-Length alone.
    for path, kind, words in (("/self-service", "text/html", "too long to send"),
                              ("/v1/evaluate", "application/json", "--max-body")):
        with socket.create_connection(("127.0.0.1", server.port), timeout=30) as s:
            s.sendall(("POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                       "Content-Length: %d\r\n\r\n" % (path, 10 << 20)).encode())
            answer = b""
            while chunk := s.recv(65536):
                answer += chunk
        head, _, text = answer.decode().partition("\r\n\r\n")
        check(head.startswith("HTTP/1.1 413") and "Content-Type: " + kind in head and words in text,
              "10 MB to %s: 413 as %s saying %r: %r" % (path, kind, words, answer[:300]))
    status, _, text = server.request("POST", "/self-service", b"step=care&go=next&cost=1&cost=2")
    check(status == 400 and "twice" in text, "a field sent twice is a clear error")
    status, _, text = server.request("POST", "/self-service", b"step=care&go=next&cost=%zz")
    check(status == 400 and "%zz" not in text, "broken encoding is a clear error")
    pasted = json.dumps({"carecap_history": 1, "care_periods": [{"start": "2025-06-02", "setting": "home",
                         "weekly_cost": "<img src=x>"}], "financial_assessments": [{"capital": "5"}]})
    start = Page(server.request("GET", "/self-service")[2])
    status, _, text = submit(server, start, {"answers_json": pasted}, "reopen")
    check(status == 200 and "<img" not in text and "&lt;img src=x&gt;" in text, "pasted markup is escaped")
    status, _, text = submit(server, start, {"answers_json": "not json <i>"}, "reopen")
    check("answers_json" in Page(text).errors and "<i>" not in text, "pasted junk: an error beside the box")
    check(server.request("GET", "/healthz")[0] == 200, "the server still answers after all that")


def run_labels(server):
    pages = []
    _, _, text = server.request("GET", "/self-service")
    pages.append(text)
    _, _, text = submit(server, Page(text), {}, "next")
    for number, answers in enumerate(PEOPLE[1][2]):
        _, _, wrong = submit(server, Page(text), {k: "x" for k in answers if not k.endswith("_every")}, "next")
        pages.append(wrong)
        pages.append(text)
        _, _, text = submit(server, Page(text), answers, "next")
    pages.append(text)
    _, _, text = submit(server, Page(text), {}, "result")
    pages.append(text)
    for text in pages:
        page = Page(text)
        for a in page.inputs:
            check(a.get("id") in page.labels, "input %s has a label" % a.get("id"))
        for question in page.errors:
            check(any(link.startswith("#" + question) for link in page.summary_links), "%s in the summary" % question)
        check(not page.errors or "<title>Error: " in text, "a page with errors says so in its title")
        check("<script" not in text, "no script on any page")
        check('<html lang="en">' in text, "the page's language is given")


def main():
    server = Server()
    try:
        {"journeys": run_journeys, "hostile": run_hostile, "labels": run_labels}[CASE](server)
    finally:
        check(server.stop() == 0, "the server stops cleanly on SIGTERM")
    if failures:
        print("%d failures" % len(failures))
        sys.exit(1)
    print("ok")


main()
