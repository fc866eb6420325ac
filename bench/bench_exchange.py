"""Exchange benchmark: export and import of a county (100,000 households) beside baselines from the same run.

    .venv/bin/python bench/bench_exchange.py [--households 100000] [--villages-pg 100] [--keep DIR]
                                            [--export-only | --import-only] [--load N]

Each measurement runs in its own subprocess so that its peak memory (ru_maxrss) is its own; the import's
peak also counts its second process (the sheet worker, see sheet_process), sampled as the sum of both
resident sizes. Baselines: export — xlsxwriter (constant-memory) writing the very cells of our workbook,
values already in memory; import — python-calamine reading the same file plus a raw sqlite3 ``executemany``
of its four data sheets. Targets on this machine: export ≤ 0.7× baseline (two processes, issue 19) and peak
< 300 MB, import ≤ 1.5× baseline (issue 19), peak < 1 GB. ``--export-only`` stops after the export; ``--load N`` runs N
busy processes beside every measurement (the loaded figures: N = the number of cores). Finally 100 village
workbooks are imported into a fresh PostgreSQL database (tests/pg.py starts the server).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class TreeMemory:
    """The peak of this process's resident size plus its child processes' (Linux /proc), sampled every 50 ms:
    the import's sheet worker runs beside it, so the sum at each moment is what the machine must hold."""

    def __init__(self) -> None:
        import threading

        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    @staticmethod
    def _rss_mb(pid: str) -> float:
        try:
            with open(f"/proc/{pid}/statm") as handle:
                return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
        except (OSError, IndexError, ValueError):
            return 0.0

    def _sample(self) -> None:
        me = str(os.getpid())
        while not self._stop.wait(0.05):
            children: list[str] = []
            for task in os.listdir(f"/proc/{me}/task") if os.path.isdir(f"/proc/{me}/task") else []:
                try:
                    with open(f"/proc/{me}/task/{task}/children") as handle:
                        children += handle.read().split()
                except OSError:
                    pass
            total = self._rss_mb(me) + sum(self._rss_mb(pid) for pid in children)
            self.peak_mb = max(self.peak_mb, total)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_mb


