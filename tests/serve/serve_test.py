#!/usr/bin/env python3
"""`carecap serve` end to end (docs/serve.md): a real server process on a free port, real HTTP.

    serve_test.py CASE CARECAP SOURCE_DIR

CASE is one of
  http            the routes, 16 clients at once whose answers must equal `carecap eval` / `explain`
                  (run here by the test), every error (400, 404, 405, 413: by Content-Length and chunked),
                  a normal answer after the errors, then SIGTERM during a request: that request is still
                  answered and the process exits 0.
  sigint          SIGINT stops an idle server with status 0.
  startup_errors  a missing rule file, two rule sets of one name, a port in use: exit 1; bad options: 2.
Only the standard library is used (urllib, http.client, threading, subprocess).
"""
import hashlib
import http.client
import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

CASE, CARECAP, ROOT = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
CAP = os.path.join(ROOT, "rules/minimal/cap.rules")
REFORM = os.path.join(ROOT, "rules/england/reform.rules")
RULES = {"cap": CAP, "reform": REFORM}
MAX_BODY = 65536  # the server below is started with --max-body 65536

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what, flush=True)
    return condition


def read(path):
    with open(path, "rb") as f:
        return f.read()


class Server:
    """`carecap serve --port 0 ARGS...`; the port is read from the line it prints."""

    def __init__(self, *args):
        self.proc = subprocess.Popen([CARECAP, "serve", "--port", "0", *args], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True)
        self.stdout, self.stderr = [], []
        lines = queue.Queue()
        threading.Thread(target=self._drain, args=(self.proc.stdout, self.stdout, lines), daemon=True).start()
        threading.Thread(target=self._drain, args=(self.proc.stderr, self.stderr, None), daemon=True).start()
        self.port = None
        deadline = time.monotonic() + 30
        while self.port is None and time.monotonic() < deadline:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            if line is None:
                break
            if "listening on http://127.0.0.1:" in line:
                self.port = int(line.rsplit(":", 1)[1])
        if self.port is None:
            self.proc.kill()
            raise SystemExit("the server did not say where it listens: %s %s" % (self.stdout, self.stderr))
        self.base = "http://127.0.0.1:%d" % self.port

    @staticmethod
    def _drain(stream, keep, lines):
        for line in stream:
            keep.append(line)
            if lines is not None:
                lines.put(line)
        if lines is not None:
            lines.put(None)

    def request(self, method, path, body=None, headers=None):
        """(status, headers, body bytes); an HTTP error status is an answer like any other."""
        req = urllib.request.Request(self.base + path, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def stop(self, sig=signal.SIGTERM, within=10):
        self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=within)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return None

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def cli(command, rules, history_bytes, name="history"):
    """`carecap COMMAND --rules RULES NAME` in a scratch folder, the history saved there as NAME, so that
    the CLI's messages name the history exactly as the server's do ("history")."""
    with tempfile.TemporaryDirectory() as work:
        with open(os.path.join(work, name), "wb") as f:
            f.write(history_bytes)
        done = subprocess.run([CARECAP, command, "--rules", rules, name], cwd=work, capture_output=True)
    return done.returncode, done.stdout, done.stderr.decode()


def error_of(status, headers, body, expected_status):
    """The {"error": {...}} object of a JSON error answer, after checking its shape."""
    check(status == expected_status, "status %s, expected %s: %r" % (status, expected_status, body[:300]))
    check(headers.get("Content-Type", "").startswith("application/json"), "an error is JSON: %s" % headers)
    try:
        error = json.loads(body)["error"]
    except (ValueError, KeyError) as e:
        check(False, "not a JSON error (%s): %r" % (e, body[:300]))
        return {"status": None, "message": "", "errors": []}
    check(error.get("status") == expected_status, "error.status is %s" % error.get("status"))
    check(isinstance(error.get("message"), str) and error["message"], "error.message is given")
    check(isinstance(error.get("errors"), list), "error.errors is a list")
    return error


def histories():
    found = [os.path.join(ROOT, "examples/minimal/three-periods.json")]
    england = os.path.join(ROOT, "examples/england")
    found += sorted(os.path.join(england, f) for f in os.listdir(england) if f.endswith(".json"))
    return found


def expected_hash(files):
    # lang/load.cpp: sha256 over every file of the chain, base first, each preceded by "LENGTH:".
    digest = hashlib.sha256()
    for f in files:
        text = read(f)
        digest.update(str(len(text)).encode() + b":" + text)
    return "sha256:" + digest.hexdigest()


