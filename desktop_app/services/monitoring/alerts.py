"""Department alerts (部门筛查预警): a county's push list of ID numbers becomes monitoring clues.

The file (.xlsx, .xls, .ods or .csv) is read by the exchange's reader process, as a roster is: a hostile file
cannot take the app down. Columns are found by their headers (ID number, department, reason). Every ID is
checked (``domain.idnumber``) and matched to a member on file; each matched household without an open case
gets one clue (source 4, department alert) with the departments and reasons of all its rows. Nothing is
dropped silently: the report lists new clues, households already monitored, repeated IDs, invalid IDs and
IDs not on file (masked). All the clues are one unit of work: a refusal on any household writes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from desktop_app import catalog
from desktop_app.domain import idnumber
from desktop_app.domain.errors import DomainError
from desktop_app.domain.help_checks import risks_in_text
from desktop_app.domain.monitoring_steps import CLOSED_STAGES
from desktop_app.services.exchange import read_file_isolated
from desktop_app.services.monitoring.cases import start_cases
from desktop_app.services.unit_of_work import writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area, Household, Member
from desktop_app.storage.models_monitoring import MonitoringCase

Reporter = Callable[[int, int, str], None]
HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("证件号码", "身份证号", "身份证号码", "公民身份号码"),
    "department": ("部门", "推送部门"),
    "reason": ("原因", "预警原因", "风险"),
}
_SPACES = re.compile(r"[\s\u3000]+")
_CHUNK = 500  # IDs per look-up query (SQLite's variable limit is far above)
_CLUES_AT_ONCE = 500  # new clues written per batch of the engine (progress is reported between batches)


def _header(value: Any) -> str:
    text = "" if value is None else str(value)
    return _SPACES.sub("", text).replace("（", "(").replace("）", ")").rstrip("：:*")


_ACCEPTED = {_header(name): key for key, names in HEADERS.items() for name in names}


@dataclass(frozen=True)
class AlertRow:
    row: int  # spreadsheet row number (1-based)
    id_text: str
    department: str
    reason: str


@dataclass(frozen=True)
class AlertLine:
    """One row of the file that became no clue, and why (the ID masked)."""

    row: int
    id_masked: str
    message: str
    household_number: str = ""


@dataclass(frozen=True)
class AlertClue:
    household_id: str
    household_number: str
    head_name: str
    village_code: str
    rows: tuple[int, ...]
    department: str
    reason: str
    risks: tuple[str, ...]
    risk_labels: tuple[str, ...]


@dataclass(frozen=True)
class AlertReport:
    file: str
    rows: int
    opened: tuple[AlertClue, ...] = ()
    already_monitored: tuple[AlertLine, ...] = ()
    duplicates: tuple[AlertLine, ...] = ()
    invalid: tuple[AlertLine, ...] = ()
    unknown: tuple[AlertLine, ...] = ()

    def to_json(self) -> dict[str, Any]:
        def lines(items: Iterable[AlertLine]) -> list[dict[str, Any]]:
            return [
                {"row": x.row, "id": x.id_masked, "household": x.household_number, "message": x.message} for x in items
            ]

        return {
            "file": self.file,
            "rows": self.rows,
            "opened": [
                {
                    "household": c.household_number,
                    "head": c.head_name,
                    "rows": list(c.rows),
                    "department": c.department,
                    "reason": c.reason,
                    "risks": list(c.risks),
                }
                for c in self.opened
            ],
            "already_monitored": lines(self.already_monitored),
            "duplicates": lines(self.duplicates),
            "invalid": lines(self.invalid),
            "unknown": lines(self.unknown),
        }


def _bad(zh: str, en: str) -> DomainError:
    return DomainError("bad_alert_file", zh, en)


def _find_columns(rows: Sequence[Sequence[Any]]) -> tuple[int, dict[str, int]] | None:
    for r, row in enumerate(rows[:15]):
        found: dict[str, int] = {}
        for c, value in enumerate(row):
            key = _ACCEPTED.get(_header(value))
            if key is not None and key not in found:
                found[key] = c
        if "id" in found:
            return r, found
    return None


def _cell(row: Sequence[Any], column: int | None) -> str:
    value = row[column] if column is not None and column < len(row) else None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def read_alert_rows(path: str | Path, progress: Reporter | None = None) -> list[AlertRow]:
    """The rows of a push list (blank rows skipped), read in the reader process; a clear refusal when the
    file has no ID column or holds formulas in the columns used."""
    read = read_file_isolated(path, progress)
    book = read.book
    try:
        for sheet in book.sheets:
            if not sheet.visible:
                continue
            rows = book.loaded(sheet).rows or []
            found = _find_columns(rows)
            if found is None:
                continue
            header, columns = found
            used = set(columns.values())
            formulas = sorted(r + 1 for r, c in sheet.formulas if c in used and r > header)
            if formulas:
                raise _bad(
                    f"{sheet.name} 第 {formulas[0]} 行是公式，不是填写的值；请把公式转成数值后再导入",
                    "the file holds formulas",
                )
            out = []
            for r, row in enumerate(rows[header + 1 :], start=header + 2):
                if not any(str(v).strip() for v in row if v is not None):
                    continue
                texts = [_cell(row, columns.get(key)) for key in ("id", "department", "reason")]
                out.append(AlertRow(r, *texts))
            return out
    finally:
        book.close()
    raise _bad(
        "没有找到证件号码列（表头应为“证件号码”“身份证号”或“公民身份号码”），没有导入任何内容",
        "no ID number column",
    )


@dataclass
class _Household:
    number: str
    head: str
    village: str
    rows: list[AlertRow] = field(default_factory=list)


def _members(session: Session, ids: Sequence[str]) -> dict[str, tuple[str, str, str, str]]:
    """ID → (household id, number, head, village code) of the active members on file."""
    out: dict[str, tuple[str, str, str, str]] = {}
    for start in range(0, len(ids), _CHUNK):
        query = (
            select(
                col(Member.id_number),
                col(Household.id),
                col(Household.number),
                col(Household.head_name),
                col(Area.code),
            )
            .join(Household, col(Household.id) == Member.household_id)
            .join(Area, col(Area.id) == Household.village_id)
            .where(
                col(Member.id_number).in_(ids[start : start + _CHUNK]),
                col(Member.deleted).is_(False),
                col(Member.active).is_(True),
                col(Household.deleted).is_(False),
            )
        )
        for number, *rest in session.execute(query).all():
            out[number] = (rest[0], rest[1], rest[2], rest[3])
    return out


def _load_households(session: Session, ids: Sequence[str]) -> dict[str, Household]:
    out: dict[str, Household] = {}
    for start in range(0, len(ids), _CHUNK):
        query = select(Household).where(col(Household.id).in_(ids[start : start + _CHUNK]))
        out.update((h.id, h) for h in session.execute(query).scalars())
    return out


def _monitored(session: Session, household_ids: set[str]) -> set[str]:
    ids = sorted(household_ids)
    found: set[str] = set()
    for start in range(0, len(ids), _CHUNK):
        query = select(col(MonitoringCase.household_id)).where(
            col(MonitoringCase.household_id).in_(ids[start : start + _CHUNK]),
            col(MonitoringCase.deleted).is_(False),
            col(MonitoringCase.stage).not_in(sorted(CLOSED_STAGES)),
        )
        found.update(session.execute(query).scalars())
    return found


def _names(list_id: str, suffix: str = "") -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for item in catalog.codelists()[list_id]:
        words = [item.zh, *item.aliases]
        out[item.code] = words + [w.removesuffix(suffix) for w in words if suffix and w.endswith(suffix)]
    return out


def _risk_names() -> dict[str, list[str]]:
    """Words that name each risk in a reason text: its label and aliases, and for a natural disaster the
    disaster kinds (洪涝、地质、干旱…) and 灾害/受灾."""
    names = _names("monitor_risk")
    kinds = [w for code, words in _names("disaster_sub", "灾害").items() if code != "9" for w in words]
    names["04"] = [*names.get("04", []), *kinds, "灾害", "受灾"]
    return names


def _joined(parts: Iterable[str]) -> str:
    return "；".join(dict.fromkeys(p for p in parts if p))


def plan_alerts(session: Session, name: str, rows: Sequence[AlertRow], *, today: date) -> AlertReport:
    """What importing ``rows`` would do (nothing written)."""
    invalid, duplicates, unknown, monitored_lines = [], [], [], []
    first_row: dict[str, int] = {}
    valid: list[tuple[AlertRow, str]] = []
    for row in rows:
        checked = idnumber.check(row.id_text, today=today)
        if not checked.valid or checked.normalized is None:
            shown = idnumber.mask(idnumber.normalize(row.id_text))
            invalid.append(AlertLine(row.row, shown, f"证件号码{checked.reason}"))
            continue
        number = checked.normalized
        if number in first_row:
            duplicates.append(AlertLine(row.row, idnumber.mask(number), f"与第 {first_row[number]} 行的证件号码重复"))
            continue
        first_row[number] = row.row
        valid.append((row, number))
    members = _members(session, [n for _r, n in valid])
    households: dict[str, _Household] = {}
    for row, number in valid:
        found = members.get(number)
        if found is None:
            unknown.append(AlertLine(row.row, idnumber.mask(number), "本库中没有此证件号码的家庭成员"))
            continue
        hid, hnumber, head, village = found
        households.setdefault(hid, _Household(hnumber, head, village)).rows.append(row)
    monitored = _monitored(session, set(households))
    risk_names = _risk_names()
    opened = []
    for hid, h in households.items():
        if hid in monitored:
            for row in h.rows:
                masked = idnumber.mask(idnumber.normalize(row.id_text))
                monitored_lines.append(AlertLine(row.row, masked, f"{h.head}户已在监测程序中，未重复登记", h.number))
            continue
        reason = _joined(r.reason for r in h.rows)
        risks = risks_in_text(reason, risk_names)
        labels = tuple(catalog.label("monitor_risk", r) for r in risks)
        opened.append(
            AlertClue(
                hid,
                h.number,
                h.head,
                h.village,
                tuple(r.row for r in h.rows),
                _joined(r.department for r in h.rows),
                reason,
                risks,
                labels,
            )
        )
    opened.sort(key=lambda c: c.household_number)
    return AlertReport(
        name, len(rows), tuple(opened), tuple(monitored_lines), tuple(duplicates), tuple(invalid), tuple(unknown)
    )


def _clue_values(clue: AlertClue, found: date) -> dict[str, Any]:
    values: dict[str, Any] = {
        "source": "4",
        "found": found,
        "risks": list(clue.risks),
        "department": clue.department,
        "dept_reason": clue.reason,
        "note": f"部门筛查预警（{clue.department or '未注明部门'}）",
    }
    if "04" in clue.risks:
        values["disaster_sub"] = risks_in_text(clue.reason, _names("disaster_sub", "灾害"), other="9", most=1)[0]
    if "99" in clue.risks:
        values["risk_note"] = clue.reason or "部门预警未注明原因"
    return values


def import_alerts(
    db: Database, path: str | Path, *, found: date, today: date, progress: Reporter | None = None
) -> AlertReport:
    """Read a department's push list and open a clue for each matched household with no open case."""
    if found > today:
        raise _bad("发现日期不能晚于今天", "the date found is in the future")
    path = Path(path)
    rows = read_alert_rows(path, progress)
    with writing(db, "monitoring.alerts_import") as work:
        report = plan_alerts(work.session, path.name, rows, today=today)
        households = _load_households(work.session, [c.household_id for c in report.opened])
        items = [(households[c.household_id], _clue_values(c, found)) for c in report.opened]
        for start in range(0, len(items), _CLUES_AT_ONCE):
            if progress is not None:
                progress(start, len(items), "登记监测线索")
            start_cases(work.session, items[start : start + _CLUES_AT_ONCE], today=today)
        work.details.update(
            file=path.name,
            rows=report.rows,
            clues=len(report.opened),
            monitored=len(report.already_monitored),
            duplicates=len(report.duplicates),
            invalid=len(report.invalid),
            unknown=len(report.unknown),
        )
    return report
