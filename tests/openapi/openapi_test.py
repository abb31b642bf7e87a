#!/usr/bin/env python3
"""openapi_test.py: docs/openapi.json against the OpenAPI 3.1 schema, and `carecap serve` against docs/openapi.json.

    openapi_test.py openapi CARECAP ROOT     (the first word as tests/serve/serve_test.py takes it)

1. The document validates against the OpenAPI 3.1 schema kept beside this file (oas-3.1-schema.json), and each
   schema it holds is a valid JSON Schema 2020-12 schema; two broken copies must fail, so the check can fail.
2. A real server on loopback (--port 0) serves the same bytes at GET /v1/openapi.json, and lists in its 404
   exactly the endpoints the document describes.
3. Every endpoint's real answers, its success and each kind of error, validate against the response schema the
   document gives for that path, method, status and media type; the new endpoints are also checked against
   the commands they stand for (batch, compare, project, statement --format html), byte for byte.
4. CORS answers only the origins given by --allow-origin; the access log has no query, body or made-up path.

Debian's python3-jsonschema does the validating (.ci/setup installs it).
"""
import copy
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

import jsonschema
from jsonschema import Draft202012Validator

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "serve"))
from serve_test import Server, check, failures  # noqa: E402  (the server process and the tally, shared)
import serve_test  # noqa: E402

CARECAP, ROOT = os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
HERE = os.path.dirname(os.path.abspath(__file__))
DOC_PATH = os.path.join(ROOT, "docs", "openapi.json")
CAP = os.path.join(ROOT, "rules/minimal/cap.rules")
REFORM = os.path.join(ROOT, "rules/england/reform.rules")
FIGURE2 = os.path.join(ROOT, "rules/england/figure-2-reform.rules")
CURRENT = os.path.join(ROOT, "rules/england/current.rules")
SLOW = os.path.join(ROOT, "tests/serve/data/slow.rules")
ORIGIN = "https://casework.example.org"
TOKEN = "a-token-of-twenty-four-c"

with open(DOC_PATH, "rb") as f:
    DOC_BYTES = f.read()
DOC = json.loads(DOC_BYTES)


def example(name):
    with open(os.path.join(ROOT, "examples", name), "rb") as f:
        return f.read()


# 1. The document itself.
def check_document():
    with open(os.path.join(HERE, "oas-3.1-schema.json")) as f:
        meta = json.load(f)
    Draft202012Validator.check_schema(meta)
    oas = Draft202012Validator(meta)
    problems = ["%s at %s" % (e.message[:160], "/".join(map(str, e.absolute_path))) for e in oas.iter_errors(DOC)]
    check(not problems, "docs/openapi.json is a valid OpenAPI 3.1 document: %s" % problems[:5])
    for name, schema in DOC["components"]["schemas"].items():
        try:
            Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as e:
            check(False, "components.schemas.%s is not a valid JSON Schema: %s" % (name, e.message))
    # Broken copies must be refused, or the check above proves nothing.
    no_description = copy.deepcopy(DOC)
    del no_description["paths"]["/healthz"]["get"]["responses"]["200"]["description"]
    unknown_field = copy.deepcopy(DOC)
    unknown_field["paths"]["/v1/rules"]["get"]["answers"] = {}
    for broken, what in ((no_description, "a response without a description"), (unknown_field, "an unknown field")):
        check(not oas.is_valid(broken), "the OpenAPI schema refuses %s" % what)


# 3. Answers against the document.
def follow(node):
    """A Reference Object followed to what it names (#/components/...)."""
    while isinstance(node, dict) and "$ref" in node:
        target = DOC
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def schema_errors(schema, value):
    """The messages of validating `value` against `schema`, whose $refs point into the document."""
    rooted = dict(schema)
    rooted["components"] = DOC["components"]  # "#/components/schemas/X" resolves against this root
    validator = Draft202012Validator(rooted)
    return ["%s at %s" % (e.message[:200], "/".join(map(str, e.absolute_path))) for e in validator.iter_errors(value)]


