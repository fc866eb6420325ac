"""The names of a village and the townships and county above it, as the procedure's defaults and documents use."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from desktop_app.storage.models import Area


@dataclass(frozen=True)
class VillagePlace:
    """County, township and village names (and the village's code) of one village; "" where unknown."""

    county: str = ""
    township: str = ""
    village: str = ""
    village_code: str = ""


def village_names(session: Session, village_id: str) -> VillagePlace:
    village = session.get(Area, village_id)
    if village is None:
        return VillagePlace()
    township = session.get(Area, village.parent_id) if village.parent_id else None
    county = session.get(Area, township.parent_id) if township is not None and township.parent_id else None
    return VillagePlace(
        county=county.name if county else "",
        township=township.name if township else "",
        village=village.name,
        village_code=village.code,
    )