def child(kind: str, *args: str) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter; it prints one JSON line."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, *args], env=env, capture_output=True, text=True, check=False
    )
    if out.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_child(kind: str, args: list[str]) -> None:
    started = time.perf_counter()
    result: dict[str, Any] = {}
    tree = TreeMemory() if kind in ("import", "export") and sys.platform == "linux" else None
    if kind == "demo":
        from desktop_app.services import open_database
        from desktop_app.services.demo.households import generate_demo

        db = open_database(args[0], device_id="bench-laptop")
        with db.transaction() as session:
            r = generate_demo(session, households=int(args[1]), seed=1, device_id="bench-laptop")
        result = {"households": r.households, "members": r.members}
    elif kind == "export":
        from desktop_app.services import open_database
        from desktop_app.services.exchange.export import export_workbook

        db = open_database(args[0])
        with db.session() as session:
            r = export_workbook(session, args[1], device_id="bench-laptop")
        result = {"rows": sum(r.counts[k] for k in ("households", "members", "measures", "events")), **r.counts}
    elif kind == "export_baseline":
        result = _xlsxwriter_baseline(Path(args[0]), Path(args[1]))
    elif kind == "import":
        from desktop_app.services import open_database
        from desktop_app.services.exchange.importer import apply_plan, read_file

        db = open_database(args[0], device_id="county-server")
        phases = {"start": time.perf_counter() - started, "read": 0.0, "merge": 0.0}
        with db.transaction() as session:
            outcomes = []
            for path in args[1:-1] if len(args) > 2 else args[1:]:
                at = time.perf_counter()
                plan = read_file(session, path)
                phases["read"] += time.perf_counter() - at
                at = time.perf_counter()
                outcome = apply_plan(session, plan)
                phases["merge"] += time.perf_counter() - at
                if not outcome.applied:
                    raise SystemExit(f"rejected: {[p.line() for p in plan.report.problems[:5]]}")
                outcomes.append(outcome)
            at = time.perf_counter()
        phases["commit"] = time.perf_counter() - at
        result = {
            "phases": phases,
            "households": sum(o.households["added"] + o.households["updated"] for o in outcomes),
            "members": sum(o.members["added"] + o.members["updated"] for o in outcomes),
        }
        result["rows"] = result["households"] + result["members"]
    elif kind == "import_baseline":
        result = _calamine_executemany_baseline(Path(args[0]), Path(args[1]))
    result["seconds"] = time.perf_counter() - started - result.pop("excluded", 0.0)
    result["peak_mb"] = _peak_mb()
    if tree is not None:
        result["worker_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        result["peak_mb"] = max(result["peak_mb"], tree.stop())
    print(json.dumps(result))


def _xlsxwriter_baseline(source: Path, out: Path) -> dict[str, Any]:
    """Write the cells of ``source`` again with xlsxwriter; reading them first is not timed."""
    import python_calamine as pc
    import xlsxwriter

    started = time.perf_counter()
    book = pc.CalamineWorkbook.from_path(str(source))
    sheets = [(name, book.get_sheet_by_name(name).to_python()) for name in book.sheet_names]
    excluded = time.perf_counter() - started
    writer = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    text = writer.add_format({"num_format": "@"})
    number = writer.add_format({"num_format": "0.00"})
    day = writer.add_format({"num_format": "yyyy-mm-dd"})
    import datetime as dt

    cells = 0
    for name, rows in sheets:
        ws = writer.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value == "" or value is None:
                    continue
                cells += 1
                if isinstance(value, str):
                    ws.write_string(r, c, value, text)
                elif isinstance(value, dt.date):
                    ws.write_datetime(r, c, value, day)
                else:
                    ws.write_number(r, c, value, number)
    writer.close()
    return {"cells": cells, "excluded": excluded}


BASELINE_TABLES = {"户": "h", "成员": "m", "帮扶措施": "a", "识别程序记录": "e"}


def _calamine_executemany_baseline(source: Path, db_path: Path) -> dict[str, Any]:
    """Read every sheet with calamine and insert the rows of the four data sheets the import writes
    (households, members, assistance measures, procedure events) with raw executemany."""
    import sqlite3

    import python_calamine as pc

    book = pc.CalamineWorkbook.from_path(str(source))
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    rows_total = 0
    read = 0.0
    for name in book.sheet_names:
        at = time.perf_counter()
        rows = book.get_sheet_by_name(name).to_python()
        read += time.perf_counter() - at
        if name not in BASELINE_TABLES or not rows:
            continue
        width = len(rows[0])
        table = BASELINE_TABLES[name]
        conn.execute(f"CREATE TABLE {table} ({', '.join(f'c{i}' for i in range(width))})")
        marks = ", ".join("?" for _ in range(width))
        data = [tuple(str(v) if hasattr(v, "isoformat") else v for v in row[:width]) for row in rows[1:]]
        conn.execute("BEGIN")
        conn.executemany(f"INSERT INTO {table} VALUES ({marks})", data)
        conn.commit()
        rows_total += len(data)
    conn.close()
    return {"rows": rows_total, "phases": {"calamine read": read}}


def _warm(path: Path) -> None:
    """Read a file once, untimed, so that a measurement does not depend on what ran before it."""
    with path.open("rb") as handle:
        while handle.read(1 << 24):
            pass


def _line(label: str, r: dict[str, Any], rows: int) -> str:
    return f"  {label:<44} {r['seconds']:8.1f} s  {rows / r['seconds']:10,.0f} rows/s  peak {r['peak_mb']:7.0f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--villages-pg", type=int, default=100)
    parser.add_argument("--import-only", action="store_true", help="import the workbook of an earlier run (--keep)")
    parser.add_argument("--export-only", action="store_true", help="measure the export and its baseline only")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep the files (reuses its demo database)")
    parser.add_argument(
        "--load", type=int, default=0, metavar="N",
        help="N busy processes run beside every measurement (a shared office PC; N = cores for the loaded figures)",
    )  # fmt: skip
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child[0], args.child[1:])
        return 0
    with BusyLoad(args.load):
        return _run(args)