def conforms(method, path, status, headers, body, what):
    """Checks one real answer against the document; returns the body parsed (JSON), or the text."""
    if path not in DOC["paths"]:  # no endpoint: a 404, which is the document's Error all the same
        check(status == 404, "%s: a path the document does not name is a 404 (%s)" % (what, status))
        value = json.loads(body)
        problems = schema_errors({"$ref": "#/components/schemas/Error"}, value)
        check(not problems, "%s: the 404 fits the document's Error: %s" % (what, problems[:3]))
        return value
    operation = DOC["paths"][path].get(method.lower())
    if operation is None:  # a method the endpoint does not take: a 405 with Allow, the document's Error
        check(status == 405 and headers.get("Allow"), "%s: %s %s is a 405 with Allow (%s)" % (what, method, path, status))
        # A page for a person (the online financial assessment's): the 405 is a page too. The workbench's are JSON.
        if DOC["paths"][path].get("x-carecap-only-with", "").startswith("--self-service"):
            check(body.startswith(b"<!DOCTYPE html>"), "%s: the 405 of a page is a page" % what)
            return None
        problems = schema_errors({"$ref": "#/components/schemas/Error"}, json.loads(body))
        check(not problems, "%s: the 405 fits the document's Error: %s" % (what, problems[:3]))
        return None
    if not check(operation is not None, "%s: the document describes %s %s" % (what, method, path)):
        return None
    responses = operation["responses"]
    response = follow(responses.get(str(status), responses.get("default")))
    if not check(response is not None, "%s: the document gives status %s for %s %s" % (what, status, method, path)):
        return None
    for name in response.get("headers", {}):
        check(headers.get(name) is not None, "%s: the %s answer carries %s" % (what, status, name))
    media = (headers.get("Content-Type") or "").split(";")[0].strip()
    content = response.get("content", {})
    if not content:
        check(not body, "%s: the document gives %s no body, the server sent %r" % (what, status, body[:80]))
        return None
    if not check(media in content, "%s: %s is one of the document's types %s for %s" % (what, media, list(content), status)):
        return None
    schema = content[media]["schema"]
    text = body.decode("utf-8")
    if media == "application/json":
        value = json.loads(text)
        values = [value]
    elif media == "application/x-ndjson":  # the schema is that of one line
        value = [json.loads(line) for line in text.splitlines()]
        values = value
    else:
        value = text
        values = [text]
    for v in values:
        problems = schema_errors(schema, v)
        check(not problems, "%s: the %s answer of %s %s fits the document: %s" % (what, status, method, path, problems[:3]))
    return value


def ask(server, method, path, body=None, headers=None, what=None):
    status, got_headers, got = server.request(method, path, body, headers)
    route = path.split("?")[0]
    value = conforms(method, route, status, got_headers, got, what or "%s %s" % (method, path))
    return status, got_headers, got, value


def cli(args, files):
    """A carecap command in a scratch folder holding `files` (name: bytes), so it names them as the server does."""
    with tempfile.TemporaryDirectory() as work:
        for name, data in files.items():
            with open(os.path.join(work, name), "wb") as f:
                f.write(data)
        done = subprocess.run([CARECAP, *args], cwd=work, capture_output=True)
    return done.returncode, done.stdout, done.stderr.decode()


