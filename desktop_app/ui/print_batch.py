"""Which batch to print from: the 打印 menu's question when a village has several announcements or meetings.

A village runs a 村内公示 and a 乡镇公示 each round, and look-backs add more; printing "the latest" silently
was right only half of the time. The list shows each batch as the documents name it (number, kind, dates),
the latest first and chosen, so that Enter prints what was printed before.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services.printing import BatchChoice
from desktop_app.ui.models.batches import code_label, ui_lang


def batch_text(batch: BatchChoice, lang: str = "zh") -> str:
    period = f"{batch.start_date or ''} – {batch.end_date}" if batch.end_date else str(batch.start_date or "")
    return f"{batch.number}　{code_label('batch_kind', batch.kind, lang)}　{period}"


class BatchChoiceDialog(QDialog):
    """A list of batches; ``chosen`` carries the id of the one accepted."""

    chosen = Signal(str)

    def __init__(self, document: str, batches: Sequence[BatchChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print %1").replace("%1", document))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Print from which batch?"), self))
        self.list = QListWidget(self)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        lang = ui_lang()
        for batch in batches:
            text = batch_text(batch, lang)
            if batch.status == "open":
                text += "　" + self.tr("(open)")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, batch.id)
            item.setToolTip(text)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.list, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Preview"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        width = max(self.list.sizeHintForColumn(0) + 60, 420)
        self.resize(width, min(420, 140 + self.list.sizeHintForRow(0) * max(3, len(batches))))

    def choose(self, batch_id: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == batch_id:
                self.list.setCurrentRow(i)
                return

    def accept(self) -> None:
        item = self.list.currentItem()
        super().accept()
        if item is not None:
            self.chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))
