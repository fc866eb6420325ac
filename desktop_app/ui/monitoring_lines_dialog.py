"""监测范围: the monitoring lines by region and year, with add, edit and delete (opened from the File menu).

Each change is one use case of ``services.monitoring`` (``set_line``, ``delete_line``); a refusal shows its
Chinese reason in the form and nothing is written. Who entered a line is the signed-in operator.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import DomainError
from desktop_app.domain.money import format_yuan, parse_yuan
from desktop_app.services import Database
from desktop_app.services.monitoring import LineListRow, delete_line, list_lines, set_line
from desktop_app.ui.card_widgets import ui_lang
from desktop_app.ui.models.monitoring_lines import ROW_ROLE, LinesModel


class LineForm(QDialog):
    """One line: region, year, method, amount (or base × factor), document."""

    def __init__(self, db: Database, row: LineListRow | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.setWindowTitle(self.tr("Monitoring line"))
        layout = QFormLayout(self)
        self.region = QLineEdit(self)
        self.region.setObjectName("line_region")
        self.region.setPlaceholderText(self.tr("全国 or an area code"))
        self.year = QSpinBox(self)
        self.year.setObjectName("line_year")
        self.year.setRange(2021, 2100)
        self.year.setValue(date.today().year)
        self.method = QComboBox(self)
        self.method.setObjectName("line_method")
        self.method.addItem(self.tr("Fixed amount"), "fixed")
        self.method.addItem(self.tr("Multiple of another standard"), "multiple")
        self.amount = QLineEdit(self)
        self.amount.setObjectName("line_amount")
        self.base_name = QLineEdit(self)
        self.base_name.setObjectName("line_base_name")
        self.base_amount = QLineEdit(self)
        self.base_amount.setObjectName("line_base_amount")
        self.factor = QLineEdit(self)
        self.factor.setObjectName("line_factor")
        self.document = QLineEdit(self)
        self.document.setObjectName("line_document")
        self.document.setMaxLength(200)
        self.error = QLabel(self)
        self.error.setObjectName("line_error")
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        layout.addRow(self.tr("Region"), self.region)
        layout.addRow(self.tr("Year"), self.year)
        layout.addRow(self.tr("Method"), self.method)
        layout.addRow(self.tr("Amount (yuan per person and year)"), self.amount)
        layout.addRow(self.tr("Base standard"), self.base_name)
        layout.addRow(self.tr("Base amount (yuan)"), self.base_amount)
        layout.addRow(self.tr("Factor"), self.factor)
        layout.addRow(self.tr("Document"), self.document)
        layout.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addRow(buttons)
        self.method.currentIndexChanged.connect(self._method_changed)
        if row is not None:
            line = row.line
            self.region.setText(row.region_code or "全国")
            self.region.setReadOnly(True)
            self.year.setValue(line.year)
            self.year.setEnabled(False)
            self.method.setCurrentIndex(1 if line.method == "multiple" else 0)
            self.amount.setText(format_yuan(line.amount_fen, grouping=False))
            self.base_name.setText(line.base_name)
            if line.base_amount_fen is not None:
                self.base_amount.setText(format_yuan(line.base_amount_fen, grouping=False))
            self.factor.setText(line.factor)
            self.document.setText(line.document)
        self._method_changed()

    def _method_changed(self) -> None:
        multiple = self.method.currentData() == "multiple"
        for edit in (self.base_name, self.base_amount, self.factor):
            edit.setEnabled(multiple)

    def _fen(self, edit: QLineEdit, what: str) -> int | None:
        text = edit.text().strip()
        if not text:
            return None
        try:
            return parse_yuan(text)
        except DomainError as exc:
            raise DomainError(exc.code, f"{what}：{exc.message_zh}", f"{what}: {exc.message_en}") from exc

    def save(self) -> None:
        try:
            set_line(
                self._db,
                self.region.text(),
                self.year.value(),
                self._fen(self.amount, self.tr("Amount")),
                method=str(self.method.currentData()),
                base_name=self.base_name.text(),
                base_amount_fen=self._fen(self.base_amount, self.tr("Base amount")),
                factor=self.factor.text(),
                document=self.document.text(),
                entered_by=self._db.operator,
            )
        except DomainError as exc:
            self.error.setText(exc.message(ui_lang()))
            return
        self.accept()


class MonitoringLinesDialog(QDialog):
    """The list of lines with add, edit and delete."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.form: LineForm | None = None
        self.setWindowTitle(self.tr("Monitoring lines"))
        self.resize(900, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "The monitoring line per person and year, by region: only the national 2021 line (6,000 yuan) is "
                "shipped; since 2022 each province sets its own. The most specific region of a year applies."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = LinesModel(self)
        self.view = QTableView(self)
        self.view.setObjectName("lines_view")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _i: self.edit_line())
        layout.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add…"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_line)
        self.edit_button.clicked.connect(self.edit_line)
        self.delete_button.clicked.connect(self.delete_selected)
        self.close_button.clicked.connect(self.accept)
        self.refresh()

    def refresh(self) -> None:
        self.model.set_rows(list_lines(self._db))

    def selected(self) -> LineListRow | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        found = self.model.data(rows[0], ROW_ROLE)
        return found if isinstance(found, LineListRow) else None

    def _open_form(self, row: LineListRow | None) -> None:
        self.form = LineForm(self._db, row, self)
        self.form.accepted.connect(self.refresh)
        self.form.open()

    def add_line(self) -> None:
        self._open_form(None)

    def edit_line(self) -> None:
        row = self.selected()
        if row is not None:
            self._open_form(row)

    def delete_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        question = self.tr("Delete the line of %1 for %2?").replace("%1", row.region_name)
        answer = QMessageBox.question(self, self.tr("Delete"), question.replace("%2", str(row.line.year)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            delete_line(self._db, row.region_code, row.line.year)
        except DomainError as exc:
            QMessageBox.warning(self, self.tr("Delete"), exc.message(ui_lang()))
        self.refresh()
