"""A village on a real SQLite file with a 2025 line, households in the warning band, below it, with a 八必访
reason and well off; the Chinese and English UI fixtures of the monitoring tab's tests."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlmodel import select

from desktop_app.storage.models import Member
from tests.monitor_help.helpers import add_income, add_line, make_household, make_village
from tests.monitor_ui.conftest import lang_en, lang_zh

TODAY = date(2026, 3, 20)
VILLAGE = "532999001001"
BAND = f"{VILLAGE}0001"  # 张富贵: 8,500 yuan per person against an 8,000 line
ILL = f"{VILLAGE}0002"  # 李秀英: well off, a member with a serious illness
BELOW = f"{VILLAGE}0003"  # 王德明: 5,000 yuan per person
WELL = f"{VILLAGE}0004"  # 赵春花: well off, nothing to watch

__all__ = ["BAND", "BELOW", "ILL", "TODAY", "VILLAGE", "WELL", "lang_en", "lang_zh", "open_view"]


def open_view(qtbot: Any, db: Any, village_id: str) -> Any:
    """The monitoring tab on the village, shown, with today fixed."""
    from desktop_app.ui.monitoring_view import MonitoringView

    view = MonitoringView(db, today=TODAY)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    view.set_village(village_id)
    return view


@pytest.fixture
def warned(sqlite_db) -> tuple[Any, str, dict[str, str]]:  # type: ignore[no-untyped-def]
    """The database, the village id and household number → id."""
    incomes = {BAND: ("张富贵", 8500), ILL: ("李秀英", 30000), BELOW: ("王德明", 5000), WELL: ("赵春花", 30000)}
    ids: dict[str, str] = {}
    with sqlite_db.transaction() as s:
        vid = make_village(s, VILLAGE)
        add_line(s, 2025, 8000)
        for seq, (number, (head, yuan)) in enumerate(incomes.items(), 1):
            ids[number] = make_household(s, vid, number, head, seq=seq, per_capita_yuan=yuan)
            add_income(s, ids[number], 2025, yuan)
        ill = s.exec(select(Member).where(Member.household_id == ids[ILL])).first()
        assert ill is not None
        ill.health = "3"
        s.add(ill)
    return sqlite_db, vid, ids
