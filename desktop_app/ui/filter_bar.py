"""The search box and the code-list filters above the household list.

Typing is debounced (150 ms after the last keystroke) so that a fast typist triggers one query, not one
per letter; a finished input-method composition (Chinese) counts as typing too.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QToolButton, QWidget

from desktop_app import catalog

DEBOUNCE_MS = 150


class FilterBar(QWidget):
    """Emits ``changed`` when the search text (debounced) or a filter changes."""

    changed = Signal()

    def __init__(self, *, lang: str = "zh_CN", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label_lang = "en" if lang == "en" else "zh"
        lists = catalog.codelists()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search: name, resident ID, household no. or pinyin initials"))
        self.search.setToolTip(self.tr("For example, zsf finds Zhang Sanfeng; part of an ID number also works"))
        self.search.setMinimumWidth(180)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        layout.addWidget(self.search, 3)

        self.combos: dict[str, QComboBox] = {}
        for key, list_id, everything, tip in (
            ("stage", "stage", self.tr("All stages"), self.tr("Procedure stage")),
            ("status", "poverty_status", self.tr("All statuses"), self.tr("Poverty status")),
            ("attribute", "attribute", self.tr("All attributes"), self.tr("Household attribute")),
            ("cause", "cause", self.tr("All causes"), self.tr("Main cause of poverty")),
        ):
            combo = QComboBox(self)
            combo.setObjectName(f"filter_{key}")
            combo.setToolTip(tip)
            combo.addItem(everything, None)
            for item in lists[list_id]:
                combo.addItem(item.label(label_lang), item.code)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(5)
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
            self.combos[key] = combo
            layout.addWidget(combo, 1)
        self.reset_button = QToolButton(self)
        self.reset_button.setText(self.tr("Clear filters"))
        self.reset_button.setToolTip(self.tr("Show every household of the selected area"))
        self.reset_button.clicked.connect(self.clear)
        layout.addWidget(self.reset_button)

    def text(self) -> str:
        return self.search.text()

    def value(self, key: str) -> str | None:
        data = self.combos[key].currentData()
        return str(data) if data is not None else None

    def set_value(self, key: str, code: str | None) -> None:
        combo = self.combos[key]
        index = combo.findData(code) if code is not None else 0
        combo.setCurrentIndex(max(0, index))

    def flush(self) -> None:
        """Apply a pending search at once (Enter in the box, tests)."""
        if self._timer.isActive():
            self._timer.stop()
            self.changed.emit()

    def pending(self) -> bool:
        return self._timer.isActive()

    def clear(self) -> None:
        for combo in self.combos.values():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._timer.stop()
        self.changed.emit()
