"""Finding raw codes and English in what a Chinese-reading cadre sees: widgets, workbooks, command output.

A word is suspicious when it is ASCII, identifier-like and has a run of three lower-case letters or an
underscore (``votes_for``, ``passed``, ``Look``); numbers, ID numbers, paths and the few names below are not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SUSPICIOUS = re.compile(r"[a-z_]{3,}|_")
# Whole tokens that are not words a cadre must understand: file formats, products, key names, the app's name
# and units. Each is a proper name or what the user types or sees on the keyboard.
ALLOWED = {
    "Fupin",  # the product's name (Fupin Desk 扶贫台账)
    "Desk",
    "Excel",
    "xlsx",  # file types the user picks (*.xlsx)
    "xls",
    "csv",
    "pdf",
    "sqlite",
    "SQLite",
    "PostgreSQL",
    "SQLAlchemy",  # named in --db's help: the URL form the county's IT staff types
    "SQLCipher",  # the encryption of a database file, named where the user chooses it
    "LibreOffice",  # the programs that open a password-protected workbook
    "WPS",
    "pg_dump",  # the PostgreSQL tool fupin backup runs for a server database
    "Ctrl",  # key names on shortcuts (Ctrl+S)
    "Shift",
    "Enter",
    "Tab",
    "Esc",
    "Del",
    "English",  # the language chooser names each language in itself
    "zsf",  # the search field's example of pinyin initials (张三丰), i.e. what the user types
    "WenQuanYi",  # font names in the about/licence texts
    "Micro",
    "Hei",
    "Droid",
    "Sans",
    "Fallback",
}
# Record and device ids shown for support (hexadecimal, with digits): identifiers like ID numbers, not words.
_HEX_ID = re.compile(r"^(?=.*\d)[0-9a-f]{8,}$")
# Strings that are paths, URLs or e-mail addresses: their words are names of files and hosts.
_PATHLIKE = re.compile(r"\S*(?:[/\\]|://|@)\S*")


def suspicious_words(text: str) -> list[str]:
    cleaned = re.sub(r"<[^>]+>", " ", text)  # rich-text tags
    cleaned = re.sub(r"&(?:nbsp|amp|lt|gt);", " ", cleaned)
    cleaned = _PATHLIKE.sub(" ", cleaned)
    return [w for w in _WORD.findall(cleaned) if _SUSPICIOUS.search(w) and w not in ALLOWED and not _HEX_ID.match(w)]


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return int(model.columnCount(parent))
    except TypeError:  # a table or list model: columnCount(parent) is private in PySide6
        if parent.isValid():
            return 0
        try:
            return int(model.columnCount())
        except TypeError:  # a list model: one column
            return 1


def _rows(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return int(model.rowCount(parent))
    except TypeError:
        return int(model.rowCount()) if not parent.isValid() else 0


def _model_texts(model: QAbstractItemModel, root: QModelIndex, limit: int = 300) -> Iterator[str]:
    """Headers and cells under ``root`` (what the view shows), a few levels deep."""
    for c in range(_columns(model, root)):
        value = model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if value is not None:
            yield str(value)

    def walk(parent: QModelIndex, depth: int) -> Iterator[str]:
        rows = min(_rows(model, parent), limit)
        for r in range(rows):
            for c in range(_columns(model, parent)):
                index = model.index(r, c, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = index.data(role)
                    if isinstance(value, str) and value:
                        yield value
            first = model.index(r, 0, parent)
            if depth < 4 and _rows(model, first) > 0:
                yield from walk(first, depth + 1)

    yield from walk(root, 0)


def widget_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a person can see in ``root``: labels, buttons, tabs, table cells, menus."""
    widgets: Iterable[QWidget] = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if w is not root and not w.isVisibleTo(root) and not isinstance(w, QMenu):
            continue
        where = f"{type(root).__name__}/{type(w).__name__}:{w.objectName()}"
        if w.isWindow() and w.windowTitle():
            yield where, w.windowTitle()
        if w.toolTip():
            yield where + "[tooltip]", w.toolTip()
        if isinstance(w, QLabel):
            yield where, w.text()
        elif isinstance(w, QAbstractButton):
            yield where, w.text()
        elif isinstance(w, QGroupBox):
            yield where, w.title()
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                yield where, w.tabText(i)
                yield where + "[tooltip]", w.tabToolTip(i)
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                yield where, w.itemText(i)
        elif isinstance(w, QLineEdit):
            yield where, w.text()
            yield where, w.placeholderText()
        elif isinstance(w, QTextEdit | QPlainTextEdit):
            yield where, w.toPlainText()
        elif isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView) and w.model() is not None:
            for text in _model_texts(w.model(), w.rootIndex()):
                yield where, text
        elif isinstance(w, QMenuBar | QMenu):
            for action in w.actions():
                yield where, action.text()
                yield where + "[tooltip]", action.toolTip() if action.toolTip() != action.text() else ""
                if action.menu() is not None:
                    for sub in action.menu().actions():
                        yield where, sub.text()
        for action in w.actions():  # context-menu actions of tables and fields
            yield where + "[action]", action.text()


def problems_in(pairs: Iterable[tuple[str, str]]) -> list[str]:
    found = []
    for where, text in pairs:
        if not text:
            continue
        bad = suspicious_words(text)
        if bad:
            found.append(f"{where}: {text!r} → {bad}")
    return sorted(set(found))
