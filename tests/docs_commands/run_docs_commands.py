#!/usr/bin/env python3
"""run_docs_commands.py: run the ```sh blocks of a Markdown file, so the commands in the docs cannot rot.

    python3 run_docs_commands.py --carecap BUILD/carecap --root REPOSITORY_ROOT FILE.md

The conventions, which every docs page follows:

- A block fenced ```sh is run; ```text holds output, and commands that must not run in a test (a build, a
  server that never stops, anything writing outside /tmp). Other fences (```carecap, ```json...) are not run.
- Each block runs with `bash -e -o pipefail`, from the repository root, with the directory of the carecap
  under test first on PATH, so `carecap ...` is the built binary.
- Every command must exit 0, unless its line ends with `# exit N`: then it must exit N (the line must hold
  the whole command; a heredoc's body is never read for this comment).
- A failing block is reported as FILE:LINE (the line of the command in the Markdown file), with the status
  and the block's standard error.
- Docs write only under /tmp (a reader can run them as they are). So that runs never meet, each Markdown
  file gets a fresh temporary directory, exported as TMPDIR and removed afterwards, and every path that
  starts with /tmp in its blocks is rewritten to start there instead. The blocks of one file run in order
  in that same directory, so a later block can use what an earlier one wrote (/tmp/carecap-tutorial/...).
- The README names the binary ./build/carecap (its first command builds into build/); that is rewritten to
  `carecap`, the binary under test, wherever the build directory is.
- Lines that install, configure or build (`.ci/setup`, `cmake`, `ctest`: the README's setup commands) are
  skipped: ctest runs this script, and the build has already happened.

Uses the standard library only.
"""

import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^(\s*)```(\S*)\s*$")
EXIT_COMMENT = re.compile(r"^(?P<command>.*?)\s+#\s*exit\s+(?P<status>\d+)\s*$")
HEREDOC = re.compile(r"<<-?\s*(['\"]?)(?P<word>\w+)\1")
SKIPPED = re.compile(r"(^|[\s;&|(])(\S*\.ci/setup|cmake|ctest)(\s|$)")
TMP_PATH = re.compile(r"(?<![\w./-])/tmp(?=/|\s|$|[\"'`;:)])")
README_BINARY = re.compile(r"(?<![\w./-])\./build/carecap\b")
FAILED_MARK = "__docs_command_failed__"
BLOCK_SECONDS = 300  # a block is meant to take seconds; this only stops one that hangs


def sh_blocks(text):
    """(line of the first command, [lines]) for each ```sh block, lines numbered from 1."""
    blocks, lines, i = [], text.split("\n"), 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, language, start, body = m.group(1), m.group(2), i + 2, []
        i += 1
        while i < len(lines) and not re.match(r"^\s*```\s*$", lines[i]):
            body.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i])
            i += 1
        if language == "sh":
            blocks.append((start, body))
        i += 1
    return blocks


def script_for(body, tmp):
    """The block as a bash script with the same number of lines, so that $LINENO maps back to the file."""
    out, heredoc_end, skipped = [], None, []
    for n, line in enumerate(body):
        line = README_BINARY.sub("carecap", TMP_PATH.sub(tmp, line))
        if heredoc_end is not None:  # a heredoc's body is data: kept as it is
            if line.strip() == heredoc_end:
                heredoc_end = None
            out.append(line)
            continue
        heredoc = HEREDOC.search(line)
        if heredoc:
            heredoc_end = heredoc.group("word")
        if SKIPPED.search(line.split("#")[0]):
            skipped.append(n)
            out.append(": skipped")
            continue
        m = EXIT_COMMENT.match(line)
        if m and not heredoc:
            status = m.group("status")
            # In an `if` condition a failure neither stops bash -e nor fires the ERR trap.
            out.append(f"if {m.group('command')}; then __s=0; else __s=$?; fi; "
                       f"if [ $__s -ne {status} ]; then echo \"{FAILED_MARK} $LINENO $__s (expected {status})\" >&2; exit 1; fi")
        else:
            out.append(line)
    trap = f"trap 'echo \"{FAILED_MARK} $LINENO $? (expected 0)\" >&2' ERR"
    return trap + "; " + "\n".join(out) + "\n", skipped


def run_file(md, root, carecap_dir, keep_going):
    text = md.read_text(encoding="utf-8")
    blocks = sh_blocks(text)
    name = md.relative_to(root) if md.is_relative_to(root) else md
    if not blocks:
        print(f"{name}: no ```sh blocks")
        return 0
    work = tempfile.mkdtemp(prefix="carecap-docs-")
    env = dict(os.environ, PATH=str(carecap_dir) + os.pathsep + os.environ.get("PATH", ""), TMPDIR=work)
    env.pop("CDPATH", None)
    failed = 0
    try:
        for start, body in blocks:
            script, skipped = script_for(body, work)
            for n in skipped:
                print(f"{name}:{start + n}: skipped (setup or build): {body[n].strip()}")
            try:
                run = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=root, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=BLOCK_SECONDS)
            except subprocess.TimeoutExpired:
                failed += 1
                print(f"{name}:{start}: FAILED: the block was still running after {BLOCK_SECONDS} s")
                if not keep_going:
                    break
                continue
            marks = [l for l in run.stderr.splitlines() if l.startswith(FAILED_MARK)]
            stderr = "\n".join(l for l in run.stderr.splitlines() if not l.startswith(FAILED_MARK))
            if run.returncode == 0 and not marks:
                print(f"{name}:{start}: ok ({len(body)} lines)")
                continue
            failed += 1
            if marks:
                _, lineno, status, expected = marks[-1].split(" ", 3)
                index = int(lineno) - 1
                command = body[index].strip() if 0 <= index < len(body) else "?"
                print(f"{name}:{start + index}: FAILED: `{command}` exited {status} {expected}, in the block at line {start - 1}")
            else:
                print(f"{name}:{start}: FAILED: the block exited {run.returncode}")
            print("  standard error:\n" + "\n".join("    " + l for l in stderr.splitlines()[-40:]))
            print("  standard output (the end):\n" + "\n".join("    " + l for l in run.stdout.splitlines()[-10:]))
            if not keep_going:
                break
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description="run the ```sh blocks of Markdown files")
    parser.add_argument("--carecap", required=True, help="the built carecap binary")
    parser.add_argument("--root", required=True, help="the repository root: blocks run from here")
    parser.add_argument("--keep-going", action="store_true", help="run the later blocks after a failure")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    root = pathlib.Path(args.root).resolve()
    carecap = pathlib.Path(args.carecap).resolve()
    if not os.access(carecap, os.X_OK):
        print(f"{carecap}: not an executable carecap")
        return 1
    status = 0
    for f in args.files:
        status |= run_file(pathlib.Path(f).resolve(), root, carecap.parent, args.keep_going)
    return status


if __name__ == "__main__":
    sys.exit(main())
