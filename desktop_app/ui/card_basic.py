"""Card tabs "basic information" and "production and living conditions"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from desktop_app.services.households import Choice, HouseholdForm
from desktop_app.ui.card_widgets import CodeCombo, DecimalEdit, TriStateCombo, YearSpin, code_label


def _line(tab: QWidget, max_length: int) -> QLineEdit:
    edit = QLineEdit(tab)
    edit.setMaxLength(max_length)
    edit.textEdited.connect(lambda _t: tab.edited.emit())  # type: ignore[attr-defined]  # every card tab declares edited = Signal(); QWidget does not
    return edit


class BasicTab(QWidget):
    """Village, group, number, head (read from the members), contact, attribute, standard, procedure state."""

    edited = Signal()

    def __init__(self, groups: list[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QFormLayout(self)
        self.village = QLabel(self)
        self.group = QComboBox(self)
        self.group.addItem("", "")  # never None as item data (see card_widgets.NO_VALUE)
        for choice in groups:
            self.group.addItem(choice.label, choice.id)
        self.group.activated.connect(lambda _i: self.edited.emit())
        self.number = _line(self, 32)
        self.number.setObjectName("number")
        self.head = QLabel(self)
        self.address = _line(self, 200)
        self.phone = _line(self, 30)
        self.bank_name = _line(self, 100)
        self.bank_account = _line(self, 40)
        self.attribute = CodeCombo("attribute", parent=self)
        self.standard = CodeCombo("standard", required=True, parent=self)
        self.identification_year = YearSpin(self)
        self.stage = QLabel(self)
        self.status = QLabel(self)
        self.exit_year = QLabel(self)
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(80)
        self.note.textChanged.connect(self._note_changed)
        self._loading = False
        for widget in (self.attribute, self.standard, self.identification_year):
            widget.edited.connect(self.edited)
        layout.addRow(self.tr("Village"), self.village)
        layout.addRow(self.tr("Village group"), self.group)
        layout.addRow(self.tr("Household number *"), self.number)
        layout.addRow(self.tr("Head of household"), self.head)
        layout.addRow(self.tr("Address"), self.address)
        layout.addRow(self.tr("Phone"), self.phone)
        layout.addRow(self.tr("Bank"), self.bank_name)
        layout.addRow(self.tr("Bank account"), self.bank_account)
        layout.addRow(self.tr("Household attribute"), self.attribute)
        layout.addRow(self.tr("Identification standard *"), self.standard)
        layout.addRow(self.tr("Identification year"), self.identification_year)
        layout.addRow(self.tr("Procedure stage"), self.stage)
        layout.addRow(self.tr("Poverty status"), self.status)
        layout.addRow(self.tr("Exit year"), self.exit_year)
        layout.addRow(self.tr("Note"), self.note)
        self.fields = {
            "group_id": self.group,
            "number": self.number,
            "attribute": self.attribute,
            "standard": self.standard,
            "identification_year": self.identification_year,
        }

    def _note_changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def load(self, form: HouseholdForm) -> None:
        self._loading = True
        try:
            self.village.setText(f"{form.village_name}（{form.village_code}）")
            self.group.setCurrentIndex(max(self.group.findData(form.group_id or ""), 0))
            self.number.setText(form.number)
            self.head.setText(form.head_name or self.tr("(the member whose relation is head)"))
            self.address.setText(form.address)
            self.phone.setText(form.phone)
            self.bank_name.setText(form.bank_name)
            self.bank_account.setText(form.bank_account)
            self.attribute.set_code(form.attribute)
            self.standard.set_code(form.standard)
            self.identification_year.set_year(form.identification_year)
            self.show_procedure(form)
            if self.note.toPlainText() != form.note:
                self.note.setPlainText(form.note)
        finally:
            self._loading = False

    def show_procedure(self, form: HouseholdForm) -> None:
        self.stage.setText(code_label("stage", form.stage))
        self.status.setText(code_label("poverty_status", form.status))
        self.exit_year.setText(str(form.exit_year) if form.exit_year else "—")

    def store(self, form: HouseholdForm) -> None:
        form.group_id = self.group.currentData() or None
        form.number = self.number.text().strip()
        form.address = self.address.text()
        form.phone = self.phone.text()
        form.bank_name = self.bank_name.text()
        form.bank_account = self.bank_account.text()
        form.attribute = self.attribute.code()
        form.standard = self.standard.code() or "1"
        form.identification_year = self.identification_year.year()
        form.note = self.note.toPlainText()


class LivingTab(QWidget):
    """Land, housing, water, electricity, road and livestock."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QFormLayout(self)
        self.arable_land_mu = DecimalEdit(self)
        self.forest_land_mu = DecimalEdit(self)
        self.grassland_mu = DecimalEdit(self)
        self.housing_area_m2 = DecimalEdit(self)
        self.housing_grade = CodeCombo("housing_grade", parent=self)
        self.safe_water = TriStateCombo(self)
        self.electricity = TriStateCombo(self)
        self.road_distance_km = DecimalEdit(self)
        self.road_type = CodeCombo("road_type", parent=self)
        self.livestock = _line(self, 200)
        for widget in (
            self.arable_land_mu,
            self.forest_land_mu,
            self.grassland_mu,
            self.housing_area_m2,
            self.housing_grade,
            self.safe_water,
            self.electricity,
            self.road_distance_km,
            self.road_type,
        ):
            widget.edited.connect(self.edited)
        layout.addRow(self.tr("Arable land (mu)"), self.arable_land_mu)
        layout.addRow(self.tr("Forest land (mu)"), self.forest_land_mu)
        layout.addRow(self.tr("Grassland (mu)"), self.grassland_mu)
        layout.addRow(self.tr("Housing area (m²)"), self.housing_area_m2)
        layout.addRow(self.tr("Housing safety grade"), self.housing_grade)
        layout.addRow(self.tr("Safe drinking water"), self.safe_water)
        layout.addRow(self.tr("Electricity"), self.electricity)
        layout.addRow(self.tr("Distance to a hardened road (km)"), self.road_distance_km)
        layout.addRow(self.tr("Road to the house"), self.road_type)
        layout.addRow(self.tr("Livestock"), self.livestock)
        self.fields = {
            "housing_grade": self.housing_grade,
            "road_type": self.road_type,
            "arable_land_mu": self.arable_land_mu,
        }

    def load(self, form: HouseholdForm) -> None:
        for name in ("arable_land_mu", "forest_land_mu", "grassland_mu", "housing_area_m2", "road_distance_km"):
            getattr(self, name).set_value(getattr(form, name))
        self.housing_grade.set_code(form.housing_grade)
        self.road_type.set_code(form.road_type)
        self.safe_water.set_value(form.safe_water)
        self.electricity.set_value(form.electricity)
        self.livestock.setText(form.livestock)

    def store(self, form: HouseholdForm) -> None:
        for name in ("arable_land_mu", "forest_land_mu", "grassland_mu", "housing_area_m2", "road_distance_km"):
            setattr(form, name, getattr(self, name).value())
        form.housing_grade = self.housing_grade.code()
        form.road_type = self.road_type.code()
        form.safe_water = self.safe_water.value()
        form.electricity = self.electricity.value()
        form.livestock = self.livestock.text()
