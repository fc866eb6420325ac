"""The main window: area tree, household list with search and filters, batches tab, menus, status bar.

The screens and menu entries the window builds are listed in two tables (``TABS``, ``MENUS``). The modules
behind them are imported explicitly, never probed: the tabs at start, the dialogs (card editor, printing,
exchange, conflicts, merge) by the handler that opens them, so that start-up does not load QtPdf, reportlab
or openpyxl; a missing module is an error the moment it is used (and tests/ui_shell opens every entry), never
a silently hidden feature. The list and the tree
refresh themselves from the use-case layer's change notification (``services.subscribe``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.identity import Identity
from desktop_app.services import Database, open_database
from desktop_app.services import households as hl
from desktop_app.ui import household_actions as ui_ha
from desktop_app.ui import screen
from desktop_app.ui.account_actions import AccountsMixin
from desktop_app.ui.admin_actions import SafekeepingMixin
from desktop_app.ui.area_tree import AreaSelection, AreaTree
from desktop_app.ui.assist_view import AssistView
from desktop_app.ui.backup_dialog import BackupWarning
from desktop_app.ui.batches_view import BatchesView
from desktop_app.ui.empty_hint import EmptyHint, household_list_hint
from desktop_app.ui.filter_bar import FilterBar
from desktop_app.ui.household_table import HouseholdTable
from desktop_app.ui.jobs import show_error
from desktop_app.ui.main_menus import ASSIST_PRINT_START, MENUS, MONITOR_PRINT_START, PRINT_KINDS, TABS
from desktop_app.ui.models.households import HouseholdTableModel
from desktop_app.ui.monitoring_view import MonitoringView, swap_tab
from desktop_app.ui.ui_state import remember_database

VILLAGE_TABS = {"batches_view": BatchesView, "monitoring_view": MonitoringView, "assist_view": AssistView}  # 帮扶台账


class MainWindow(AccountsMixin, SafekeepingMixin, QMainWindow):
    """One window per open database; ``reload()`` re-reads areas, counts and the list."""

    def __init__(self, db: Database, *, lang: str = "zh_CN", settings: QSettings | None = None) -> None:
        super().__init__()
        self.db = db
        self.lang = lang
        self.qsettings = settings or QSettings()
        self._restoring = False
        self._reloading = False
        self.setWindowTitle(self.tr("Fupin Desk – targeted poverty alleviation files"))
        self.setObjectName("MainWindow")

        self.tree = AreaTree(db, self)
        self.tree.setObjectName("area_tree")
        self.filters = FilterBar(lang=lang, parent=self)
        self.model = HouseholdTableModel(db, lang=lang, parent=self)
        self.table = HouseholdTable(self)
        self.table.setObjectName("household_table")
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty_hint = EmptyHint(self.table)

        self.list_page = QWidget(self)
        list_layout = QVBoxLayout(self.list_page)
        list_layout.setContentsMargins(4, 4, 4, 4)
        list_layout.addWidget(self.filters)
        list_layout.addWidget(self.table, 1)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("main_tabs")
        self.batches_view: BatchesView
        self.monitoring_view: MonitoringView
        for attr in VILLAGE_TABS:
            self._make_village_tab(attr, db)
        for title, page in TABS:
            self.tabs.addTab(getattr(self, page), self.tr(title))

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 900])
        self.setCentralWidget(self.splitter)

        self.db_label = QLabel(self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count_label")
        self.operator_label = QLabel(self)
        self.operator_label.setObjectName("operator_label")
        self.statusBar().addWidget(self.db_label, 1)
        self.statusBar().addPermanentWidget(self.operator_label)
        self.statusBar().addPermanentWidget(self.count_label)
        self.backup_warning = BackupWarning(db, self)  # shown when the newest backup is older than the county allows
        self.statusBar().addPermanentWidget(self.backup_warning)

        self._build_menus()
        self.tree.selectionChangedTo.connect(self._area_changed)
        self.filters.changed.connect(self.apply_filters)
        self.filters.search.returnPressed.connect(self._search_entered)
        self.model.countChanged.connect(self._update_status)
        self.model.modelReset.connect(self._update_status)
        self.table.doubleClicked.connect(lambda index: self.open_household(self.model.household_id(index.row())))
        self.table.activatedRow.connect(lambda row: self.open_household(self.model.household_id(row)))
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_changed)
        self._restoring = True  # selections made while building must not overwrite the remembered ones
        saved_area = self.qsettings.value(self._key("area"))
        saved_household = self.qsettings.value(self._key("household"))
        self.reload()
        self._size_columns()
        self.restore_state(saved_area, saved_household)

    def _size_columns(self) -> None:
        """Widths from the header and a typical value, not from every row (fast with 100,000 rows)."""
        metrics = self.table.fontMetrics()
        samples = [
            "5329990010010001",
            "欧阳秀英",
            "第10村民小组",
            "10",
            "特困供养贫困户",
            "自身发展动力不足",
            "12,345.67",
            "户签字认可",
            "未脱贫",
            "欧阳秀英",
        ]
        header = self.table.horizontalHeader()
        for column, sample in enumerate(samples):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            width = max(metrics.horizontalAdvance(sample), header.fontMetrics().horizontalAdvance(title) + 18)
            self.table.setColumnWidth(column, width + 16)

    def _make_village_tab(self, attr: str, db: Database) -> None:
        """A tab of the chosen village (``VILLAGE_TABS``); its actions may touch many households: the list reloads."""
        view: Any = VILLAGE_TABS[attr](db, self)
        view.changed.connect(self.model.reload)
        setattr(self, attr, view)

    # --- menus ------------------------------------------------------------------------------------
    def _action(self, menu: Any, text: str, slot: Callable[[], Any], shortcut: Any = None, name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        if name:
            action.setObjectName(name)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menus: dict[str, Any] = {}
        self.actions_by_slot: dict[str, QAction] = {}
        for key, title, entries in MENUS:
            menu = bar.addMenu(self.tr(title))
            self.menus[key] = menu
            for entry in entries:
                if entry.text == "-":
                    menu.addSeparator()
                elif entry.group == "household_actions":
                    self._add_household_actions(menu)
                elif entry.group == "print":
                    self._add_print_actions(menu)
                else:
                    slot = getattr(self, entry.slot)
                    action = self._action(menu, self.tr(entry.text), slot, entry.shortcut, entry.name)
                    self.actions_by_slot[entry.slot] = action
        self.new_action = self.actions_by_slot["new_household"]
        self.open_action = self.actions_by_slot["open_current"]
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # Enter in the list, not everywhere
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for action in (self.open_action, *self.household_actions.values()):
            self.table.addAction(action)

    def _add_print_actions(self, menu: Any) -> None:
        labels = {
            "card": self.tr("Household card"),
            "register": self.tr("Village register"),
            "announcement": self.tr("Public announcement"),
            "notice": self.tr("Final notice"),
            "exit-announcement": self.tr("Exit announcement"),
            "minutes": self.tr("Evaluation minutes"),
            "objections": self.tr("Objection record"),
            "wallchart": self.tr("Wall chart tables"),
            "consent": self.tr("Consent and authorisation form"),
            "collection-form": self.tr("Information collection form"),
            "check-form": self.tr("Home check form"),
            "monitor-minutes": self.tr("Monitoring evaluation minutes"),
            "monitor-notice": self.tr("Monitoring village notice"),
            "monitor-announcement": self.tr("Monitoring announcement"),
            "removal-notice": self.tr("Risk-removal notice"),
            "help-manual": self.tr("Household help ledgers"),
            "measures-register": self.tr("Village measures register"),
            "funds-ledger": self.tr("Funds ledger"),
            "loan-ledger": self.tr("Microcredit ledger"),
            "post-notice": self.tr("Public-welfare post notice"),
        }
        for index, kind in enumerate(PRINT_KINDS):
            if index in (MONITOR_PRINT_START, ASSIST_PRINT_START):
                menu.addSeparator()
            self._action(menu, labels[kind] + "…", self._printer(kind), name=f"print_{kind}")

    def _printer(self, kind: str) -> Callable[[], None]:
        return lambda: self.print_document(kind)

    def _add_household_actions(self, menu: Any) -> None:
        """Move, split, merge, remove (ui/household_actions.py): in the 户 menu and the list's context menu."""
        self.household_actions = {
            name: self._action(menu, ui_ha.menu_text(name), self._household_action_of(name), name=f"hh_{name}")
            for name in ui_ha.MENU_TEXTS
        }

    def _household_action_of(self, name: str) -> Callable[[], Any]:
        return lambda: self.household_action(name)

    def household_action(self, name: str) -> Any:
        household_id = self.current_household_id()
        if not household_id:
            QMessageBox.information(self, self.tr("Household"), self.tr("Select a household in the list first."))
            return None
        dialog = ui_ha.open_household_action(self, self.db, household_id, name)
        if dialog is not None:
            dialog.accepted.connect(lambda: self._household_action_done(dialog))
        self.household_dialog = dialog
        return dialog

    def _household_action_done(self, dialog: Any) -> None:
        self.reload()
        self.select_household(dialog.household_id)
        self.statusBar().showMessage(dialog.result_text, 10000)

    # --- loading ----------------------------------------------------------------------------------
    def reload(self) -> None:
        """Re-read the area tree and the list (after any dialog that changed data)."""
        self.db_label.setText(self.tr("Database: %1").replace("%1", self.db.describe()))
        self._show_identity()
        self.db_label.setToolTip(self.db.describe())
        self._reloading = True
        try:
            self.tree.reload()
            if not self.tree.currentIndex().isValid():
                self.tree.select_first()
        finally:
            self._reloading = False
        selected = self.current_household_id()
        flt = self.current_filter()
        if flt == self.model.filter:
            self.model.reload()
        else:
            self.model.set_filter(flt)
        self._update_status()
        if selected:
            self.select_household(selected)

    def current_filter(self) -> hl.HouseholdFilter:
        area = self.tree.selection()
        return hl.HouseholdFilter(
            village_ids=area.village_ids,
            group_id=area.group_id,
            stage=self.filters.value("stage"),
            status=self.filters.value("status"),
            attribute=self.filters.value("attribute"),
            cause=self.filters.value("cause"),
            query=self.filters.text(),
        )

    def apply_filters(self) -> None:
        selected = self.current_household_id()
        self.model.set_filter(self.current_filter())
        self._update_status()
        if selected:
            self.select_household(selected)

    def _search_entered(self) -> None:
        """Enter in the search box: search now and go to the first household (Enter again opens it)."""
        self.filters.flush()
        if self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.table.currentIndex().isValid():
                self.table.selectRow(0)

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if not self._restoring:
            self.qsettings.setValue("main_window/sort", [column, int(order.value)])

    def _area_changed(self, area: AreaSelection) -> None:
        if not self._reloading:
            self.apply_filters()
        for attr in VILLAGE_TABS:
            getattr(self, attr).set_village(area.village_id)
        if not self._restoring:
            self._remember("area", area.area_id or "")

    def _update_status(self, *_args: Any) -> None:
        area = self.tree.selection()
        shown = self.model.total
        text = self.tr("%1 households shown").replace("%1", f"{shown:,}")
        if area.name:
            text = f"{area.name}：{text}" if self.lang != "en" else f"{area.name}: {text}"
        self.count_label.setText(text)
        self._update_hint(area)

    def _update_hint(self, area: AreaSelection) -> None:
        if self.model.rowCount():
            self.empty_hint.show_text("")
            return
        other = any(self.filters.value(key) for key in ("stage", "status", "attribute", "cause"))
        self.empty_hint.show_text(
            household_list_hint(
                query=self.filters.text(), other_filters=other, has_areas=self.tree.has_areas(), area_name=area.name
            )
        )

    # --- selection --------------------------------------------------------------------------------
    def current_household_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.household_id(index.row()) if index.isValid() else None

    def select_household(self, household_id: str) -> bool:
        row = self.model.row_of(household_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(index)
        return True

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._restoring:
            self._remember("household", self.model.household_id(current.row()) or "")

    # --- persistence ------------------------------------------------------------------------------
    def _key(self, name: str) -> str:
        digest = hashlib.sha1(self.db.url.encode("utf-8")).hexdigest()[:12]
        return f"db-{digest}/{name}"

    def _remember(self, name: str, value: str) -> None:
        self.qsettings.setValue(self._key(name), value)

    def restore_state(self, area: Any = None, household: Any = None) -> None:
        geometry = self.qsettings.value("main_window/geometry")
        restored = geometry is not None and bool(self.restoreGeometry(geometry))
        screen.fit_main_window(self, restored=restored)  # clamped into this screen, maximised on a small one
        splitter = self.qsettings.value("main_window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        self._restoring = True
        try:
            sort = self.qsettings.value("main_window/sort")
            if isinstance(sort, list) and len(sort) == 2 and all(str(v).isdigit() for v in sort):
                column, order = int(sort[0]), Qt.SortOrder(int(sort[1]))
                if 0 <= column < self.model.columnCount() and (column, order) != (0, Qt.SortOrder.AscendingOrder):
                    self.table.sortByColumn(column, order)
            if area and self.tree.select_area(str(area)):
                self.apply_filters()
            if household:
                self.select_household(str(household))
        finally:
            self._restoring = False

    def save_state(self) -> None:
        self.qsettings.setValue("main_window/geometry", self.saveGeometry())
        self.qsettings.setValue("main_window/splitter", self.splitter.saveState())
        self.qsettings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        super().closeEvent(event)

    # --- actions ----------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def show_batches(self) -> None:
        self.tabs.setCurrentWidget(self.batches_view)

    def open_current(self) -> None:
        self.open_household(self.current_household_id())

    def open_household(self, household_id: str | None) -> None:
        if household_id:
            self._open_card(household_id, None)

    def new_household(self) -> None:
        area = self.tree.selection()
        if area.village_id is None:
            QMessageBox.information(
                self, self.tr("New household"), self.tr("Select a village (or village group) in the tree first.")
            )
            return
        self._open_card(None, area.village_id, area.group_id)

    def _open_card(self, household_id: str | None, village_id: str | None, group_id: str | None = None) -> None:
        from desktop_app.ui.card_editor import HouseholdCardDialog

        dialog = HouseholdCardDialog(self.db, household_id, village_id=village_id, group_id=group_id, parent=self)
        dialog.saved.connect(self._household_saved)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.card_dialog = dialog
        dialog.open()

    def _household_saved(self, household_id: str) -> None:
        """Only this household's row and the counts are re-read: scroll position and selection stay."""
        self.model.refresh_households([household_id])
        self.tree.refresh()
        self.select_household(household_id)

    def print_document(self, kind: str) -> None:
        from desktop_app.ui.print_preview import open_print_dialog

        area = self.tree.selection()
        open_print_dialog(
            self,
            self.db,
            kind=kind,
            village_id=area.village_id,
            household_id=self.current_household_id(),
            choose_batch=True,  # several announcements/meetings: ask which batch
        )

    def export_data(self) -> None:
        from desktop_app.ui.exchange_dialogs import open_export_dialog

        open_export_dialog(self, self.db, area_id=self.tree.selection().area_id)

    def import_data(self) -> None:
        from desktop_app.ui.exchange_dialogs import open_import_dialog

        open_import_dialog(self, self.db)
        self.reload()

    def resolve_conflicts(self) -> None:
        from desktop_app.ui.conflicts_dialog import open_conflicts_dialog

        open_conflicts_dialog(self, self.db, household_id=self.current_household_id())
        self.reload()

    def open_settings(self) -> None:
        from desktop_app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.set_identity(dialog.saved_identity))
        self.settings_dialog = dialog
        dialog.open()

    # --- who is working ---------------------------------------------------------------------------
    def set_identity(self, identity: Identity | None) -> None:
        """Everything written from now on is signed by ``identity`` (the accounts feature will call this too)."""
        if identity is not None and identity.known and not self.db.identity.signed_in:  # an account is not retyped
            self.db.identity = identity
        self._show_identity()

    def _show_identity(self) -> None:
        who = self.db.identity
        if self.show_account():  # a signed-in account: 王芳（县级管理员）
            return
        if who.known:
            self.operator_label.setText(self.tr("Operator: %1").replace("%1", who.describe()))
            self.operator_label.setStyleSheet("")
        else:
            self.operator_label.setText(self.tr("No operator recorded"))
            self.operator_label.setStyleSheet("color: #b00020;")

    def ask_identity(self) -> None:
        """A database with data but nobody recorded on this machine: ask once who is working."""
        from desktop_app.ui.first_run import IdentityDialog

        if self.db.identity.known:
            return
        dialog = IdentityDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.set_identity(dialog.identity))
        self.identity_dialog = dialog
        dialog.open()

    def greet(self) -> None:
        """After the window is shown: the first administrator on a database without accounts, then the welcome
        dialog on an empty database, else who is working (a database whose administrator was put off)."""
        if self.offer_admin_setup():
            return
        if self.is_empty():
            self.offer_first_run()
        elif not self.db.identity.known:
            self.ask_identity()

    def show_help(self, topic: str = "") -> None:
        from desktop_app.ui.help_window import open_help

        open_help(self, self.lang, topic)

    def show_about(self) -> None:
        from desktop_app.config import data_dir
        from desktop_app.ui.about_dialog import AboutDialog

        dialog = AboutDialog(database=self.db.describe(), data_folder=str(data_dir()), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.about_dialog = dialog
        dialog.open()

    def offer_first_run(self) -> None:
        """On an empty database: set up areas or load demo data, then show them."""
        from desktop_app.ui.first_run import FirstRunDialog

        dialog = FirstRunDialog(self.db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.set_identity(dialog.identity))
        dialog.accepted.connect(self.reload)
        self.first_run_dialog = dialog
        dialog.open()

    def is_empty(self) -> bool:
        return not self.tree.has_areas()

    # --- databases --------------------------------------------------------------------------------
    def _file_filter(self) -> str:
        return self.tr("Fupin Desk database (*.sqlite *.db);;All files (*)")

    def new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New database"), "", self._file_filter())
        if path:
            self.switch_database(path)

    def open_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open database"), "", self._file_filter())
        if path:
            self.switch_database(path)

    def switch_database(self, url_or_path: str, login: tuple[str, str] | None = None) -> bool:
        """Open another database in this window (the old one is closed only when the new one opened).

        An encrypted file is opened with ``login`` (account, password), asked for when not given."""
        from desktop_app.services.encryption import is_encrypted
        from desktop_app.ui.encryption_dialog import ask_unlock

        if login is None and is_encrypted(url_or_path):
            login = ask_unlock(self, url_or_path, self.db.identity.name)
            if login is None:
                return False
        user, password = login if login else (None, None)
        try:
            new_db = open_database(
                url_or_path,
                identity=self.db.identity,
                device_id=self.db.device_id,
                user=user,
                password=password,
                require_login=False,
            )
        except Exception as exc:  # a damaged or too-new file: say why, keep the current database
            show_error(self, self.tr("Open database"), exc)
            return False
        self.save_state()
        old = self.db
        self.db = new_db
        self.tree.set_database(new_db)
        self.model.set_database(new_db)
        for attr in VILLAGE_TABS:  # the village tabs follow the new database
            old_view = getattr(self, attr)
            self._make_village_tab(attr, new_db)
            swap_tab(self.tabs, old_view, getattr(self, attr))
        old.close()
        remember_database(self.qsettings, new_db.url)
        self.backup_warning.set_database(new_db)
        self.filters.clear()
        self.reload()
        QTimer.singleShot(0, self.greet)
        return True
