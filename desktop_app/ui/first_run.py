"""First start with an empty database: set up the county, township and village, or load the demo data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import DomainError
from desktop_app.storage.database import Database
from desktop_app.ui.jobs import JobContext, run_job, show_error


class FirstRunDialog(QDialog):
    """Accepted after areas were created (``village_id``) or demo data was loaded (``demo_loaded``)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.village_id: str | None = None
        self.demo_loaded = False
        self.job = None
        self.setWindowTitle(self.tr("Welcome to Fupin Desk"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "This database is empty. Set up the county, township and village your work team covers, "
                "or load demo data to look around first."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        setup = QGroupBox(self.tr("Set up the work area"), self)
        form = QFormLayout(setup)
        self.fields: dict[str, tuple[QLineEdit, QLineEdit]] = {}
        for key, label, code_hint, name_hint in (
            ("county", self.tr("County"), "532930000000", self.tr("e.g. 洱源县")),
            ("township", self.tr("Township"), "532930100000", self.tr("e.g. 茈碧湖镇")),
            ("village", self.tr("Village"), "532930100001", self.tr("e.g. 和平村")),
        ):
            code = QLineEdit(self)
            code.setObjectName(f"{key}_code")
            code.setPlaceholderText(code_hint)
            code.setMaxLength(12)
            code.setInputMask("")
            code.setToolTip(self.tr("12-digit statistical area code"))
            name = QLineEdit(self)
            name.setObjectName(f"{key}_name")
            name.setPlaceholderText(name_hint)
            row = QHBoxLayout()
            row.addWidget(name, 2)
            row.addWidget(code, 1)
            form.addRow(label, row)
            self.fields[key] = (code, name)
        self.groups = QSpinBox(self)
        self.groups.setObjectName("groups")
        self.groups.setRange(0, 99)
        self.groups.setValue(6)
        self.create_button = QPushButton(self.tr("Create areas"), self)
        self.create_button.setObjectName("create_areas")
        self.create_button.clicked.connect(self.create_areas)
        groups_row = QHBoxLayout()
        groups_row.addWidget(self.groups)
        groups_row.addStretch(1)
        groups_row.addWidget(self.create_button)
        form.addRow(self.tr("Village groups"), groups_row)
        layout.addWidget(setup)

        demo = QGroupBox(self.tr("Try the program with demo data"), self)
        demo_row = QHBoxLayout(demo)
        demo_row.addWidget(QLabel(self.tr("Households:"), self))
        self.demo_size = QSpinBox(self)
        self.demo_size.setObjectName("demo_size")
        self.demo_size.setRange(10, 100_000)
        self.demo_size.setSingleStep(500)
        self.demo_size.setValue(2000)
        demo_row.addWidget(self.demo_size)
        demo_row.addStretch(1)
        self.demo_button = QPushButton(self.tr("Load demo data"), self)
        self.demo_button.setObjectName("load_demo")
        self.demo_button.clicked.connect(self.load_demo)
        demo_row.addWidget(self.demo_button)
        layout.addWidget(demo)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Later"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons, alignment=Qt.AlignmentFlag.AlignRight)

    def create_areas(self) -> None:
        from desktop_app.services.areas import AreaInput, set_up_work_area

        values = {key: AreaInput(code.text(), name.text()) for key, (code, name) in self.fields.items()}
        try:
            with self._db.transaction() as session:
                self.village_id = set_up_work_area(
                    session,
                    county=values["county"],
                    township=values["township"],
                    village=values["village"],
                    groups=self.groups.value(),
                )
        except DomainError as exc:
            show_error(self, self.tr("Cannot create the areas"), exc)
            return
        self.accept()

    def load_demo(self) -> None:
        households = self.demo_size.value()
        db = self._db

        def work(ctx: JobContext) -> int:
            from desktop_app.services.demo import generate_demo

            def progress(done: int, total: int) -> bool:
                ctx.progress(done, total)
                return not ctx.cancelled

            with db.transaction() as session:
                result = generate_demo(
                    session,
                    households=households,
                    operator=db.operator or "演示",
                    device_id=db.device_id,
                    progress=progress,
                )
            return result.households

        def done(_count: int) -> None:
            self.demo_loaded = True
            self.accept()

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            if not isinstance(exc, InterruptedError):
                show_error(self, self.tr("Demo data"), exc)

        self._set_busy(True)
        self.job = run_job(
            self,
            work,
            title=self.tr("Generating demo data…"),
            on_done=done,
            on_error=failed,
            on_cancel=lambda: self._set_busy(False),
        )

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.create_button, self.demo_button, self.demo_size):
            widget.setEnabled(not busy)