def check_routes(server):
    status, headers, body = server.request("GET", "/healthz")
    check(status == 200 and json.loads(body) == {"status": "ok"}, "/healthz: %s %r" % (status, body))
    check(headers.get("Content-Type") == "application/json", "/healthz is JSON")

    status, _, body = server.request("GET", "/v1/rules")
    check(status == 200, "/v1/rules answers 200")
    listed = json.loads(body)["rule_sets"]
    check([r["name"] for r in listed] == ["cap", "reform"], "/v1/rules lists cap then reform: %s" % listed)
    check([r["default"] for r in listed] == [True, False], "the first rule set is the default")
    for entry in listed:
        check(entry["file"] == RULES[entry["name"]], "%s: the file as given" % entry["name"])
        # The same "rules" object as `carecap eval` prints for this rule set, hash worked out here.
        code, out, _ = cli("eval", entry["file"], read(os.path.join(ROOT, "examples/minimal/three-periods.json")))
        check(code == 0 and entry["rules"] == json.loads(out)["rules"], "%s: eval's rules object" % entry["name"])
        check(entry["rules"]["hash"] == expected_hash(entry["rules"]["files"]), "%s: the sha256 hash" % entry["name"])
    # reform amends current: the chain is both files, base first.
    reform = listed[1]["rules"]["files"]
    check([os.path.basename(f) for f in reform] == ["current.rules", "reform.rules"], "reform's chain: %s" % reform)


def check_concurrent(server):
    """16 clients at once, each with different histories and rule sets; every answer must be the bytes the
    command line prints for the same history."""
    jobs = []
    for path in histories():
        for name in ("cap", "reform"):
            jobs.append(("evaluate", name, path))
        jobs.append(("explain", "reform", path))
    expected = {}
    for command, name, path in jobs:
        code, out, err = cli("eval" if command == "evaluate" else "explain", RULES[name], read(path))
        check(code == 0, "carecap %s %s %s: %s" % (command, name, path, err))
        expected[(command, name, path)] = out
    clients = 16
    work = queue.Queue()
    for job in jobs * 2:  # every job twice, so the same rule set is in use by several clients at once
        work.put(job)
    start = threading.Barrier(clients)
    mismatches = []

    def client():
        start.wait()
        while True:
            try:
                command, name, path = work.get_nowait()
            except queue.Empty:
                return
            status, headers, body = server.request("POST", "/v1/%s?rules=%s" % (command, name), read(path),
                                                   {"Content-Type": "application/json"})
            want = expected[(command, name, path)]
            same = status == 200 and body == want
            if command == "evaluate":
                same = same and json.loads(body) == json.loads(want)
                same = same and headers.get("Content-Type") == "application/json"
            else:
                same = same and headers.get("Content-Type") == "text/plain; charset=utf-8"
            if not same:
                mismatches.append("%s %s %s: %s %r" % (command, name, os.path.basename(path), status, body[:200]))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check(not mismatches, "concurrent answers differ from the command line: %s" % mismatches[:3])
    print("%d requests from %d clients at once, each equal to the command line's output" % (2 * len(jobs), clients))


def check_statement(server):
    history = read(os.path.join(ROOT, "examples/england/statements.json"))
    # Care from 2023-10-02, a statement every 6 months from then: 2024-04-02, 2024-10-02, 2025-04-02...
    # On 2024-10-02 the scheduled statement is given, exactly as eval lists it.
    status, _, body = server.request("POST", "/v1/statement?rules=reform&on=2024-10-02", history)
    check(status == 200, "statement on 2024-10-02: %s %r" % (status, body[:300]))
    answer = json.loads(body)
    code, out, _ = cli("eval", REFORM, history)
    evaluated = json.loads(out)
    same_day = [s for s in evaluated["statements"] if s["date"] == "2024-10-02"]
    check(code == 0 and len(same_day) == 1, "eval lists the statement of 2024-10-02")
    for field in ("date", "accrued", "accrued_exact", "cap_level", "expected_to_reach_cap"):
        check(answer["statement"][field] == same_day[0][field],
              "the statement's %s is eval's: %r" % (field, answer["statement"][field]))
    check(answer["rules"] == evaluated["rules"] and answer["person"] == "statements", "the statement's rules, person")
    # On 2025-01-15, between scheduled statements, a statement on request for that day (004, 3.7 encourages
    # real-time access). £1,000 a week less £200 daily living costs counts £800 a week; 2023-10-02 to
    # 2025-01-15 inclusive is 366 + 92 + 13 + 1 = 472 days, so 472 x 800 / 7 = 377,600/7 (£53,942.86).
    status, _, body = server.request("POST", "/v1/statement?rules=reform&on=2025-01-15", history)
    answer = json.loads(body) if status == 200 else {"statement": {}}
    check(status == 200 and answer["statement"].get("on_request") is True, "a statement on request: %s" % status)
    check(answer["statement"].get("accrued_exact") == "377600/7", "accrued on request: %s" % answer["statement"])
    check(answer["statement"].get("previous_statement") == "2024-10-02", "the previous statement is 2024-10-02")
    # Before the care account opens there is none.
    error = error_of(*server.request("POST", "/v1/statement?rules=reform&on=2023-09-01", history), 400)
    check(any("the care account opens on 2023-10-02" in e for e in error["errors"]), "no statement yet: %s" % error)
    error = error_of(*server.request("POST", "/v1/statement?rules=reform&on=2024-13-01", history), 400)
    check(any("expected a date YYYY-MM-DD" in e for e in error["errors"]), "a bad date: %s" % error)


