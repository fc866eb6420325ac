"""The pairing ledger's small pieces: the dialogs a cadre fills —
a cadre of the roster (新增/修改帮扶干部), a pairing (结对), the end of a pairing (结束结对) and a visit (登记走访).

Every dialog calls the use case on OK; a refusal (``DomainError``, e.g. 规则 pairing_rules.… ) is shown in red
under the form and the dialog stays open, nothing written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app import catalog
from desktop_app.domain.errors import DomainError
from desktop_app.services.assistance import CadreInput, CadreRow
from desktop_app.ui.card_widgets import ui_lang
from desktop_app.ui.models.text_rows import ID_ROLE, RowsModel

__all__ = ["ID_ROLE", "RowsModel"]  # the pairing and visit screens take the table model from here too


def iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def read_date(text: str, *, required: bool = False) -> date | None:
    value = text.strip()
    if not value:
        if required:
            raise DomainError("no_date", "请填写日期（YYYY-MM-DD）", "enter a date (YYYY-MM-DD)")
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DomainError("bad_date", f"日期无效：{value}（格式为 YYYY-MM-DD）", f"invalid date: {value}") from None


def code_combo(kind: str, current: str | None, *, blank: bool = True) -> QComboBox:
    """A choice among the labels of a code list (the code is the item's data)."""
    box = QComboBox()
    if blank:
        box.addItem("", None)
    for item in catalog.codelists()[kind]:
        box.addItem(item.label(ui_lang()), item.code)
    box.setCurrentIndex(max(box.findData(current), 0))
    return box


D = TypeVar("D", bound=QDialog)


def open_dialog(owner: Any, dialog: D) -> D:
    """Open ``dialog`` without blocking (kept in ``owner.current_dialog``); once it wrote, ``owner`` re-reads
    and says so (``refresh()`` and its ``changed`` signal)."""
    dialog.accepted.connect(owner.refresh)
    dialog.accepted.connect(owner.changed.emit)
    owner.current_dialog = dialog
    dialog.open()
    return dialog


class FormDialog(QDialog):
    """A form over a use case: OK runs ``submit()``; a refusal stays on screen in red."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.result_value: Any = None
        self.layout_ = QVBoxLayout(self)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        self.layout_.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)

    def submit(self) -> Any:
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.result_value = self.submit()
        except DomainError as exc:
            self.error.setText(exc.message(ui_lang()))
            self.error.show()
            return
        super().accept()

    def ok(self) -> None:
        """Press OK (as a cadre would)."""
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


class CadreDialog(FormDialog):
    """Add a cadre to the roster (``cadre`` None) or change one."""

    def __init__(self, save: Callable[[CadreInput], Any], cadre: CadreRow | None = None, parent: QWidget | None = None):
        super().__init__(self.tr("Edit cadre") if cadre else self.tr("Add cadre"), parent)
        self._save = save
        self.name = QLineEdit(cadre.name if cadre else "")
        self.sex = code_combo("sex", cadre.sex if cadre else None)
        self.unit = QLineEdit(cadre.unit if cadre else "")
        self.rank = code_combo("cadre_rank", cadre.rank if cadre else None)
        self.title_edit = QLineEdit(cadre.title if cadre else "")
        self.phone = QLineEdit(cadre.phone if cadre else "")
        self.started = QLineEdit(iso(cadre.started_on) if cadre else "")
        self.ended = QLineEdit(iso(cadre.ended_on) if cadre else "")
        for edit in (self.started, self.ended):
            edit.setPlaceholderText("YYYY-MM-DD")
        self.note = QLineEdit(cadre.note if cadre else "")
        for text, widget in (
            (self.tr("Name *"), self.name),
            (self.tr("Sex"), self.sex),
            (self.tr("Unit that sent them"), self.unit),
            (self.tr("Rank"), self.rank),
            (self.tr("Title"), self.title_edit),
            (self.tr("Phone"), self.phone),
            (self.tr("Helping from"), self.started),
            (self.tr("Helping until"), self.ended),
            (self.tr("Note"), self.note),
        ):
            self.form.addRow(text, widget)

    def submit(self) -> Any:
        return self._save(
            CadreInput(
                name=self.name.text(),
                sex=self.sex.currentData(),
                unit=self.unit.text(),
                rank=self.rank.currentData(),
                title=self.title_edit.text(),
                phone=self.phone.text(),
                started_on=read_date(self.started.text()),
                ended_on=read_date(self.ended.text()),
                note=self.note.text(),
            )
        )


class PairDialog(FormDialog):
    """Pair a cadre with a household as its pairing cadre or its monitoring contact: the cadres offered are the
    village's, or those of the county found by name (``search``)."""

    def __init__(
        self,
        save: Callable[[str, str, date], Any],
        cadres: Sequence[CadreRow],
        *,
        household: str,
        role: str = "1",
        search: Callable[[str], Sequence[CadreRow]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Pair a cadre"), parent)
        self._save, self._search, self._offered = save, search, list(cadres)
        self.household_label = QLabel(household)
        self.form.addRow(self.tr("Household"), self.household_label)
        self.role = code_combo("pairing_role", role, blank=False)
        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText(self.tr("Find a cadre of the county by name"))
        self.find_box.textEdited.connect(self.find_cadres)
        self.cadre = QComboBox()
        self._fill(self._offered)
        self.started = QLineEdit(date.today().isoformat())
        self.started.setPlaceholderText("YYYY-MM-DD")
        self.form.addRow(self.tr("Role"), self.role)
        self.form.addRow(self.tr("Find"), self.find_box)
        self.form.addRow(self.tr("Cadre"), self.cadre)
        self.form.addRow(self.tr("From"), self.started)

    def _fill(self, cadres: Sequence[CadreRow]) -> None:
        self.cadre.clear()
        for c in cadres:
            load = self.tr("%1 households").replace("%1", str(c.households))
            self.cadre.addItem(f"{c.name}  {c.unit}  {c.rank_label}  {load}".strip(), c.id)

    def find_cadres(self, text: str) -> None:
        """The county's cadres named like ``text`` (the village's again when it is empty)."""
        self._fill(self._search(text) if self._search is not None and text.strip() else self._offered)

    def choose(self, cadre_id: str) -> None:
        self.cadre.setCurrentIndex(self.cadre.findData(cadre_id))

    def submit(self) -> Any:
        if self.cadre.currentData() is None:
            raise DomainError("no_cadre", "请选择帮扶干部（可按姓名查找）", "choose a cadre (find one by name)")
        started = read_date(self.started.text(), required=True)
        assert started is not None
        return self._save(str(self.cadre.currentData()), str(self.role.currentData()), started)


class EndPairingDialog(FormDialog):
    """End a pairing on a date, with the reason."""

    def __init__(self, save: Callable[[date, str], Any], what: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("End pairing"), parent)
        self._save = save
        self.form.addRow(self.tr("Pairing"), QLabel(what))
        self.ended = QLineEdit(date.today().isoformat())
        self.reason = QLineEdit()
        self.form.addRow(self.tr("Last day"), self.ended)
        self.form.addRow(self.tr("Reason *"), self.reason)

    def submit(self) -> Any:
        ended = read_date(self.ended.text(), required=True)
        assert ended is not None
        return self._save(ended, self.reason.text())


class VisitDialog(FormDialog):
    """A visit: date, cadre, what was found, what was agreed, photos (files become the household's attachments)."""

    def __init__(
        self,
        save: Callable[[date, str | None, str, str, list[str]], Any],
        cadres: Sequence[CadreRow],
        current: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Record a visit"), parent)
        self._save = save
        self.visited = QLineEdit(date.today().isoformat())
        self.cadre = QComboBox()
        self.cadre.addItem("", None)
        for c in cadres:
            self.cadre.addItem(f"{c.name}  {c.unit}".strip(), c.id)
        self.cadre.setCurrentIndex(max(self.cadre.findData(current), 0))
        self.found = QPlainTextEdit()
        self.agreed = QPlainTextEdit()
        for edit in (self.found, self.agreed):
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(70)
        self.photos = QListWidget()
        self.photos.setFixedHeight(70)
        self.add_photo_button = QPushButton(self.tr("Add photos…"))
        self.add_photo_button.clicked.connect(self._pick_photos)
        self.form.addRow(self.tr("Date"), self.visited)
        self.form.addRow(self.tr("Cadre"), self.cadre)
        self.form.addRow(self.tr("Found *"), self.found)
        self.form.addRow(self.tr("Agreed"), self.agreed)
        self.form.addRow(self.tr("Photos"), self.photos)
        self.form.addRow("", self.add_photo_button)

    def _pick_photos(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Photos of the visit"), "", self.tr("Images (*.jpg *.jpeg *.png)")
        )
        for path in files:
            self.add_photo(path)

    def add_photo(self, path: str) -> None:
        self.photos.addItem(path)

    def submit(self) -> Any:
        visited = read_date(self.visited.text(), required=True)
        assert visited is not None
        photos = [self.photos.item(i).text() for i in range(self.photos.count())]
        cadre = self.cadre.currentData()
        return self._save(visited, cadre, self.found.toPlainText(), self.agreed.toPlainText(), photos)
