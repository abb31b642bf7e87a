"""carecap from Python: England's adult social care charging rules, evaluated by the carecap engine.

    import carecap
    rules = carecap.RuleSet.load("rules/england/reform.rules")
    account = rules.evaluate(history)          # a dict or JSON text in, a dict out (docs/result.md)
    print(rules.explain(history))              # the plain-English derivation

The engine is libcarecap.so (the C ABI), found beside this package or at the path in CARECAP_LIBRARY.
carecap.frame turns a caseload's results into a pandas DataFrame; `python3 -m carecap.dask` spreads a
caseload over a Dask cluster. docs/python.md has the rest.
"""

from ._native import LibraryNotFound
from .errors import ArgumentError, CarecapError, HistoryError, InternalError, RulesError
from .rules import RuleSet


def version():
    """The version of the loaded libcarecap.so, e.g. "0.1.0"."""
    from ._native import library
    return library().carecap_version().decode("ascii")


__all__ = ["RuleSet", "CarecapError", "RulesError", "HistoryError", "ArgumentError", "InternalError",
           "LibraryNotFound", "version"]