def check_body_limits(server):
    history = read(os.path.join(ROOT, "examples/minimal/three-periods.json"))
    _, expected, _ = cli("eval", CAP, history)
    # Exactly --max-body bytes is accepted: the history padded with spaces, which JSON ignores.
    padded = history + b" " * (MAX_BODY - len(history))
    status, _, body = server.request("POST", "/v1/evaluate", padded)
    check(status == 200 and body == expected, "a body of exactly --max-body bytes: %s" % status)
    # One byte more is refused (the Content-Length says so before any of it is read).
    error = error_of(*server.request("POST", "/v1/evaluate", padded + b" "), 413)
    check(str(MAX_BODY) in error["message"], "413 names the limit: %s" % error["message"])
    # Chunked, so no Content-Length: counted as it arrives.
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    conn.request("POST", "/v1/evaluate", body=iter([padded, b" " * 10000]), encode_chunked=True,
                 headers={"Transfer-Encoding": "chunked"})
    r = conn.getresponse()
    error_of(r.status, r.headers, r.read(), 413)
    conn.close()


def check_errors(server):
    # Malformed JSON: the same message as the command line, with the place. syntax_error.json's line 2 is
    #   `  "authority": "Anytown" "care_periods": [] }`
    # 2 spaces, "authority" (11) to column 13, ':' 14, ' ' 15, "Anytown" 16-24, ' ' 25, then the unexpected
    # string "care_periods" (14 characters) from column 26 to 39, where the parser stops.
    bad = read(os.path.join(ROOT, "tests/golden/history/syntax_error.json"))
    error = error_of(*server.request("POST", "/v1/evaluate?rules=cap", bad), 400)
    _, _, cli_errors = cli("eval", CAP, bad)
    check(error["errors"] == cli_errors.splitlines(), "malformed JSON: %s vs %s" % (error["errors"], cli_errors))
    check(any("line 2, column 39" in e for e in error["errors"]), "malformed JSON's place: %s" % error["errors"])
    # A history that is JSON but wrong: the JSON path and the reason, as the command line says them.
    overlap = read(os.path.join(ROOT, "tests/golden/history/overlapping_periods.json"))
    error = error_of(*server.request("POST", "/v1/explain?rules=reform", overlap), 400)
    _, _, cli_errors = cli("explain", REFORM, overlap)
    check(error["errors"] == cli_errors.splitlines(), "bad history: %s vs %s" % (error["errors"], cli_errors))
    # Period a runs 2023-10-01 to 2024-09-29; period b starts 2024-09-01, inside it.
    check(error["errors"] == ["history: care_periods[1]: overlaps care_periods[0] (2023-10-01 to 2024-09-29)"],
          "the overlap's path and message: %s" % error["errors"])
    error_of(*server.request("POST", "/v1/evaluate", b""), 400)                       # no history at all
    error_of(*server.request("POST", "/v1/evaluate?rule=cap", overlap), 400)          # a parameter it does not take
    error_of(*server.request("POST", "/v1/evaluate?rules=cap&rules=cap", overlap), 400)  # given twice
    error_of(*server.request("POST", "/v1/evaluate?rules=%zz", overlap), 400)          # not percent-encoding
    error = error_of(*server.request("POST", "/v1/evaluate?rules=scotland", overlap), 404)
    check("cap, reform" in error["message"], "an unknown rule set lists the loaded ones: %s" % error["message"])
    error = error_of(*server.request("GET", "/v1/nothing"), 404)
    check("/v1/evaluate" in error["message"], "404 lists the routes: %s" % error["message"])
    error_of(*server.request("POST", "/healthz", b"{}"), 405)
    status, headers, body = server.request("GET", "/v1/evaluate")
    error_of(status, headers, body, 405)
    check(headers.get("Allow") == "POST, OPTIONS", "405 says what is allowed: %s" % headers.get("Allow"))
    error_of(*server.request("DELETE", "/v1/rules"), 405)


