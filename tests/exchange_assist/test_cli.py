"""``fupin export`` and ``fupin import`` say what the ledger sheets carried."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.services import Database, open_database


def test_export_and_import_report_the_ledger_rows(
    ledger_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "county.xlsx"
    assert main(["--db", ledger_db.url, "export", "--out", str(out)]) == 0
    assert "，16 条帮扶台账记录" in capsys.readouterr().out  # every ledger row of tests/exchange_assist/ledgers.py
    target = open_database(tmp_path / "b.sqlite", operator="县里", device_id="county")
    url = target.url
    target.close()
    assert main(["--db", url, "import", str(out)]) == 0
    assert "帮扶台账：新增 16，更新 0，未变 0" in capsys.readouterr().out
    assert main(["--db", url, "import", "--json", str(out)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["ledgers"]["loan"] == {"added": 0, "updated": 0, "unchanged": 2}
    assert result["ledgers"]["loan_repayment"] == {"added": 0, "updated": 0, "unchanged": 1}
