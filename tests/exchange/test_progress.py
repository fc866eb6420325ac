"""Long imports report where they are (rows read, records written) and can be cancelled at any of those
points with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop_app.services import Cancelled, Database, Progress, open_database
from desktop_app.services.exchange import check_file, import_files, importer, workbook_in
from desktop_app.storage.models import ChangeLog, Household
from tests.exchange.conftest import export, make_demo


def counts(db: Database) -> tuple[int, int]:
    with db.session() as session:
        return (
            session.execute(select(func.count()).select_from(Household)).scalar_one(),
            session.execute(select(func.count()).select_from(ChangeLog)).scalar_one(),
        )


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    source = make_demo(tmp_path / "source.sqlite", households=60)
    try:
        return export(source, tmp_path / "county.xlsx")
    finally:
        source.close()


def test_reading_reports_rows_per_sheet_and_cancels_mid_sheet(
    workbook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbook_in, "ROWS_PER_TICK", 16)
    monkeypatch.setenv("FUPIN_READER_PROCESS", "0")  # the patched readers run in this process
    heard: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, text: str) -> bool:
        heard.append((done, total, text))
        return "识别程序记录" not in text  # cancel once the event sheet is being read

    db = open_database(tmp_path / "target.sqlite")
    try:
        before = counts(db)
        with pytest.raises(Cancelled):
            check_file(db, workbook, progress=Progress(progress))
        assert counts(db) == before
    finally:
        db.close()
    row_ticks = [h for h in heard if "已读" in h[2]]
    assert any("“户”表：已读 16 行" in text for _d, _t, text in row_ticks)
    assert any("“成员”表" in text for _d, _t, text in row_ticks)
    assert "识别程序记录" in heard[-1][2]
    dones = [d for d, _t, _text in heard]
    assert dones == sorted(dones) and 0 < dones[-1] < heard[-1][1]  # moving forward, not finished


def test_writing_reports_records_and_a_cancel_rolls_everything_back(
    workbook: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "RECORDS_PER_CHUNK", 10)
    writes: list[str] = []

    def progress(done: int, total: int, text: str) -> bool:
        if text.startswith("写入数据库："):
            writes.append(text)
        return len(writes) < 5

    db = open_database(tmp_path / "target.sqlite")
    try:
        before = counts(db)
        assert check_file(db, workbook).ok
        with pytest.raises(Cancelled):
            import_files(db, [workbook], progress=Progress(progress))
        assert counts(db) == before  # the households of the first chunks were rolled back with the rest
        assert writes[0].startswith("写入数据库：10 / ") and writes[-1].startswith("写入数据库：50 / ")
        run = import_files(db, [workbook])  # not cancelled: the same file goes in whole
        assert run.applied and counts(db)[0] == 60
    finally:
        db.close()
