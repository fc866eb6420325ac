"""Reading the chain for people: the audit screen's rows, ``fupin audit list`` and the exported workbook.

Rows are plain data (:class:`EntryView`); codes (roles, actions) are shown through labels, never raw.
Listing and verifying need ``audit.view``; an export is itself an entry (``audit.export``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select

from desktop_app.domain.errors import DomainError
from desktop_app.services import accounts, permissions
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import Household
from desktop_app.storage.models_accounts import AuditEntry
from desktop_app.storage.queries import household_by_number, table_of

VIEW_ACTION = "audit.view"
EXPORT_ACTION = "audit.export"

_KIND_WORDS = {"households": "户", "areas": "个区划", "batches": "个批次"}
COLUMNS = ("时间", "用户", "角色", "操作", "户编号", "变更内容", "设备", "序号", "变更记录行数", "说明")
DEFAULT_LIMIT = 500


def action_label(action: str) -> str:
    """The action as the role table labels it (the seed's labels); a name outside it is shown as it is."""
    return accounts.action_label(action)


def role_label(role: str) -> str:
    return accounts.role_label(role) if role else ""


@dataclass(frozen=True)
class EntryView:
    """One entry as the screen and the list show it."""

    id: str
    device_id: str
    seq: int
    at: datetime
    user_name: str
    role: str
    role_label: str
    action: str
    action_label: str
    household_number: str  # the household it is about, when there is one
    what: str  # what changed, in words ("3 户；member、household")
    details: str
    log_count: int

    def as_json(self) -> dict[str, Any]:
        out = dict(vars(self))
        out["at"] = self.at.isoformat()
        return out

    def cells(self) -> list[Any]:
        local = self.at.astimezone().replace(tzinfo=None)
        return [
            local,
            self.user_name,
            self.role_label,
            self.action_label,
            self.household_number,
            self.what,
            self.device_id,
            self.seq,
            self.log_count,
            self.details,
        ]


@dataclass(frozen=True)
class Filters:
    user: str | None = None
    action: str | None = None
    household: str | None = None  # a household number
    since: date | None = None  # local dates, both included
    until: date | None = None


def _what(records: str) -> str:
    if not records:
        return ""
    data = json.loads(records)
    parts = []
    for kind, word in _KIND_WORDS.items():
        value = data.get(kind)
        if value:
            parts.append(f"{value if isinstance(value, int) else len(value):,} {word}")
    if data.get("everything"):
        parts.append("批量")
    if data.get("entities"):
        parts.append("、".join(data["entities"]))
    return "；".join(parts)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min).astimezone().astimezone(UTC)


def _query(session: Any, filters: Filters) -> Any:
    a = table_of(AuditEntry).c
    query = select(table_of(AuditEntry))
    if filters.user:
        query = query.where(a.user_name == filters.user.strip())
    if filters.action:
        query = query.where(or_(a.action == filters.action, a.action.like(filters.action.rstrip(".") + ".%")))
    if filters.household:
        home = household_by_number(session, filters.household, or_id=False)
        if home is None:
            raise DomainError("household_unknown", f"没有户编号为 {filters.household} 的户。")
        query = query.where(or_(a.subject == home.id, a.records.like(f'%"{home.id}"%')))
    if filters.since:
        query = query.where(a.at >= _day_start(filters.since))
    if filters.until:
        query = query.where(a.at < _day_start(filters.until + timedelta(days=1)))
    return query.order_by(a.at.desc(), a.device_id, a.seq.desc())


def _views(session: Any, rows: list[Any]) -> list[EntryView]:
    wanted: set[str] = set()
    for row in rows:
        wanted |= _households_of(row)
    numbers: dict[str, str] = {}
    if wanted:
        h = table_of(Household).c
        for hid, number in session.execute(select(h.id, h.number).where(h.id.in_(sorted(wanted)))):
            numbers[str(hid)] = str(number)
    out = []
    for row in rows:
        homes = sorted(numbers[h] for h in _households_of(row) if h in numbers)
        shown = numbers.get(row.subject or "") or (homes[0] if len(homes) == 1 else "")
        out.append(
            EntryView(
                id=row.id,
                device_id=row.device_id,
                seq=row.seq,
                at=row.at,
                user_name=row.user_name,
                role=row.role,
                role_label=role_label(row.role),
                action=row.action,
                action_label=action_label(row.action),
                household_number=shown,
                what=_what(row.records),
                details=row.details,
                log_count=row.log_count,
            )
        )
    return out


def _households_of(row: Any) -> set[str]:
    found = {row.subject} if row.subject else set()
    if row.records:
        listed = json.loads(row.records).get("households")
        if isinstance(listed, list) and len(listed) <= 20:
            found |= set(listed)
    return found


def list_entries(
    db: Database,
    user: str | None = None,
    action: str | None = None,
    household: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[EntryView]:
    """Entries of every device, newest first, filtered (user name, action or its prefix, household number,
    local dates both included). An unknown household number is a :class:`DomainError`."""
    permissions.require(db, VIEW_ACTION)
    filters = Filters(user, action, household, since, until)
    with reading(db) as session:
        rows = list(session.execute(_query(session, filters).limit(limit).offset(offset)))
        return _views(session, rows)


def count_entries(db: Database, filters: Filters | None = None) -> int:
    from sqlalchemy import func

    permissions.require(db, VIEW_ACTION)
    with reading(db) as session:
        inner = _query(session, filters or Filters()).order_by(None).subquery()
        return int(session.execute(select(func.count()).select_from(inner)).scalar() or 0)


def export_entries(db: Database, path: str | Path, filters: Filters | None = None) -> int:
    """Write the filtered entries to an .xlsx workbook (Chinese column titles); returns the rows written.
    The export is recorded (``audit.export``) in the same unit of work that checks the permission."""
    import xlsxwriter  # type: ignore[import-untyped]  # xlsxwriter ships no type information

    out = Path(path)
    if out.suffix.lower() != ".xlsx":
        raise DomainError("audit_export_suffix", "审计日志只能导出为 .xlsx 文件。")
    chosen = filters or Filters()
    with writing(db, EXPORT_ACTION) as work:
        permissions.require(db, VIEW_ACTION)
        rows = list(work.session.execute(_query(work.session, chosen)))
        views = _views(work.session, rows)
        tmp = out.with_name(out.name + ".part")
        try:
            book = xlsxwriter.Workbook(str(tmp), {"constant_memory": True})
            sheet = book.add_worksheet("审计日志")
            bold = book.add_format({"bold": True})
            when = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
            sheet.write_row(0, 0, COLUMNS, bold)
            for i, view in enumerate(views, start=1):
                cells = view.cells()
                sheet.write_datetime(i, 0, cells[0], when)
                sheet.write_row(i, 1, cells[1:])
            sheet.set_column(0, 0, 20)
            sheet.set_column(1, 9, 14)
            book.close()
            tmp.replace(out)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise DomainError("audit_export_failed", f"无法写入文件 {out.name}：{exc.strerror or exc}") from exc
        work.details.update(file=out.name, rows=len(views), filters={k: str(v) for k, v in vars(chosen).items() if v})
    return len(views)
