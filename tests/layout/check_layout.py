#!/usr/bin/env python3
"""Checks the source tree's layout: the layering of folders, file sizes and function sizes.

    python3 tests/layout/check_layout.py [--root DIR] [--report]

What it reports, one finding a line as `path:line: what`, then a summary line:

  * an `#include` that runs upward (to a folder on a higher floor of LAYERS) or sideways (to another folder
    on the same floor), unless ALLOWED_SIDEWAYS lists that pair;
  * an include of the project by a folder in SELF_CONTAINED other than of itself (the public headers
    stand alone, and so does the standard library at the ground floor); counted as upward;
  * every cycle of includes between folders (a cycle always contains an upward or sideways include too,
    but naming the whole cycle says what to break);
  * a source file that sits in no folder of LAYERS, or directly in a folder of STAGED (whose files
    belong in its stage sub-folders);
  * a file over MAX_FILE_LINES lines and a function over MAX_FUNCTION_LINES lines.

It exits 1 on any finding and 0 on none; with --report it prints the same and exits 0.

How a function is measured: from the line of its opening brace to the line of its closing brace, both
counted, with everything inside counting towards it (lambdas, local classes, nested blocks). The scanner
is deliberately small and works on a copy of the text from which comments, string literals (raw ones
too), character literals and preprocessor lines have been blanked out, newlines kept, so that no brace in
them counts and line numbers stay true. Then each `{` met outside any function body is classified by the
tokens before it at its own nesting level (its "head"):

  * the head names `namespace`, or is exactly `extern "..."` (a linkage block, not `extern "C" int f()`):
    a namespace; the scanner looks inside;
  * the head holds `class`, `struct`, `union` or `enum` (outside a leading `template <...>`), no `=`,
    and does not end in a parameter list (unless a `:` before it makes that list part of a base class,
    as in `struct kw : KEYWORD("x") {`): a class; the scanner looks inside for inline methods;
  * the head ends in a parenthesised list, followed only by qualifiers (`const`, `noexcept`, `override`,
    `final`, `mutable`, `&`, `&&`, `noexcept(...)`), a trailing return type `-> T`, a `requires` clause
    or a constructor's initialiser list `: a_(x), b_{y}`, and has no `=` before that list (but
    `operator=` is a name): a function body, or a lambda's when `]` stands before the list;
  * the head ends in `]` (a lambda without parameters): a lambda's body;
  * anything else (`= {`, `T x{...}`, a constructor's member initialiser `b_{y}`): an initialiser; the
    scanner looks inside it only for lambdas, as in a table of functions at namespace scope.

Inside a function body no brace is classified: only matched. A lambda at namespace or class scope is
measured as a function of its own; one inside a function counts towards that function.

Limits, knowingly accepted: preprocessor lines are dropped whole, so a brace in a `#define` or a body
split between `#if` branches is not seen (the project uses neither); `int a[3] {1, 2, 3}` at namespace
scope reads as a lambda (`]` before `{`); a function-try-block (`f() try {`) is measured to the end of
its `try` block, and each handler as a function of its own named `catch`; a block comment begun on a
preprocessor line and running past it is read as code after that line; a macro that expands to a function header (such as
doctest's `TEST_CASE("...")`) is measured like a function, which is what one wants; digraphs and
trigraphs are not understood.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass, field

# ---------------------------------------------------------------------------------------------------------
# The layout: the one place to change when folders move.
#
# A folder (a path under the root, longest match wins) -> its floor. A file may include files of its own
# folder and of any folder on a lower floor. runtime/'s stages are sub-folders, listed in pipeline order.
# `runtime` itself stands for files not yet sorted into a stage (see STAGED): it sits above the stages, so
# that stages are moved bottom-up and a moved file never includes one still waiting to move.
# include/ holds the public contract (carecap.h, carecap.hpp and the plain option types they name): it
# includes nothing of the project (SELF_CONTAINED), so it sits beneath everything and any folder may use
# its types; its implementation, runtime/api, stands above every stage and below the front ends.
LAYERS: dict[str, int] = {
    "include": 0,              # the public headers
    "stdlib": 1,               # values, types and built-in functions: the language's standard library
    "lang": 2,                 # parsing, name resolution, checking, loading a rule set
    "runtime/history": 3,      # the history format: loading, the JSON tree, the generator
    "runtime/authorities": 4,  # the authorities registry and the rules in force for each authority
    "runtime/evaluation": 5,   # engine, timeline, evaluator, inputs, meters, statements, projection, account
    "runtime/explanation": 6,  # the explanation model, its steps and figures
    "runtime/reports": 7,      # JSON, text, HTML, SVG, the statement's items, the explanation's renderings
    "runtime/analyses": 8,     # compare, sweep (and its chart), examples
    "runtime": 9,              # not yet sorted into a stage (a finding of its own: see STAGED)
    "runtime/api": 10,         # the implementations of include/carecap/ (C++ and C)
    "cli": 11,                 # the front ends: the command line, the service
}
# Folders whose own files belong in sub-folders: a file directly inside is a finding.
STAGED: set[str] = {"runtime"}
# Folders that may include nothing of the project but themselves: the public headers stand alone, and the
# standard library is the ground floor of the language.
SELF_CONTAINED: set[str] = {"include", "stdlib"}
# Sideways includes (between two folders on one floor) that are allowed: (from, to) pairs.
ALLOWED_SIDEWAYS: set[tuple[str, str]] = set()
# Folders scanned for sizes only (not for layering), and folders not scanned at all.
SIZE_ONLY: list[str] = ["tests"]
# The fixtures judge the checker itself; node_modules holds the browser test's npm tools (.ci/setup).
NOT_SCANNED: list[str] = ["tests/layout/fixtures", "tests/selfservice/node_modules"]

MAX_FILE_LINES = 600
MAX_FUNCTION_LINES = 80
SOURCE_SUFFIXES = (".h", ".hpp", ".cpp", ".c")
# Where `#include "x"` and `#include <x>` are looked for, after the including file's own folder.
INCLUDE_ROOTS = ["", "include"]

# ---------------------------------------------------------------------------------------------------------
# Blanking: comments, literals and preprocessor lines become spaces, newlines stay.

_RAW_STRING_START = re.compile(r'(?:u8|[uUL])?R"([^()\\\s]{0,16})\(')


def blank_code(text: str) -> str:
    """Returns `text` with comments, string and character literals and preprocessor lines blanked.

    The delimiters of a literal are kept (`""`, `''`) so that the code around it still reads as code."""
    out: list[str] = []
    i, n = 0, len(text)
    at_line_start = True  # only whitespace seen since the last newline

    def blank(s: str) -> str:
        return "".join("\n" if c == "\n" else " " for c in s)

    while i < n:
        c = text[i]
        if c == "\n":
            out.append(c)
            i += 1
            at_line_start = True
            continue
        if at_line_start and c == "#":
            # A preprocessor line, with its backslash continuations.
            j = i
            while j < n and text[j] != "\n":
                if text[j] == "\\" and j + 1 < n and text[j + 1] == "\n":
                    j += 2
                    continue
                j += 1
            out.append(blank(text[i:j]))
            i = j
            continue
        if not c.isspace():
            at_line_start = False
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(blank(text[i:j]))
            i = j
            continue
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(blank(text[i:j]))
            i = j
            continue
        raw = _RAW_STRING_START.match(text, i) if c in "uULR" else None
        if raw and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            closing = ")" + raw.group(1) + '"'
            j = text.find(closing, raw.end())
            j = n if j < 0 else j + len(closing)
            out.append('""' + blank(text[i + 2:j]))
            i = j
            continue
        if c == '"' or (c == "'" and not _is_digit_separator(text, i)):
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + c + blank(text[i + 1:j - 1]))
            i = j
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _is_digit_separator(text: str, i: int) -> bool:
    """True for the ' in 1'000'000 (C++14), which starts no character literal."""
    if not (0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()):
        return False
    start = i
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_'."):
        start -= 1
    return text[start].isdigit()


