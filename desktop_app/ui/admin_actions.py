"""The main window's entries that keep the data safe: the audit log, merging, encryption, backups and restore.

Each handler opens its dialog (imported when it is first used, so that start-up stays light); the use cases
behind them are in ``services.audit``, ``services.merge``, ``services.encryption`` and ``services.backups``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from desktop_app.services import Database


class SafekeepingMixin:
    """Mixed into :class:`desktop_app.ui.main_window.MainWindow`, which provides ``db``, ``backup_warning``,
    ``reload`` and ``switch_database``."""

    db: Database
    backup_warning: Any
    audit_dialog: Any
    backup_dialog: Any
    restore_dialog: Any
    monitoring_lines_dialog: Any
    alerts_dialog: Any
    areas_dialog: Any
    quality_dialog: Any

    # provided by the window (its own methods come first in the MRO)
    def reload(self) -> None:
        raise NotImplementedError

    def switch_database(self, url_or_path: str, login: tuple[str, str] | None = None) -> bool:
        raise NotImplementedError

    def _window(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    def show_audit_log(self) -> None:
        from desktop_app.ui.audit_view import open_audit_dialog

        self.audit_dialog = open_audit_dialog(self._window(), self.db)

    def merge_database(self) -> None:
        from desktop_app.ui.merge_dialog import open_merge_dialog

        if open_merge_dialog(self._window(), self.db):
            self.reload()

    def encrypt_database(self) -> None:
        from desktop_app.ui.encryption_dialog import encrypt_current

        login = encrypt_current(self._window(), self.db)
        if login is not None:
            self.switch_database(str(self.db.sqlite_path), login)

    def decrypt_database(self) -> None:
        from desktop_app.ui.encryption_dialog import decrypt_current

        if decrypt_current(self._window(), self.db):
            self.switch_database(str(self.db.sqlite_path))

    def open_backup_settings(self) -> None:
        from desktop_app.ui.backup_dialog import BackupDialog

        dialog = BackupDialog(self.db, self._window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _code: self.backup_warning.refresh())
        self.backup_dialog = dialog
        dialog.open()

    def open_monitoring_lines(self) -> None:
        from desktop_app.ui.monitoring_lines_dialog import MonitoringLinesDialog

        dialog = MonitoringLinesDialog(self.db, self._window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.monitoring_lines_dialog = dialog
        dialog.open()

    def import_department_alerts(self) -> None:
        """导入部门预警名单 from the 数据交换 menu (ui/monitoring_alerts.py); the tabs follow the committed change."""
        from datetime import date

        from desktop_app.ui.monitoring_alerts import AlertImportDialog

        dialog = AlertImportDialog(self.db, today=date.today(), parent=self._window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.alerts_dialog = dialog
        dialog.show()

    def open_areas(self) -> None:
        """管理 → 区划: the areas screen (ui/areas_dialog.py); the tree beside the list follows its changes."""
        from desktop_app.ui.areas_dialog import AreasDialog

        dialog = AreasDialog(self.db, self._window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.areas_dialog = dialog
        dialog.open()

    def show_quality_check(self) -> None:
        """数据质量检查 from the 数据交换 menu (ui/quality_view.py): findings per household, exemptions."""
        from datetime import date

        from desktop_app.ui.quality_view import QualityDialog

        dialog = QualityDialog(self.db, today=date.today(), parent=self._window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.quality_dialog = dialog
        dialog.show()

    def open_restore(self) -> None:
        from desktop_app.ui.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.db, self._window(), on_restored=lambda: self.switch_database(self.db.url))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.restore_dialog = dialog
        dialog.open()
