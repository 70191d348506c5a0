"""Guard against a PySide6 6.12 bug on Python 3.11: every call of a Qt method that returns nothing
releases one reference to None it never took (bool returns do the same to True/False), so after a few
thousand calls the interpreter aborts ("none_dealloc"). From Python 3.12 on, None, True and False are
immortal and the bug is harmless. Until the project moves to Python 3.12 or a fixed PySide6, we add a
very large number of references to these three singletons once at start; they are never freed anyway,
so the only effect is that the leak can no longer reach zero."""

from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 48  # far more releases than any session can make


def protect_singletons() -> bool:
    """Returns True if it acted (CPython before 3.12), False where the singletons are immortal."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    for singleton in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt is the object's first field
        if refcount.value < RESERVE:
            refcount.value += RESERVE
    return True
