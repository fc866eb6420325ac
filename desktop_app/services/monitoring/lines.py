"""Monitoring lines (监测范围) by region and year: entered by the county, looked up by every judgement.

A line belongs to the whole country (region "") or to an area: its code is stored as the significant prefix of
the statistical code (province 2 digits, city 4, county 6, township 9, village 12), so that ``line_for`` finds
the most specific line of a village by prefix. Only the national 2021 line is shipped
(``resources/codelists/monitoring_lines.json``); provinces set their own every year since 2022.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlmodel import Session, col, select

from desktop_app.domain.eligibility import most_specific
from desktop_app.domain.errors import DomainError
from desktop_app.domain.income_sheet import monitoring_line_id
from desktop_app.domain.money import format_yuan
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area
from desktop_app.storage.models_monitoring import MonitoringLine
from desktop_app.storage.queries import live

METHODS = ("fixed", "multiple")
NATIONAL_NAMES = ("", "national", "全国", "国家")
_LEVEL_DIGITS = (2, 4, 6, 9, 12)


@dataclass(frozen=True)
class LineRow:
    region_code: str
    year: int
    amount_fen: int
    method: str
    base_name: str
    base_amount_fen: int | None
    factor: str
    document: str
    entered_by: str


@dataclass(frozen=True)
class LineListRow:
    """A line as the list and the dialog show it: the region's name beside its code."""

    id: str
    region_code: str
    region_name: str
    line: LineRow


def _row(line: MonitoringLine) -> LineRow:
    return LineRow(
        region_code=line.region_code,
        year=line.year,
        amount_fen=line.amount_fen,
        method=line.method,
        base_name=line.base_name,
        base_amount_fen=line.base_amount_fen,
        factor=line.factor,
        document=line.document,
        entered_by=line.entered_by,
    )


def line_for(session: Session, *, region_code: str, year: int) -> LineRow | None:
    """The line of ``year`` for an area: the entry whose region code is the longest prefix of ``region_code``
    ("" is the whole country). None when no line of that year applies (a judgement must then be refused)."""
    rows = session.exec(
        select(MonitoringLine).where(MonitoringLine.year == year, col(MonitoringLine.deleted).is_(False))
    ).all()
    found = most_specific(((r.region_code, r) for r in rows), region_code)
    return _row(found) if found is not None else None


def _bad(code: str, zh: str, en: str) -> DomainError:
    return DomainError(code, zh, en)


def region_prefix(region: str) -> str:
    """The stored prefix of a region as typed: "" for the country, else the code without its zero tail."""
    text = region.strip()
    if text.lower() in NATIONAL_NAMES:
        return ""
    if not text.isdigit() or not text.isascii() or len(text) not in _LEVEL_DIGITS:
        raise _bad(
            "line_region",
            f"地区应为“全国”或统计用区划代码（2、4、6、9 或 12 位数字），不是“{text}”",
            f"the region is 'national' or a statistical area code (2, 4, 6, 9 or 12 digits), not '{text}'",
        )
    for digits in _LEVEL_DIGITS:
        if set(text[digits:]) <= {"0"}:
            return text[:digits]
    return text  # pragma: no cover - 12 digits always end the loop


def _region_name(session: Session, prefix: str) -> str | None:
    """The name of the area a prefix stands for (None when no area on file has that code or lies inside it)."""
    if not prefix:
        return "全国"
    exact = session.exec(select(Area).where(col(Area.code) == prefix.ljust(12, "0"), live(Area))).first()
    if exact is not None:
        return exact.name
    inside = session.exec(select(Area).where(col(Area.code).startswith(prefix), live(Area)).limit(1)).first()
    if inside is None:
        return None
    return {2: "省级", 4: "市级", 6: "县级", 9: "乡镇级"}.get(len(prefix), "") + f"（{prefix}）"