# ---------------------------------------------------------------------------------------------------------
# Tokens and braces.

_TOKEN = re.compile(r"[A-Za-z_][A-Za-z_0-9]*|\d[\w.']*|->|::|&&|\"\"|''|\S")
QUALIFIERS = {"const", "volatile", "noexcept", "override", "final", "mutable", "&", "&&", "constexpr",
              "throw", "try"}
CLASS_KEYS = {"class", "struct", "union", "enum"}
# Words a parenthesised list may follow in a head that is still no function's: `decltype(x) y{...}`.
NOT_FUNCTION_NAMES = {"decltype", "sizeof", "alignof", "alignas", "typeof", "__attribute__"}


@dataclass
class Function:
    name: str
    first_line: int  # the line of the opening brace
    last_line: int   # the line of the closing brace

    @property
    def lines(self) -> int:
        return self.last_line - self.first_line + 1


@dataclass
class _Level:
    kind: str                      # "file", "namespace", "class", "init", "function"
    line: int
    name: str = ""
    head: list[str] = field(default_factory=list)


def tokens_with_lines(code: str):
    line = 1
    pos = 0
    for m in _TOKEN.finditer(code):
        line += code.count("\n", pos, m.start())
        pos = m.start()
        yield m.group(0), line


def find_functions(text: str) -> list[Function]:
    """Every outermost function body (and lambda outside any function) in C or C++ source `text`."""
    found: list[Function] = []
    stack: list[_Level] = [_Level("file", 1)]
    depth_in_function = 0  # braces open inside the current outermost function
    for tok, line in tokens_with_lines(blank_code(text)):
        top = stack[-1]
        if top.kind == "function":
            if tok == "{":
                depth_in_function += 1
            elif tok == "}":
                if depth_in_function == 0:
                    stack.pop()
                    found.append(Function(top.name, top.line, line))
                    stack[-1].head.clear()
                else:
                    depth_in_function -= 1
            continue
        if tok == "{":
            kind, name = classify_brace(top.head)
            if kind == "init":
                top.head.append("{}")  # the group stays part of the enclosing head
            stack.append(_Level(kind, line, name))
            depth_in_function = 0
        elif tok == "}":
            if len(stack) > 1:
                closed = stack.pop()
                if closed.kind != "init":
                    stack[-1].head.clear()
        elif tok == ";":
            top.head.clear()
        elif tok == ":" and top.head and top.head[-1] in ("public", "private", "protected"):
            top.head.clear()
        else:
            top.head.append(tok)
    return found


