"""The user guide inside the app: the shipped Markdown guide, with its pictures, a contents list and a search.

The guide lives in ``resources/help/<lang>/guide.md`` (pictures in ``resources/help/images``), so it ships in
the wheel and the Windows bundle and works without a network. Each ``## `` heading is one section; the
search box keeps the sections that contain every word typed and marks the words in the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QColor, QImage, QKeySequence, QShortcut, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.assets import asset_dir

_HEADING = re.compile(r"^## +(.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Section:
    title: str
    markdown: str

    def matches(self, words: list[str]) -> bool:
        text = (self.title + "\n" + self.markdown).lower()
        return all(word in text for word in words)


def help_dir() -> Path:
    return asset_dir("resources") / "help"


def guide_path(lang: str) -> Path:
    folder = help_dir()
    candidate = folder / ("en" if lang == "en" else "zh_CN") / "guide.md"
    return candidate if candidate.exists() else folder / "zh_CN" / "guide.md"


def load_sections(lang: str) -> list[Section]:
    """The guide split at its ``## `` headings; the text before the first heading is the first section."""
    text = guide_path(lang).read_text(encoding="utf-8")
    starts = [match.start() for match in _HEADING.finditer(text)]
    sections: list[Section] = []
    intro = text[: starts[0]] if starts else text
    title = re.search(r"^# +(.+?)\s*$", intro, re.MULTILINE)
    if intro.strip():
        sections.append(Section(title.group(1) if title else "", intro))
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(text)
        chunk = text[start:end]
        heading = _HEADING.match(chunk)
        sections.append(Section(heading.group(1) if heading else "", chunk))
    return sections


class GuideBrowser(QTextBrowser):
    """Shows guide pictures no wider than the page, so a 1366-pixel screenshot fits a small window."""

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        if kind == int(QTextDocument.ResourceType.ImageResource):
            name = url.toString() if isinstance(url, QUrl) else str(url)
            path = help_dir() / name
            if path.is_file():
                image = QImage(str(path))
                width = max(200, self.viewport().width() - 40)
                if not image.isNull() and image.width() > width:
                    image = image.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
                return image
        return super().loadResource(kind, url)


class HelpWindow(QDialog):
    """Non-modal: the guide stays open beside the main window while the cadre works."""

    def __init__(self, lang: str = "zh_CN", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help_window")
        self.setWindowTitle(self.tr("User guide"))
        self.setWindowFlag(Qt.WindowType.WindowMinMaxButtonsHint, True)
        self.sections = load_sections(lang)
        self.search = QLineEdit(self)
        self.search.setObjectName("help_search")
        self.search.setPlaceholderText(self.tr("Search the guide (e.g. 打印, 导入, Ctrl+N)"))
        self.search.setClearButtonEnabled(True)
        self.result_label = QLabel(self)
        self.result_label.setObjectName("help_result")
        self.contents = QListWidget(self)
        self.contents.setObjectName("help_contents")
        self.page = GuideBrowser(self)
        self.page.setObjectName("help_page")
        self.page.setOpenExternalLinks(False)
        self.page.setOpenLinks(False)
        self.page.anchorClicked.connect(self._link)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.result_label)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.contents)
        split.addWidget(self.page)
        split.setStretchFactor(1, 1)
        split.setSizes([220, 640])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self.find_next)
        self.contents.currentRowChanged.connect(self._show_row)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindNext), self, self.find_next)
        self._filter("")
        self.resize(900, 640)

    # --- contents and search ----------------------------------------------------------------------
    def words(self) -> list[str]:
        return [word for word in self.search.text().lower().split() if word]

    def _filter(self, _text: str = "") -> None:
        words = self.words()
        self.contents.blockSignals(True)
        self.contents.clear()
        for index, section in enumerate(self.sections):
            if section.matches(words):
                item = QListWidgetItem(section.title or self.tr("Introduction"), self.contents)
                item.setData(Qt.ItemDataRole.UserRole, index)
        self.contents.blockSignals(False)
        shown = self.contents.count()
        if not words:
            self.result_label.clear()
        elif shown:
            self.result_label.setText(self.tr("%n section(s) found", "", shown))
        else:
            self.result_label.setText(self.tr("Not found"))
        if shown:
            self.contents.setCurrentRow(0)
            self._show_row(0)
        else:
            self.page.clear()

    def _show_row(self, row: int) -> None:
        item = self.contents.item(row)
        if item is None:
            return
        self.show_section(int(item.data(Qt.ItemDataRole.UserRole)))

    def show_section(self, index: int) -> None:
        self.page.setMarkdown(self.sections[index].markdown)
        self._mark_words()

    def current_title(self) -> str:
        item = self.contents.currentItem()
        return item.text() if item is not None else ""

    def _mark_words(self) -> None:
        """Highlight every occurrence of the search words on the page and move to the first one."""
        selections: list[QTextEdit.ExtraSelection] = []
        highlight = QTextCharFormat()
        highlight.setBackground(QColor("#ffe082"))
        document = self.page.document()
        for word in self.words():
            cursor = document.find(word)
            while not cursor.isNull():
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format = highlight
                selections.append(selection)
                cursor = document.find(word, cursor)
        self.page.setExtraSelections(selections)
        self.page.moveCursor(QTextCursor.MoveOperation.Start)
        if selections:
            self.page.setTextCursor(QTextCursor(selections[0].cursor))
            self.page.ensureCursorVisible()

    def highlighted(self) -> int:
        return len(self.page.extraSelections())

    def find_next(self) -> None:
        words = self.words()
        if words and not self.page.find(words[0]):
            self.page.moveCursor(QTextCursor.MoveOperation.Start)
            self.page.find(words[0])

    def _link(self, url: QUrl) -> None:
        """Links between sections (``#heading``) stay inside the guide; others open in the system browser."""
        if url.scheme() in ("http", "https", "mailto"):
            from PySide6.QtGui import QDesktopServices

            QDesktopServices.openUrl(url)
            return
        target = url.fragment() or url.toString()
        for row in range(self.contents.count()):
            if target and target in self.contents.item(row).text():
                self.contents.setCurrentRow(row)
                return


def open_help(parent: QWidget | None, lang: str = "zh_CN", topic: str = "") -> HelpWindow:
    """Show the guide (one window per parent, kept as its child), at the section whose title contains ``topic``."""
    window = parent.findChild(HelpWindow, "help_window") if parent is not None else None
    if window is None:
        window = HelpWindow(lang, parent)
    if topic:
        for row in range(window.contents.count()):
            if topic in window.contents.item(row).text():
                window.contents.setCurrentRow(row)
                break
    window.show()
    window.raise_()
    window.activateWindow()
    return window
