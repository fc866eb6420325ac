"""The demo county's monitoring: households at every step, written through the monitoring use cases."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop_app import catalog
from desktop_app.cli import main
from tests.reports.conftest import pdf_text

TODAY = date(2026, 12, 2)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from desktop_app.services import open_database
    from desktop_app.services.demo import load_demo

    folder = tmp_path_factory.mktemp("monitor-demo")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FUPIN_DATA_DIR", str(folder / "data"))
        db = open_database(folder / "demo.sqlite", operator="演示", device_id="demo-device")
        result = load_demo(db, households=120, villages=1, now=datetime(2026, 12, 2, 9, 0, tzinfo=UTC), monitoring=True)
        assert result.monitored >= 20
        yield db
        db.close()


def test_every_stage_of_the_procedure_has_a_household(demo: Any) -> None:
    from desktop_app.services.monitoring import case_list

    rows = case_list(demo, today=TODAY)
    stages = Counter(r.stage for r in rows)
    every = {item.code for item in catalog.codelists()["monitor_stage"].items}
    assert every <= set(stages), every - set(stages)
    assert any(r.overdue and r.included is None for r in rows)  # past the 15 days, not included yet
    assert any(r.warn for r in rows)
    removed = [r for r in rows if r.stage == "removed"]
    assert {r.removal_method for r in removed} == {"1", "2"}
    assert {r.term_zh for r in rows} == {"监测对象", "防止返贫致贫对象"}  # cases found in 2025 and in 2026


def test_a_household_is_included_again_after_its_removal(demo: Any) -> None:
    from desktop_app.services.monitoring import case_list, household_cases

    again = [r for r in case_list(demo, today=TODAY) if r.round == 2]
    assert again
    cases = household_cases(demo, again[0].household_id, today=TODAY)
    assert [c.stage for c in cases] == ["included", "removed"]  # newest first


def test_refused_and_withdrawn_cases_say_why(demo: Any) -> None:
    from desktop_app.services.monitoring import case_detail, case_list

    ended = [r for r in case_list(demo, today=TODAY) if r.stage in ("refused", "withdrawn")]
    assert {r.stage for r in ended} == {"refused", "withdrawn"}
    for row in ended:
        last = case_detail(demo, row.case_id, today=TODAY).events[-1]
        assert last.step in ("refusal", "withdrawal", "evaluation")


def test_income_of_two_years_with_a_sharp_fall_and_measures(demo: Any) -> None:
    from desktop_app.storage.models_monitoring import HelpMeasure, IncomeRecord

    with demo.session() as session:
        records = session.execute(select(IncomeRecord.household_id, IncomeRecord.year, IncomeRecord.per_capita_fen))
        by_household: dict[str, dict[int, int]] = {}
        for household_id, year, fen in records.all():
            by_household.setdefault(household_id, {})[year] = fen
        measures = session.execute(select(HelpMeasure.category, HelpMeasure.case_id)).all()
    two_years = [years for years in by_household.values() if len(years) >= 2]
    assert two_years
    assert any(years[2026] * 2 < years[2025] for years in two_years)  # income fell by more than half
    assert measures and all(case_id for _, case_id in measures)
    assert {"100A39", "100A40"} <= {category for category, _ in measures}


def test_the_invariant_check_finds_nothing(demo: Any) -> None:
    from desktop_app.services.monitoring import check_monitoring

    assert check_monitoring(demo) == []


def test_the_demo_prints_its_notices(demo: Any, tmp_path: Path) -> None:
    from desktop_app.services.printing import print_to_file, resolve_selection

    for kind in ("monitor-notice", "monitor-announcement", "removal-notice", "monitor-minutes"):
        out = tmp_path / f"{kind}.pdf"
        assert print_to_file(demo, resolve_selection(demo, kind), out) >= 1
        assert "2026年" in pdf_text(out).replace(" ", "")


def test_fupin_demo_with_monitoring(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop_app.services import open_database
    from desktop_app.services.monitoring import case_list, check_monitoring

    db_path = tmp_path / "cli.sqlite"
    code = main(["--db", str(db_path), "demo", "--households", "60", "--villages", "1", "--monitoring"])
    assert code == 2 and "尚未登记操作人员" in capsys.readouterr().err  # the steps must be signed
    args = ["--db", str(db_path), "--operator", "演示员", "demo", "--households", "60", "--villages", "1"]
    code = main([*args, "--monitoring"])
    assert code == 0 and "户监测户" in capsys.readouterr().out
    db = open_database(db_path, operator="演示员", device_id="test-device")
    try:
        assert check_monitoring(db) == [] and len(case_list(db, today=date.today())) >= 20
    finally:
        db.close()
    assert main(["--db", str(db_path), "monitor", "check"]) == 0
    capsys.readouterr()
