"""textmate.py: just enough of a TextMate grammar engine to test editors/vscode's grammar.

Python's re stands in for Oniguruma, the engine editors use; grammar_test.py first checks that every
expression keeps to the syntax the two share. Supported: `match` (with `name` and `captures`),
`begin`/`end` regions (with `name`, `patterns`, `beginCaptures`/`endCaptures` or `captures`), and
`include` of "#repository-item" or "$self". As in editors: at each position the rule whose match starts
first wins, ties go to the rule listed first, and inside a region its `end` is tried before its patterns.
"""

import re


class Grammar:
    def __init__(self, data):
        self.data = data
        self.repository = data.get("repository", {})
        self._compiled = {}

    def regex(self, source):
        if source not in self._compiled:
            self._compiled[source] = re.compile(source)
        return self._compiled[source]

    def rules(self, patterns, seen=()):
        """The rules of a `patterns` list, includes expanded, in order."""
        out = []
        for rule in patterns:
            if "include" in rule:
                target = rule["include"]
                if target == "$self":
                    target_rule = {"patterns": self.data["patterns"]}
                elif target.startswith("#"):
                    target_rule = self.repository[target[1:]]
                else:
                    raise ValueError("unsupported include " + target)
                if target in seen:
                    continue  # a region including itself: its rules are already in the list
                out.extend(self.rules([target_rule], seen + (target,)))
            elif "match" in rule or "begin" in rule:
                out.append(rule)
            else:
                out.extend(self.rules(rule.get("patterns", []), seen))
        return out

    def tokenise(self, text):
        """For each line of text, a list with the scopes (a list of names) of each character."""
        stack = []  # open begin/end regions
        lines = []
        for line in text.split("\n"):
            scopes = [[] for _ in line]
            lines.append(scopes)
            pos = 0
            while pos <= len(line):
                region = stack[-1] if stack else None
                candidates = self.rules(region.get("patterns", []) if region else self.data["patterns"])
                best, best_rule, is_end = None, None, False
                if region:
                    best = self.regex(region["end"]).search(line, pos)
                    is_end = best is not None
                for rule in candidates:
                    m = self.regex(rule.get("match") or rule["begin"]).search(line, pos)
                    if m and (best is None or m.start() < best.start()):
                        best, best_rule, is_end = m, rule, False
                if best is None:
                    break
                outer = [r["name"] for r in stack if "name" in r]
                for i in range(pos, best.end()):
                    scopes[i] = list(outer)
                if is_end:
                    self._paint(scopes, best, None, region.get("endCaptures") or region.get("captures"))
                    stack.pop()
                elif "match" in best_rule:
                    self._paint(scopes, best, best_rule.get("name"), best_rule.get("captures"))
                else:
                    stack.append(best_rule)
                    self._paint(scopes, best, best_rule.get("name"),
                                best_rule.get("beginCaptures") or best_rule.get("captures"))
                if best.end() == pos and not (is_end or "begin" in (best_rule or {})):
                    pos += 1  # an empty match must not stop the scan
                else:
                    pos = best.end() if best.end() > pos else pos + 1
            inner = [r["name"] for r in stack if "name" in r]
            for i in range(pos, len(line)):
                if not scopes[i]:
                    scopes[i] = list(inner)
        return lines

    @staticmethod
    def _paint(scopes, m, name, captures):
        if name:
            for i in range(m.start(), m.end()):
                scopes[i].append(name)
        for group, capture in (captures or {}).items():
            g = int(group)
            if m.group(g) is not None and "name" in capture:
                for i in range(m.start(g), m.end(g)):
                    scopes[i].append(capture["name"])


# The common subset of Oniguruma and Python's re that the grammar may use. Each entry: a piece of regex
# syntax (found outside character escapes) and why it is refused.
REFUSED = [
    (re.compile(r"\(\?<[A-Za-z]"), "named groups are written differently ((?<n>...) against (?P<n>...))"),
    (re.compile(r"\(\?P"), "Python-only group syntax"),
    (re.compile(r"\(\?>"), "atomic groups (Python 3.11 and later only)"),
    (re.compile(r"\(\?[a-zA-Z-]+[:)]"), "inline flags behave differently"),
    (re.compile(r"[*+?}]\+"), "possessive quantifiers (Python 3.11 and later only)"),
    (re.compile(r"\[\[:"), "POSIX bracket classes are Oniguruma only"),
]
# Escapes with another meaning, or none, in one of the two engines: \h is a hex digit to Oniguruma and an
# error to Python; \G, \K, \R, \X, \p, \k, \g and back-references (which in an `end` mean the `begin`'s
# groups) have no Python equivalent; \A and \Z differ.
REFUSED_ESCAPES = set("hHGKRXpPkgAZz123456789")


def unsupported_syntax(source):
    """Why the expression is outside the common subset, or None."""
    i = 0
    while i < len(source):
        if source[i] == "\\" and i + 1 < len(source):
            if source[i + 1] in REFUSED_ESCAPES:
                return "escape \\" + source[i + 1] + " is not common to Oniguruma and Python's re"
            i += 2
            continue
        for pattern, why in REFUSED:
            if pattern.match(source, i):
                return why
        i += 1
    return None