def check_shutdown_in_flight(server):
    """SIGTERM while a request's body is still arriving: that request is answered, then the process exits 0."""
    history = read(os.path.join(ROOT, "examples/minimal/three-periods.json"))
    _, expected, _ = cli("eval", CAP, history)
    half = len(history) // 2
    first_sent, signalled = threading.Event(), threading.Event()

    def body():
        yield history[:half]
        first_sent.set()
        signalled.wait(10)
        time.sleep(0.3)
        yield history[half:]

    answer = {}

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        try:
            conn.request("POST", "/v1/evaluate?rules=cap", body=body(), encode_chunked=True,
                         headers={"Transfer-Encoding": "chunked"})
            r = conn.getresponse()
            answer["status"], answer["body"] = r.status, r.read()
        except OSError as e:
            answer["error"] = repr(e)

    t = threading.Thread(target=client)
    t.start()
    check(first_sent.wait(10), "the first half of the body was sent")
    time.sleep(0.5)  # let the server take the connection before the listener closes
    server.proc.send_signal(signal.SIGTERM)
    signalled.set()
    t.join(30)
    check(answer.get("status") == 200 and answer.get("body") == expected, "the request in flight: %s" % answer)
    started = time.monotonic()
    try:
        code = server.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        code = None
    check(code == 0, "SIGTERM: exit status %s" % code)
    print("stopped %.2f s after the last answer, status %s" % (time.monotonic() - started, code))
    time.sleep(0.1)
    check(any("SIGTERM" in line for line in server.stderr), "the server says why it stops: %s" % server.stderr)


def case_http():
    server = Server("--rules", "cap=" + CAP, "--rules", "reform=" + REFORM, "--max-body", str(MAX_BODY),
                    "--threads", "4")
    try:
        check(any("rules=cap (default)" in line for line in server.stdout), "start-up names the default rule set")
        check_routes(server)
        check_concurrent(server)
        check_statement(server)
        check_body_limits(server)
        check_errors(server)
        # After every error above the server still answers normally.
        history = read(os.path.join(ROOT, "examples/minimal/three-periods.json"))
        _, expected, _ = cli("eval", CAP, history)
        status, _, body = server.request("POST", "/v1/evaluate", history)  # no ?rules=: the default, cap
        check(status == 200 and body == expected, "a normal request after the errors: %s" % status)
        check_shutdown_in_flight(server)
    finally:
        server.kill()


def case_sigint():
    server = Server("--rules", CAP)
    try:
        status, _, body = server.request("GET", "/v1/rules")
        check(status == 200 and json.loads(body)["rule_sets"][0]["name"] == "cap", "the name from the file name")
        check(server.stop(signal.SIGINT) == 0, "SIGINT: exit status 0")
    finally:
        server.kill()


def case_startup_errors():
    def run(*args):
        return subprocess.run([CARECAP, "serve", *args], capture_output=True, text=True, timeout=30)

    done = run("--port", "0", "--rules", os.path.join(ROOT, "rules/no-such.rules"))
    check(done.returncode == 1 and "no-such.rules" in done.stderr, "a missing rule file: %s" % done.stderr)
    done = run("--port", "0", "--rules", "a=" + CAP, "--rules", "a=" + REFORM)
    check(done.returncode == 1 and 'two rule sets are named "a"' in done.stderr, "one name twice: %s" % done.stderr)
    done = run("--port", "0", "--rules", CAP, "--rules", os.path.join(ROOT, "tests/golden/eval/../../../rules/minimal/cap.rules"))
    check(done.returncode == 1 and 'named "cap"' in done.stderr, "two files of one name: %s" % done.stderr)
    check(run("--port", "0").returncode == 2, "no --rules: a usage error")
    check(run("--port", "70000", "--rules", CAP).returncode == 2, "a port past 65535: a usage error")
    check(run("--max-body", "0", "--rules", CAP).returncode == 2, "--max-body 0: a usage error")
    # A port already taken.
    first = Server("--rules", CAP)
    try:
        done = run("--port", str(first.port), "--rules", CAP)
        check(done.returncode == 1 and "cannot listen" in done.stderr, "a port in use: %s" % done.stderr)
    finally:
        check(first.stop() == 0, "the first server stops with 0")
        first.kill()


if __name__ == "__main__":  # serve_liveness.py imports the helpers above
    {"http": case_http, "sigint": case_sigint, "startup_errors": case_startup_errors}[CASE]()
    print("%s: %s" % (CASE, "%d failures" % len(failures) if failures else "ok"))
    sys.exit(1 if failures else 0)
