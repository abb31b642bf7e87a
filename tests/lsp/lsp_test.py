#!/usr/bin/env python3
"""Drives `carecap lsp` as an editor would, over JSON-RPC on its standard input and output (docs/lsp.md).

    python3 tests/lsp/lsp_test.py CARECAP_PROGRAM

Opens tests/lsp/amending.rules (which amends base.rules beside it) with an error in it, then fixes it, and
asks for hover, definition, completion and formatting, then shuts the server down. Every expected answer is
worked out by hand from the two rule files: lines and characters are 0-based, as the protocol counts them
(line 13 of a file as an editor numbers it is line 12 here). Standard library only; exits 1 on a failure.
"""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
AMENDING = os.path.join(HERE, "amending.rules")
BASE = os.path.join(HERE, "base.rules")
AMENDING_URI = "file://" + AMENDING
BASE_URI = "file://" + BASE


class Client:
    def __init__(self, program):
        self.process = subprocess.Popen([program, "lsp", "--today", "2025-06-01"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.next_id = 0
        self.notifications = []

    def write(self, raw):
        self.process.stdin.write(raw)
        self.process.stdin.flush()

    def send(self, message):
        body = json.dumps(message).encode("utf-8")
        self.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def read(self):
        length = None
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise AssertionError("the server closed its output")
            if line == b"\r\n":
                break
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        assert length is not None, "a message without Content-Length"
        return json.loads(self.process.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.reply(self.next_id)

    def reply(self, wanted_id):
        while True:
            message = self.read()
            if "method" in message:
                self.notifications.append(message)
            else:
                assert message.get("id") == wanted_id, "expected the reply to %r, got %r" % (wanted_id, message)
                return message

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def publications(self, uris):
        """The diagnostics published for each of `uris`, reading until every one has had some."""
        found = {}
        while set(found) != set(uris):
            message = self.notifications.pop(0) if self.notifications else self.read()
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] in uris:
                found[message["params"]["uri"]] = message["params"]["diagnostics"]
        return found

    def diagnostics_for(self, uri):
        """The latest publishDiagnostics for `uri`, reading until one arrives."""
        while True:
            for message in reversed(self.notifications):
                if message["method"] == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri:
                    self.notifications.clear()
                    return message["params"]["diagnostics"]
            self.notifications.append(self.read())


def at(line, character):
    return {"textDocument": {"uri": AMENDING_URI}, "position": {"line": line, "character": character}}


def span(line, start, end):
    return {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}}


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def check_reports_the_same(program, broken, diagnostic):
    """`carecap check` on the same text gives the same message at the same place (1-based there)."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(BASE, tmp)
        path = os.path.join(tmp, "amending.rules")
        with open(path, "w", encoding="utf-8") as f:
            f.write(broken)
        result = subprocess.run([program, "check", path], capture_output=True, text=True)
    first = result.stderr.splitlines()[0]
    start = diagnostic["range"]["start"]
    expected = "%s:%d:%d: error: %s" % (path, start["line"] + 1, start["character"] + 1,
                                        diagnostic["message"].split("\n")[0])
    check(first == expected, "check says %r, the server %r" % (first, expected))


def test_diagnostics(client, program, clean):
    # Line 13 of amending.rules is "  max(cap_level - £10,000, £0)"; misspelt, `cap_levl` starts after the
    # two spaces and "max(" (character 6) and is 8 characters long: characters 6 to 14 of line 12.
    broken = clean.replace("max(cap_level", "max(cap_levl")
    client.notify("textDocument/didOpen", {"textDocument": {"uri": AMENDING_URI, "languageId": "carecap",
                                                            "version": 1, "text": broken}})
    diagnostics = client.diagnostics_for(AMENDING_URI)
    check(len(diagnostics) == 1, "one diagnostic, got %r" % diagnostics)
    d = diagnostics[0]
    check(d["range"] == span(12, 6, 14), "the diagnostic's range: %r" % d["range"])
    check(d["severity"] == 1, "an error")
    check(d["message"] == "unknown name `cap_levl`\nhint: did you mean `cap_level`?", "message: %r" % d["message"])
    check_reports_the_same(program, broken, d)
    # After a `£` the protocol counts UTF-16 code units (one for `£`, two bytes in UTF-8) as check counts
    # characters: "  max(cap_level - £10,000, £0, " is 2 + 4 + 9 + 3 + 7 + 2 + 2 + 2 = 31 of them, so the
    # misspelt name is at characters 31 to 39 (bytes 33 to 41).
    broken = clean.replace("£10,000, £0)", "£10,000, £0, cap_levl)")
    client.notify("textDocument/didChange", {"textDocument": {"uri": AMENDING_URI, "version": 2},
                                             "contentChanges": [{"text": broken}]})
    diagnostics = client.diagnostics_for(AMENDING_URI)
    check([x["range"] for x in diagnostics] == [span(12, 31, 39)], "after a £: %r" % diagnostics)
    check_reports_the_same(program, broken, diagnostics[0])
    # Fixed: no diagnostic left.
    client.notify("textDocument/didChange", {"textDocument": {"uri": AMENDING_URI, "version": 2},
                                             "contentChanges": [{"text": clean}]})
    check(client.diagnostics_for(AMENDING_URI) == [], "the fixed text has no diagnostic")


def hover_text(client, line, character):
    reply = client.request("textDocument/hover", at(line, character))
    check(reply["result"] is not None, "a hover at %d:%d" % (line, character))
    return reply["result"]["contents"]["value"], reply["result"]["range"]


def test_hover(client):
    # `cap_level` in line 13 (characters 6 to 15) is base.rules's (line 14 there). On the day the test
    # fixes, 2025-06-01, its value in force is the one from 2025-04-01, £90,000 (shown to the penny).
    text, where = hover_text(client, 12, 8)
    check(where == span(12, 6, 15), "hover range %r" % where)
    for part in ["parameter cap_level : money", "*the cap on care costs*",
                 "in force on 2025-06-01: £90,000.00, from 2025-04-01",
                 "cite: assumption of the test: an uprated cap from April 2025",
                 "declared in `base.rules`, line 14"]:
        check(part in text, "%r in the hover %r" % (part, text))
    # The amendment's own `daily_living_costs` (line 8): £230 a week, declared here, so no "declared in".
    text, _ = hover_text(client, 7, 12)
    check("in force on 2025-06-01: £230.00 per week, from 2021-04-01" in text, text)
    check("declared in" not in text, text)
    # `home` in line 17, "  when setting = home : metered_rate", characters 17 to 21: a member.
    text, where = hover_text(client, 16, 18)
    check(where == span(16, 17, 21), "hover range %r" % where)
    check("care_setting.home" in text and "a member of `enum care_setting = residential | home`" in text, text)
    # `max` in line 13: a built-in function.
    text, _ = hover_text(client, 12, 3)
    check("max(a, b, ...)" in text and "built-in function" in text, text)
    # A comment has no hover.
    reply = client.request("textDocument/hover", at(0, 5))
    check(reply["result"] is None, "no hover in a comment: %r" % reply)


def test_definition(client):
    def definition(line, character):
        return client.request("textDocument/definition", at(line, character))["result"]

    # `cap_level` (line 13) -> base.rules line 14, "parameter cap_level": characters 10 to 19.
    check(definition(12, 8) == {"uri": BASE_URI, "range": span(13, 10, 19)}, "cap_level's definition")
    # `metered_rate` in line 17 (characters 24 to 36) -> base.rules line 24, "definition metered_rate":
    # characters 11 to 23.
    check(definition(16, 30) == {"uri": BASE_URI, "range": span(23, 11, 23)}, "metered_rate's definition")
    # On the amendment's own declaration of `daily_living_costs` (line 8): the one it restates,
    # base.rules line 20, characters 10 to 28.
    check(definition(7, 15) == {"uri": BASE_URI, "range": span(19, 10, 28)}, "the restated declaration")
    # On `amends test.lsp_base` (line 4): base.rules's name, line 4 there, "rules test.lsp_base",
    # characters 6 to 19.
    check(definition(3, 12) == {"uri": BASE_URI, "range": span(3, 6, 19)}, "the amended file")


def test_completion(client, clean):
    reply = client.request("textDocument/completion", at(12, 6))
    labels = {item["label"] for item in reply["result"]["items"]}
    wanted = {"cap_level", "daily_living_costs", "metered_rate", "room_below_cap", "home_rate", "setting",
              "weekly_cost", "care_account", "care_setting", "residential", "home", "max", "min", "round_up",
              "today"}
    check(wanted <= labels, "completion lacks %r" % (wanted - labels))
    # Half-way through typing `care_setting.` (line 17 ends there; the text does not parse): the
    # enumeration's two members, from the names of the text that last parsed.
    typing = clean.replace("  when setting = home : metered_rate", "  when setting = care_setting.")
    client.notify("textDocument/didChange", {"textDocument": {"uri": AMENDING_URI, "version": 3},
                                             "contentChanges": [{"text": typing}]})
    check(client.diagnostics_for(AMENDING_URI) != [], "the half-typed text has an error")
    reply = client.request("textDocument/completion", at(16, 30))
    labels = [item["label"] for item in reply["result"]["items"]]
    check(labels == ["residential", "home"], "members after `care_setting.`: %r" % labels)


def test_formatting(client, clean):
    # amending.rules is laid out as `carecap fmt` lays it out (cli_fmt_check checks the rule files; this
    # test checks it below): spaces doubled and a citation's indent changed are put back.
    messy = clean.replace("parameter daily_living_costs :", "parameter  daily_living_costs  :") \
                 .replace("    cite \"2015", "  cite \"2015")
    check(messy != clean, "the messy text differs")
    client.notify("textDocument/didChange", {"textDocument": {"uri": AMENDING_URI, "version": 4},
                                             "contentChanges": [{"text": messy}]})
    client.diagnostics_for(AMENDING_URI)
    reply = client.request("textDocument/formatting", {"textDocument": {"uri": AMENDING_URI},
                                                       "options": {"tabSize": 2, "insertSpaces": True}})
    # One edit: the whole text (19 lines and a final line break: the end is line 19, character 0).
    edits = reply["result"]
    check(len(edits) == 1, "one edit: %r" % edits)
    check(edits[0]["range"] == {"start": {"line": 0, "character": 0}, "end": {"line": 19, "character": 0}},
          "the whole text: %r" % edits[0]["range"])
    check(edits[0]["newText"] == clean, "formatted as carecap fmt lays it out")
    # A text that does not parse is not formatted: an error.
    client.notify("textDocument/didChange", {"textDocument": {"uri": AMENDING_URI, "version": 5},
                                             "contentChanges": [{"text": clean + "definition (\n"}]})
    client.diagnostics_for(AMENDING_URI)
    reply = client.request("textDocument/formatting", {"textDocument": {"uri": AMENDING_URI}, "options": {}})
    check(reply.get("error", {}).get("code") == -32803 and "not formatted" in reply["error"]["message"], reply)


def test_error_in_amended_file(client):
    """An error in the file amended is published for that file, and cleared when the amendment closes."""
    with tempfile.TemporaryDirectory() as tmp:
        # Line 31 of base.rules is "  ceiling = cap_level": misspelt `cap_levle` after "  ceiling = ", at
        # characters 12 to 21 of line 30.
        with open(BASE, encoding="utf-8") as f:
            base = f.read().replace("  ceiling = cap_level", "  ceiling = cap_levle")
        base_path, amending_path = os.path.join(tmp, "base.rules"), os.path.join(tmp, "amending.rules")
        with open(base_path, "w", encoding="utf-8") as f:
            f.write(base)
        shutil.copy(AMENDING, amending_path)
        base_uri, amending_uri = "file://" + base_path, "file://" + amending_path
        with open(amending_path, encoding="utf-8") as f:
            client.notify("textDocument/didOpen", {"textDocument": {"uri": amending_uri, "languageId": "carecap",
                                                                    "version": 1, "text": f.read()}})
        published = client.publications({amending_uri, base_uri})
        check(published[amending_uri] == [], "the amendment itself has no error: %r" % published[amending_uri])
        check(len(published[base_uri]) == 1, "one error in the file amended: %r" % published[base_uri])
        d = published[base_uri][0]
        check(d["range"] == span(30, 12, 21), "its range: %r" % d["range"])
        check(d["message"] == "unknown name `cap_levle`\nhint: did you mean `cap_level`?", d["message"])
        client.notify("textDocument/didClose", {"textDocument": {"uri": amending_uri}})
        published = client.publications({amending_uri, base_uri})
        check(published == {amending_uri: [], base_uri: []}, "closed: both cleared: %r" % published)


def test_robustness(client):
    # A body that is not JSON: a parse error, with a null id.
    client.write(b"Content-Length: 9\r\n\r\n{not json")
    reply = client.read()
    check(reply["id"] is None and reply["error"]["code"] == -32700, "parse error: %r" % reply)
    # A header block without Content-Length is dropped (logged on stderr); the server reads on.
    client.write(b"Content-Type: application/vscode-jsonrpc\r\n\r\n")
    # An unknown notification is ignored; an unknown request is MethodNotFound.
    client.notify("carecap/nothing", {})
    reply = client.request("carecap/nothing", {})
    check(reply["error"]["code"] == -32601, "method not found: %r" % reply)
    # Params without a position: InvalidParams.
    reply = client.request("textDocument/hover", {"textDocument": {"uri": AMENDING_URI}})
    check(reply["error"]["code"] == -32602, "invalid params: %r" % reply)


def main():
    program = sys.argv[1]
    signal.alarm(60)  # a hang fails the test rather than ctest's timeout
    with open(AMENDING, encoding="utf-8") as f:
        clean = f.read()
    client = Client(program)
    reply = client.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    capabilities = reply["result"]["capabilities"]
    check(capabilities["hoverProvider"] and capabilities["definitionProvider"], "capabilities: %r" % capabilities)
    check(capabilities["textDocumentSync"]["change"] == 1, "whole texts on change")
    client.notify("initialized", {})
    test_diagnostics(client, program, clean)
    test_hover(client)
    test_definition(client)
    test_completion(client, clean)
    test_formatting(client, clean)
    test_error_in_amended_file(client)
    test_robustness(client)
    check(client.request("shutdown", None)["result"] is None, "shutdown answers null")
    client.notify("exit", None)
    status = client.process.wait(timeout=10)
    stderr = client.process.stderr.read().decode("utf-8", "replace")
    check(status == 0, "exit status 0 after shutdown, got %d" % status)
    check(re.search(r"no Content-Length header", stderr), "the dropped header is logged: %r" % stderr)
    print("lsp: every answer as worked out by hand")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as failure:
        print("FAILED: %s" % failure)
        sys.exit(1)
