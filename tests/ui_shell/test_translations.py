"""No English left in the Chinese UI, and English in the English UI (--lang en).

Every visible UI string of the main screens is collected — window titles, labels, buttons, menus and
actions, tab titles, header labels, tooltips, placeholders, combo items — and checked for ASCII letters
once data (area codes, IDs, paths) and a short allow-list (the product name, Excel, key names) is removed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QSpinBox,
    QTabWidget,
    QWidget,
)

ALLOWED = [
    r"Fupin Desk",
    r"Excel",
    r"PDF",
    r"English",
    r"\(&?[A-Z]\)",  # Chinese-style mnemonics: 文件(&F), and the tooltip 文件(F)
    r"\b[0-9a-f]{32}\b",  # the device id
    r"\b(?:Ctrl|Shift|Alt)\+\w+",
    r"\b(?:Del|Enter|Esc|Tab|F\d{1,2})\b",
    r"\b[a-z]+://\S*",  # database URLs
    r"(?:/[\w.\-]+)+",  # file paths
    r"\*\.\w+",  # file patterns
    r"\bzsf\b",  # the pinyin example in the search tooltip
    r"\b\d{6,18}[Xx]?\b",  # area codes, household numbers, resident IDs
    r"&",
    r"\[\*\]",  # the unsaved-changes marker in window titles
    r"[A-D]级",  # housing safety grades: Chinese code-list labels (A级…D级)
]
_ALLOWED = re.compile("|".join(ALLOWED))
_TAGS = re.compile(r"<[^>]+>|&\w+;")
_CJK = re.compile(r"[\u3400-\u9fff]")


def ui_strings(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every UI string of a window and its children (data cells are not included)."""
    found: list[tuple[str, str]] = []

    def add(where: str, text: object) -> None:
        if isinstance(text, str) and text.strip():
            found.append((where, text))

    widgets = [root, *root.findChildren(QWidget)]
    add("window title", root.windowTitle())
    for widget in widgets:
        name = f"{type(widget).__name__}:{widget.objectName()}"
        add(f"{name} tooltip", widget.toolTip())
        if isinstance(widget, QLabel):
            add(f"{name} text", _TAGS.sub("", widget.text()))
        elif isinstance(widget, QAbstractButton):
            add(f"{name} text", widget.text())
        elif isinstance(widget, QGroupBox):
            add(f"{name} title", widget.title())
        elif isinstance(widget, QLineEdit):
            add(f"{name} placeholder", widget.placeholderText())
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(f"{name} tab", widget.tabText(i))
                add(f"{name} tab tooltip", widget.tabToolTip(i))
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            for i in range(widget.count()):
                add(f"{name} item", widget.itemText(i))
        elif isinstance(widget, QMenu):
            add(f"{name} title", widget.title())
        if isinstance(widget, QSpinBox):
            add(f"{name} suffix", widget.suffix())
            add(f"{name} prefix", widget.prefix())
        if isinstance(widget, QAbstractSpinBox):
            add(f"{name} special", getattr(widget, "specialValueText", lambda: "")())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # list models keep columnCount private: one column, no header
                columns = 0
            for column in range(columns):
                add(f"{name} header", model.headerData(column, Qt.Orientation.Horizontal))
        for action in widget.actions():
            if action.isVisible() and not action.isSeparator():
                add(f"{name} action", action.text())
                add(f"{name} action tooltip", action.toolTip())
                if action.menu() is not None:
                    add(f"{name} menu", action.menu().title())
    return found


def english_left(root: QWidget) -> list[tuple[str, str]]:
    return [(where, text) for where, text in ui_strings(root) if re.search("[A-Za-z]", _ALLOWED.sub("", text))]


def _check_chinese(window: QWidget, least: int = 2) -> None:
    strings = ui_strings(window)
    assert len(strings) >= least
    bad = english_left(window)
    assert not bad, "untranslated UI strings:\n" + "\n".join(f"  {w}: {t!r}" for w, t in bad)


def test_main_window_in_chinese_has_no_english(demo_db, make_window, lang_zh):
    window = make_window(demo_db)
    assert window.windowTitle() == "Fupin Desk – 精准扶贫建档立卡"
    assert window.menuBar().actions()[0].text() == "文件(&F)"
    _check_chinese(window)
    for menu in window.menuBar().findChildren(QMenu):
        _check_chinese(menu, least=1)


def test_first_run_and_settings_in_chinese_have_no_english(sqlite_db, qtbot, lang_zh):
    from desktop_app.ui.first_run import FirstRunDialog, IdentityDialog
    from desktop_app.ui.settings_dialog import SettingsDialog

    for dialog in (FirstRunDialog(sqlite_db), IdentityDialog(), SettingsDialog(sqlite_db)):
        qtbot.addWidget(dialog)
        dialog.show()
        _check_chinese(dialog)


def test_card_editor_in_chinese_has_no_english(demo_db, qtbot, lang_zh):
    from desktop_app.ui import card_editor
    from desktop_app.ui.models.households import HouseholdTableModel

    model = HouseholdTableModel(demo_db)
    model.reload()
    dialog = card_editor.HouseholdCardDialog(demo_db, model.household_id(0))
    qtbot.addWidget(dialog)
    dialog.show()
    _check_chinese(dialog)


def test_a_job_progress_dialog_is_chinese(qtbot, lang_zh):
    import threading

    from desktop_app.ui.jobs import run_job

    gate = threading.Event()
    job = run_job(None, lambda ctx: gate.wait(10), title="生成", on_done=lambda r: None, show_after_ms=0)
    qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.isVisible())
    _check_chinese(job.dialog)
    gate.set()
    assert job.wait(5000)


def test_english_ui_shows_english(demo_db, make_window, lang_en):
    window = make_window(demo_db, lang="en")
    assert [a.text() for a in window.menuBar().actions()][:2] == ["&File", "&Household"]
    assert window.filters.combos["status"].itemText(1) == "in poverty"  # code-list labels follow the language
    strings = [(w, t) for w, t in ui_strings(window) if "QLabel" not in w]  # status-bar labels carry data
    chinese = [(w, t) for w, t in strings if _CJK.search(t)]
    assert not chinese, chinese


@pytest.mark.parametrize(("lang", "title"), [(None, "Fupin Desk – 精准扶贫建档立卡"), ("en", "Fupin Desk – targeted")])
def test_fupin_gui_language_option(tmp_path: Path, demo_db, lang, title):
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "FUPIN_DATA_DIR": str(tmp_path / "d"),
        "FUPIN_STARTUP_TRACE": "1",
    }
    argv = [sys.executable, "-m", "desktop_app", "--db", str(demo_db.engine.url.database)]
    argv += ["--lang", lang] if lang else []
    result = subprocess.run(
        [*argv, "gui", "--quit-after-ms", "50"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert f"title={title}" in result.stdout
