#!/usr/bin/env python3
"""grammar_test.py: the editor grammar (editors/vscode/syntaxes/carecap.tmLanguage.json) keeps up with the language.

    python3 tests/editor/grammar_test.py REPOSITORY_ROOT

Checks, each failure printed on its own line:
  1. the grammar and the extension's other files are valid JSON, the manifest points at them, and the
     language configuration knows # comments and brackets;
  2. every regular expression keeps to the syntax Oniguruma (editors) and Python's re share, and compiles;
  3. every keyword of the language is highlighted. The words are read from the language's own source, so a
     word added to the language and not to the grammar fails here: the keywords of lang/grammar.h (every
     TAO_PEGTL_KEYWORD), the type names of lang/check_expr.cpp, the built-in functions of stdlib/builtins.cpp,
     and the words of docs/language.md's "Reserved words". A keyword must be highlighted (a keyword,
     type, constant, language variable or built-in scope) somewhere in the rule files the reference shows
     (rules/ and tests/docs/language/), since contextual words are keywords only in their place;
  4. in each rule file under rules/, no reserved word is left unhighlighted, nor a contextual word that no
     rule file declares as a name;
  5. one line for each kind of token (comments, strings, dates, money, percentages, numbers, units,
     declaration names, operators, built-ins) gets the scope it should.
Uses the standard library only.
"""

import json
import pathlib
import re
import sys

sys.dont_write_bytecode = True  # leave no __pycache__ in the source tree
from textmate import Grammar, unsupported_syntax  # noqa: E402 (after the line above, on purpose)

ROOT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
EXTENSION = ROOT / "editors" / "vscode"
KEYWORD_SCOPES = ("keyword.", "storage.type.", "constant.language.", "variable.language.", "support.function.")
failures = []
summary = []  # what was checked, printed when all is well


def fail(message):
    failures.append(message)


def read(relative):
    return (ROOT / relative).read_text(encoding="utf-8")


