"""The demo county with every assistance ledger (``fupin demo --assistance``), built once for the folder."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

TODAY = date(2026, 12, 2)


@dataclass(frozen=True)
class Demo:
    db: Any  # the Database
    result: Any  # the AssistanceDemo it reported
    data: Path  # its data folder (attachments)


@pytest.fixture(scope="package")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    from desktop_app.services import open_database
    from desktop_app.services.demo import add_assistance_demo, load_demo

    folder = tmp_path_factory.mktemp("assist-demo")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FUPIN_DATA_DIR", str(folder / "data"))
        db = open_database(folder / "demo.sqlite", operator="演示", device_id="demo-device")
        load_demo(db, households=160, villages=1, now=datetime(2026, 12, 2, 9, 0, tzinfo=UTC), monitoring=True)
        yield Demo(db, add_assistance_demo(db, today=TODAY), folder / "data")
        db.close()
