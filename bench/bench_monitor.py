"""Monitoring at county size: 100,000 households (≈356,000 members) of demo data, 5 % of them monitored.

Measures, with ratios against baselines taken in the same run on the same file:
- the monitoring list with deadlines (``case_list``; target < 300 ms; baseline: a plain SQL select of the
  same cases joined to their households);
- the warning lists (``income_warnings`` + ``must_visit``; target < 2 s; baseline: plain SQL selects of the
  latest income records under the band and of the members' 八必访 facts);
- importing a department list of 20,000 IDs (``import_alerts``; target < 10 s; baseline: reading the same file
  with python-calamine + one SQL look-up of the IDs through a temporary table). The list holds 2,000 IDs of
  members of unmonitored households (distinct households: 2,000 new clues), 14,000 of members of monitored
  households, 2,000 unknown, 1,000 invalid and 1,000 repeated. Each new clue goes through the engine's
  ``start_case``; the time per clue is printed so that other mixes can be estimated.

Run: ``.venv/bin/python bench/bench_monitor.py [--households N]`` (builds bench/out/bench_monitor_<N>.sqlite
once from the demo county, 1–2 min, then adds income records, lines and cases with bulk inserts; every run
imports into a fresh copy).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"
TODAY = date(2025, 11, 20)
RUNS = 5


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def best(fn: Any, runs: int = RUNS) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def _full(model: Any, **values: Any) -> dict[str, Any]:
    return model(**values).model_dump()


def build(path: Path, households: int) -> None:
    from desktop_app.services import open_database
    from desktop_app.services.demo.households import generate_demo
    from desktop_app.storage.bulk import bulk_insert
    from desktop_app.storage.models_monitoring import IncomeRecord, MonitoringCase, MonitoringEvent, MonitoringLine

    OUT.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".partial")
    tmp.unlink(missing_ok=True)
    started = time.perf_counter()
    db = open_database(tmp, operator="bench", device_id="bench")
    with db.transaction() as session:
        generate_demo(session, households=households, seed=1)
    rng = random.Random(15)
    with db.transaction() as session:
        conn = session.connection()
        rows = conn.exec_driver_sql("SELECT id, size FROM household WHERE deleted = 0").all()
        bulk_insert(
            session, MonitoringLine.__table__, [_full(MonitoringLine, region_code="", year=2025, amount_fen=800_000)]
        )
        records = []
        for hid, size in rows:
            size = max(size or 1, 1)
            for year in (2024, 2025):
                pc = rng.randint(5_000, 30_000) * 100
                net = pc * size
                wage = rng.randint(0, net)
                records.append(
                    _full(
                        IncomeRecord,
                        household_id=hid,
                        year=year,
                        size=size,
                        per_capita_fen=pc,
                        net_fen=net,
                        gross_fen=net,
                        wage_fen=wage,
                        medical_expense_fen=rng.choice((0, 0, 0, net // 2)),
                    )
                )
        for start in range(0, len(records), 20_000):
            bulk_insert(session, IncomeRecord.__table__, records[start : start + 20_000])
        cases, events = [], []
        for hid, _size in rng.sample(rows, len(rows) // 20):
            found = TODAY - timedelta(days=rng.randint(0, 400))
            included = found + timedelta(days=10) if rng.random() < 0.7 else None
            case = _full(
                MonitoringCase,
                household_id=hid,
                stage="included" if included else "clue",
                category="2" if included else None,
                source=rng.choice("1234"),
                found_on=found,
                deadline=found + timedelta(days=15),
                included_on=included,
                risks=[rng.choice(("01", "02", "07", "10"))],
            )
            cases.append(case)
            events.append(
                _full(MonitoringEvent, case_id=case["id"], household_id=hid, step="clue", on_date=found, actor="bench")
            )
        bulk_insert(session, MonitoringCase.__table__, cases)
        bulk_insert(session, MonitoringEvent.__table__, events)
    db.close()
    for suffix in ("-wal", "-shm"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    tmp.rename(path)
    print(f"database: created {path} in {time.perf_counter() - started:.1f} s")


def alert_file(path: Path, folder: Path) -> Path:
    """20,000 rows: IDs of unmonitored and monitored households' members, unknown, invalid and repeated IDs."""
    from openpyxl import Workbook

    from desktop_app.domain.idnumber import make_id

    con = sqlite3.connect(path)
    free = con.execute(
        "SELECT min(m.id_number) FROM member m WHERE m.deleted = 0 AND m.active = 1 AND m.id_number IS NOT NULL"
        " AND m.household_id NOT IN (SELECT household_id FROM monitoring_case WHERE deleted = 0)"
        " GROUP BY m.household_id LIMIT 2000"
    ).fetchall()
    watched = con.execute(
        "SELECT m.id_number FROM member m JOIN monitoring_case c ON c.household_id = m.household_id"
        " WHERE m.deleted = 0 AND m.active = 1 AND m.id_number IS NOT NULL LIMIT 14000"
    ).fetchall()
    con.close()
    ids = [r[0] for r in free] + [r[0] for r in watched]
    ids += [make_id("110101", date(1990, 1, 1) + timedelta(days=i), i % 1000) for i in range(2000)]  # not on file
    ids += [f"53{i:016d}" for i in range(1000)]  # wrong check digits, mostly
    ids += ids[:1000]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("预警名单")
    ws.append(["序号", "姓名", "身份证号", "推送部门", "预警原因"])
    reasons = ("大病医疗支出较大", "新增重度残疾", "务工收入大幅下降", "房屋受洪涝灾害损毁")
    for n, number in enumerate(ids, start=1):
        ws.append([n, "某某", number, "县医保局", reasons[n % len(reasons)]])
    out = folder / "alerts.xlsx"
    wb.save(out)
    return out


