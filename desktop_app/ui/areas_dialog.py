"""The areas screen (管理 → 区划): the county's tree of townships, villages and village groups; add an area,
rename one, move a group to another village, merge duplicate groups with their households, import the
county's list of area codes.

Every action calls a use case of ``services.areas`` and re-reads the tree; a refusal is shown in the status
line and changes nothing. Questions are non-modal boxes (``open()``), returned so that tests answer them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import DomainError
from desktop_app.services import Database, Progress
from desktop_app.services.areas import (
    AreaListResult,
    AreaNode,
    add_area,
    area_tree,
    households_in,
    import_area_list,
    merge_groups,
    move_group,
    rename_area,
)
from desktop_app.ui.card_widgets import ui_lang
from desktop_app.ui.job_progress import as_job
from desktop_app.ui.jobs import Job, error_message, run_job
from desktop_app.ui.models.areas import AREA_ID_ROLE, AreaTreeModel

CHILD_LEVEL = {None: "county", "county": "township", "township": "village", "village": "group"}
CODE_PREFIX = {"township": 6, "village": 9, "group": 12}


class AreaForm(QDialog):
    """A small form: an optional code, a name and an optional choice (another area)."""

    def __init__(
        self,
        title: str,
        parent: QWidget | None = None,
        *,
        code: str | None = None,
        name: str | None = None,
        choices: list[tuple[str, str]] | None = None,
        choice_label: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout()
        self.code_edit = QLineEdit(code or "", self)
        self.name_edit = QLineEdit(name or "", self)
        self.choice = QComboBox(self)
        if code is not None:
            form.addRow(self.tr("Code"), self.code_edit)
        if name is not None:
            form.addRow(self.tr("Name"), self.name_edit)
        for label, value in choices or []:
            self.choice.addItem(label, value)
        if choices is not None:
            form.addRow(choice_label, self.choice)
        self.code_edit.setVisible(code is not None)
        self.name_edit.setVisible(name is not None)
        self.choice.setVisible(choices is not None)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen(self) -> str:
        return str(self.choice.currentData() or "")


class AreasDialog(QDialog):
    """The tree with its actions; the status line says what was done or why not."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.job: Job[Any] | None = None
        self.form: AreaForm | None = None
        self.question: QMessageBox | None = None
        self.list_result: AreaListResult | None = None
        self.setWindowTitle(self.tr("Areas"))
        self.resize(900, 600)  # fits 1366×768 with the task bar
        self.model = AreaTreeModel(self)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setUniformRowHeights(True)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add…"), self)
        self.rename_button = QPushButton(self.tr("Rename…"), self)
        self.move_button = QPushButton(self.tr("Move group…"), self)
        self.merge_button = QPushButton(self.tr("Merge duplicate group…"), self)
        self.import_button = QPushButton(self.tr("Import code list…"), self)
        self.add_button.clicked.connect(self.ask_add)
        self.rename_button.clicked.connect(self.ask_rename)
        self.move_button.clicked.connect(self.ask_move)
        self.merge_button.clicked.connect(self.ask_merge)
        self.import_button.clicked.connect(self.choose_code_list)
        for button in (self.add_button, self.rename_button, self.move_button, self.merge_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.problems = QPlainTextEdit(self)
        self.problems.setReadOnly(True)
        self.problems.setMaximumHeight(120)
        self.problems.setVisible(False)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.problems)
        layout.addWidget(close)
        self.tree.selectionModel().currentChanged.connect(lambda *_: self._enable())
        self.refresh()

    # --- the tree -----------------------------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        current = select or self.current_id()
        self.model.set_nodes(area_tree(self.db))
        self.tree.expandAll()
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        if current:
            self.select(current)
        self._enable()

    def select(self, area_id: str) -> None:
        index = self.model.index_of(area_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)

    def select_code(self, code: str) -> None:
        found = next((n for n in self.model.nodes.values() if n.code == code), None)
        if found is not None:
            self.select(found.id)

    def current_id(self) -> str | None:
        index = self.tree.currentIndex()
        value = index.siblingAtColumn(0).data(AREA_ID_ROLE) if index.isValid() else None
        return str(value) if value else None

    def current(self) -> AreaNode | None:
        area_id = self.current_id()
        return self.model.nodes.get(area_id) if area_id else None

    def _enable(self) -> None:
        node = self.current()
        level = node.level if node else None
        self.add_button.setEnabled(level != "group")
        self.rename_button.setEnabled(node is not None)
        self.move_button.setEnabled(level == "group")
        self.merge_button.setEnabled(level == "group")

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _refused(self, exc: BaseException) -> None:
        self._say(exc.message(ui_lang()) if isinstance(exc, DomainError) else error_message(exc))

    def _open(self, form: AreaForm, on_ok: Any) -> AreaForm:
        self.form = form
        form.accepted.connect(lambda: on_ok(form))
        form.open()
        return form

    # --- add, rename ----------------------------------------------------------------------------------
    def ask_add(self) -> AreaForm | None:
        """A form for a new area under the selected one (a county when nothing is selected)."""
        parent = self.current()
        level = CHILD_LEVEL.get(parent.level if parent else None)
        if level is None:
            self._say(self.tr("A village group has no areas under it."))
            return None
        prefix = parent.code[: CODE_PREFIX[level]] if parent else ""
        titles = {
            "county": self.tr("Add a county"),
            "township": self.tr("Add a township"),
            "village": self.tr("Add a village"),
            "group": self.tr("Add a village group"),
        }
        form = AreaForm(titles[level], self, code=prefix, name="")
        return self._open(form, lambda f: self.add(level, f.code_edit.text(), f.name_edit.text(), parent))

    def add(self, level: str, code: str, name: str, parent: AreaNode | None) -> None:
        try:
            area = add_area(self.db, level, code, name, parent.code if parent else None)
        except DomainError as exc:
            self._refused(exc)
            return
        self.refresh(select=area.id)
        self._say(self.tr("Added %1 %2.").replace("%1", area.code).replace("%2", area.name))

    def ask_rename(self) -> AreaForm | None:
        node = self.current()
        if node is None:
            return None
        form = AreaForm(self.tr("Rename"), self, name=node.name)
        return self._open(form, lambda f: self.rename(node, f.name_edit.text()))

    def rename(self, node: AreaNode, name: str) -> None:
        try:
            area = rename_area(self.db, node.code, name)
        except DomainError as exc:
            self._refused(exc)
            return
        self.refresh(select=area.id)
        self._say(self.tr("Renamed to %1.").replace("%1", area.name))

    # --- move, merge ----------------------------------------------------------------------------------
    def _villages(self) -> list[AreaNode]:
        return [n for n in self.model.nodes.values() if n.level == "village"]

    def ask_move(self) -> AreaForm | None:
        node = self.current()
        if node is None or node.level != "group":
            return None
        choices = [(f"{v.name}（{v.code}）", v.code) for v in self._villages() if v.id != node.parent_id]
        form = AreaForm(
            self.tr("Move %1 to another village").replace("%1", node.name),
            self,
            choices=choices,
            choice_label=self.tr("Village"),
        )
        return self._open(form, lambda f: self.move_to(node, f.chosen()))

    def move_to(self, node: AreaNode, village_code: str) -> None:
        try:
            moved = move_group(self.db, node.code, village_code)
        except DomainError as exc:
            self._refused(exc)
            return
        self.refresh(select=moved.group.id)
        self._say(
            self.tr("Moved %1; %2 households moved with it.")
            .replace("%1", moved.group.name)
            .replace("%2", str(moved.households))
        )

    def ask_merge(self) -> AreaForm | None:
        """The selected group is the duplicate: choose the group of the same village it is merged into."""
        node = self.current()
        if node is None or node.level != "group":
            return None
        others = [n for n in self.model.nodes.values() if n.parent_id == node.parent_id and n.level == "group"]
        choices = [(f"{n.name}（{n.code}）", n.id) for n in others if n.id != node.id]
        if not choices:
            self._say(self.tr("This village has no other group to merge into."))
            return None
        form = AreaForm(
            self.tr("Merge %1 into another group").replace("%1", node.name),
            self,
            choices=choices,
            choice_label=self.tr("Merge into"),
        )
        return self._open(form, lambda f: self.confirm_merge(node, f.chosen()))

    def confirm_merge(self, duplicate: AreaNode, keep_id: str) -> QMessageBox | None:
        keep = self.model.nodes.get(keep_id)
        if keep is None:
            return None
        moving = households_in(self.db, duplicate.id)
        text = (
            self.tr("Merge “%1” into “%2”? %3 households move to “%2”, and “%1” is deleted.")
            .replace("%1", duplicate.name)
            .replace("%2", keep.name)
            .replace("%3", str(moving))
        )
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Merge duplicate group"), text, buttons, self)
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(lambda button: self.merge(keep, duplicate) if button is yes else None)
        self.question = box
        box.open()
        return box

    def merge(self, keep: AreaNode, duplicate: AreaNode) -> None:
        try:
            merged = merge_groups(self.db, keep.code, [duplicate.code])
        except DomainError as exc:
            self._refused(exc)
            return
        self.refresh(select=merged.kept.id)
        self._say(
            self.tr("Merged into %1: %2 households moved.")
            .replace("%1", merged.kept.name)
            .replace("%2", str(merged.households))
        )

    # --- the county's code list -----------------------------------------------------------------------
    def choose_code_list(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import code list"), "", self.tr("Area code lists (*.xlsx *.csv)")
        )
        if name:
            self.import_code_list(name)

    def import_code_list(self, path: str | Path) -> Job[Any]:
        """Check and import the list in the background; its problems (with row numbers) are listed below."""
        db, target = self.db, Path(path)
        self.problems.setVisible(False)
        self._say(self.tr("Importing %1…").replace("%1", target.name))

        def work(progress: Progress) -> AreaListResult:
            return import_area_list(db, target, progress=progress)

        self.job = run_job(
            self,
            as_job(work),
            title=self.tr("Importing the code list"),
            on_done=self._imported,
            on_error=self._refused,
            on_cancel=lambda: self._say(self.tr("Cancelled: nothing was changed.")),
        )
        return self.job

    def _imported(self, result: AreaListResult) -> None:
        self.list_result = result
        if not result.applied:
            self._say(self.tr("%1 problems found: nothing was imported.").replace("%1", str(len(result.problems))))
            self.problems.setPlainText("\n".join(result.problems))
            self.problems.setVisible(True)
            return
        self.refresh()
        self._say(
            self.tr("Imported: %1 added, %2 renamed, %3 generated codes corrected, %4 unchanged.")
            .replace("%1", str(result.added))
            .replace("%2", str(result.renamed))
            .replace("%3", str(result.corrected))
            .replace("%4", str(result.unchanged))
        )

    def reject(self) -> None:
        if self.job is not None and not self.job.done:
            self.job.cancel()
            self.job.wait(10000)
        super().reject()


def open_areas_dialog(parent: QWidget | None, db: Database) -> AreasDialog:
    dialog = AreasDialog(db, parent)
    dialog.open()
    return dialog
