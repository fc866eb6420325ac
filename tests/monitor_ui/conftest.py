"""A village with monitored households at chosen steps, made through the engine's own use cases on a real
SQLite file, and the monitoring tab showing it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from desktop_app.services.monitoring import do_action, open_clue
from tests.procedure.helpers import make_household, make_village

TODAY = date(2026, 3, 20)
VILLAGE_CODE = "532999001001"


@pytest.fixture
def village(sqlite_db) -> tuple[Any, str, dict[str, str]]:  # type: ignore[no-untyped-def]
    """和平村 with four households on file (no case yet): name -> household id."""
    with sqlite_db.transaction() as s:
        vid = make_village(s, VILLAGE_CODE)
        names = ("张富贵", "李秀英", "王德明", "赵春花")
        ids = {name: make_household(s, vid, f"{VILLAGE_CODE}{i:04d}", name, seq=i) for i, name in enumerate(names, 1)}
    return sqlite_db, vid, ids


def clue(db: Any, household_id: str, found: date, risks: tuple[str, ...] = ("01",)) -> Any:
    return open_clue(
        db,
        household_id,
        source="3",
        found=found,
        risks=risks,
        today=found,
        disaster_sub="1" if "04" in risks else None,
        risk_note="房屋漏雨" if "99" in risks else "",
    )


def home_check(db: Any, household_id: str, on: date) -> Any:
    values = {"date": on, "checkers": "李书记,王队员", "category": "2", "findings": "因病支出大，收入低于监测线"}
    return do_action(db, household_id, "home_check", values, today=on)


def consent(db: Any, household_id: str, on: date, scan: Path) -> Any:
    values = {"date": on, "signed_by": "户主", "fingerprint": True, "scan": str(scan)}
    return do_action(db, household_id, "consent", values, today=on)


@pytest.fixture
def scan_file(tmp_path: Path) -> Path:
    path = tmp_path / "授权书.pdf"
    path.write_bytes(b"%PDF-1.4\n% consent scan\n")
    return path


@pytest.fixture
def consented(village, scan_file) -> Callable[..., tuple[Any, str, dict[str, str]]]:  # type: ignore[no-untyped-def]
    """Bring the named households to "consent signed" (clue two days before ``on``)."""

    def make(*names: str, on: date = TODAY - timedelta(days=5)) -> tuple[Any, str, dict[str, str]]:
        db, vid, ids = village
        for name in names:
            clue(db, ids[name], on - timedelta(days=2))
            home_check(db, ids[name], on - timedelta(days=1))
            consent(db, ids[name], on, scan_file)
        return village

    return make


@pytest.fixture
def lang_zh(qapp):  # type: ignore[no-untyped-def]
    """The Chinese UI (translators and the bundled font); back to the English source strings afterwards."""
    from desktop_app.ui.i18n import install_font, install_translators

    install_font(qapp)
    install_translators(qapp, "zh_CN")
    yield "zh_CN"
    install_translators(qapp, "en")


@pytest.fixture
def lang_en(qapp):  # type: ignore[no-untyped-def]
    from desktop_app.ui.i18n import install_translators

    install_translators(qapp, "en")
    yield "en"