def raw(server, data, wait=15):
    """Bytes sent on a socket as they are; the status of what comes back (0 if nothing)."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=wait) as s:
        s.sendall(data)
        answer = b""
        try:
            while b"\r\n\r\n" not in answer or len(answer) < 12:
                piece = s.recv(65536)
                if not piece:
                    break
                answer += piece
            head, _, body = answer.partition(b"\r\n\r\n")
            length = re.search(rb"Content-Length: (\d+)", head)
            while length and len(body) < int(length.group(1)):
                piece = s.recv(65536)
                if not piece:
                    break
                body += piece
        except socket.timeout:
            pass
    match = re.match(rb"HTTP/1\.1 (\d{3})", answer)
    headers = {}
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.decode().partition(":")
        headers[name.strip()] = value.strip()
    return (int(match.group(1)) if match else 0), Headers(headers), body


class Headers(dict):
    def get(self, name, default=None):
        for k, v in self.items():
            if k.lower() == name.lower():
                return v
        return default


def slow_history(count=300):
    """`count` one-week care periods, each a stretch of its own: under tests/serve/data/slow.rules, far longer
    than the --timeout of the server below, yet under its --max-body."""
    periods = []
    for i in range(count):
        start = time.strftime("%Y-%m-%d", time.gmtime(1696248000 + i * 7 * 86400))  # from 2023-10-02
        end = time.strftime("%Y-%m-%d", time.gmtime(1696248000 + (i * 7 + 6) * 86400))
        periods.append({"id": "p%d" % i, "start": start, "end": end, "setting": "home", "budget": "independent",
                        "weekly_cost": "%d.00" % (100 + i % 50)})
    return json.dumps({"carecap_history": 1, "person": {"id": "slow", "date_of_birth": "1950-01-01"},
                       "authority": "Anytown", "assessment_requested": "2023-09-01", "care_periods": periods}).encode()


def check_routes_listed(server):
    """The server's own list of its endpoints (in a 404) is the document's."""
    status, headers, body, error = ask(server, "GET", "/nowhere")
    listed = error["error"]["message"].split("the routes are ", 1)[-1] if error else ""
    served = {r.strip() for r in listed.split(",") if r.strip()}
    described = {"%s %s" % (m.upper(), p) for p, item in DOC["paths"].items() for m in item
                 if m not in ("options", "x-carecap-only-with") and "x-carecap-only-with" not in item}
    check(served == described, "the endpoints served %s are those described %s" % (sorted(served), sorted(described)))


def check_read_routes(server):
    status, _, body, _ = ask(server, "GET", "/healthz")
    check(status == 200, "GET /healthz: 200")
    status, _, body, _ = ask(server, "GET", "/v1/rules")
    check(status == 200, "GET /v1/rules: 200")
    status, _, body, _ = ask(server, "GET", "/v1/openapi.json")
    check(status == 200 and body == DOC_BYTES, "GET /v1/openapi.json serves docs/openapi.json byte for byte")
    status, headers, _, _ = ask(server, "POST", "/v1/rules", b"{}")
    check(status == 405, "POST /v1/rules: 405")
    for path in (p for p, item in DOC["paths"].items() if "x-carecap-only-with" not in item):
        status, headers, _, _ = ask(server, "OPTIONS", path)
        check(status == 204 and headers.get("Allow"), "OPTIONS %s: 204 with Allow" % path)


def check_evaluations(server):
    reaching = example("england/reaching-the-cap.json")
    three = example("minimal/three-periods.json")
    status, _, body, _ = ask(server, "POST", "/v1/evaluate?rules=reform", reaching)
    _, expected, _ = cli(["eval", "--rules", REFORM, "history"], {"history": reaching})
    check(status == 200 and body == expected, "POST /v1/evaluate: 200, as carecap eval")
    check(ask(server, "POST", "/v1/evaluate?rules=reform", b'{"carecap_history": 1,')[0] == 400, "bad JSON: 400")
    check(ask(server, "POST", "/v1/evaluate?rules=nope", reaching)[0] == 404, "?rules=nope: 404")
    check(ask(server, "GET", "/v1/evaluate")[0] == 405, "GET /v1/evaluate: 405")
    check(ask(server, "POST", "/v1/evaluate?rules=cap&x=1", three)[0] == 400, "an unknown parameter: 400")
    check(ask(server, "POST", "/v1/evaluate", b" " * 65600)[0] == 413, "a body over --max-body: 413")
    check(ask(server, "POST", "/v1/evaluate", three, {"Content-Encoding": "compress"})[0] == 415, "compress: 415")
    check(ask(server, "POST", "/v1/evaluate?rules=slow", slow_history())[0] == 503, "past --timeout: 503")
    status, headers, body, _ = ask(server, "POST", "/v1/explain?rules=cap", three)
    check(status == 200 and body == cli(["explain", "--rules", CAP, "history"], {"history": three})[1],
          "POST /v1/explain: 200, as carecap explain")
    check(ask(server, "POST", "/v1/explain?rules=cap", b"")[0] == 400, "an empty body: 400")


def check_statements(server):
    history = example("england/statements.json")
    status, _, _, value = ask(server, "POST", "/v1/statement?rules=reform&on=2025-01-15", history)
    # Due every 6 months from 2023-10-02 (docs/serve.md): 2025-01-15 is not a day of the schedule, so the
    # statement is one worked out on request for that day.
    check(status == 200 and value and value["statement"]["date"] == "2025-01-15" and value["statement"]["issued"],
          "POST /v1/statement: a statement on request for 2025-01-15")
    status, headers, body, _ = ask(server, "POST", "/v1/statement?rules=reform&on=2025-04-02&format=html", history)
    _, page, _ = cli(["statement", "--rules", REFORM, "history", "--on", "2025-04-02", "--format", "html"],
                     {"history": history})
    check(status == 200 and body == page, "format=html: the page of carecap statement --format html")
    check(ask(server, "POST", "/v1/statement?rules=reform&format=pdf", history)[0] == 400, "format=pdf: 400")
    check(ask(server, "POST", "/v1/statement?rules=reform&on=2023-01-01", history)[0] == 400, "none by then: 400")


def check_compare_and_project(server):
    history = example("england/residential-self-funder.json")
    status, _, body, _ = ask(server, "POST", "/v1/compare?a=current&b=reform", history)
    _, expected, _ = cli(["compare", "--format", "json", "--rules", CURRENT, "--rules", REFORM, "history"],
                         {"history": history})
    check(status == 200 and body == expected, "POST /v1/compare: as carecap compare --format json, byte for byte")
    check(ask(server, "POST", "/v1/compare?a=current", history)[0] == 400, "compare without b: 400")
    check(ask(server, "POST", "/v1/compare?a=current&b=nope", history)[0] == 404, "compare b=nope: 404")
    check(ask(server, "POST", "/v1/compare?a=current&b=reform", b"[]")[0] == 400, "compare a non-history: 400")
    start = b'{"capital": "145000", "income": "239", "fees": "683"}'
    status, _, _, value = ask(server, "POST", "/v1/project?rules=f2", start)
    _, expected, _ = cli(["project", "--rules", FIGURE2, "--capital", "145000", "--income", "239", "--fees", "683",
                          "--format", "json"], {})
    check(status == 200 and value == json.loads(expected), "POST /v1/project: as carecap project --format json")
    check(ask(server, "POST", "/v1/project?rules=f2", b'{"capital": "-1"}')[0] == 400, "a bad start: 400")


def check_batch(server):
    three = example("minimal/three-periods.json").replace(b"\n", b" ")
    caseload = three + b"\n\n" + b'{"carecap_history": 1}\n' + b"not json\r\n" + three + b"\n"
    status, headers, body, lines = ask(server, "POST", "/v1/batch?rules=cap", caseload)
    code, expected, _ = cli(["batch", "--rules", CAP, "caseload"], {"caseload": caseload})
    check(status == 200 and body == expected, "POST /v1/batch: the bytes of carecap batch (%d, %d)" % (len(body), len(expected)))
    check(headers.get("Transfer-Encoding") == "chunked", "POST /v1/batch is sent chunked: %s" % headers.get("Transfer-Encoding"))
    check(lines is not None and len(lines) == 4 and [l.get("line") for l in lines[1:3]] == [3, 4],
          "four records (the blank line is none), errors named by line 3 and 4")
    check_batch_streamed(server)
    check(ask(server, "POST", "/v1/batch?rules=cap&figures=nope", caseload)[0] == 400, "batch figures=nope: 400")
    check(ask(server, "POST", "/v1/batch?rules=nope", caseload)[0] == 404, "batch rules=nope: 404")
    check(ask(server, "POST", "/v1/batch", b"x" * 65600)[0] == 413, "a caseload over --max-body: 413")


def check_batch_streamed(server):
    """A generated caseload under the England rules, read off the socket: several chunks, sent as the lines
    are made, which put together are the bytes of carecap batch."""
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "caseload")
        subprocess.run([CARECAP, "generate", "--seed", "16", "--count", "45", "--out", path], check=True,
                       capture_output=True)
        with open(path, "rb") as f:
            caseload = f.read()
    check(len(caseload) < 65536, "the generated caseload fits --max-body (%d bytes)" % len(caseload))
    with socket.create_connection(("127.0.0.1", server.port), timeout=60) as s:
        s.sendall(b"POST /v1/batch?rules=reform HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                  b"Content-Length: %d\r\n\r\n" % len(caseload) + caseload)
        answer = b""
        while True:
            piece = s.recv(65536)
            if not piece:
                break
            answer += piece
    head, _, framed = answer.partition(b"\r\n\r\n")
    check(b"Transfer-Encoding: chunked" in head, "a batch answer is chunked")
    body, chunks = b"", 0
    while True:
        size_line, _, framed = framed.partition(b"\r\n")
        size = int(size_line, 16)
        if size == 0:
            break
        body, framed, chunks = body + framed[:size], framed[size + 2:], chunks + 1
    _, expected, _ = cli(["batch", "--rules", REFORM, "caseload"], {"caseload": caseload})
    check(body == expected and body.count(b"\n") == 45, "45 histories streamed are the bytes of carecap batch")
    check(chunks > 1, "the answer went out in pieces as the lines were made (%d chunks)" % chunks)


def check_raw_refusals(server):
    status, headers, body = raw(server, b"GET /healthz?" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    conforms("GET", "/healthz", status, headers, body, "a request line over 8 KiB")
    check(status == 414, "a request line over 8 KiB: 414 (%s)" % status)
    status, headers, body = raw(server, b"GET /healthz HTTP/2.0\r\nHost: x\r\n\r\n")
    conforms("GET", "/healthz", status, headers, body, "HTTP/2.0")
    check(status == 505, "HTTP/2.0: 505 (%s)" % status)
    status, headers, body = raw(server, b"POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{", 20)
    conforms("POST", "/v1/evaluate", status, headers, body, "a body that never comes")
    check(status == 408, "a body that never comes: 408 (%s)" % status)


def check_cors(server):
    three = example("minimal/three-periods.json")
    _, headers, _, _ = ask(server, "POST", "/v1/evaluate?rules=cap", three, {"Origin": ORIGIN})
    check(headers.get("Access-Control-Allow-Origin") == ORIGIN, "an allowed origin is answered with CORS")
    _, headers, _, _ = ask(server, "POST", "/v1/evaluate?rules=cap", three, {"Origin": "https://elsewhere.example"})
    check(headers.get("Access-Control-Allow-Origin") is None, "another origin gets no CORS field")
    status, headers, _, _ = ask(server, "OPTIONS", "/v1/batch",
                                headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"})
    check(status == 204 and headers.get("Access-Control-Allow-Origin") == ORIGIN and
          "POST" in (headers.get("Access-Control-Allow-Methods") or ""), "a preflight is answered")


def check_token_server():
    os.environ["CARECAP_SERVE_TOKEN"] = TOKEN
    try:
        server = Server("--rules", "cap=" + CAP, "--allow-origin", ORIGIN)
    finally:
        del os.environ["CARECAP_SERVE_TOKEN"]
    try:
        three = example("minimal/three-periods.json")
        check(ask(server, "POST", "/v1/evaluate", three)[0] == 401, "without the token: 401")
        check(ask(server, "POST", "/v1/batch", three)[0] == 401, "batch without the token: 401")
        check(ask(server, "GET", "/healthz")[0] == 200, "/healthz needs no token")
        status, headers, _, _ = ask(server, "OPTIONS", "/v1/evaluate",
                                    headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"})
        check(status == 204 and headers.get("Access-Control-Allow-Origin") == ORIGIN, "a preflight needs no token")
        status, _, _, _ = ask(server, "OPTIONS", "/v1/evaluate",
                              headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"})
        check(status == 401, "a preflight from another origin still needs the token")
        check(ask(server, "POST", "/v1/evaluate", three, {"Authorization": "Bearer " + TOKEN})[0] == 200, "with it: 200")
    finally:
        server.stop()


def check_access_log(log_path):
    with open(log_path) as f:
        lines = f.read().splitlines()
    check(len(lines) >= 40, "the access log has a line per answer (%d)" % len(lines))
    shape = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ (GET|HEAD|POST|OPTIONS|-) (/[a-z0-9/._-]*|-) \d{3} \d+ \d+ms$")
    bad = [line for line in lines if not shape.match(line)]
    check(not bad, "every access log line is method, route, status, bytes, time: %s" % bad[:3])
    text = "\n".join(lines)
    for secret in ("?", "rules=", "jane-doe", "1950-01-01", "care_periods"):
        check(secret not in text, "the access log never holds %r" % secret)
    check(" POST /v1/batch 200 " in text, "a streamed answer is logged")


def check_bad_options():
    for extra, status, said in ((["--allow-origin", "https://casework.example.org/page"], 2, "is not an origin"),
                                (["--allow-origin", "casework.example.org"], 2, "is not an origin"),
                                (["--access-log", "/nonexistent-folder/access.log"], 1, "--access-log")):
        done = subprocess.run([CARECAP, "serve", "--rules", CAP, "--port", "0", *extra], capture_output=True,
                              text=True, timeout=30)
        check(done.returncode == status and said in done.stderr,
              "serve %s: exit %d saying %r (%d: %s)" % (" ".join(extra), status, said, done.returncode, done.stderr))


def check_self_service():
    """The online financial assessment's pages, served with --self-service, against the document."""
    server = Server("--rules", CURRENT, "--registry", os.path.join(ROOT, "rules/authorities.json"),
                    "--self-service", "Birmingham")
    try:
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        check(ask(server, "GET", "/self-service")[0] == 200, "GET /self-service: the first page")
        check(ask(server, "POST", "/self-service", b"step=no-such-step&go=next", form)[0] == 400, "a broken form: 400 page")
        check(ask(server, "GET", "/self-service/answers.json")[0] == 405, "GET answers.json: 405 page")
        status = ask(server, "POST", "/self-service/answers.json", b"step=no-such-step&go=download", form)[0]
        check(status == 400, "a broken download form: 400 page (%s)" % status)
        check(ask(server, "GET", "/v1/rules")[0] == 200, "the API beside the pages")
    finally:
        server.stop()


