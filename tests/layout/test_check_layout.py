#!/usr/bin/env python3
"""Tests of check_layout.py on the fixtures beside it; plain asserts, no test framework.

    python3 tests/layout/test_check_layout.py

The functions each scanner fixture holds are marked in the fixture itself, independently of the scanner:
`@<name` in a comment on the line of a function's opening brace, `name>@` on the line of its closing one.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check_layout as layout  # noqa: E402

SCANNER = os.path.join(HERE, "fixtures", "scanner")
TREE = os.path.join(HERE, "fixtures", "tree")


def marked_functions(text: str) -> list[tuple[str, int, int]]:
    """(name, first line, last line) of each function the fixture's markers name, in order of opening."""
    opened: dict[str, int] = {}
    spans = []
    for number, line in enumerate(text.split("\n"), start=1):
        for name in re.findall(r"@<([^\s@]+)", line):
            opened[name] = number
        for name in re.findall(r"(\S+)>@", line):
            spans.append((name, opened.pop(name), number))
    assert not opened, f"markers opened and never closed: {opened}"
    return sorted(spans, key=lambda s: s[1])


def check_fixture(file_name: str, expected_count: int) -> None:
    with open(os.path.join(SCANNER, file_name), encoding="utf-8") as f:
        text = f.read()
    expected = marked_functions(text)
    assert len(expected) == expected_count, f"{file_name}: the markers name {len(expected)} functions"
    found = [(fn.name, fn.first_line, fn.last_line) for fn in layout.find_functions(text)]
    assert found == expected, f"{file_name}:\n  found    {found}\n  expected {expected}"


def test_lambda_inside_a_function_counts_towards_it() -> None:
    # count_big (lines 5-13) holds a lambda of 5 lines: 9 lines in all, one function, not two.
    check_fixture("lambda_in_function.cpp", 3)
    with open(os.path.join(SCANNER, "lambda_in_function.cpp"), encoding="utf-8") as f:
        functions = layout.find_functions(f.read())
    assert functions[0].lines == 13 - 5 + 1


def test_braces_in_strings_characters_and_comments_are_ignored() -> None:
    check_fixture("braces_in_literals.cpp", 2)


def test_raw_strings_are_ignored() -> None:
    check_fixture("raw_string.cpp", 2)


def test_class_with_inline_methods() -> None:
    # The class, its enum, its nested struct and the initialisers `x{0}`, `sizes_{1, 2, 3}`, `corner_{}`
    # are no functions; the constructor, name(), operator==, area() and make_day() are.
    check_fixture("class_inline.h", 5)


def test_namespaces_and_linkage_blocks_are_looked_into() -> None:
    # Also `extern "C"` before one function (no block), and a return type `-> decltype(...)`.
    check_fixture("namespace.cpp", 5)


def test_blanking_keeps_lines_and_drops_literals() -> None:
    text = 'a = "{"; // }\nb = \'}\';\n/* {\n */ c = R"x({)x";\n#define F() {\n'
    blank = layout.blank_code(text)
    assert blank.count("\n") == text.count("\n")
    assert "{" not in blank and "}" not in blank, blank
    assert "a =" in blank and "c =" in blank


def test_brace_classification() -> None:
    cases = {
        "namespace a": "namespace",
        'extern ""': "namespace",
        "template < class T > struct X : Base < T >": "class",
        "enum class E : int": "class",
        "struct kw : KEYWORD ( \"\" )": "class",
        "int f ( int x ) const noexcept": "function",
        "auto f ( ) -> std :: vector < int >": "function",
        "X :: X ( ) : a_ ( 1 ) , b_ {}": "function",
        "X :: X ( ) : a_ ( 1 ) , b_": "init",
        "auto g = [ ] ( int x )": "function",
        "std :: vector < int > v =": "init",
        "Corner corner_": "init",
        "decltype ( x ) y": "init",
        'extern "" int f ( )': "function",
        "auto f ( ) -> decltype ( g ( ) )": "function",
        "bool operator = = ( const X & o ) const": "function",
    }
    for head, kind in cases.items():
        got = layout.classify_brace(head.split())[0]
        assert got == kind, f"`{head} {{` read as {got}, not {kind}"


def test_broken_text_is_scanned_without_failing() -> None:
    # An unclosed body, a stray closing brace, an unterminated string, comment and raw string: the scanner
    # measures what it can and never raises. The complete function before them is still found.
    text = 'int ok() {\n  return 1;\n}\n}}\nint open() {\n "unterminated\n /* never closed'
    found = [(f.name, f.first_line, f.last_line) for f in layout.find_functions(text)]
    assert found == [("ok", 1, 3)], found
    for tail in ('R"x(no end', "'", "f(", "[](", "template <", "struct X : Y(", "int a = {"):
        layout.find_functions("int ok() { return 1; }\n" + tail)


