"""Finding libcarecap.so and declaring the C ABI of include/carecap/carecap.h to ctypes.

ctypes releases the interpreter lock for the length of every foreign call, so evaluations on many threads
run in parallel inside the library (whose rule sets are immutable and need no lock).
"""

import ctypes
import os
import pathlib
import threading

# What the C ABI's statuses mean (carecap_status in carecap.h); the numbers are part of the ABI.
OK, ERROR_ARGUMENT, ERROR_RULES, ERROR_HISTORY, ERROR_MEMORY, ERROR_INTERNAL = range(6)

_LIBRARY_NAMES = ("libcarecap.so", "libcarecap.so.0")
_lock = threading.Lock()
_library = None


class LibraryNotFound(ImportError):
    """libcarecap.so is neither beside the package nor named by CARECAP_LIBRARY."""


def _candidates():
    named = os.environ.get("CARECAP_LIBRARY")
    if named:
        # The host said where it is: look nowhere else, so a stale copy beside the package never wins.
        return [pathlib.Path(named)], True
    here = pathlib.Path(__file__).resolve().parent
    return [here / name for name in _LIBRARY_NAMES], False


def _find():
    paths, named = _candidates()
    for path in paths:
        if path.is_file():
            return path
    if named:
        raise LibraryNotFound(
            f"carecap: CARECAP_LIBRARY is {paths[0]}, which is not a file: build it with "
            "`cmake --build build --target carecap_shared` (it is build/libcarecap.so) and name that path")
    raise LibraryNotFound(
        "carecap: cannot find libcarecap.so: looked beside the package, in "
        f"{paths[0].parent}. Set CARECAP_LIBRARY to the library's path (after "
        "`cmake --build build --target carecap_shared` it is build/libcarecap.so), or copy it into "
        "python/carecap/ before installing the package (docs/python.md)")


def _declare(lib):
    c_char_pp = ctypes.POINTER(ctypes.c_char_p)
    handle_p = ctypes.c_void_p
    # Strings the library returns are c_void_p, not c_char_p: ctypes would copy a c_char_p and lose the
    # pointer that carecap_string_free needs back.
    out_text = ctypes.POINTER(ctypes.c_void_p)
    size_p = ctypes.POINTER(ctypes.c_size_t)
    lib.carecap_version.restype = ctypes.c_char_p
    lib.carecap_version.argtypes = []
    lib.carecap_rules_load_limited.restype = ctypes.c_int
    lib.carecap_rules_load_limited.argtypes = [ctypes.c_char_p, c_char_pp, c_char_pp,
                                               ctypes.POINTER(handle_p), out_text]
    lib.carecap_rules_load_with_registry.restype = ctypes.c_int
    lib.carecap_rules_load_with_registry.argtypes = [ctypes.c_char_p, ctypes.c_char_p, c_char_pp,
                                                     ctypes.POINTER(handle_p), out_text]
    lib.carecap_rules_free.restype = None
    lib.carecap_rules_free.argtypes = [handle_p]
    lib.carecap_rules_hash.restype = ctypes.c_char_p
    lib.carecap_rules_hash.argtypes = [handle_p]
    for name in ("carecap_evaluate", "carecap_explain", "carecap_project"):
        function = getattr(lib, name)
        function.restype = ctypes.c_int
        function.argtypes = [handle_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                             out_text, size_p, out_text]
    lib.carecap_statement.restype = ctypes.c_int
    lib.carecap_statement.argtypes = [handle_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                      ctypes.c_char_p, out_text, size_p, out_text]
    lib.carecap_evaluate_line.restype = ctypes.c_int
    lib.carecap_evaluate_line.argtypes = [handle_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                          ctypes.c_ulong, out_text, size_p]
    lib.carecap_string_free.restype = None
    lib.carecap_string_free.argtypes = [ctypes.c_void_p]
    return lib


def library():
    """The loaded library, declared once per process (from whichever thread asks first)."""
    global _library
    with _lock:
        if _library is None:
            path = _find()
            try:
                _library = _declare(ctypes.CDLL(str(path)))
            except (OSError, AttributeError) as problem:
                raise LibraryNotFound(f"carecap: {path} is not a usable libcarecap.so: {problem}") from None
        return _library


def take_text(lib, pointer, length=None):
    """The bytes of a string the library returned, which is then released; None for NULL."""
    if not pointer:
        return None
    try:
        return ctypes.string_at(pointer, length) if length is not None else ctypes.string_at(pointer)
    finally:
        lib.carecap_string_free(pointer)


def text_array(texts):
    """A NULL-terminated char *[] for rule_dirs and limits; None for none."""
    if not texts:
        return None
    encoded = [os.fsencode(t) if isinstance(t, (str, os.PathLike)) else bytes(t) for t in texts]
    return (ctypes.c_char_p * (len(encoded) + 1))(*encoded, None)
