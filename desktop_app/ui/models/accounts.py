"""The accounts screens' Qt models: the users table and the role table (actions × roles, checkable).

Both show what the accounts use cases return (``list_users``, ``permission_table``); an edit of the role
table goes back through ``set_permission``, which checks ``roles.edit`` itself: the model only mirrors it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from desktop_app.services import Database
from desktop_app.services.accounts import AccountView, list_users, permission_table, role_label, set_permission

Index = QModelIndex | QPersistentModelIndex

COL_NAME, COL_UNIT, COL_ROLE, COL_AREA, COL_STATE, COL_LAST = range(6)
NameRole = Qt.ItemDataRole.UserRole + 1


def _lang(tr_lang: str) -> str:
    return "en" if tr_lang == "en" else "zh"


def local_time(value: datetime | None) -> str:
    """A UTC time as the person's local clock shows it (minutes are enough on these screens)."""
    return "" if value is None else value.astimezone().strftime("%Y-%m-%d %H:%M")


class UsersTableModel(QAbstractTableModel):
    """The accounts of the database, one row each; ``reload()`` after any change."""

    def __init__(self, db: Database, *, lang: str = "zh_CN", parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._lang = _lang(lang)
        self.rows: list[AccountView] = []
        self._headers = [
            self.tr("Name"),
            self.tr("Unit"),
            self.tr("Role"),
            self.tr("Area"),
            self.tr("State"),
            self.tr("Last sign-in"),
        ]
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = list_users(self._db)
        self.endResetModel()

    def account(self, row: int) -> AccountView | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def state_text(self, account: AccountView) -> str:
        if account.disabled:
            return self.tr("Disabled")
        now = datetime.now().astimezone()
        if account.locked_until is not None and account.locked_until > now:
            return self.tr("Locked until %1").replace("%1", local_time(account.locked_until))
        if account.must_change:
            return self.tr("Active (must change password)")
        return self.tr("Active")

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return section + 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows) or index.column() >= len(self._headers):
            return None
        account = self.rows[index.row()]
        if role == NameRole:
            return account.name
        if role == Qt.ItemDataRole.ForegroundRole and account.disabled:
            return QBrush(QColor("#888888"))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == COL_NAME:
            return account.name
        if column == COL_UNIT:
            return account.unit
        if column == COL_ROLE:
            return role_label(account.role, self._lang)
        if column == COL_AREA:
            return account.area_code or self.tr("Whole database")
        if column == COL_STATE:
            return self.state_text(account)
        return local_time(account.last_login_at)


@dataclass(frozen=True)
class ActionRow:
    """One row of the role table: an action with its group (the part before the first dot) and label."""

    action: str
    group: str
    label: str
    first_of_group: bool


class PermissionTableModel(QAbstractTableModel):
    """Rows are actions grouped by prefix (``procedure.*``, ``household.*`` …), columns the roles after two
    label columns; a role cell is a checkbox, editable only when ``editable`` (the ``roles.edit`` right)."""

    refused = Signal(object)  # the exception a refused edit raised, for the screen to show

    GROUP_COLUMNS = 2

    def __init__(self, db: Database, *, editable: bool, lang: str = "zh_CN", parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._lang = _lang(lang)
        self.editable = editable
        self.roles: tuple[str, ...] = ()
        self.rows: list[ActionRow] = []
        self._allowed: dict[tuple[str, str], bool] = {}
        self._groups = {
            "account": self.tr("Own account"),
            "areas": self.tr("Areas"),
            "audit": self.tr("Audit"),
            "backup": self.tr("Backups"),
            "database": self.tr("Database"),
            "demo": self.tr("Demo data"),
            "exchange": self.tr("Excel exchange"),
            "household": self.tr("Household cards"),
            "id": self.tr("Resident IDs"),
            "merge": self.tr("Merging laptops"),
            "print": self.tr("Printing"),
            "procedure": self.tr("Identification procedure"),
            "roles": self.tr("Role table"),
            "session": self.tr("Sign-in"),
            "settings": self.tr("Settings"),
            "users": self.tr("Users"),
        }
        self.reload()

    def group_label(self, group: str) -> str:
        return self._groups.get(group, group)

    def reload(self) -> None:
        table = permission_table(self._db)
        self.beginResetModel()
        self.roles = tuple(table.roles)
        actions = sorted(table.actions, key=lambda item: (item[0].split(".", 1)[0], item[0]))
        self.rows = []
        previous = ""
        for action, label_zh, label_en in actions:
            group = action.split(".", 1)[0]
            label = label_en if self._lang == "en" else label_zh
            self.rows.append(ActionRow(action, self.group_label(group), label or action, group != previous))
            previous = group
        self._allowed = {
            (role, row.action): table.allowed(role, row.action) for role in self.roles for row in self.rows
        }
        self.endResetModel()

    def is_allowed(self, role: str, action: str) -> bool:
        return self._allowed.get((role, action), False)

    def role_column(self, role: str) -> int:
        return self.GROUP_COLUMNS + self.roles.index(role)

    def row_of(self, action: str) -> int:
        for index, row in enumerate(self.rows):
            if row.action == action:
                return index
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.GROUP_COLUMNS + len(self.roles)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        if section == 0:
            return self.tr("Group")
        if section == 1:
            return self.tr("Action")
        index = section - self.GROUP_COLUMNS
        return role_label(self.roles[index], self._lang) if 0 <= index < len(self.roles) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        if index.column() >= self.GROUP_COLUMNS and self.editable:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows) or index.column() >= self.columnCount():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if column == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return row.group if row.first_of_group else ""
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if column == 1:
            if role == Qt.ItemDataRole.DisplayRole:
                return row.label
            if role == Qt.ItemDataRole.ToolTipRole:
                return row.action
            return None
        key = (self.roles[column - self.GROUP_COLUMNS], row.action)
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if self._allowed.get(key) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column() < self.GROUP_COLUMNS:
            return False
        if not self.editable:
            return False
        role_key = self.roles[index.column() - self.GROUP_COLUMNS]
        action = self.rows[index.row()].action
        wanted = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, True)
        try:
            set_permission(self._db, role_key, action, wanted)
        except Exception as exc:  # the services' refusal (the role may not edit, the last administrator …)
            self.refused.emit(exc)
            return False
        self._allowed[(role_key, action)] = wanted
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True
