"""doc_blocks.py DOC CARECAP SOURCE_DIR: runs every command of the ```sh blocks of one docs page from the
repository root, with `carecap` on PATH, and checks each exits 0, or N when the line ends with `# exit N`."""
import os
import re
import subprocess
import sys

doc, carecap, src = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(doc, encoding="utf-8").read()
commands = [line for block in re.findall(r"```sh\n(.*?)```", text, re.S) for line in block.splitlines() if line.strip()]
if not commands:
    print("FAIL %s: no ```sh block" % doc, file=sys.stderr)
    sys.exit(1)
env = dict(os.environ, PATH=os.path.dirname(os.path.abspath(carecap)) + os.pathsep + os.environ.get("PATH", ""))
failed = 0
for command in commands:
    m = re.search(r"#\s*exit\s+(\d+)\s*$", command)
    expected = int(m.group(1)) if m else 0
    p = subprocess.run(["bash", "-c", command], cwd=src, env=env, capture_output=True, text=True)
    if p.returncode != expected:
        failed += 1
        print("FAIL: %s\n  exit %d, expected %d\n%s" % (command, p.returncode, expected, p.stderr[-2000:]), file=sys.stderr)
print("%d commands, %d failed" % (len(commands), failed))
sys.exit(1 if failed else 0)
