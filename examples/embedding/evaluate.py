#!/usr/bin/env python3
"""evaluate.py: a Python host of carecap through its C ABI, with ctypes (the standard library only).

    evaluate.py [--library PATH] [--rules FILE] [--rules-dir DIR]... [--explain] HISTORY

The library is libcarecap.so: --library, else the CARECAP_LIBRARY environment variable, else the system's
search path. FILE defaults to rules/minimal/cap.rules. Like evaluate.c, it prints what
`carecap eval --rules FILE HISTORY` prints (with --explain, `carecap explain`), byte for byte, with the
same exit status (0 success, 1 the rules or the history are at fault, 2 a wrong command line).
"""
import argparse
import ctypes
import os
import sys

CARECAP_OK = 0


def complain(text):
    """Writes to standard error through one layer only (bytes), so that messages keep their order."""
    sys.stderr.buffer.write(text if isinstance(text, bytes) else text.encode())
    sys.stderr.buffer.flush()


class Carecap:
    """The functions of include/carecap/carecap.h. Strings come back as raw pointers (c_void_p, not
    c_char_p, which would copy them and lose the pointer) so that each can be given back to
    carecap_string_free."""

    def __init__(self, path):
        lib = ctypes.CDLL(path)
        status = ctypes.c_int
        out_text = ctypes.POINTER(ctypes.c_void_p)
        lib.carecap_version.restype = ctypes.c_char_p
        lib.carecap_version.argtypes = []
        lib.carecap_status_name.restype = ctypes.c_char_p
        lib.carecap_status_name.argtypes = [status]
        lib.carecap_rules_load.restype = status
        lib.carecap_rules_load.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_char_p),
                                           ctypes.POINTER(ctypes.c_void_p), out_text]
        lib.carecap_rules_free.restype = None
        lib.carecap_rules_free.argtypes = [ctypes.c_void_p]
        for name in ("carecap_evaluate", "carecap_explain"):
            function = getattr(lib, name)
            function.restype = status
            function.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                 out_text, ctypes.POINTER(ctypes.c_size_t), out_text]
        lib.carecap_string_free.restype = None
        lib.carecap_string_free.argtypes = [ctypes.c_void_p]
        self.lib = lib

    def take(self, pointer, length=None):
        """The bytes of a string the library returned, which is then freed; None for NULL."""
        if not pointer.value:
            return None
        try:
            if length is None:
                return ctypes.string_at(pointer.value)
            return ctypes.string_at(pointer.value, length)
        finally:
            self.lib.carecap_string_free(pointer)

    def status_name(self, status):
        return self.lib.carecap_status_name(status).decode()

    def load(self, path, rule_dirs=()):
        """Returns (status, handle or None, messages as bytes or None)."""
        dirs = (ctypes.c_char_p * (len(rule_dirs) + 1))(*[os.fsencode(d) for d in rule_dirs], None)
        handle = ctypes.c_void_p()
        messages = ctypes.c_void_p()
        status = self.lib.carecap_rules_load(os.fsencode(path), dirs, ctypes.byref(handle),
                                             ctypes.byref(messages))
        return status, (handle if handle.value else None), self.take(messages)

    def free(self, handle):
        self.lib.carecap_rules_free(handle)

    def evaluate(self, handle, history, source_name, explain=False):
        """Returns (status, the JSON result, or the explanation, as bytes or None, the error text as bytes
        or None)."""
        result = ctypes.c_void_p()
        length = ctypes.c_size_t()
        error = ctypes.c_void_p()
        function = self.lib.carecap_explain if explain else self.lib.carecap_evaluate
        status = function(handle, history, len(history), source_name,
                          ctypes.byref(result), ctypes.byref(length), ctypes.byref(error))
        return status, self.take(result, length.value), self.take(error)


def main():
    parser = argparse.ArgumentParser(description="Evaluate a care history through carecap's C ABI.")
    parser.add_argument("--library", default=os.environ.get("CARECAP_LIBRARY", "libcarecap.so"),
                        help="the shared library (default: $CARECAP_LIBRARY, else libcarecap.so)")
    parser.add_argument("--rules", default="rules/minimal/cap.rules", help="the rule file")
    parser.add_argument("--rules-dir", action="append", default=[],
                        help="a further directory amended rule files may come from")
    parser.add_argument("--explain", action="store_true", help="explain in plain English instead of JSON")
    parser.add_argument("history", help="the care history (JSON)")
    args = parser.parse_args()

    try:
        carecap = Carecap(args.library)
    except OSError as e:
        complain(f"evaluate.py: error: cannot load the carecap library: {e}\n")
        return 1

    status, rules, messages = carecap.load(args.rules, args.rules_dir)
    if messages:
        complain(messages)
    if status != CARECAP_OK:
        if not messages:
            complain(f"carecap: error: {carecap.status_name(status)}\n")
        return 1
    try:
        try:
            with open(args.history, "rb") as f:
                history = f.read()
        except OSError as e:
            complain(f"{args.history}: error: cannot read the history: {e.strerror}\n")
            return 1
        # The history's path names it in error messages, as the command line does.
        status, result, error = carecap.evaluate(rules, history, os.fsencode(args.history), args.explain)
        if status != CARECAP_OK:
            complain(error or f"carecap: error: {carecap.status_name(status)}\n")
            return 1
        sys.stdout.buffer.write(result)
        sys.stdout.buffer.flush()
        return 0
    finally:
        carecap.free(rules)


if __name__ == "__main__":
    sys.exit(main())
