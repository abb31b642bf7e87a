#!/usr/bin/env python3
"""`carecap serve` against clients that do not play fair (docs/serve.md "Limits"): a real server on a free
loopback port, driven with raw sockets where an HTTP library would be too polite.

    serve_liveness.py CASE CARECAP SOURCE_DIR

CASE is one of
  limits    each refusal, and how soon it comes: headers past the limit (431), a Content-Length of -5
            (400) or past --max-body (413, and the connection closed after a bounded drain), a POST with
            no body (400), pipelined requests (all answered), slow clients (408 after the request deadline,
            while others are served), an evaluation past --timeout (503), and the largest history the
            default --max-body admits, with the memory it costs.
  access    the bearer token: a public --host without one is refused; with one, every request but /healthz
            needs it (401 without or with a wrong one), from a file or from the environment.
  liveness  8 slow clients and 2 evaluations that would run for minutes: /healthz still answers within 5 s,
            and SIGTERM ends the process within 10 s.
  soak      about 40 s of slow clients, oversized headers, costly evaluations and normal clients at once:
            every normal request is answered correctly, and resident memory afterwards is within 20% of
            what it was after warming up.
Every socket is to 127.0.0.1; every loop is bounded; the server is killed whatever happens.
"""
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_test import Server, check, cli, failures, read  # noqa: E402  (the same helpers as serve_test.py)

CASE, CARECAP, ROOT = sys.argv[1], os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
CAP = os.path.join(ROOT, "rules/minimal/cap.rules")
SLOW = os.path.join(ROOT, "tests/serve/data/slow.rules")
DEFAULT_MAX_BODY = 128 * 1024  # docs/serve.md
THREE = read(os.path.join(ROOT, "examples/minimal/three-periods.json"))


def connect(server, timeout=30):
    s = socket.create_connection(("127.0.0.1", server.port), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def read_answers(sock, count=1, limit=30):
    """Reads `count` HTTP answers (each with a Content-Length) from the socket: [(status, headers, body)]."""
    data, answers, deadline = b"", [], time.monotonic() + limit
    while len(answers) < count and time.monotonic() < deadline:
        end = data.find(b"\r\n\r\n")
        if end >= 0:
            head = data[:end].decode("latin-1").split("\r\n")
            headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in head[1:])}
            length = int(headers.get("content-length", "0"))
            if len(data) >= end + 4 + length:
                answers.append((int(head[0].split()[1]), headers, data[end + 4:end + 4 + length]))
                data = data[end + 4 + length:]
                continue
        try:
            more = sock.recv(65536)
        except (socket.timeout, ConnectionResetError):
            break
        if not more:
            break
        data += more
    return answers


def closed_by_server(sock, limit=10):
    """Whether the server closes the connection (EOF or reset) within `limit` seconds."""
    sock.settimeout(limit)
    try:
        while sock.recv(65536):
            pass
        return True
    except ConnectionResetError:
        return True
    except socket.timeout:
        return False


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def many_periods(count, first_year=2023):
    """A history of `count` one-week care periods back to back, the weekly cost changing each week, so
    every week is a stretch of its own (docs/history.md)."""
    periods = []
    day = time.mktime((first_year, 10, 2, 12, 0, 0, 0, 0, -1))
    for i in range(count):
        start = time.strftime("%Y-%m-%d", time.localtime(day + i * 7 * 86400))
        end = time.strftime("%Y-%m-%d", time.localtime(day + (i * 7 + 6) * 86400))
        periods.append({"id": "p%d" % i, "start": start, "end": end, "setting": "home",
                        "budget": "independent", "weekly_cost": "%d.00" % (100 + i % 50)})
    return json.dumps({"carecap_history": 1, "person": {"id": "many", "date_of_birth": "1950-01-01"},
                       "authority": "Anytown", "assessment_requested": "2023-09-01",
                       "care_periods": periods}).encode()


