"""The county's exemption list (疑点豁免清单): findings it accepts, one per rule and household, with the
reason, who approved it and when. Entered one at a time (the signed-in user approves), or imported and
exported as .xlsx / .csv; an import checks the whole file first and writes nothing when a row is wrong."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from desktop_app.domain.errors import DomainError
from desktop_app.services.exchange import ExchangeError, decode_text
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area, Household
from desktop_app.storage.models_quality import QualityExemption, exemption_id

HEADERS = ("规则编号", "行政村", "户编号", "户主姓名", "原因", "批准人", "批准日期")
REQUIRED = ("规则编号", "户编号", "原因", "批准人", "批准日期")


class ExemptionFileError(DomainError):
    """An exemption file that cannot be imported: every wrong row named, nothing written."""

    def __init__(self, lines: Sequence[str]) -> None:
        zh = "豁免清单未导入（未写入任何记录）：\n" + "\n".join(lines)
        super().__init__("bad_exemption_file", zh, "exemption list not imported (nothing written)")
        self.lines = list(lines)


@dataclass(frozen=True)
class ExemptionRow:
    rule_id: str
    household_id: str
    village_name: str
    household_number: str
    head_name: str
    reason: str
    approved_by: str
    approved_on: date | None


def exempted_pairs(session: Session) -> set[tuple[str, str]]:
    rows = session.execute(
        select(col(QualityExemption.rule_id), col(QualityExemption.household_id)).where(
            col(QualityExemption.deleted).is_(False)
        )
    ).all()
    return {(r, h) for r, h in rows}


def list_exemptions(db: Database) -> list[ExemptionRow]:
    with reading(db) as session:
        rows = session.execute(
            select(
                col(QualityExemption.rule_id),
                col(QualityExemption.household_id),
                col(Area.name),
                col(Household.number),
                col(Household.head_name),
                col(QualityExemption.reason),
                col(QualityExemption.approved_by),
                col(QualityExemption.approved_on),
            )
            .join(Household, col(Household.id) == QualityExemption.household_id)
            .join(Area, col(Area.id) == Household.village_id)
            .where(col(QualityExemption.deleted).is_(False))
            .order_by(col(Household.number), col(QualityExemption.rule_id))
        ).all()
    return [ExemptionRow(*row) for row in rows]


def _put(session: Session, rule_id: str, household_id: str, reason: str, who: str, on: date) -> bool:
    """Insert or update one exemption; True when it is new."""
    key = exemption_id(rule_id, household_id)
    row = session.get(QualityExemption, key)
    new = row is None or row.deleted
    if row is None:
        row = QualityExemption(id=key, rule_id=rule_id, household_id=household_id)
    row.deleted = False
    row.reason, row.approved_by, row.approved_on = reason, who, on
    session.add(row)
    return new


def exempt(
    db: Database, *, rule_id: str, household_id: str, reason: str, today: date, approved_by: str | None = None
) -> None:
    """Accept one finding; ``approved_by`` defaults to the signed-in user (the database's identity)."""
    if not reason.strip():
        raise DomainError("exemption_reason", "请填写豁免原因", "give the reason for the exemption")
    who = (approved_by or db.identity.name or db.operator).strip()
    with writing(db, "quality.exempt", subject=household_id) as work:
        if work.session.get(Household, household_id) is None:
            raise DomainError("no_household", "没有这一户", "no such household")
        _put(work.session, rule_id, household_id, reason.strip(), who, today)


def remove_exemption(db: Database, *, rule_id: str, household_id: str) -> bool:
    with writing(db, "quality.exempt", subject=household_id) as work:
        row = work.session.get(QualityExemption, exemption_id(rule_id, household_id))
        if row is None or row.deleted:
            return False
        row.deleted = True
        work.session.add(row)
        return True


# --- files ---------------------------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _cell(value).replace("/", "-").replace(".", "-")
    for parse in (date.fromisoformat, lambda t: datetime.strptime(t, "%Y%m%d").date()):
        try:
            return parse(text)
        except ValueError:
            continue
    try:
        y, m, d = (int(p) for p in text.split("-"))
        return date(y, m, d)
    except ValueError:
        return None


def _read_rows(path: Path) -> list[list[Any]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:  # the exchange's CSV decoding (UTF-8 with or without BOM, else GBK; a mixed file named as such)
            text, _encoding = decode_text(path.read_bytes())
        except ExchangeError as exc:
            raise ExemptionFileError([str(exc)]) from exc
        return [list(r) for r in csv.reader(text.splitlines())]
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook  # type: ignore[import-untyped]  # openpyxl ships no type information

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # a damaged or foreign file: one clear message
            raise ExemptionFileError([f"无法读取文件：{exc}"]) from exc
        try:
            return [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()
    raise ExemptionFileError([f"不支持的文件类型：{path.suffix}（应为 .xlsx 或 .csv）"])


def _header(rows: list[list[Any]]) -> tuple[int, dict[str, int]]:
    for n, row in enumerate(rows[:10]):
        names = {_cell(v).replace(" ", ""): i for i, v in enumerate(row) if _cell(v)}
        if "规则编号" in names and "户编号" in names:
            missing = [h for h in REQUIRED if h not in names]
            if missing:
                raise ExemptionFileError([f"第{n + 1}行表头缺少列：{'、'.join(missing)}"])
            return n, names
    raise ExemptionFileError(["前 10 行中没有找到表头（应有“规则编号”“户编号”等列）"])


def import_exemptions(db: Database, path: str | Path, *, known_rules: Iterable[str]) -> tuple[int, int]:
    """Import the county's list; returns (new, updated). Every row is checked before anything is written."""
    path = Path(path)
    rows = _read_rows(path)
    start, cols = _header(rows)
    rules = set(known_rules)
    with reading(db) as session:
        numbers = dict(
            session.execute(
                select(col(Household.number), col(Household.id)).where(col(Household.deleted).is_(False))
            ).all()
        )
    errors: list[str] = []
    good: list[tuple[str, str, str, str, date]] = []
    seen: dict[tuple[str, str], int] = {}
    for n, row in enumerate(rows[start + 1 :], start=start + 2):
        values = {h: _cell(row[i]) if i < len(row) else "" for h, i in cols.items()}
        if not any(values.values()):
            continue
        problems = []
        rule, number = values.get("规则编号", ""), values.get("户编号", "")
        if rule not in rules:
            problems.append(f"没有这条质量规则“{rule}”" if rule else "规则编号为空")
        hid = numbers.get(number)
        if hid is None:
            problems.append(f"没有户编号为“{number}”的户" if number else "户编号为空")
        for key in ("原因", "批准人"):
            if not values.get(key):
                problems.append(f"{key}为空")
        raw_date = row[cols["批准日期"]] if cols["批准日期"] < len(row) else None
        on = _date(raw_date)
        if on is None:
            problems.append(f"批准日期无效：“{_cell(raw_date)}”")
        if hid is not None and (rule, hid) in seen:
            problems.append(f"与第{seen[(rule, hid)]}行重复")
        if problems:
            errors.append(f"第{n}行：" + "；".join(problems))
            continue
        assert hid is not None and on is not None
        seen[(rule, hid)] = n
        good.append((rule, hid, values["原因"], values["批准人"], on))
    if errors:
        raise ExemptionFileError(errors)
    if not good:
        raise ExemptionFileError(["文件中没有豁免记录"])
    new = 0
    with writing(db, "quality.exemptions_import") as work:
        work.details["file"] = path.name
        for rule, hid, reason, who, on in good:
            new += _put(work.session, rule, hid, reason, who, on)
        work.details["rows"] = len(good)
    return new, len(good) - new


def export_exemptions(db: Database, path: str | Path) -> int:
    """Write the list as .xlsx (or .csv by the file name); returns the rows written."""
    path = Path(path)
    rows = [
        (r.rule_id, r.village_name, r.household_number, r.head_name, r.reason, r.approved_by, r.approved_on)
        for r in list_exemptions(db)
    ]
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(HEADERS)
            writer.writerows([*r[:6], r[6].isoformat() if r[6] else ""] for r in rows)
        return len(rows)
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "疑点豁免清单"
    sheet.append(HEADERS)
    for r in rows:
        sheet.append(list(r))
        sheet.cell(sheet.max_row, 3).number_format = "@"  # household numbers stay text
    for letter, width in zip("ABCDEFG", (10, 14, 20, 10, 40, 12, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    book.save(path)
    return len(rows)
