"""Monitoring lines (监测范围) by region and year: the lookup every judgement uses."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from desktop_app.storage.models_monitoring import MonitoringLine


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
    matching = [r for r in rows if region_code.startswith(r.region_code)]
    if not matching:
        return None
    return _row(max(matching, key=lambda r: len(r.region_code)))
