"""Starting `carecap serve` for the self-service tests: on a port the system chooses, read back from the
server's own "listening on" line (both account_test.py and selfservice_test.py start it this way)."""
import queue
import subprocess
import threading
import time


def start_server(args, wait_seconds=30):
    """Runs the server with `args` (the program first); returns (process, port) or exits saying why not."""
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l) for l in proc.stdout] and lines.put(None), daemon=True).start()
    port, deadline = None, time.monotonic() + wait_seconds
    while port is None and time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        if line is None:
            break
        if "listening on http://127.0.0.1:" in line:
            port = int(line.rsplit(":", 1)[1])
    if port is None:
        proc.kill()
        raise SystemExit("the server did not start: %s" % proc.stderr.read())
    return proc, port
