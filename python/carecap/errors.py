"""The exceptions of the carecap package: one per failing status of the C ABI.

Each carries the text the `carecap` command line prints for the same input (`text`, and `str()` of the
exception) and, parsed from it, where the problem is: `locations` for a rule file (file, line, column),
`paths` for a history or starting position (its JSON paths).
"""

import re

# "rules/x.rules:12:5: error: ..." as lang/diagnostic renders a rule file's problems.
_RULE_PLACE = re.compile(r"^(?P<file>[^\s:][^:\n]*):(?P<line>\d+):(?P<column>\d+): ", re.MULTILINE)


class CarecapError(Exception):
    """Something carecap refused or failed to do; `status` is the C ABI's carecap_status number."""

    def __init__(self, text, status):
        self.text = text.rstrip("\n")
        self.status = status
        super().__init__(self.text)

    def __reduce__(self):
        # Pickled whole, so that an error raised on a Dask worker reaches the client as itself (the default
        # would rebuild it from `args` alone, without its status).
        return (type(self), (self.text, self.status))

    @property
    def locations(self):
        """Every file:line:col the text names, as (file, line, column) tuples."""
        return [(m["file"], int(m["line"]), int(m["column"])) for m in _RULE_PLACE.finditer(self.text)]


class RulesError(CarecapError):
    """The rule file, or one it amends (or the authorities registry), cannot be read or has errors."""


class HistoryError(CarecapError):
    """The history (or a starting position) is not valid, or the rules cannot evaluate it."""

    def __init__(self, text, status, source_name):
        super().__init__(text, status)
        self.source_name = source_name

    def __reduce__(self):
        return (type(self), (self.text, self.status, self.source_name))

    @property
    def paths(self):
        """The JSON path of each problem: "care_periods[0].start" in "history: care_periods[0].start:
        expected ..."; "" for a problem with the whole document (JSON syntax, a limit)."""
        prefix = self.source_name + ": "
        found = []
        for line in self.text.splitlines():
            if not line.startswith(prefix):
                continue
            rest = line[len(prefix):]
            head, separator, _ = rest.partition(": ")
            # A path has no spaces; "invalid JSON in history at line 1..." is a message, not a path.
            found.append(head if separator and (" " not in head or "[\"" in head) else "")
        return found


class ArgumentError(CarecapError):
    """The call broke the C ABI's contract (a bad limit, a missing argument)."""


class InternalError(CarecapError):
    """A bug in carecap, never the input's fault (or memory ran out)."""
