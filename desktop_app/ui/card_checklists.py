"""Card tab "checklists": the county's exclusion and priority checklists (五不录, 六优先 …) and the verdict.

Items that follow from the member table (a public official, a serious illness, a student …) are ticked
automatically and cannot be unticked here: change the member instead. The verdict lists every reason, so
the democratic evaluation can be shown why a household is or is not identified.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop_app import catalog
from desktop_app.domain.eligibility import DERIVATIONS, Assessment, Checklist, MemberFacts
from desktop_app.services.households import HouseholdForm
from desktop_app.ui.card_widgets import ui_lang

KEY_ROLE = Qt.ItemDataRole.UserRole
KINDS = ("exclusion", "priority")


def _facts(form: HouseholdForm) -> list[MemberFacts]:
    return [
        MemberFacts(
            health=m.health,
            disability_grade=m.disability_grade,
            school_status=m.school_status,
            labour=m.labour,
            is_public_official=m.is_public_official,
        )
        for m in form.active_members()
    ]


class ChecklistTab(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None, *, checklists: Sequence[Checklist] | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Checklist item")])
        self.tree.setRootIsDecorated(True)
        lang = ui_lang()
        self._derive: dict[str, str] = {}
        for checklist in catalog.checklists() if checklists is None else checklists:
            if checklist.kind not in KINDS:
                continue
            top = QTreeWidgetItem(self.tree, [checklist.en if lang == "en" else checklist.zh])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for item in checklist.items:
                key = f"{checklist.id}.{item.code}"
                child = QTreeWidgetItem(top, [item.en if lang == "en" else item.zh])
                child.setData(0, KEY_ROLE, key)
                child.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                child.setCheckState(0, Qt.CheckState.Unchecked)
                if item.derive:
                    self._derive[key] = item.derive
            top.setExpanded(True)
        self._loading = False
        self.tree.itemChanged.connect(lambda _item, _col: None if self._loading else self.edited.emit())
        box = QGroupBox(self.tr("Assessment"), self)
        inner = QVBoxLayout(box)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        inner.addWidget(self.verdict)
        layout.addWidget(self.tree, 1)
        layout.addWidget(box)
        self.fields: dict[str, QWidget] = {}

    def _children(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is not None:
                found += [child for j in range(top.childCount()) if (child := top.child(j)) is not None]
        return found

    def load(self, form: HouseholdForm) -> None:
        self._loading = True
        try:
            for child in self._children():
                key = child.data(0, KEY_ROLE)
                answer = form.checklist_answers.get(key, form.checklist_answers.get(key.split(".", 1)[1]))
                child.setCheckState(0, Qt.CheckState.Checked if answer else Qt.CheckState.Unchecked)
            self.show_derived(form)
        finally:
            self._loading = False

    def show_derived(self, form: HouseholdForm) -> None:
        """Tick (and lock) the items the member table already answers."""
        facts = _facts(form)
        was = self._loading
        self._loading = True
        try:
            for child in self._children():
                rule = self._derive.get(child.data(0, KEY_ROLE))
                derived = bool(rule and DERIVATIONS[rule](facts))
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                child.setFlags(Qt.ItemFlag.NoItemFlags if derived else flags)
                if derived:
                    child.setCheckState(0, Qt.CheckState.Checked)
                    child.setToolTip(0, self.tr("From the member table"))
                else:
                    child.setToolTip(0, "")
        finally:
            self._loading = was

    def store(self, form: HouseholdForm) -> None:
        answers = {}
        for child in self._children():
            key = child.data(0, KEY_ROLE)
            derived = not child.flags() & Qt.ItemFlag.ItemIsUserCheckable
            if child.checkState(0) == Qt.CheckState.Checked and not derived:
                answers[key] = True
        form.checklist_answers = answers

    def show_assessment(self, form: HouseholdForm, assessment: Assessment | None) -> None:
        self.show_derived(form)
        if assessment is None:
            self.verdict.setText(self.tr("Enter the members and the income year to see the assessment."))
            return
        lang = ui_lang()
        head = (
            self.tr("Meets the identification conditions")
            if assessment.eligible
            else self.tr("Does not meet the identification conditions")
        )
        colour = "#b00020" if assessment.eligible else "#006400"
        reasons = "<br>".join("• " + (r.en if lang == "en" else r.zh) for r in assessment.reasons)
        self.verdict.setText(f"<b style='color:{colour}'>{head}</b><br>{reasons}")