AMENDMENT = """rules workbench.higher_cap version "1"
  amends england.reform
  in force from 2023-10-01
  source "an illustration: the cap at 100,000 pounds"

parameter cap_level : money label "the cap on care costs"
  from 2023-10-01 = \u00a3100,000   cite "an illustration"
"""


def check_workbench():
    """The workbench's page and its two endpoints, served with --workbench, against the document (the page
    itself is driven in Chromium by tests/workbench/browser_test.mjs)."""
    server = Server("--rules", "reform=" + REFORM, "--rules", "current=" + CURRENT, "--workbench")
    try:
        status, headers, page, _ = ask(server, "GET", "/workbench")
        check(status == 200 and "script-src 'sha256-" in (headers.get("Content-Security-Policy") or ""),
              "GET /workbench: the page, under a Content-Security-Policy that allows its one script by hash")
        check(ask(server, "POST", "/workbench", b"{}")[0] == 405, "POST /workbench: 405")
        check(ask(server, "GET", "/workbench?x=1")[0] == 400, "GET /workbench?x=1: 400")
        text = {"Content-Type": "text/plain; charset=utf-8"}
        status, _, _, value = ask(server, "POST", "/v1/workbench/check?rules=reform", AMENDMENT.encode(), text)
        check(status == 200 and value["rules"]["name"] == "workbench.higher_cap" and value["amends"] == "reform",
              "POST /v1/workbench/check: a good amendment loads (%s)" % status)
        # Line 6, column 23: `monye` where the type is written ("parameter cap_level : " is 22 characters).
        broken = AMENDMENT.replace(": money label", ": monye label").encode()
        status, _, _, value = ask(server, "POST", "/v1/workbench/check?rules=reform", broken, text)
        errors = value["error"]["errors"] if status == 400 else []
        check(errors and errors[0].startswith("amendment.rules:6:23: error:") and "^" in errors[0],
              "a broken amendment: its error located at 6:23 with the line and a caret (%s)" % errors[:1])
        elsewhere = AMENDMENT.replace("amends england.reform", 'amends england.current in "/etc/passwd"').encode()
        status, _, _, value = ask(server, "POST", "/v1/workbench/check?rules=reform", elsewhere, text)
        check(status == 400 and "amendment.rules:2:3: error: the workbench compares amendments of the rule set chosen"
              in value["error"]["errors"][-1], "an amendment of other rules, from another file: refused, unread")
        check(ask(server, "POST", "/v1/workbench/check?rules=nope", AMENDMENT.encode(), text)[0] == 404, "rules=nope: 404")
        check(ask(server, "POST", "/v1/workbench/check?rules=reform&on=1", AMENDMENT.encode(), text)[0] == 400,
              "a query parameter it does not take: 400")
        history = example("england/reaching-the-cap.json").decode()
        body = json.dumps({"amendment": AMENDMENT, "history": history}).encode()
        status, _, _, value = ask(server, "POST", "/v1/workbench/compare?rules=reform", body)
        check(status == 200 and value["b"]["file"] == "amendment.rules" and value["differ"],
              "POST /v1/workbench/compare: the history under reform and under the amendment differ (%s)" % status)
        status, _, _, value = ask(server, "POST", "/v1/workbench/compare?rules=reform",
                                  json.dumps({"amendment": AMENDMENT, "history": "{"}).encode())
        check(status == 400 and value["error"]["message"] == "the care history could not be compared",
              "a broken history: 400 (%s)" % status)
        check(ask(server, "POST", "/v1/workbench/compare?rules=reform", b'{"history": "{}"}')[0] == 400,
              "no amendment: 400")
    finally:
        server.stop()
    plain = Server("--rules", "reform=" + REFORM)
    try:
        check(ask(plain, "GET", "/workbench")[0] == 404, "without --workbench there is no page")
        check(ask(plain, "POST", "/v1/workbench/check", AMENDMENT.encode())[0] == 404, "nor its endpoints")
    finally:
        plain.stop()


def main():
    check_document()
    check_self_service()
    check_workbench()
    check_bad_options()
    with tempfile.TemporaryDirectory() as work:
        log_path = os.path.join(work, "access.log")
        server = Server("--rules", "cap=" + CAP, "--rules", "reform=" + REFORM, "--rules", "current=" + CURRENT,
                        "--rules", "f2=" + FIGURE2, "--rules", "slow=" + SLOW, "--max-body", "65536",
                        "--timeout", "3", "--allow-origin", ORIGIN, "--access-log", log_path)
        try:
            check_routes_listed(server)
            check_read_routes(server)
            check_evaluations(server)
            check_statements(server)
            check_compare_and_project(server)
            check_batch(server)
            check_raw_refusals(server)
            check_cors(server)
            check(ask(server, "POST", "/v1/evaluate/jane-doe", b"{}")[0] == 404, "a made-up path: 404")
        finally:
            check(server.stop() == 0, "the server stops with status 0")
        check_access_log(log_path)
    check_token_server()
    print("%d failed" % len(failures) if failures else "openapi: every check passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