def run_main(args: list[str]) -> tuple[int, list[str]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = layout.main(args)
    return code, out.getvalue().splitlines()


def test_layering_findings_on_the_fixture_tree() -> None:
    code, lines = run_main(["--root", TREE])
    assert code == 1
    expected = [
        "include/carecap/api.hpp:3: includes lang/ast.h: include/ may include only itself",
        "lang/ast.h:4: includes runtime/evaluation/engine.h: upward from lang/ to runtime/evaluation/",
        "runtime/loose.cpp:1: file sits directly in runtime/, not in a stage folder",
        "runtime/reports/json.cpp:3: includes runtime/analyses/compare.h: upward from runtime/reports/ to "
        "runtime/analyses/",
        "lang/ast.h:4: folder cycle lang/ -> runtime/evaluation/ -> lang/ (lang/ast.h:4 includes "
        "runtime/evaluation/engine.h; runtime/evaluation/engine.h:4 includes lang/ast.h)",
        "layout: 5 findings (3 upward, 0 sideways, 1 cycle, 1 placement, 0 file, 0 function)",
    ]
    assert lines == expected, "\n".join(lines)
    code, report_lines = run_main(["--root", TREE, "--report"])
    assert code == 0 and report_lines == expected


def test_sideways_include_and_its_allowance() -> None:
    saved = dict(layout.LAYERS), set(layout.ALLOWED_SIDEWAYS)
    try:
        layout.LAYERS["runtime/reports"] = layout.LAYERS["runtime/analyses"]
        finding = layout.check_include("runtime/reports/a.cpp", 7, "runtime/analyses/b.h")
        assert finding is not None and finding.kind == "sideways", finding
        layout.ALLOWED_SIDEWAYS.add(("runtime/reports", "runtime/analyses"))
        assert layout.check_include("runtime/reports/a.cpp", 7, "runtime/analyses/b.h") is None
        assert layout.check_include("runtime/analyses/b.cpp", 2, "runtime/reports/a.h").kind == "sideways"
    finally:
        layout.LAYERS.clear()
        layout.LAYERS.update(saved[0])
        layout.ALLOWED_SIDEWAYS.clear()
        layout.ALLOWED_SIDEWAYS.update(saved[1])


def test_size_limits_at_their_edges() -> None:
    with tempfile.TemporaryDirectory() as root:
        os.makedirs(os.path.join(root, "stdlib"))
        # 600 lines is allowed, 601 is not; a body of 80 lines (both brace lines counted) is allowed, 81 not.
        with open(os.path.join(root, "stdlib", "long.h"), "w") as f:
            f.write("int x;\n" * 601)
        with open(os.path.join(root, "stdlib", "ok.h"), "w") as f:
            f.write("int x;\n" * 600)
        with open(os.path.join(root, "stdlib", "fns.cpp"), "w") as f:
            f.write("int ok() {\n" + "  x++;\n" * 78 + "}\n")         # lines 1-80: 80 lines
            f.write("int too_long() {\n" + "  x++;\n" * 79 + "}\n")   # lines 81-161: 81 lines
        code, lines = run_main(["--root", root])
    assert code == 1
    assert lines == [
        "stdlib/fns.cpp:81: function too_long has 81 lines (over 80)",
        "stdlib/long.h:1: file has 601 lines (over 600)",
        "layout: 2 findings (0 upward, 0 sideways, 0 cycle, 0 placement, 1 file, 1 function)",
    ], "\n".join(lines)


def test_a_clean_tree_exits_zero() -> None:
    with tempfile.TemporaryDirectory() as root:
        for folder, text in [("stdlib", "int a();\n"), ("lang", '#include "stdlib/a.h"\n'),
                             ("cli", '#include "lang/a.h"\n#include <string>\n')]:
            os.makedirs(os.path.join(root, folder))
            with open(os.path.join(root, folder, "a.h"), "w") as f:
                f.write(text)
        code, lines = run_main(["--root", root])
    assert code == 0 and lines == ["layout: 0 findings (0 upward, 0 sideways, 0 cycle, 0 placement, 0 file, "
                                   "0 function)"], lines


def main() -> int:
    tests = [(name, fn) for name, fn in globals().items() if name.startswith("test_") and callable(fn)]
    failed = 0
    for name, fn in tests:
        try:
            fn()
            print(f"ok   {name}")
        except AssertionError as e:
            failed += 1
            print(f"FAIL {name}: {e}")
    print(f"{len(tests) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
