"""National-layout benchmark: a county monitoring sheet (177 columns) imported, beside a baseline of the same run.

    .venv/bin/python bench/bench_layouts.py [--persons 100000]

The sheet is built here with xlsxwriter (not by our exporter) and cached in bench/out: two title rows, the
headers on row 3, one row per person (four per household, 50 villages of five groups), the 73 columns of the
shipped ``monitoring`` layout (YYYYMM dates, comma-joined measures, 风险是否已消除 twice) plus 104 county
columns. Those are declared in a county layout file (``<data folder>/layouts/county-monitoring.json``, the
monitoring layout and the 104 columns, not imported), which is how a county adds its own sheet without code.

Measured, each in its own subprocess (peak RSS of the process and its children, sampled, as bench_exchange):
- ``fupin import`` (read, recognise, check every cell, merge in one transaction) into a database that holds the
  county's areas — or, when the areas part (``--create-areas``) is present, into an empty one with it;
- baseline: python-calamine reading the same sheet plus a raw sqlite3 ``executemany`` of the same rows.
Targets: import ≤ 3 × baseline, peak < 1 GB. Then, for information, the imported database is exported again
in the ``monitoring`` layout. The machine is shared: figures are upper bounds.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"
VILLAGES, GROUPS, PER_HOUSEHOLD, EXTRA = 50, 5, 4, 104

from bench.bench_exchange import TreeMemory, _peak_mb, _warm  # noqa: E402 - after the path is set


def _county_layout(data: Path) -> Path:
    """The county's own layout: the shipped monitoring columns and its 104 extra columns (not imported)."""
    shipped = json.loads((ROOT / "resources" / "layouts" / "monitoring.json").read_text("utf-8"))
    shipped["name"], shipped["title"] = "county-monitoring", "本县防止返贫监测对象信息表（177 列）"
    shipped["columns"] += [{"header": f"县级指标{i:03d}", "source": "", "format": "text"} for i in range(1, EXTRA + 1)]
    folder = data / "layouts"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "county-monitoring.json"
    path.write_text(json.dumps(shipped, ensure_ascii=False, indent=1), "utf-8")
    return path


def _headers() -> list[str]:
    shipped = json.loads((ROOT / "resources" / "layouts" / "monitoring.json").read_text("utf-8"))
    return [c["header"] for c in shipped["columns"]] + [f"县级指标{i:03d}" for i in range(1, EXTRA + 1)]


