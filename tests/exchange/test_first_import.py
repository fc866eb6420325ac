"""A county office's first import of a workbook (every household table empty) takes the merge's shortcut for
fresh tables, and leaves what the general merge leaves (``FUPIN_MERGE_FRESH=0``): records, derived fields,
search index, change log, audit chain. A workbook that gives one record id twice is merged the general way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop_app.services import Database, open_database
from desktop_app.services.exchange.importer import apply_plan, read_file
from desktop_app.services.unit_of_work import writing
from tests.merge.helpers import merged_state

OFFICE = "county-office"


def _import(path: Path, workbook: Path) -> dict[str, Any]:
    db: Database = open_database(path, operator="县扶贫办", device_id=OFFICE)
    try:
        with writing(db, "exchange.import") as work:
            plan = read_file(work.session, workbook)
            outcome = apply_plan(work.session, plan)
        assert outcome.applied, [p.line() for p in plan.report.problems]
        return {"households": outcome.households, "members": outcome.members}
    finally:
        db.close()


def _both_ways(tmp_path: Path, workbook: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    fresh = _import(tmp_path / "fresh.sqlite", workbook)
    with monkeypatch.context() as patched:
        patched.setenv("FUPIN_MERGE_FRESH", "0")
        general = _import(tmp_path / "general.sqlite", workbook)
    assert fresh == general  # the counts the import dialog shows
    seen = merged_state(tmp_path / "fresh.sqlite", OFFICE)
    assert seen == merged_state(tmp_path / "general.sqlite", OFFICE)
    return fresh, seen


def test_a_first_import_leaves_what_the_general_merge_leaves(
    demo_db: Database, demo_xlsx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counts, (shown, logs, _states) = _both_ways(tmp_path, demo_xlsx, monkeypatch)
    assert counts["households"]["added"] == 12
    assert len(shown["household"]) == 12 and all(h["search_text"] for h in shown["household"].values())
    assert {entity for entity, *_rest in logs} == {"household", "member", "measure", "procedure_event"}
    assert len(logs) == sum(len(shown[t]) for t in ("household", "member", "measure", "procedure_event"))


def test_a_record_given_twice_in_a_first_import_ends_as_one_record(
    demo_db: Database, demo_xlsx: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = openpyxl.load_workbook(demo_xlsx)
    sheet = book["识别程序记录"]
    sheet.append([c.value for c in sheet[2]])  # one step's row twice, as a clerk's copy-and-paste leaves it
    twice = tmp_path / "twice.xlsx"
    book.save(twice)
    with demo_db.session() as session:
        events = session.connection().exec_driver_sql("SELECT count(*) FROM procedure_event").scalar()

    counts, (shown, logs, _states) = _both_ways(tmp_path, twice, monkeypatch)

    assert len(shown["procedure_event"]) == events  # the copy merged into its record, nothing lost or doubled
    assert sum(1 for entity, *_rest in logs if entity == "procedure_event") == events
