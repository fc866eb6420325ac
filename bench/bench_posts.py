"""Public-welfare posts and migrant-work months at county size, beside SQL baselines.

Builds (once, bench/out/bench_posts_<N>.sqlite) N households of one member each in villages of 500, one post per
household with its contracted holder, and measures:
- ``posts_check`` over the whole county (every holder's rules; baseline: one SQL select of the holders joined to
  their post, member and household);
- ``posts_check`` of one village;
- ``work_grid`` of one village's month (baseline: the SQL select of the village's members);
- ``save_work_months`` of a whole village's month (500 entries in one unit of work, with the wage roll-up of
  every household).

Run: ``.venv/bin/python bench/bench_posts.py [--households 10000]``.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"
PER_VILLAGE = 500
TODAY = date(2026, 6, 1)


def best(fn: Any, runs: int = 5) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def build(path: Path, households: int) -> None:
    from desktop_app.services import open_database
    from desktop_app.services.unit_of_work import writing
    from desktop_app.storage.models import Area, Household, Member
    from desktop_app.storage.models_assist import Post, PostHolder

    db = open_database(path, operator="bench", device_id="bench")
    with writing(db, "bench.build") as work:
        s = work.session
        county = Area(code="532999000000", name="示范县", level="county")
        town = Area(code="532999001000", name="右所镇", level="township", parent_id=county.id)
        s.add_all([county, town])
        village = None
        for i in range(households):
            if i % PER_VILLAGE == 0:
                number = 1 + i // PER_VILLAGE
                village = Area(code=f"532999001{number:03d}", name=f"第{number}村", level="village")
                village.parent_id = town.id
                s.add(village)
            assert village is not None
            home = Household(village_id=village.id, number=f"{i:08d}", head_name=f"户主{i}", status="3", size=1)
            person = Member(
                household_id=home.id, name=f"户主{i}", relation="01", birth_date=date(1960 + i % 45, 1 + i % 12, 1)
            )
            person.labour = "1" if i % 7 else "4"
            person.is_public_official = i % 97 == 0
            post = Post(village_id=village.id, type="01", tier=str(1 + i % 3), funding="1", monthly_subsidy_fen=50_000)
            holder = PostHolder(post_id=post.id, household_id=home.id, member_id=person.id, stage="4")
            holder.contract_on = date(2025, 1, 1)
            s.add_all([home, person, post, holder])
            if i % 2000 == 1999:
                s.flush()
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=10_000)
    n = parser.parse_args().households
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"bench_posts_{n}.sqlite"
    if not path.exists():
        started = time.perf_counter()
        build(path, n)
        print(f"built {path.name} in {time.perf_counter() - started:.0f} s")
    from desktop_app.domain.work_months import WorkEntry
    from desktop_app.services import open_database
    from desktop_app.services.assistance import posts_check, save_work_months, work_grid

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder) / "work.sqlite"
        shutil.copy(path, work)
        db = open_database(work, operator="bench", device_id="bench")
        con = sqlite3.connect(work)
        village_id = con.execute("SELECT id FROM area WHERE level = 'village' ORDER BY code LIMIT 1").fetchone()[0]
        sql_all, rows = best(
            lambda: con.execute(
                "SELECT h.*, p.*, m.*, x.number FROM post_holder h JOIN post p ON p.id = h.post_id "
                "JOIN member m ON m.id = h.member_id JOIN household x ON x.id = h.household_id WHERE h.stage = '4'"
            ).fetchall()
        )
        t_all, found = best(lambda: posts_check(db, on=TODAY))
        print(f"posts_check, county ({len(rows)} holders, {len(found)} findings): {t_all * 1000:.0f} ms")
        print(f"  SQL baseline {sql_all * 1000:.0f} ms, ratio {t_all / sql_all:.1f}")
        t_one, found = best(lambda: posts_check(db, village_id, on=TODAY))
        print(f"posts_check, one village ({len(found)} findings): {t_one * 1000:.0f} ms")
        sql_grid, members = best(
            lambda: con.execute(
                "SELECT m.* FROM member m JOIN household h ON h.id = m.household_id WHERE h.village_id = ?",
                (village_id,),
            ).fetchall()
        )
        t_grid, grid = best(lambda: work_grid(db, village_id, 202605))
        print(f"work_grid, one village ({len(grid)} rows): {t_grid * 1000:.0f} ms")
        print(f"  SQL baseline ({len(members)} members) {sql_grid * 1000:.1f} ms, ratio {t_grid / sql_grid:.1f}")
        entries = [WorkEntry(r.member_id, True, channel="3", wage_fen=300_000 + i) for i, r in enumerate(grid)]
        started = time.perf_counter()
        written = save_work_months(db, 202605, entries)
        print(f"save_work_months, one village ({written} rows, wages rolled up): {time.perf_counter() - started:.2f} s")
        con.close()
        db.close()


if __name__ == "__main__":
    main()
