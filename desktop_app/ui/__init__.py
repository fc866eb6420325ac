"""The Qt user interface.

PySide6 6.12 on Python 3.11 drops one reference to ``None`` on every call of a method that returns
nothing (``label.setText(...)``, ``widget.setEnabled(...)``, ``model.beginResetModel()`` …) and wherever
``None`` passes through a QVariant. After about five thousand such calls — a few minutes of work in a
window — the interpreter aborts with "Fatal Python error: none_dealloc: deallocating None". Python 3.12
made ``None`` immortal (PEP 683), which hides the bug there; on 3.11 we give ``None`` the same
practically endless reference count before any window is built.
"""

from __future__ import annotations

import ctypes
import importlib
import sys
from typing import Any


def _make_none_immortal() -> None:
    if sys.version_info < (3, 12) and sys.implementation.name == "cpython":
        # True and False suffer the same lost references (seen as "bool_dealloc" at exit after a long GUI run)
        for singleton in (None, True, False):
            ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40  # ob_refcnt is the first field


_make_none_immortal()


def optional_part(module: str, name: str) -> Any:
    """An entry point of another part of the app, or None when that module is not installed in this build."""
    try:
        return getattr(importlib.import_module(module), name, None)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            return None
        raise
