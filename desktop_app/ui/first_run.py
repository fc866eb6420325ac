"""First start: the first administrator (with the recovery code), then the county, township and village
(or the demo data).

``AdminSetupDialog`` is the welcome of a database without accounts: a new one, or one with data opened after
the upgrade to accounts. It creates the county administrator (``create_first_admin``, which signs them in),
then shows the recovery code once. ``FirstRunDialog`` sets up the areas or loads demo data; it asks who is
working only on a database still without accounts (the administrator dialog was put off with "Later").
``IdentityDialog`` is that old question alone, for such a database with data.
"""

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
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.config import load_settings
from desktop_app.domain.errors import DomainError
from desktop_app.domain.identity import Identity
from desktop_app.services import Cancelled, Database, Progress
from desktop_app.services.accounts import create_first_admin, role_label
from desktop_app.services.areas import AreaInput, set_up_areas
from desktop_app.services.demo import load_demo
from desktop_app.services.settings import save_identity
from desktop_app.ui.i18n import current_language
from desktop_app.ui.jobs import Job, JobContext, error_message, run_job, show_error
from desktop_app.ui.password_dialog import ERROR_STYLE, NewPasswordFields
from desktop_app.ui.recovery_code import RecoveryCodePanel


class IdentityFields(QGroupBox):
    """Name and work team, pre-filled from this machine's settings; ``checked()`` refuses blanks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Who is working"), parent)
        known = load_settings().identity
        form = QFormLayout(self)
        self.name = QLineEdit(known.name, self)
        self.name.setObjectName("operator_name")
        self.name.setPlaceholderText(self.tr("e.g. 王芳"))
        self.unit = QLineEdit(known.unit, self)
        self.unit.setObjectName("operator_unit")
        self.unit.setPlaceholderText(self.tr("e.g. 和平村驻村工作队"))
        form.addRow(self.tr("Your name"), self.name)
        form.addRow(self.tr("Work team / unit"), self.unit)
        note = QLabel(self.tr("Recorded with every change, procedure step and conflict decision."), self)
        note.setWordWrap(True)
        form.addRow(note)

    def checked(self) -> Identity:
        """The identity typed, saved for this machine; a DomainError when a field is blank."""
        identity = Identity.checked(self.name.text(), self.unit.text())
        save_identity(identity)
        return identity


class IdentityDialog(QDialog):
    """Asks who is working; ``identity`` is set when accepted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.identity: Identity | None = None
        self.setWindowTitle(self.tr("Who is working?"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Nobody is recorded as working on this computer yet. Who are you?"), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.fields = IdentityFields(self)
        layout.addWidget(self.fields)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Later"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            self.identity = self.fields.checked()
        except DomainError as exc:
            show_error(self, self.tr("Who is working?"), exc)
            return
        super().accept()


class AdminSetupDialog(QDialog):
    """Create the first administrator (county_admin), then show the recovery code until it is acknowledged.

    Accepted once the code was ticked as copied or printed; ``identity`` is the signed-in administrator.
    """

    def __init__(self, db: Database, *, has_data: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.identity: Identity | None = None
        self.recovery_code = ""
        self.setWindowTitle(self.tr("Welcome to Fupin Desk"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.pages = QStackedWidget(self)
        layout.addWidget(self.pages)
        first = QWidget(self)
        first_layout = QVBoxLayout(first)
        first_layout.setContentsMargins(0, 0, 0, 0)
        if has_data:
            text = self.tr("This database has no accounts yet: create the administrator first.")
        else:
            text = self.tr(
                "A new database. First create its administrator: the person who adds the other users and "
                "decides what each role may do. Every change is signed with the name of whoever is signed in."
            )
        self.intro = QLabel(text, first)
        self.intro.setObjectName("admin_intro")
        self.intro.setWordWrap(True)
        first_layout.addWidget(self.intro)
        box = QGroupBox(self.tr("Administrator"), first)
        form = QFormLayout(box)
        known = load_settings().identity
        self.name = QLineEdit(known.name, box)
        self.name.setObjectName("admin_name")
        self.name.setMaxLength(40)
        self.name.setPlaceholderText(self.tr("e.g. 王芳"))
        self.unit = QLineEdit(known.unit, box)
        self.unit.setObjectName("admin_unit")
        self.unit.setMaxLength(60)
        self.unit.setPlaceholderText(self.tr("e.g. 洱源县乡村振兴局"))
        lang = "en" if current_language() == "en" else "zh"
        self.role = QLabel(role_label("county_admin", lang), box)
        self.role.setObjectName("admin_role")
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Unit"), self.unit)
        form.addRow(self.tr("Role"), self.role)
        self.passwords = NewPasswordFields(box, name_of=self.name, form=form)
        first_layout.addWidget(box)
        self.message = QLabel(first)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        first_layout.addWidget(self.message)
        self.pages.addWidget(first)
        self.panel = RecoveryCodePanel(self)
        self.pages.addWidget(self.panel)
        standard = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(standard.Ok | standard.Cancel, self)
        self.ok_button = self.buttons.button(standard.Ok)
        self.ok_button.setObjectName("create_admin")
        self.ok_button.setText(self.tr("Create administrator"))
        self.ok_button.setDefault(True)
        self.later_button = self.buttons.button(standard.Cancel)
        self.later_button.setText(self.tr("Later"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.panel.acknowledged.connect(self.ok_button.setEnabled)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
        if self.pages.currentWidget() is self.panel:
            if self.panel.tick.isChecked():
                super().accept()
            return
        name, unit = " ".join(self.name.text().split()), " ".join(self.unit.text().split())
        if not name:
            self.message.setText(self.tr("Enter the administrator's name."))
            return
        problem = self.passwords.problem()
        if problem:
            self.message.setText(problem)
            return
        try:
            self.recovery_code = create_first_admin(self._db, name, unit, self.passwords.password())
        except Exception as exc:  # refused (an account exists already, a name too long …): nothing created
            self.message.setText(error_message(exc))
            return
        self.identity = self._db.identity
        self.panel.show_code(self.recovery_code, database=self._db.describe(), name=name)
        self.pages.setCurrentWidget(self.panel)
        self.later_button.setVisible(False)
        self.ok_button.setText(self.tr("Continue"))
        self.ok_button.setEnabled(False)

    def reject(self) -> None:
        if self.pages.currentWidget() is not self.panel:  # once created, the code must be acknowledged
            super().reject()


class FirstRunDialog(QDialog):
    """Accepted after areas were created (``village_id``) or demo data was loaded (``demo_loaded``);
    ``identity`` is who is working (asked first: nothing is created before a person is recorded)."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.village_id: str | None = None
        self.demo_loaded = False
        self.identity: Identity | None = None
        self.job: Job[int] | None = None
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
        self.who = IdentityFields(self)
        self.who.setVisible(not db.identity.signed_in)  # an account signs: nobody to ask
        layout.addWidget(self.who)

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

    def _sign_in(self) -> bool:
        """Record who is working (on this dialog, the database and this machine) before anything is written."""
        if self._db.identity.signed_in:
            self.identity = self._db.identity
            return True
        try:
            self.identity = self.who.checked()
        except DomainError as exc:
            show_error(self, self.tr("Who is working"), exc)
            return False
        self._db.identity = self.identity
        return True

    def create_areas(self) -> None:
        if not self._sign_in():
            return
        values = {key: AreaInput(code.text(), name.text()) for key, (code, name) in self.fields.items()}
        try:
            self.village_id = set_up_areas(
                self._db,
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
        if not self._sign_in():
            return
        households = self.demo_size.value()
        db = self._db

        def work(ctx: JobContext) -> int:
            result = load_demo(
                db,
                households=households,
                operator=db.identity.signature,
                device_id=db.device_id,
                progress=Progress(ctx.progress, lambda: ctx.cancelled),
                monitoring=True,  # monitored households at every step of the monitoring procedure
            )
            return result.households

        def done(_count: int) -> None:
            self.demo_loaded = True
            self.accept()

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            if not isinstance(exc, Cancelled):  # cancelled: nothing was written, nothing to say
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
