from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.assist_funds.helpers import County, county


@pytest.fixture
def world(tmp_path: Path) -> Iterator[County]:
    found = county(tmp_path / "county.sqlite")
    yield found
    found.db.close()


from tests.monitor_ui.conftest import lang_en, lang_zh  # noqa: E402,F401 - the UI languages, shared