def _skip_template_prefix(head: list[str]) -> list[str]:
    """The head without a leading `template <...>`."""
    if not head or head[0] != "template" or len(head) < 2 or head[1] != "<":
        return head
    depth = 0
    for i in range(1, len(head)):
        if head[i] == "<":
            depth += 1
        elif head[i] == ">":
            depth -= 1
            if depth == 0:
                return _skip_template_prefix(head[i + 1:])
    return []


def _matching_open(head: list[str], close_index: int, open_tok: str, close_tok: str) -> int:
    depth = 0
    for i in range(close_index, -1, -1):
        if head[i] == close_tok:
            depth += 1
        elif head[i] == open_tok:
            depth -= 1
            if depth == 0:
                return i
    return -1


def _last_parameter_list(head: list[str]) -> int:
    """Index of the `)` closing the parameter list when what follows it may precede a function body."""
    i = len(head) - 1
    while i >= 0:
        tok = head[i]
        if tok == ")":
            opener = _matching_open(head, i, "(", ")")
            if opener < 0:
                return -1
            before = head[opener - 1] if opener > 0 else ""
            if before in ("noexcept", "throw", "requires", "decltype"):
                i = opener - 1
                continue
            # A constructor's initialiser `a_(x)` follows a `:` or `,`, not a parameter list's name.
            if opener >= 2 and head[opener - 2] in (":", ",") and _in_initialiser_list(head, opener - 2):
                i = opener - 2
                continue
            return i
        if tok in QUALIFIERS or tok in ("{}", ",", ":") or tok == "requires":
            i -= 1
            continue
        if tok == "]":
            return -1
        if tok.isidentifier() or tok in ("::", "<", ">", "*", "->"):
            # A trailing return type, a requires clause's words, an initialiser's name: keep looking back
            # as far as a `->` or a `:` that would explain them.
            i -= 1
            continue
        return -1
    return -1


def _in_initialiser_list(head: list[str], colon_or_comma: int) -> bool:
    """True when the `:` or `,` at this index lies after a parameter list, as in `) : a_(x), b_(y)`."""
    depth = 0
    for i in range(colon_or_comma, -1, -1):
        tok = head[i]
        if tok == ")":
            depth += 1
        elif tok == "(":
            depth -= 1
        elif depth == 0 and tok == ":" and i > 0 and (head[i - 1] == ")" or head[i - 1] in QUALIFIERS):
            return True
    return False