def load_json(path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        fail(f"{path.relative_to(ROOT)}: not valid JSON: {e}")
        return None


# ---- the language's own word lists ----
def grammar_keywords():
    text = read("lang/grammar.h")
    by_rule = dict(re.findall(r'struct (kw_\w+) : TAO_PEGTL_KEYWORD\("(\w+)"\)', text))
    every = set(re.findall(r'TAO_PEGTL_KEYWORD\("(\w+)"\)', text))  # the units (week, days...) too
    reserved_rule = re.search(r"struct reserved : p::sor<([^>]*)>", text)
    reserved = {by_rule[name] for name in re.findall(r"kw_\w+", reserved_rule.group(1))} if reserved_rule else set()
    return every, reserved


def type_names():
    return set(re.findall(r't\.name == "(\w+)"', read("lang/check_expr.cpp")))


def builtin_names():
    return set(re.findall(r'^\s*\{"(\w+)", "', read("stdlib/builtins.cpp"), re.M))


def documented_reserved_words():
    doc = read("docs/language.md")
    section = re.search(r"^## Reserved words\n(.*?)^## ", doc, re.M | re.S)
    return set(re.findall(r"`(\w+)`", section.group(1))) if section else set()


# ---- looking at tokens ----
WORD = re.compile(r"(?<![\w.])[A-Za-z_]\w*(?![\w.])")


def words_with_scopes(grammar, text):
    """(line number, word, scopes of its first character) for each word outside comments and strings.
    Parts of a dotted name (england.reform) are not words here."""
    for number, (line, scopes) in enumerate(zip(text.split("\n"), grammar.tokenise(text)), 1):
        for m in WORD.finditer(line):
            s = scopes[m.start()]
            if not any(x.startswith(("comment.", "string.")) for x in s):
                yield number, m.group(), s


def is_keyword(scopes):
    return any(s.startswith(KEYWORD_SCOPES) for s in scopes)


def declared_names(text):
    """Every name a rule file declares: inputs, parameters, definitions, meters... and enum members."""
    names = set(re.findall(r"^\s*(?:enum|input|parameter|definition|meter|projection|statements)\s+(\w+)", text, re.M))
    for members in re.findall(r"^\s*enum\s+\w+\s*=\s*([\w\s|]+)", text, re.M):
        names.update(re.findall(r"\w+", members))
    names.update(re.findall(r"\(\s*(\w+)\s*:", text))  # a definition's own parameters
    return names


def main():
    # 1. valid JSON, and a manifest that names the grammar and the configuration
    data = load_json(EXTENSION / "syntaxes" / "carecap.tmLanguage.json")
    manifest = load_json(EXTENSION / "package.json")
    configuration = load_json(EXTENSION / "language-configuration.json")
    if data is None or manifest is None or configuration is None:
        return report()
    if configuration.get("comments", {}).get("lineComment") != "#":
        fail("language-configuration.json: the line comment must be # (the language's only comment)")
    if ["(", ")"] not in configuration.get("brackets", []):
        fail("language-configuration.json: ( and ) must be brackets")
    contributes = manifest.get("contributes", {})
    languages = contributes.get("languages", [])
    if not any(l.get("id") == "carecap" and ".rules" in l.get("extensions", []) for l in languages):
        fail("package.json: no language with id carecap for the extension .rules")
    for l in languages:
        if not (EXTENSION / l.get("configuration", "missing")).is_file():
            fail(f"package.json: the configuration {l.get('configuration')} does not exist")
    for g in contributes.get("grammars", []):
        if not (EXTENSION / g.get("path", "missing")).is_file():
            fail(f"package.json: the grammar {g.get('path')} does not exist")
        if g.get("scopeName") != data.get("scopeName"):
            fail(f"package.json: scopeName {g.get('scopeName')} differs from the grammar's {data.get('scopeName')}")

    # 2. every expression in the common subset, and compiling
    def expressions(node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("match", "begin", "end") and isinstance(value, str):
                    yield f"{where}.{key}", value
                else:
                    yield from expressions(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from expressions(value, f"{where}[{i}]")

    count = 0
    for where, source in expressions(data, "grammar"):
        count += 1
        why = unsupported_syntax(source)
        if why:
            fail(f"{where}: {source!r}: {why}")
        try:
            re.compile(source)
        except re.error as e:
            fail(f"{where}: {source!r} does not compile: {e}")
    if count < 10:
        fail(f"only {count} regular expressions found in the grammar")
    if failures:
        return report()
    grammar = Grammar(data)

    # 3. every keyword highlighted somewhere in the reference's rule files
    keywords, reserved = grammar_keywords()
    types, builtins, documented = type_names(), builtin_names(), documented_reserved_words()
    for label, found, least in (("keywords in lang/grammar.h", keywords, 40), ("reserved words in lang/grammar.h", reserved, 15),
                                ("type names in lang/check_expr.cpp", types, 5), ("built-ins in stdlib/builtins.cpp", builtins, 15),
                                ("words in docs/language.md's Reserved words", documented, 40)):
        if len(found) < least:
            fail(f"found only {len(found)} {label}: has the source changed shape? ({sorted(found)})")
    corpus = sorted((ROOT / "rules").rglob("*.rules")) + sorted((ROOT / "tests/docs/language").glob("*.rules"))
    highlighted, seen = set(), set()
    for path in corpus:
        for _, word, scopes in words_with_scopes(grammar, path.read_text(encoding="utf-8")):
            seen.add(word)
            if is_keyword(scopes):
                highlighted.add(word)
    summary.append(f"{len(keywords)} keywords ({len(reserved)} reserved) from lang/grammar.h, {len(types)} types, "
                   f"{len(builtins)} built-ins, {len(documented)} words of the reference, {len(corpus)} rule files")
    for word in sorted(keywords | types | builtins | documented):
        if word not in highlighted:
            where = "is never highlighted" if word in seen else "appears in none of them: show it in tests/docs/language/"
            fail(f"keyword `{word}`: in the rule files under rules/ and tests/docs/language/, it {where}")

    # 4. each rule file under rules/: no keyword left plain
    contextual = (keywords | types | {"today", "reached"}) - reserved
    names = set()
    for path in corpus:
        names |= declared_names(path.read_text(encoding="utf-8"))
    for path in sorted((ROOT / "rules").rglob("*.rules")):
        for number, word, scopes in words_with_scopes(grammar, path.read_text(encoding="utf-8")):
            plain = not is_keyword(scopes) and not any(s.startswith("entity.name.namespace") for s in scopes)
            if plain and (word in reserved or (word in contextual and word not in names)):
                fail(f"{path.relative_to(ROOT)}:{number}: the keyword `{word}` is not highlighted")

    # 5. one example of each kind of token
    samples = [
        ("# a comment", "a", "comment.line"),
        ('  cite "004, 2.2 a)"', "004", "string.quoted"),
        ("  from 2023-10-01 = £86,000", "2023", "constant.numeric.date"),
        ("  from 2023-10-01 = £1,234.56", "£", "constant.numeric.money"),
        ("  from 2023-10-01 = £1,234.56", "234", "constant.numeric.money"),
        ("definition share : percent = 52.5%", "52", "constant.numeric.percentage"),
        ("definition n : integer = 12", "12", "constant.numeric"),
        ("  from 2021-04-01 = £200 per week", "per", "keyword.other.unit"),
        ("  from 2021-04-01 = £200 per week", "week", "keyword.other.unit"),
        ("  when today >= start + 12 weeks : true", "weeks", "keyword.other.unit"),
        ("parameter cap_level : money", "cap_level", "entity.name"),
        ("definition metered_rate : money per week =", "metered_rate", "entity.name"),
        ("input budget : budget_kind", "budget", "entity.name"),
        ("  when a <= b : c", "<=", "keyword.operator"),
        ("  max(weekly_cost - dlc, £0 per week)", "max", "support.function"),
        ("  when reached(care_account) : £0 per week", "reached", "support.function"),
        ("  expect care_account reached on 2026-08-01", "reached", "keyword."),
        ("  when budget = personal : £1 per week", "budget", None),  # a contextual word used as a name
        ("rules demo.projection version \"1\"", "projection", "entity.name.namespace"),
    ]
    for line, token, expected in samples:
        at = line.index(token)
        scopes = grammar.tokenise(line)[0][at]
        ok = (not is_keyword(scopes)) if expected is None else any(s.startswith(expected) for s in scopes)
        if not ok:
            fail(f"in {line!r}, `{token}` has scopes {scopes}, expected {expected or 'no keyword scope'}")
    return report()


def report():
    for f in failures:
        print("FAIL " + f)
    if not failures:
        print("editor grammar: valid JSON, regular expressions in the common subset, every keyword highlighted: "
              + "; ".join(summary))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
