"""RuleSet: a loaded, checked rule set, and everything the engine does with one.

Every method takes a history (or a starting position) as a dict or as JSON text (str or bytes) and returns
what the command line prints for it: a dict for JSON, a str for an explanation. A RuleSet never changes
once loaded, so one may be shared by any number of threads; the library does the work with the
interpreter lock released.
"""

import ctypes
import decimal
import json
import os

from . import _native
from .errors import ArgumentError, HistoryError, InternalError, RulesError

_BY_STATUS = {_native.ERROR_ARGUMENT: ArgumentError, _native.ERROR_RULES: RulesError}


def _json_default(value):
    # Money kept exact: a Decimal goes in as the text of its value, never through a float.
    if isinstance(value, decimal.Decimal):
        return str(value)
    raise TypeError(f"carecap: cannot put a {type(value).__name__} into a history")


def as_json_bytes(document):
    """The UTF-8 JSON text of a history or starting position given as a dict (or list), str or bytes."""
    if isinstance(document, (bytes, bytearray)):
        return bytes(document)
    if isinstance(document, str):
        return document.encode("utf-8")
    return json.dumps(document, default=_json_default, ensure_ascii=False).encode("utf-8")


def _raise(status, text, source_name):
    text = text.decode("utf-8", "replace") if text else f"carecap: failed with status {status}"
    if status == _native.ERROR_HISTORY:
        raise HistoryError(text, status, source_name)
    raise _BY_STATUS.get(status, InternalError)(text, status)


class RuleSet:
    """A rule file and every file it amends, loaded and checked once: use RuleSet.load."""

    def __init__(self, handle, lib, path, warnings):
        self._handle = ctypes.c_void_p(handle)
        self._lib = lib
        self.path = path
        self.warnings = warnings  # what `carecap check` would print for a rule set that loads, or ""
        self.hash = lib.carecap_rules_hash(self._handle).decode("ascii")  # "sha256:...", as results say

    @classmethod
    def load(cls, path, rule_dirs=(), registry=None, limits=None):
        """Loads and checks the rule file at `path`. `rule_dirs`: further directories amended files may come
        from (`--rules-dir`); `registry`: an authorities registry (docs/authorities.md); `limits`: a dict of
        the host's limits (docs/limits.md), e.g. {"history_bytes": 1048576}. Raises RulesError with every
        problem as FILE:LINE:COL, the line and a caret."""
        lib = _native.library()
        handle = ctypes.c_void_p()
        messages = ctypes.c_void_p()
        dirs = _native.text_array(list(rule_dirs))
        if registry is not None:
            if limits:
                raise ArgumentError("carecap: limits cannot be given with a registry", _native.ERROR_ARGUMENT)
            status = lib.carecap_rules_load_with_registry(os.fsencode(path), os.fsencode(registry), dirs,
                                                          ctypes.byref(handle), ctypes.byref(messages))
        else:
            settings = _native.text_array([f"{k}={v}" for k, v in (limits or {}).items()])
            status = lib.carecap_rules_load_limited(os.fsencode(path), dirs, settings, ctypes.byref(handle),
                                                    ctypes.byref(messages))
        text = _native.take_text(lib, messages.value)
        if status != _native.OK:
            _raise(status, text, str(path))
        return cls(handle.value, lib, os.fspath(path), text.decode("utf-8", "replace") if text else "")

    def close(self):
        """Releases the rule set now rather than when it is collected. No other thread may be using it."""
        if self._handle and self._handle.value:
            self._lib.carecap_rules_free(self._handle)
            self._handle = ctypes.c_void_p()

    def __del__(self):
        if getattr(self, "_handle", None) is not None:
            self.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _call(self, function, document, source_name, *extra):
        if not self._handle.value:
            raise ArgumentError("carecap: the rule set has been closed", _native.ERROR_ARGUMENT)
        text = as_json_bytes(document)
        out, error = ctypes.c_void_p(), ctypes.c_void_p()
        length = ctypes.c_size_t()
        status = function(self._handle, text, len(text), source_name.encode("utf-8"), *extra,
                          ctypes.byref(out), ctypes.byref(length), ctypes.byref(error))
        result = _native.take_text(self._lib, out.value, length.value)
        error_text = _native.take_text(self._lib, error.value)
        if status != _native.OK:
            _raise(status, error_text, source_name)
        return result.decode("utf-8")

    def evaluate(self, history, source_name="history"):
        """The care account (docs/result.md) as a dict: what `carecap eval` prints."""
        return json.loads(self._call(self._lib.carecap_evaluate, history, source_name))

    def explain(self, history, source_name="history"):
        """The same evaluation in plain English, as `carecap explain` prints it (a str)."""
        return self._call(self._lib.carecap_explain, history, source_name)

    def statement(self, history, on=None, source_name="history"):
        """The care account statement (docs/statement.md) on date `on` ("YYYY-MM-DD"), or the last one of
        the history's schedule, as a dict: what `carecap statement --format json` prints."""
        on_date = on.encode("ascii") if on is not None else None
        return json.loads(self._call(self._lib.carecap_statement, history, source_name, on_date))

    def project(self, start, source_name="start"):
        """Capital spent down week by week from a starting position, e.g. {"capital": "145000", "income":
        "239", "fees": "683"} (docs/embedding.md lists its members), as `carecap project --format json`."""
        return json.loads(self._call(self._lib.carecap_project, start, source_name))

    def batch_line(self, line_text, source_name, line_number):
        """The bytes `carecap batch` writes for `line_text` read as line `line_number` of the caseload named
        `source_name`: the compact result or an error object, with its newline; and whether it is a result.
        For hosts that split a caseload (carecap.dask); errors are in the line, never raised."""
        out, length = ctypes.c_void_p(), ctypes.c_size_t()
        status = self._lib.carecap_evaluate_line(self._handle, line_text, len(line_text),
                                                 source_name.encode("utf-8"), line_number,
                                                 ctypes.byref(out), ctypes.byref(length))
        line = _native.take_text(self._lib, out.value, length.value)
        if status not in (_native.OK, _native.ERROR_HISTORY) or line is None:
            _raise(status, None, source_name)
        return line, status == _native.OK