def _names_a_member_initialiser(head: list[str]) -> bool:
    """True for the `b_{` of a constructor's `) : a_(x), b_{y} {`: a type-like run of words at the end of
    the head that follows a `,` or `:` (and not a trailing return type's `->` or a `requires`)."""
    if any(t in CLASS_KEYS for t in head) or ")" not in head:
        return False
    if not ((head[-1].isidentifier() and head[-1] not in QUALIFIERS) or head[-1] == ">"):
        return False
    angle = 0
    for tok in reversed(head):
        if tok == ">":
            angle += 1
        elif tok == "<":
            angle -= 1
        elif angle > 0 or tok in ("::", "*", "&", "&&") or (tok.isidentifier() and tok != "requires"):
            continue
        else:
            return tok in (",", ":")
    return False


def _function_name(head: list[str], opener: int) -> str:
    """`name`, `Class::name`, `Class::~Class` or `Class::operator==` for the list opening at `opener`."""
    words = head[:opener]
    if "operator" in words:
        at = len(words) - 1 - words[::-1].index("operator")
        name = "operator" + "".join(words[at + 1:])
        i = at - 1
    elif words and words[-1].isidentifier():
        name = words[-1]
        i = len(words) - 2
        if i >= 0 and words[i] == "~":
            name = "~" + name
            i -= 1
    else:
        return "function"
    while i >= 1 and words[i] == "::" and words[i - 1].isidentifier():
        name = words[i - 1] + "::" + name
        i -= 2
    return name


def classify_brace(head: list[str]) -> tuple[str, str]:
    """(kind, name) of a `{` met outside any function body, from the tokens before it at its level."""
    if "namespace" in head or head == ["extern", '""']:
        return "namespace", ""
    body = _skip_template_prefix(head)
    if not body:
        return "init", ""
    if body[-1] == "]":
        return "function", "lambda"
    if body[-1] in (",", "(", "=", "return"):
        return "init", ""
    if _names_a_member_initialiser(body):
        return "init", ""
    close = _last_parameter_list(body)
    if close >= 0:
        opener = _matching_open(body, close, "(", ")")
        before = body[:opener]
        if before and before[-1] == "]":
            return "function", "lambda"
        if before and before[-1] == ">" and "[" in before:
            return "function", "lambda"  # a template lambda, []<class T>(T x) {
        assigns = "=" in before and "operator" not in before
        named = before and (before[-1].isidentifier() or before[-1] == ")" or "operator" in before)
        if not assigns and named \
                and before[-1] not in NOT_FUNCTION_NAMES:
            # `struct tm to_tm(...)` is a function; `struct kw : MACRO("x")` is a class with a base.
            if not (any(t in CLASS_KEYS for t in before) and ":" in before):
                return "function", _function_name(body, opener)
    if any(t in CLASS_KEYS for t in body) and "=" not in body:
        return "class", ""
    return "init", ""


# ---------------------------------------------------------------------------------------------------------
# Includes and folders.

_INCLUDE = re.compile(r'^[ \t]*#[ \t]*include\s*([<"])([^>"]+)[>"]', re.MULTILINE)


@dataclass
class Finding:
    path: str
    line: int
    kind: str
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


def folder_of(rel_path: str) -> str | None:
    """The LAYERS folder a file belongs to (longest match), or None."""
    best = None
    for folder in LAYERS:
        if rel_path.startswith(folder + "/") and (best is None or len(folder) > len(best)):
            best = folder
    return best


def _under(rel_path: str, folders) -> bool:
    return any(rel_path == f or rel_path.startswith(f + "/") for f in folders)


def source_files(root: str) -> list[str]:
    files = []
    for top in sorted({f.split("/")[0] for f in list(LAYERS) + SIZE_ONLY}):
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(SOURCE_SUFFIXES):
                    rel = os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/")
                    if not _under(rel, NOT_SCANNED):
                        files.append(rel)
    return files


def resolve_include(root: str, including: str, target: str, quoted: bool) -> str | None:
    """The project file an include names, as a path from the root, or None for a system header."""
    candidates = [os.path.join(os.path.dirname(including), target)] if quoted else []
    candidates += [os.path.join(r, target) for r in INCLUDE_ROOTS]
    for cand in candidates:
        rel = os.path.normpath(cand).replace(os.sep, "/")
        if not rel.startswith("..") and os.path.isfile(os.path.join(root, rel)):
            return rel
    return None