class BusyLoad:
    """``count`` processes spinning on the CPU for the whole run (started before, stopped after): the same
    synthetic load beside the import or export and beside its baseline, so the ratio shows how each shares."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.processes: list[subprocess.Popen[bytes]] = []

    def __enter__(self) -> BusyLoad:
        for _ in range(self.count):
            self.processes.append(subprocess.Popen([sys.executable, "-c", "while True: pass"]))
        if self.count:
            print(f"synthetic load: {self.count} busy processes beside every measurement", flush=True)
        return self

    def __exit__(self, *_exc: object) -> None:
        for process in self.processes:
            process.kill()
            process.wait()


def _run(args: argparse.Namespace) -> int:
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="fupin-bench-exchange-"))
    work.mkdir(parents=True, exist_ok=True)
    data = work / "data"
    data.mkdir(exist_ok=True)
    os.environ["FUPIN_DATA_DIR"] = str(data)
    try:
        source = work / f"county-{args.households}.sqlite"
        if not source.exists():
            print(f"demo data: {args.households:,} households …", flush=True)
            child("demo", str(source), str(args.households))
        ok = True
        print(
            f"Exchange benchmark, {args.households:,} households (work folder {work})"
            + (f", loaded: {args.load} busy processes" if args.load else ", quiet")
        )
        if args.import_only and (work / "county.xlsx").exists():
            print("export skipped (--import-only): the workbook of an earlier run is imported")
        else:
            exported = child("export", str(source), str(work / "county.xlsx"))
            base_export = child("export_baseline", str(work / "county.xlsx"), str(work / "baseline.xlsx"))
            rows = exported["rows"]
            ratio = exported["seconds"] / base_export["seconds"]
            print(f"export: {exported['households']:,} households, {exported['members']:,} members, {rows:,} "
                  f"rows, {base_export['cells']:,} cells")  # fmt: skip
            print(_line("fupin export", exported, rows))
            print(_line("baseline: xlsxwriter, same cells", base_export, rows))
            print(f"  ratio {ratio:.2f}× (target ≤ 0.7×, issue 19); peak memory target < 300 MB (both processes)")
            ok &= ratio <= 0.7 and exported["peak_mb"] < 300
        if args.export_only:
            print("all targets met" if ok else "SOME TARGETS MISSED (see above)")
            return 0
        target = work / "import.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        _warm(work / "county.xlsx")  # both the import and its baseline start with the file in the OS cache
        imported = child("import", str(target), str(work / "county.xlsx"))
        base_db = work / "baseline.sqlite"
        base_db.unlink(missing_ok=True)
        _warm(work / "county.xlsx")
        base_import = child("import_baseline", str(work / "county.xlsx"), str(base_db))
        ratio = imported["seconds"] / base_import["seconds"]
        rows = base_import["rows"]  # the same data rows in both: households, members, measures, events
        print(f"import: {imported['households']:,} households, {imported['members']:,} members, {rows:,} data rows "
              "into an empty database")  # fmt: skip
        print(_line("fupin import (validate + merge, one transaction)", imported, rows))
        print("  (" + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in imported["phases"].items()) + ")")
        if imported.get("worker_peak_mb"):
            print(f"  (peak: both processes together; the sheet worker alone {imported['worker_peak_mb']:.0f} MB)")
        print(_line("baseline: calamine read + sqlite3 executemany", base_import, rows))
        read = base_import["phases"]["calamine read"]
        print(f"  (calamine read {read:.1f} s, rows converted and inserted {base_import['seconds'] - read:.1f} s)")
        print(f"  ratio {ratio:.2f}× (target ≤ 1.5×, issue 19); peak memory target < 1024 MB")
        ok &= ratio <= 1.5 and imported["peak_mb"] < 1024
        ok &= _postgres(work, source, args.villages_pg)
        print("all targets met" if ok else "SOME TARGETS MISSED (see above)")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def _postgres(work: Path, source: Path, villages: int) -> bool:
    from sqlalchemy import select

    from desktop_app.services import open_database
    from desktop_app.services.exchange.export import export_workbook
    from desktop_app.storage.models import Area
    from tests.pg import PostgresServer, PostgresUnavailable

    if villages <= 0:
        print("PostgreSQL part skipped (--villages-pg 0)")
        return True
    db = open_database(source)
    folder = work / "villages"
    folder.mkdir(exist_ok=True)
    files = []
    with db.session() as session:
        ids = session.execute(select(Area.id).where(Area.level == "village").order_by(Area.code).limit(villages))
        for n, village_id in enumerate(ids.scalars()):
            path = folder / f"village-{n:03d}.xlsx"
            if not path.exists():
                export_workbook(session, path, area_id=village_id, device_id="bench-laptop")
            files.append(path)
    db.close()
    try:
        server = PostgresServer(Path("/tmp") / f"fupin-bench-pg-{os.getpid()}")
        server.start()
    except (PostgresUnavailable, OSError) as exc:
        print(f"PostgreSQL part skipped: {exc}")
        return True
    try:
        url = server.create_database()
        result = child("import", url, *map(str, files), "end")
        print(f"PostgreSQL: {len(files)} village workbooks, {result['households']:,} households, "
              f"{result['members']:,} members in one transaction")  # fmt: skip
        print(_line("fupin import into PostgreSQL", result, result["rows"]))
        return bool(result["peak_mb"] < 1024)
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
