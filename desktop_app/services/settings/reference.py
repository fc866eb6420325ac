"""Reference data every new database needs: the seeded poverty-line series (editable by the county)."""

from __future__ import annotations

from sqlmodel import Session, func, select

from desktop_app import catalog
from desktop_app.storage.models import PovertyLine


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
    return added


def poverty_line_count(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(PovertyLine)).one())
