"""A roster into a database that lacks its areas (issue 17): what planning and creating the areas costs.

A county roster of N households (default 10,000, ≈20,000 persons) over 100 villages of 10 groups each, the
groups written five ways (一组 / 1组 / 第一组 / 第1村民小组 / 一社), is imported twice in the same run:

- **with --create-areas into an empty database** (the areas are planned, listed and created in the import's
  transaction: 1 county, 1 township, 100 villages, 1,000 groups);
- **baseline: the same roster into a database that already holds those areas** (imported before from the
  county's code list, not timed), so the difference is what finding and creating the areas adds.

Also ``plan_areas`` alone over the roster's distinct places (reading only). The machine is shared with other
work: figures are upper bounds.

Run: ``.venv/bin/python bench/bench_areas.py [--households N]``
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VILLAGES, GROUPS = 100, 10
WRITINGS = ("{n}组", "{zh}组", "第{zh}组", "第{n}村民小组", "{zh}社")
ZH = dict(enumerate("一二三四五六七八九十", start=1))


def _roster(path: Path, households: int) -> int:
    import openpyxl

    from desktop_app.domain.idnumber import make_id

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("人员明细")
    sheet.append(["乡镇", "行政村", "村民小组", "户主姓名", "姓名", "证件号码", "性别", "与户主关系"])
    persons = 0
    for h in range(households):
        village = f"第{h % VILLAGES + 1:03d}村"
        n = (h // VILLAGES) % GROUPS + 1
        group = WRITINGS[h % 5].format(n=n, zh=ZH[n])
        for k in range(2):
            born = date(1940, 1, 1) + timedelta(days=h % 20_000)
            id_number = make_id("532501", born, (h // 20_000) * 2 + k)
            relation = "户主" if k == 0 else "配偶"
            sheet.append(["城关镇", village, group, f"户主{h}", f"人{h}-{k}", id_number, "男女"[k], relation])
            persons += 1
    book.save(path)
    return persons


def _codes(path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("区划")
    sheet.append(["代码", "名称", "级别", "上级代码"])
    sheet.append(["532501000000", "样例县", "县", ""])
    sheet.append(["532501100000", "城关镇", "乡镇", "532501000000"])
    for v in range(1, VILLAGES + 1):
        code = f"532501100{v:03d}"
        sheet.append([code, f"第{v:03d}村", "行政村", "532501100000"])
        for g in range(1, GROUPS + 1):
            sheet.append([f"{code}{g:03d}", f"第{g}村民小组", "村民小组", code])
    book.save(path)


def _timed(fn: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=10_000)
    args = parser.parse_args()
    from desktop_app.services import open_database
    from desktop_app.services.areas import AreaNeed, import_area_list, plan_areas
    from desktop_app.services.exchange import import_files

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        roster, codes = work / "roster.xlsx", work / "codes.xlsx"
        persons = _roster(roster, args.households)
        _codes(codes)
        print(f"Areas benchmark: {args.households:,} households, {persons:,} persons, "
              f"{VILLAGES} villages × {GROUPS} groups (groups written five ways)")  # fmt: skip

        empty = open_database(work / "empty.sqlite", operator="bench", device_id="bench")
        seconds, run = _timed(lambda: import_files(empty, [roster], create_areas=True))
        outcome = run.outcomes[0]
        assert run.applied, [p.line() for p in run.problems][:5]
        print(f"  import --create-areas into an empty database: {seconds:.2f} s "
              f"(areas created: {outcome.areas_created})")  # fmt: skip

        needs = [AreaNeed(f"第{v:03d}村", f"第{g}组", "城关镇") for v in range(1, VILLAGES + 1) for g in range(1, 11)]
        with empty.session() as session:
            plan_seconds, plan = _timed(lambda: plan_areas(session, needs))
        assert plan.empty and len(plan.places) == len(needs)
        print(f"  plan_areas over {len(needs):,} places (all found): {plan_seconds * 1000:.0f} ms")
        empty.close()

        ready = open_database(work / "ready.sqlite", operator="bench", device_id="bench")
        assert import_area_list(ready, codes).applied
        fresh = open_database(work / "fresh.sqlite", operator="bench", device_id="bench")
        with fresh.session() as empty_session:
            plan_seconds, plan = _timed(lambda: plan_areas(empty_session, needs))
        fresh.close()
        print(f"  plan_areas over {len(needs):,} places (all missing): {plan_seconds * 1000:.0f} ms "
              f"({len(plan.to_create):,} areas planned)")  # fmt: skip
        base_seconds, base_run = _timed(lambda: import_files(ready, [roster]))
        assert base_run.applied
        print(f"  baseline: the same roster into a database holding the areas: {base_seconds:.2f} s")
        print(f"  ratio {seconds / base_seconds:.2f}× (the areas' share: {seconds - base_seconds:+.2f} s)")
        ready.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
