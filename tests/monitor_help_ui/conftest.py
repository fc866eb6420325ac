"""Included households of 和平村 (因病, 因安全饮水) on a real SQLite file; the UI languages of tests/monitor_ui."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests.monitor_help.helpers import add_case, make_household, make_village
from tests.monitor_ui.conftest import lang_en, lang_zh  # noqa: F401 - the UI languages, shared

VILLAGE_CODE = "532999001001"
TODAY = date.today()  # the card's monitoring tab works on the real today
INCLUDED = TODAY - timedelta(days=45)  # past the first month: the help check looks at the case


@pytest.fixture
def included(sqlite_db) -> tuple[Any, str, dict[str, str]]:  # type: ignore[no-untyped-def]
    """张富贵 included 45 days ago for 因病; 李秀英 included for 因病 and 因安全饮水; 王德明 on file, not monitored."""
    with sqlite_db.transaction() as s:
        vid = make_village(s, VILLAGE_CODE)
        names = ("张富贵", "李秀英", "王德明")
        ids = {name: make_household(s, vid, f"{VILLAGE_CODE}{i:04d}", name, seq=i) for i, name in enumerate(names, 1)}
        add_case(s, ids["张富贵"], found=INCLUDED - timedelta(days=10), included=INCLUDED, risks=("01",))
        add_case(s, ids["李秀英"], found=INCLUDED - timedelta(days=10), included=INCLUDED, risks=("01", "10"))
    return sqlite_db, vid, ids
