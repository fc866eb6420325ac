"""Reference data every new database needs: the seeded poverty-line series and the national 2021 monitoring line
(both editable by the county)."""

from __future__ import annotations

from sqlmodel import Session, func, select

from desktop_app import catalog
from desktop_app.domain.income_sheet import monitoring_line_id
from desktop_app.storage.models import PovertyLine
from desktop_app.storage.models_monitoring import MonitoringLine


def seed_reference_data(session: Session) -> int:
    """Add the shipped poverty lines that the database lacks; county-edited rows are never touched."""
    existing = {
        (y, r, s)
        for y, r, s in session.exec(select(PovertyLine.year, PovertyLine.region_code, PovertyLine.standard)).all()
    }
    added = 0
    for row in catalog.seed_poverty_lines():
        key = (int(row["year"]), str(row.get("region_code", "")), str(row.get("standard", "1")))
        if key in existing:
            continue
        session.add(
            PovertyLine(
                year=key[0],
                region_code=key[1],
                standard=key[2],
                amount_fen=int(row["amount_fen"]),
                editable=bool(row.get("editable", True)),
                source=str(row.get("source", "")),
            )
        )
        added += 1
    return added + seed_monitoring_lines(session)


def poverty_line_count(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(PovertyLine)).one())


def monitoring_lines_missing(session: Session) -> bool:
    """Whether a shipped monitoring line never reached this database (deleted ones count as reached)."""
    have = set(session.exec(select(MonitoringLine.region_code, MonitoringLine.year)).all())
    return any((str(i.get("region_code", "")), int(i["year"])) not in have for i in catalog.seed_monitoring_lines())


def seed_monitoring_lines(session: Session) -> int:
    """Add the shipped monitoring lines the database lacks (a line the county deleted stays deleted)."""
    have = set(session.exec(select(MonitoringLine.region_code, MonitoringLine.year)).all())
    added = 0
    for item in catalog.seed_monitoring_lines():
        key = (str(item.get("region_code", "")), int(item["year"]))
        if key in have:
            continue
        session.add(
            MonitoringLine(
                id=monitoring_line_id(*key),
                region_code=key[0],
                year=key[1],
                amount_fen=int(item["amount_fen"]),
                method=str(item.get("method", "fixed")),
                document=str(item.get("document", "")),
                entered_by=str(item.get("entered_by", "")),
            )
        )
        added += 1
    return added