def check_include(path: str, line: int, target: str) -> Finding | None:
    src, dst = folder_of(path), folder_of(target)
    if src is None or dst is None or src == dst:
        return None
    if src in SELF_CONTAINED:
        return Finding(path, line, "upward", f"includes {target}: {src}/ may include only itself")
    if LAYERS[dst] > LAYERS[src]:
        return Finding(path, line, "upward", f"includes {target}: upward from {src}/ to {dst}/")
    if LAYERS[dst] == LAYERS[src] and (src, dst) not in ALLOWED_SIDEWAYS:
        return Finding(path, line, "sideways", f"includes {target}: sideways from {src}/ to {dst}/")
    return None


def folder_cycles(edges) -> list[list[str]]:
    """Every simple cycle of the folder graph, each as its folders in order, starting from its least one.

    The graph has a dozen folders at most, so a plain depth-first search from each folder, visiting only
    folders greater than the start, finds each cycle exactly once."""
    graph: dict[str, list[str]] = {}
    for a, b in sorted(edges):
        graph.setdefault(a, []).append(b)
    cycles: list[list[str]] = []

    def walk(start: str, path: list[str]) -> None:
        for nxt in graph.get(path[-1], []):
            if nxt == start:
                cycles.append(list(path))
            elif nxt > start and nxt not in path:
                walk(start, path + [nxt])

    for start in sorted(graph):
        walk(start, [start])
    return sorted(cycles, key=lambda c: (len(c), c))


def check_tree(root: str) -> list[Finding]:
    findings: list[Finding] = []
    edges: dict[tuple[str, str], tuple[str, int, str]] = {}
    for path in source_files(root):
        with open(os.path.join(root, path), encoding="utf-8", errors="replace") as f:
            text = f.read()
        line_count = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
        if line_count > MAX_FILE_LINES:
            findings.append(Finding(path, 1, "file", f"file has {line_count} lines (over {MAX_FILE_LINES})"))
        for fn in find_functions(text):
            if fn.lines > MAX_FUNCTION_LINES:
                findings.append(Finding(path, fn.first_line, "function",
                                        f"function {fn.name} has {fn.lines} lines (over {MAX_FUNCTION_LINES})"))
        if _under(path, SIZE_ONLY):
            continue
        folder = folder_of(path)
        if folder is None:
            findings.append(Finding(path, 1, "placement", "file is in no folder of the layer table"))
        elif folder in STAGED and os.path.dirname(path) == folder:
            findings.append(Finding(path, 1, "placement", f"file sits directly in {folder}/, not in a stage folder"))
        for m in _INCLUDE.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            target = resolve_include(root, path, m.group(2), m.group(1) == '"')
            if target is None or _under(target, SIZE_ONLY):
                continue
            finding = check_include(path, line, target)
            if finding:
                findings.append(finding)
            dst = folder_of(target)
            if folder and dst and folder != dst:
                edges.setdefault((folder, dst), (path, line, target))
    for cycle in folder_cycles(edges):
        steps = list(zip(cycle, cycle[1:] + cycle[:1]))
        path, line, _ = edges[steps[0]]
        through = "; ".join(f"{edges[s][0]}:{edges[s][1]} includes {edges[s][2]}" for s in steps)
        loop = " -> ".join(f + "/" for f in cycle + cycle[:1])
        findings.append(Finding(path, line, "cycle", f"folder cycle {loop} ({through})"))
    return findings


KINDS = ["upward", "sideways", "cycle", "placement", "file", "function"]


def summary(findings: list[Finding]) -> str:
    counts = {k: 0 for k in KINDS}
    for f in findings:
        counts[f.kind] += 1
    parts = ", ".join(f"{counts[k]} {k}" for k in KINDS)
    return f"layout: {len(findings)} findings ({parts})"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Checks the layering of folders and the sizes of files and functions.")
    default_root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    parser.add_argument("--root", default=default_root, help="the source tree (default: this script's tree)")
    parser.add_argument("--report", action="store_true", help="print the findings but exit 0")
    args = parser.parse_args(argv)
    findings = check_tree(args.root)
    for f in findings:
        print(f)
    print(summary(findings))
    return 0 if args.report or not findings else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
