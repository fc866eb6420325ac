"""One database for the module: a household that trips each default rule and one that does not."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.quality.helpers import CASES, build, number_of, village

SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许"


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, dict[str, str]]]:
    """(database, household number → id) with the households of ``CASES``."""
    from desktop_app.services import open_database

    folder: Path = tmp_path_factory.mktemp("quality")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FUPIN_DATA_DIR", str(folder / "data"))
        db = open_database(folder / "county.sqlite", operator="质检员", device_id="quality-test")
        vid = village(db)
        ids: dict[str, str] = {}
        for n, (rule, (trips, passes)) in enumerate(sorted(CASES.items())):
            for flag, spec in ((True, trips), (False, passes)):
                number = number_of(rule, flag)
                head = SURNAMES[n % len(SURNAMES)] + ("甲" if flag else "乙")
                ids[number] = build(db, vid, number, head, spec, seq=2 * n + (0 if flag else 1))
    yield db, ids
    db.close()
