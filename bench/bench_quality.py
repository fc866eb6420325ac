"""The county's data-quality rules over 100,000 households (issue 17; target < 10 s for all default rules).

The database is bench_assist's county (``bench_assist.build``: the demo county of ``services.demo`` with every
assistance ledger: ≈356,000 members, monitored households with cases and help measures, posts, work months);
it is built once into bench/out and reused. Measured on a copy, in the same run:

- **baseline**: plain ``sqlite3`` reading the same columns and rows the check reads (households with their
  village, active members, included cases, their help measures and income records, contracted posts, months
  worked), rows fetched into Python and nothing else done;
- **facts**: the check's own reading alone (``services.quality.facts``: narrow Core queries, the facts built);
- **check**: ``services.quality.check_database`` — the same reads plus every default rule on every household
  and the findings' text (masked IDs, labels).

The machine is shared (2 cores, other jobs running): the figures are upper bounds.

Run: ``.venv/bin/python bench/bench_quality.py [--households N] [--profile]``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_assist  # noqa: E402  (its build(): the same county the other benches use)

TODAY = bench_assist.TODAY
TARGET_S = 10.0
RUNS = 3

CASES = (
    "SELECT household_id FROM monitoring_case WHERE deleted = 0 AND included_on IS NOT NULL"
    " AND stage NOT IN ('refused', 'withdrawn')"
)
BASELINE_QUERIES = (  # the rows the check reads, as it reads them (services/quality/facts.py)
    "SELECT h.id, h.number, h.head_name, a.code, a.name FROM household h JOIN area a ON a.id = h.village_id"
    " WHERE h.deleted = 0 ORDER BY a.code, h.number",
    "SELECT household_id, id, name, id_number, birth_date, labour, school_status, subsistence_allowance,"
    " work_status, sort_order FROM member WHERE deleted = 0 AND active = 1",
    "SELECT ph.member_id, p.tier FROM post_holder ph JOIN post p ON p.id = ph.post_id WHERE ph.deleted = 0"
    " AND p.deleted = 0 AND ph.stage = '4' AND ph.left_on IS NULL",
    "SELECT DISTINCT member_id, place FROM work_month WHERE deleted = 0 AND worked = 1",
    "SELECT household_id, id, stage, included_on, removed_on, risks, disaster_sub, risk_note, removal_method,"
    " removal_facts FROM monitoring_case WHERE deleted = 0 AND included_on IS NOT NULL"
    " AND stage NOT IN ('refused', 'withdrawn') ORDER BY household_id, round, included_on",
    'SELECT household_id, case_id, year, category, "values", status FROM help_measure WHERE deleted = 0'
    f" AND household_id IN ({CASES})",
    "SELECT household_id, out_of_pocket_fen FROM income_record WHERE deleted = 0"
    f" AND household_id IN ({CASES}) ORDER BY household_id, year",
)


def median(fn: Callable[[], Any], runs: int = RUNS) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def baseline(con: sqlite3.Connection) -> int:
    return sum(len(con.execute(q).fetchall()) for q in BASELINE_QUERIES)


def read_only(db: Any) -> int:
    """The check's reading alone: the households and their facts, no rule run."""
    from desktop_app.services.quality.facts import households, read_facts
    from desktop_app.services.unit_of_work import reading

    with reading(db) as session:
        return len(read_facts(session, households(session, None), everyone=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--profile", action="store_true", help="print where the check's time goes")
    parser.add_argument("--build-only", action="store_true", help="build the county database and stop")
    args = parser.parse_args()
    path = bench_assist.OUT / f"bench_assist_{args.households}.sqlite"
    if not path.exists():
        bench_assist.build(path, args.households)
    else:
        print(f"database: {path} (reused)")
    if args.build_only:
        return

    from desktop_app.services import open_database
    from desktop_app.services.quality import check_database

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder) / "work.sqlite"
        shutil.copy(path, work)
        db = open_database(work, operator="bench", device_id="bench")  # upgrades the copy (exemption table)
        con = sqlite3.connect(work)
        sizes = {
            t: con.execute(f"SELECT count(*) FROM {t} WHERE deleted = 0").fetchone()[0]
            for t in ("household", "member", "monitoring_case", "help_measure", "post_holder", "work_month")
        }
        print("county: " + ", ".join(f"{n:,} {t}" for t, n in sizes.items()))
        base_s, rows = median(lambda: baseline(con))
        facts_s, _facts = median(lambda: read_only(db))
        check_s, findings = median(lambda: check_database(db, today=TODAY))
        if args.profile:
            prof = cProfile.Profile()
            prof.runcall(lambda: check_database(db, today=TODAY))
            text = io.StringIO()
            pstats.Stats(prof, stream=text).sort_stats("cumulative").print_stats(15)
            print(text.getvalue()[:5000])
        con.close()
        db.close()
    per_rule = Counter(f.rule_id for f in findings)
    print(f"baseline (sqlite3, the same columns, {rows:,} rows fetched): {base_s:.2f} s")
    print(
        f"check (all 18 default rules, {len(per_rule)} of them finding something; {len(findings):,} findings):"
        f" {check_s:.2f} s"
        f" = {check_s / base_s:.1f} × baseline; target < {TARGET_S:.0f} s"
    )
    print(f"  of which reading the facts (services.quality.facts): {facts_s:.2f} s")
    print("findings per rule: " + ", ".join(f"{r} {n:,}" for r, n in sorted(per_rule.items())))
    print("target met" if check_s < TARGET_S else "TARGET MISSED")


if __name__ == "__main__":
    main()