def build_sheet(path: Path, persons: int) -> None:
    """The county's sheet, written cell by cell with xlsxwriter (constant memory)."""
    import xlsxwriter  # type: ignore[import-untyped]

    from desktop_app.domain.idnumber import make_id

    rnd = random.Random(17)
    extras = [[f"值{rnd.randrange(100)}" for _ in range(EXTRA)] for _ in range(97)]  # the county columns' values
    headers = _headers()
    at = {h: i for i, h in reversed(list(enumerate(headers)))}  # first position of each header
    removed_at = [i for i, h in enumerate(headers) if h == "风险是否已消除"]
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    ws = book.add_worksheet("监测对象")
    text = book.add_format({"num_format": "@"})
    ws.write_string(0, 0, "示范县防止返贫监测对象信息表")
    ws.write_string(1, 0, "导出日期：20261130")
    for c, h in enumerate(headers):
        ws.write_string(2, c, h)
    relations = ["户主", "配偶", "之子", "之女"]
    cats = ["脱贫不稳定户", "边缘易致贫户", "突发严重困难户"]
    risks = ["因病", "因残", "因学", "因意外事故", "因务工就业不稳"]
    households = (persons + PER_HOUSEHOLD - 1) // PER_HOUSEHOLD
    r = 3
    for hh in range(households):
        v, g = hh % VILLAGES + 1, (hh // VILLAGES) % GROUPS + 1
        number = f"532999001{v:03d}{hh // VILLAGES + 1:04d}"
        size = min(PER_HOUSEHOLD, persons - hh * PER_HOUSEHOLD)
        cat = cats[hh % 3]
        removed = "是" if hh % 4 == 0 else "否"
        for p in range(size):
            person = hh * PER_HOUSEHOLD + p  # a unique ID per person: birth day and sequence from its number
            born = date(1950, 1, 1) + timedelta(days=person % 20_000)
            idn = make_id("532999", born, person // 20_000)
            row: dict[int, Any] = {
                at["序号"]: r - 2, at["县(市、区、旗)"]: "示范县", at["乡(镇)"]: "茈碧湖镇", at["行政村"]: f"村{v:03d}",
                at["自然村"]: f"第{g}村民小组", at["户编号"]: number, at["人编号"]: f"{number}{p + 1:02d}",
                at["姓名"]: f"人{hh}-{p}", at["证件号码"]: idn, at["性别"]: "男" if p % 2 == 0 else "女",
                at["出生日期"]: born.strftime("%Y%m%d"), at["与户主关系"]: relations[p], at["民族"]: "汉族",
                at["人数"]: size, at["文化程度"]: "初中", at["在校生状况"]: "非在校生", at["健康状况"]: "健康",
                at["劳动技能"]: "普通劳动力", at["务工状况"]: "县内务工", at["务工时间（月）"]: 6,
                at["监测对象类别"]: cat, at["户类型"]: "一般农户", at["享受低保政策情况"]: "否",
                at["识别监测时间"]: f"202{1 + hh % 5}0{1 + hh % 9}", at["实施开发式帮扶措施情况"]: "已实施",
                at["就业帮扶"]: "其他,技能培训", at["产业帮扶"]: "种植业,养殖业", at["致贫/返贫风险1"]: risks[hh % 5],
                at["户联系电话"]: f"139{hh:08d}", at["人均纯收入（元）"]: "9200.50", at["工资性收入"]: "12000",
                at["是否解决安全饮用水"]: "是",
            }  # fmt: skip
            for c in removed_at:
                row[c] = removed
            for c, value in zip(range(len(headers) - EXTRA, len(headers)), extras[r % len(extras)], strict=True):
                row[c] = value
            for c in sorted(row):
                value = row[c]
                if isinstance(value, int):
                    ws.write_number(r, c, value)
                else:
                    ws.write_string(r, c, value, text)
            r += 1
    book.close()


def _areas_database(path: Path) -> None:
    from desktop_app.services import open_database
    from desktop_app.storage.models import Area

    db = open_database(path, device_id="county-server")
    with db.transaction() as session:
        county = Area(code="532999", name="示范县", level="county")
        town = Area(code="532999001", name="茈碧湖镇", level="township", parent_id=county.id)
        session.add_all([county, town])
        for v in range(1, VILLAGES + 1):
            village = Area(code=f"532999001{v:03d}", name=f"村{v:03d}", level="village", parent_id=town.id)
            session.add(village)
            for g in range(1, GROUPS + 1):
                session.add(
                    Area(code=f"{village.code}{g:03d}", name=f"第{g}村民小组", level="group", parent_id=village.id)
                )
    db.close()


def _create_areas_available() -> bool:
    out = subprocess.run(
        [sys.executable, "-m", "desktop_app", "import", "--help"], capture_output=True, text=True, check=False
    )
    return "--create-areas" in out.stdout


def run_child(kind: str, args: list[str]) -> None:
    started = time.perf_counter()
    tree = TreeMemory() if sys.platform == "linux" else None
    result: dict[str, Any] = {}
    if kind == "import":
        from desktop_app.cli import main

        db_path, sheet, create = args
        argv = ["--db", db_path, "import", "--json", sheet] + (["--create-areas"] if create == "1" else [])
        import contextlib
        import io

        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            code = main(argv)
        out = json.loads(buffer.getvalue())
        if code != 0:
            raise SystemExit(f"rejected: {out.get('errors', [])[:5]}")
        result = {"households": out["households"]["added"], "members": out["members"]["added"],
                  "layout": out.get("layout"), "not_imported": len(out.get("not_imported", []))}  # fmt: skip
    elif kind == "export":
        from desktop_app.cli import main

        code = main(["--db", args[0], "export", "--layout", "monitoring", "--out", args[1]])
        if code != 0:
            raise SystemExit("export failed")
        result = {"bytes": Path(args[1]).stat().st_size}
    elif kind == "baseline":
        import sqlite3

        import python_calamine as pc

        book = pc.CalamineWorkbook.from_path(args[0])
        rows = book.get_sheet_by_name(book.sheet_names[0]).to_python()
        width = len(rows[2])
        conn = sqlite3.connect(args[1])
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute(f"CREATE TABLE person ({', '.join(f'c{i}' for i in range(width))})")
        marks = ", ".join("?" for _ in range(width))
        conn.execute("BEGIN")
        conn.executemany(f"INSERT INTO person VALUES ({marks})", (tuple(row[:width]) for row in rows[3:]))
        conn.commit()
        conn.close()
        result = {"rows": len(rows) - 3}
    result["seconds"] = time.perf_counter() - started
    result["peak_mb"] = _peak_mb()
    if tree is not None:
        result["peak_mb"] = max(result["peak_mb"], tree.stop())
    print(json.dumps(result))


def child(kind: str, *args: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, *args], env=env, capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{out.stdout[-2000:]}\n{out.stderr[-4000:]}")
    data: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return data


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child[0], args.child[1:])
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    data = OUT / "layouts-data"
    os.environ["FUPIN_DATA_DIR"] = str(data)
    _county_layout(data)
    sheet = OUT / f"county-monitoring-{args.persons}.xlsx"
    if not sheet.exists():
        print(f"building the county sheet: {args.persons:,} persons × {len(_headers())} columns …", flush=True)
        started = time.perf_counter()
        build_sheet(sheet, args.persons)
        print(f"  built in {time.perf_counter() - started:.0f} s ({sheet.stat().st_size / 2**20:.0f} MB), cached")
    target = OUT / "layouts-import.sqlite"
    base_db = OUT / "layouts-baseline.sqlite"
    for path in (target, base_db):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    create = _create_areas_available()
    if not create:
        _areas_database(target)
    print(f"National layout import, {args.persons:,} persons, {len(_headers())} columns "
          f"({'empty database, --create-areas' if create else 'database holding the areas'}); shared machine: "
          "figures are upper bounds")  # fmt: skip
    _warm(sheet)
    ours = child("import", str(target), str(sheet), "1" if create else "0")
    _warm(sheet)
    base = child("baseline", str(sheet), str(base_db))
    ratio = ours["seconds"] / base["seconds"]
    rows = base["rows"]
    print(f"  layout recognised: {ours['layout']} ({ours['not_imported']} columns not imported); "
          f"{ours['households']:,} households, {ours['members']:,} members added")  # fmt: skip
    for label, r in (("fupin import (recognise, check, merge)", ours), ("baseline: calamine + executemany", base)):
        print(f"  {label:<40} {r['seconds']:8.1f} s  {rows / r['seconds']:9,.0f} rows/s  peak {r['peak_mb']:6.0f} MB")
    ok = ratio <= 3 and ours["peak_mb"] < 1024
    print(f"  ratio {ratio:.2f}× (target ≤ 3×); peak {ours['peak_mb']:.0f} MB (target < 1024 MB)")
    exported = child("export", str(target), str(OUT / "layouts-export.xlsx"))
    print(
        f"  for information: fupin export --layout monitoring of the imported database "
        f"{exported['seconds']:.1f} s, peak {exported['peak_mb']:.0f} MB ({exported['bytes'] / 2**20:.0f} MB file)"
    )
    print("all targets met" if ok else "SOME TARGETS MISSED (see above)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