class SlowClient(threading.Thread):
    """Sends a request one byte at a time, a byte every `gap` seconds, until the server closes or `limit`."""

    def __init__(self, server, gap=1.0, limit=20):
        super().__init__(daemon=True)
        self.server, self.gap, self.limit = server, gap, limit
        self.status, self.stop = None, threading.Event()

    def run(self):
        request = b"POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % len(THREE) + THREE
        sock = connect(self.server)
        sock.settimeout(self.gap)
        deadline = time.monotonic() + self.limit
        try:
            for byte in request:
                if self.stop.is_set() or time.monotonic() > deadline:
                    break
                sock.sendall(bytes([byte]))
                try:
                    if sock.recv(65536, socket.MSG_PEEK):
                        answers = read_answers(sock, 1, 5)
                        self.status = answers[0][0] if answers else "closed"
                        return
                except socket.timeout:
                    pass
        except OSError:
            self.status = "closed"
        finally:
            sock.close()


def timed(what, limit, action):
    """Runs action(); checks that it took under `limit` seconds (a bound on waiting, not a speed test)."""
    started = time.monotonic()
    result = action()
    took = time.monotonic() - started
    check(took < limit, "%s took %.1f s, more than %d s" % (what, took, limit))
    return result


def raw(server, data, count=1, limit=10):
    sock = connect(server)
    try:
        sock.sendall(data)
    except OSError:
        pass  # the server may refuse (and close) before it has everything: its answer is read below
    answers = read_answers(sock, count, limit)
    sock.close()
    return answers


def status_of(answers):
    return answers[0][0] if answers else None