def _decimal(text: str, what_zh: str, what_en: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value <= 0:
        raise _bad("line_number", f"{what_zh}应为大于 0 的数，不是“{text}”", f"{what_en} must be above 0, not '{text}'")
    return value


def line_amount(
    amount_fen: int | None, *, method: str, base_amount_fen: int | None, factor: str, base_name: str
) -> int:
    """The line's amount: as given (fixed), or factor × base (multiple), which a given amount must agree with."""
    if method not in METHODS:
        raise _bad(
            "line_method", f"方法应为 fixed（固定标准）或 multiple（倍数），不是“{method}”", f"unknown method {method}"
        )
    if method == "fixed":
        if amount_fen is None or amount_fen <= 0:
            raise _bad("line_amount", "监测范围金额应大于 0 元", "the line's amount must be above 0 yuan")
        return amount_fen
    if not base_name.strip():
        raise _bad(
            "line_base",
            "倍数方法需要写明基准标准的名称（如：农村低保标准）",
            "the multiple method needs the base's name",
        )
    if base_amount_fen is None or base_amount_fen <= 0:
        raise _bad("line_base", "倍数方法需要基准标准的金额（大于 0 元）", "the multiple method needs the base amount")
    computed = int((_decimal(factor, "倍数", "the factor") * base_amount_fen).to_integral_value())
    if amount_fen is not None and amount_fen != computed:
        raise _bad(
            "line_disagrees",
            f"金额 {format_yuan(amount_fen)} 元与 {factor} × {format_yuan(base_amount_fen)} 元 = "
            f"{format_yuan(computed)} 元不一致",
            f"the amount {format_yuan(amount_fen)} disagrees with {factor} × base = {format_yuan(computed)}",
        )
    return computed


def _check_year(year: int) -> None:
    if not 2021 <= year <= 2100:
        raise _bad(
            "line_year", f"监测范围的年份应在 2021 年及以后，不是 {year}", f"the year must be 2021 or later, not {year}"
        )


def set_line(
    db: Database,
    region_code: str,
    year: int,
    amount_fen: int | None,
    *,
    method: str = "fixed",
    base_name: str = "",
    base_amount_fen: int | None = None,
    factor: str = "",
    document: str = "",
    entered_by: str,
) -> LineListRow:
    """Enter (or change) the line of a region and year; one unit of work, nothing written on a refusal."""
    prefix = region_prefix(region_code)
    _check_year(year)
    amount = line_amount(amount_fen, method=method, base_amount_fen=base_amount_fen, factor=factor, base_name=base_name)
    if len(document) > 200:
        raise _bad("line_document", "文件名称最多 200 字", "the document's name has at most 200 characters")
    with writing(db, "monitoring.line_set", None) as work:
        session = work.session
        name = _region_name(session, prefix)
        if name is None:
            raise _bad(
                "line_region_unknown",
                f"本数据库中没有区划代码为“{region_code.strip()}”的地区",
                f"no area with code {region_code.strip()} on file",
            )
        row = session.exec(
            select(MonitoringLine).where(MonitoringLine.region_code == prefix, MonitoringLine.year == year)
        ).first()
        if row is None:
            row = MonitoringLine(id=monitoring_line_id(prefix, year), region_code=prefix, year=year, amount_fen=amount)
        row.deleted = False
        row.amount_fen = amount
        row.method = method
        multiple = method == "multiple"
        row.base_name = base_name.strip() if multiple else ""
        row.base_amount_fen = base_amount_fen if multiple else None
        row.factor = factor.strip() if multiple else ""
        row.document = document.strip()
        row.entered_by = entered_by.strip()
        session.add(row)
        session.flush()
        return LineListRow(row.id, prefix, name, _row(row))


def list_lines(db: Database) -> list[LineListRow]:
    """Every line on file, newest year first, the country before the regions."""
    with reading(db) as session:
        rows = session.exec(select(MonitoringLine).where(live(MonitoringLine))).all()
        found = [
            LineListRow(r.id, r.region_code, _region_name(session, r.region_code) or r.region_code, _row(r))
            for r in rows
        ]
    return sorted(found, key=lambda r: (-r.line.year, len(r.region_code), r.region_code))


def delete_line(db: Database, region_code: str, year: int) -> None:
    """Remove a line (a tombstone, so that the deletion reaches other laptops)."""
    prefix = region_prefix(region_code)
    with writing(db, "monitoring.line_delete", None) as work:
        row = work.session.exec(
            select(MonitoringLine).where(
                MonitoringLine.region_code == prefix, MonitoringLine.year == year, live(MonitoringLine)
            )
        ).first()
        if row is None:
            where = "全国" if not prefix else prefix
            raise _bad("line_missing", f"没有 {where} {year} 年的监测范围", f"no line of {where} for {year}")
        row.deleted = True
        work.session.add(row)