def baseline_alerts(path: Path, xlsx: Path) -> int:
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(xlsx)).get_sheet_by_index(0).to_python()
    ids = [str(r[2]) for r in rows[1:]]
    con = sqlite3.connect(path)
    con.execute("CREATE TEMP TABLE ids (n TEXT)")
    con.executemany("INSERT INTO ids VALUES (?)", [(i,) for i in ids])
    found = con.execute("SELECT count(*) FROM member JOIN ids ON ids.n = member.id_number WHERE deleted = 0").fetchone()
    con.close()
    return int(found[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=100_000)
    args = parser.parse_args()
    path = OUT / f"bench_monitor_{args.households}.sqlite"
    if not path.exists():
        build(path, args.households)
    else:
        print(f"database: {path} (reused)")

    from desktop_app.services import open_database
    from desktop_app.services.monitoring import case_list, import_alerts, income_warnings, must_visit

    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        work = folder / "work.sqlite"
        shutil.copy(path, work)
        db = open_database(work, operator="bench", device_id="bench")
        con = sqlite3.connect(work)
        ok = True

        t_list, rows = best(lambda: case_list(db, today=TODAY))
        t_raw, raw = best(
            lambda: con.execute(
                "SELECT c.id, c.stage, c.found_on, c.deadline, c.included_on, h.number, h.head_name"
                " FROM monitoring_case c"
                " JOIN household h ON h.id = c.household_id WHERE c.deleted = 0"
                " AND c.stage NOT IN ('refused','withdrawn','removed') ORDER BY h.number"
            ).fetchall()
        )
        print(
            f"monitoring list (case_list), {len(rows)} cases: {_ms(t_list)}"
            f"  baseline plain SQL ({len(raw)} rows): {_ms(t_raw)}"
        )
        print(f"  ratio {t_list / t_raw:.1f}× (target < 300 ms)")
        ok &= t_list < 0.3

        def warnings() -> tuple[int, int]:
            return len(income_warnings(db, year=2025)), len(must_visit(db, today=TODAY))

        def warnings_raw() -> tuple[int, int]:
            band = con.execute(
                "SELECT r.household_id, r.per_capita_fen FROM income_record r JOIN household h ON h.id = r.household_id"
                " WHERE r.year = 2025 AND r.deleted = 0 AND r.per_capita_fen <= 960000"
                " AND r.household_id NOT IN (SELECT household_id FROM monitoring_case WHERE deleted = 0"
                " AND stage NOT IN ('refused','withdrawn','removed'))"
            ).fetchall()
            members = con.execute(
                "SELECT household_id, count(*) FROM member WHERE deleted = 0 AND active = 1"
                " AND (health IN ('2','3','4') OR disability_grade IS NOT NULL OR subsistence_allowance = 1)"
                " GROUP BY household_id"
            ).fetchall()
            return len(band), len(members)

        t_income, _ = best(lambda: income_warnings(db, year=2025), 3)
        t_visit, _ = best(lambda: must_visit(db, today=TODAY), 3)
        print(f"  income_warnings alone: {_ms(t_income)}   must_visit alone: {_ms(t_visit)}")
        t_warn, counts = best(warnings, 3)
        t_warn_raw, raw_counts = best(warnings_raw, 3)
        print(
            f"warning lists: {counts[0]} income warnings + {counts[1]} 八必访: {_ms(t_warn)}"
            f"  baseline plain SQL ({raw_counts[0]} + {raw_counts[1]} rows): {_ms(t_warn_raw)}"
        )
        print(f"  ratio {t_warn / t_warn_raw:.1f}× (target < 2 s)")
        ok &= t_warn < 2

        xlsx = alert_file(work, folder)
        started = time.perf_counter()
        found_raw = baseline_alerts(work, xlsx)
        t_alert_raw = time.perf_counter() - started
        started = time.perf_counter()
        report = import_alerts(db, xlsx, found=TODAY, today=TODAY)
        t_alert = time.perf_counter() - started
        print(
            f"department list of {report.rows} IDs: {len(report.opened)} new clues, {len(report.already_monitored)}"
            f" monitored, {len(report.unknown)} unknown, {len(report.invalid)} invalid, {len(report.duplicates)}"
            f" repeated: {t_alert:.2f} s  baseline read + one SQL look-up ({found_raw} matches): {t_alert_raw:.2f} s"
        )
        started = time.perf_counter()
        again = import_alerts(db, xlsx, found=TODAY, today=TODAY)  # every household now monitored: no clue
        t_again = time.perf_counter() - started
        print(f"  the same list again ({len(again.opened)} new clues: reading, checking, matching): {t_again:.2f} s")
        per_clue = (t_alert - t_again) / max(len(report.opened), 1)
        print(f"  ratio {t_alert / t_alert_raw:.1f}× (target < 10 s); about {per_clue * 1000:.1f} ms per new clue")
        ok &= t_alert < 10
        con.close()
        db.close()
    print("all targets met" if ok else "SOME TARGETS MISSED")


if __name__ == "__main__":
    main()