def check_head_limits(server):
    # 40 KiB of header fields, more than the 32 KiB limit: 431 at once, then the connection is closed,
    # however much more the client would send (the client sent 150 MB).
    sock = connect(server)
    sock.sendall(b"GET /healthz HTTP/1.1\r\n" + b"X-Filler: " + b"a" * 40000 + b"\r\n")
    answers = timed("431 for a large header", 5, lambda: read_answers(sock, 1, 5))
    check(status_of(answers) == 431, "header fields past 32 KiB: %s" % answers[:1])
    sent = 0
    try:
        for _ in range(2000):  # at most 2000 x 64 KiB = 125 MiB, stopped by the server long before
            sock.sendall(b"X-More: " + b"b" * 65528 + b"\r\n")
            sent += 65538
    except OSError:
        pass
    check(sent < 16 << 20, "the server stopped taking header bytes after %d bytes" % sent)
    sock.close()
    # 101 small fields: past the count of 100.
    fields = b"".join(b"X-F%d: 1\r\n" % i for i in range(101))
    check(status_of(raw(server, b"GET /healthz HTTP/1.1\r\n" + fields + b"\r\n")) == 431, "101 header fields: 431")
    fields = b"".join(b"X-F%d: 1\r\n" % i for i in range(99))
    check(status_of(raw(server, b"GET /healthz HTTP/1.1\r\n" + fields + b"\r\n")) == 200, "99 header fields: 200")
    # A request line past 8 KiB: 414.
    check(status_of(raw(server, b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\n\r\n")) == 414, "a long request line: 414")


def check_bodies(server, max_body):
    # Content-Length: -5 is not a length: 400 now, not after a wait for a body that cannot come.
    answers = timed("Content-Length -5", 3, lambda: raw(server, b"POST /v1/evaluate HTTP/1.1\r\nContent-Length: -5\r\n\r\n"))
    check(status_of(answers) == 400, "Content-Length: -5 is a 400: %s" % answers[:1])
    # A POST with no body at all: the 400 "body is empty" at once.
    answers = timed("a POST without a body", 3, lambda: raw(server, b"POST /v1/evaluate HTTP/1.1\r\nHost: x\r\n\r\n"))
    check(status_of(answers) == 400 and b"empty" in answers[0][2], "a POST without a body: %s" % answers[:1])
    # Past --max-body by its Content-Length: 413 before the body is read; the client may go on sending,
    # but the server drops at most its drain of 64 KiB and then closes.
    sock = connect(server)
    sock.sendall(b"POST /v1/evaluate HTTP/1.1\r\nContent-Length: %d\r\n\r\n" % (100 << 20))
    answers = timed("413 by Content-Length", 3, lambda: read_answers(sock, 1, 5))
    check(status_of(answers) == 413 and str(max_body).encode() in answers[0][2], "413 names the limit: %s" % answers[:1])
    sent = 0
    try:
        for _ in range(1600):  # 100 MiB at most; the server closes after its drain
            sock.sendall(b"x" * 65536)
            sent += 65536
    except OSError:
        pass
    check(sent < 16 << 20, "after a 413 the server stopped taking the body after %d bytes" % sent)
    sock.close()


def check_pipelining(server):
    # Three requests in one write: three answers, in order.
    request = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
    post = b"POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n" % len(THREE) + THREE
    answers = raw(server, request + post + request, 3)
    check([a[0] for a in answers] == [200, 200, 200], "three pipelined requests: %s" % [a[0] for a in answers])
    _, expected, _ = cli("eval", CAP, THREE)
    check(len(answers) == 3 and answers[1][2] == expected, "the pipelined evaluation is eval's answer")


def check_slow_clients(server):
    # Four clients each sending a byte a second: they get 408 once the request deadline (10 s) passes,
    # and meanwhile every other request is answered at once.
    slow = [SlowClient(server, gap=1.0, limit=20) for _ in range(4)]
    for s in slow:
        s.start()
    time.sleep(1.5)
    _, expected, _ = cli("eval", CAP, THREE)
    for _ in range(5):
        status, _, body = timed("a request beside slow clients", 5,
                                lambda: server.request("POST", "/v1/evaluate", THREE))
        check(status == 200 and body == expected, "a request beside slow clients: %s" % status)
    for s in slow:
        s.join(25)
    check(all(s.status == 408 for s in slow), "slow clients get 408: %s" % [s.status for s in slow])


def check_deadline(server):
    # An evaluation that would take minutes (slow.rules over 1,000 weekly stretches, tens of ms each) is
    # stopped at --timeout 2: 503 after about 2 s, not minutes, and the server goes on serving.
    history = many_periods(1000)
    status, _, body = timed("an evaluation past --timeout", 8,
                            lambda: server.request("POST", "/v1/evaluate?rules=slow", history))
    check(status == 503 and b"--timeout" in body, "an evaluation past its deadline: %s %r" % (status, body[:200]))
    status, _, _ = server.request("GET", "/healthz")
    check(status == 200, "serving after a deadline")


def check_largest_history(server):
    # About the largest history the default --max-body of 128 KiB admits: 1,000 weekly periods (129,700
    # bytes or so), evaluated and explained under reform.rules. Its cost is bounded: docs/limits.md says
    # about 40 MB above the server's size at rest; the check allows 64 MiB, so that it fails on a change of
    # kind (a cost growing with something other than the body), not on a few more definitions in the rules.
    history = many_periods(1000)
    check(len(history) <= DEFAULT_MAX_BODY, "the history fits the default limit: %d bytes" % len(history))
    before = rss_kib(server.proc.pid)
    for command in ("evaluate", "explain"):
        status, _, body = server.request("POST", "/v1/%s?rules=reform" % command, history)
        check(status == 200, "the largest history, %s: %s %r" % (command, status, body[:200]))
    with open("/proc/%d/status" % server.proc.pid) as f:
        peak = [int(line.split()[1]) for line in f if line.startswith("VmHWM:")][0]
    check(peak - before < 64 * 1024, "one large request cost %d KiB above %d KiB" % (peak - before, before))
    print("the largest history: %d KiB at rest, %d KiB at the peak" % (before, peak))
    over = history + b" " * (DEFAULT_MAX_BODY + 1 - len(history))
    check(server.request("POST", "/v1/evaluate", over)[0] == 413, "one byte past the default limit: 413")


def case_limits():
    server = Server("--rules", "cap=" + CAP, "--rules", "slow=" + SLOW,
                    "--rules", "reform=" + os.path.join(ROOT, "rules/england/reform.rules"), "--timeout", "2")
    try:
        check_largest_history(server)  # first, while the peak memory is still the start-up's
        check_head_limits(server)
        check_bodies(server, DEFAULT_MAX_BODY)
        check_pipelining(server)
        check_slow_clients(server)
        check_deadline(server)
        check(timed("SIGTERM", 10, server.stop) == 0, "SIGTERM: exit status 0")
        # Nothing of any history reaches the server's output: not the person, not an amount.
        said = "".join(server.stdout + server.stderr)
        check("minimal-three-periods" not in said and '"many"' not in said and "910.00" not in said,
              "the server's output holds nothing from a history: %r" % said[-500:])
    finally:
        server.kill()


TOKEN = "test-token-0123456789abcdef"


def check_token_required(server):
    def ask(path, token=None):
        headers = {"Authorization": "Bearer " + token} if token else {}
        return server.request("GET", path, None, headers)

    check(ask("/healthz")[0] == 200, "/healthz needs no token")
    status, headers, _ = ask("/v1/rules")
    check(status == 401 and headers.get("WWW-Authenticate", "").startswith("Bearer"), "no token: 401 %s" % status)
    check(ask("/v1/rules", TOKEN + "x")[0] == 401, "a wrong token: 401")
    check(ask("/v1/rules", TOKEN[:-1])[0] == 401, "a token too short by one: 401")
    check(ask("/v1/rules", TOKEN)[0] == 200, "the token: 200")
    status, _, _ = server.request("POST", "/v1/evaluate", THREE)
    check(status == 401, "an evaluation without the token: %s" % status)
    status, _, _ = server.request("POST", "/v1/evaluate", THREE, {"Authorization": "Bearer " + TOKEN})
    check(status == 200, "an evaluation with the token: %s" % status)


def case_access():
    def run(*args, env=None):
        return subprocess.run([CARECAP, "serve", "--port", "0", "--rules", CAP, *args], capture_output=True, text=True,
                              timeout=30, env=env)

    # A public address without a token is refused before anything listens (the check comes first, so no
    # socket is ever bound beyond loopback here).
    plain = {k: v for k, v in os.environ.items() if k != "CARECAP_SERVE_TOKEN"}
    for host in ("0.0.0.0", "::"):
        done = run("--host", host, env=plain)
        check(done.returncode == 1 and "bearer token" in done.stderr, "--host %s without a token: %s" % (host, done.stderr))
    with tempfile.TemporaryDirectory() as work:
        token_file = os.path.join(work, "token")
        with open(token_file, "w") as f:
            f.write("short\n")
        done = run("--token-file", token_file, env=plain)
        check(done.returncode == 1 and "16 to 1024" in done.stderr, "a short token is refused: %s" % done.stderr)
        with open(token_file, "w") as f:
            f.write(TOKEN + "\n")
        done = run("--token-file", token_file, env=dict(plain, CARECAP_SERVE_TOKEN=TOKEN))
        check(done.returncode == 1 and "give one" in done.stderr, "a token from two places: %s" % done.stderr)
        server = Server("--rules", CAP, "--token-file", token_file)  # on loopback: the token still applies
        try:
            check_token_required(server)
            check(server.stop() == 0, "stops with 0")
        finally:
            server.kill()
        check(not any(TOKEN in line for line in server.stdout + server.stderr), "the token is never printed")
    os.environ["CARECAP_SERVE_TOKEN"] = TOKEN
    server = Server("--rules", CAP)
    del os.environ["CARECAP_SERVE_TOKEN"]
    try:
        check_token_required(server)
        check(server.stop() == 0, "stops with 0")
    finally:
        server.kill()


def case_liveness():
    # 8 slow clients (a byte every 2 s: each holds its connection for the whole 10 s request deadline)
    # and 2 evaluations that would run for minutes, with a deadline far off (--timeout 600).
    server = Server("--rules", "slow=" + SLOW, "--threads", "2", "--timeout", "600", "--max-body", str(1 << 20))
    try:
        slow = [SlowClient(server, gap=2.0, limit=30) for _ in range(8)]
        for s in slow:
            s.start()
        history = many_periods(1000)
        costly = [threading.Thread(target=server.request, args=("POST", "/v1/evaluate", history), daemon=True)
                  for _ in range(2)]
        for t in costly:
            t.start()
        time.sleep(2)  # both evaluations are under way, and every slow client is connected
        for _ in range(3):
            status, _, _ = timed("/healthz under load", 5, lambda: server.request("GET", "/healthz"))
            check(status == 200, "/healthz under load: %s" % status)
        code = timed("SIGTERM under load", 10, lambda: server.stop(within=10))
        check(code == 0, "SIGTERM under load: exit status %s" % code)
        for s in slow:
            s.stop.set()
    finally:
        server.kill()


def soak_round(server, kind, expected, history):
    """One request of a kind; returns whether a normal one was answered correctly (others: None)."""
    if kind == "normal":
        status, _, body = server.request("POST", "/v1/evaluate?rules=cap", THREE)
        return status == 200 and body == expected
    if kind == "costly":
        server.request("POST", "/v1/evaluate?rules=slow", history)
    elif kind == "headers":
        raw(server, b"GET /healthz HTTP/1.1\r\n" + b"X-Filler: " + b"a" * (1 << 20) + b"\r\n\r\n", 1, 5)
    elif kind == "slow":
        client = SlowClient(server, gap=0.5, limit=15)
        client.run()
    return None


def run_mix(server, seconds, expected, history):
    """Every kind of client at once for `seconds`: [(kind, whether a normal answer was right)]."""
    results, stop_at = [], time.monotonic() + seconds

    def client(kind):
        while time.monotonic() < stop_at:
            results.append((kind, soak_round(server, kind, expected, history)))

    kinds = ["slow"] * 6 + ["headers"] * 2 + ["costly"] * 2 + ["normal"] * 4
    threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in kinds]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 30)
    return results


def case_soak():
    server = Server("--rules", "cap=" + CAP, "--rules", "slow=" + SLOW, "--threads", "4", "--timeout", "3")
    try:
        _, expected, _ = cli("eval", CAP, THREE)
        history = many_periods(1000)
        # Warm up with the same mix, so that every worker's allocator has grown to its working size;
        # the baseline is taken after that, and growth beyond it over a longer run would be a leak.
        run_mix(server, 10, expected, history)
        time.sleep(1)
        baseline = rss_kib(server.proc.pid)
        results = run_mix(server, 40, expected, history)
        normal = [ok for kind, ok in results if kind == "normal"]
        check(normal and all(normal), "normal requests: %d of %d right" % (sum(normal), len(normal)))
        time.sleep(1)
        after = rss_kib(server.proc.pid)
        print("soak: %d requests (%d normal); resident %d KiB after warming up, %d KiB after the soak"
              % (len(results), len(normal), baseline, after))
        check(after <= baseline * 1.2, "resident memory grew from %d KiB to %d KiB" % (baseline, after))
        check(server.stop() == 0, "SIGTERM after the soak: exit status 0")
    finally:
        server.kill()


if __name__ == "__main__":
    {"limits": case_limits, "access": case_access, "liveness": case_liveness, "soak": case_soak}[CASE]()
    print("%s: %s" % (CASE, "%d failures" % len(failures) if failures else "ok"))
    sys.exit(1 if failures else 0)
