"""The Qt user interface.

PySide6 6.12 on Python 3.11 drops one reference to ``None`` on every call of a method that returns
nothing (``label.setText(...)``, ``widget.setEnabled(...)``, ``model.beginResetModel()`` …) and wherever
``None`` passes through a QVariant. After about five thousand such calls — a few minutes of work in a
window — the interpreter aborts with "Fatal Python error: none_dealloc: deallocating None". Python 3.12
made ``None`` immortal (PEP 683), which hides the bug there; on 3.11 we give ``None`` the same
practically endless reference count before any window is built. The same bug drops one reference to ``True``
on every ``signal.emit(...)`` (its return value): the app starts with about 12,000 references to ``True``,
so a session of clicks, edits and an import's progress signals ended in "Fatal Python error: bool_dealloc"
(issue 12, the import crash); ``True`` and ``False`` get the same treatment.
"""

from __future__ import annotations

import ctypes
import sys


def _make_none_immortal() -> None:
    if sys.version_info < (3, 12) and sys.implementation.name == "cpython":
        for singleton in (None, True, False):  # ob_refcnt is the first field of every object
            ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40


_make_none_immortal()
