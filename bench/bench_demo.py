"""Benchmark: `fupin demo` at 10,000 and 100,000 households beside a raw sqlite3.executemany of the same rows.

Run: .venv/bin/python bench/bench_demo.py [--sizes 10000 100000] [--postgres]
Each measurement runs in a fresh subprocess so that peak memory (ru_maxrss) belongs to that run alone.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def _child_demo(db: str, households: int) -> dict[str, float]:
    from desktop_app.services import open_database
    from desktop_app.services.demo.households import generate_demo

    database = open_database(db, device_id="bench")
    started = time.perf_counter()
    with database.transaction() as session:
        result = generate_demo(session, households=households, seed=1)
    elapsed = time.perf_counter() - started
    database.close()
    rows = result.households + result.members + result.measures
    return {
        "seconds": elapsed,
        "rows": rows,
        "members": result.members,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _child_raw(source: str, households: int) -> dict[str, float]:
    """Copy the same household and member rows with plain sqlite3.executemany into an empty table."""
    src = sqlite3.connect(source)
    tables = ("household", "member", "measure")
    data = {t: src.execute(f"SELECT * FROM {t}").fetchall() for t in tables}
    ddl = {t: src.execute("SELECT sql FROM sqlite_master WHERE name = ?", (t,)).fetchone()[0] for t in tables}
    src.close()
    target = source + ".raw"
    con = sqlite3.connect(target, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    for t in tables:
        con.execute(ddl[t])
    started = time.perf_counter()
    con.execute("BEGIN IMMEDIATE")
    for t in tables:
        rows = data[t]
        marks = ",".join("?" * len(rows[0]))
        con.executemany(f"INSERT INTO {t} VALUES ({marks})", rows)
    con.execute("COMMIT")
    elapsed = time.perf_counter() - started
    con.close()
    return {
        "seconds": elapsed,
        "rows": sum(len(v) for v in data.values()),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _spawn(kind: str, *args: str) -> dict[str, float]:
    data_dir = tempfile.mkdtemp(prefix="fupin-bench-data-")
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "FUPIN_DATA_DIR": data_dir},
    )
    shutil.rmtree(data_dir, ignore_errors=True)
    if out.returncode != 0:
        raise SystemExit(f"{kind} run failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--postgres", action="store_true", help="also run fupin demo on a throwaway PostgreSQL")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, db, n = args.child
        result = _child_demo(db, int(n)) if kind == "demo" else _child_raw(db, int(n))
        print(json.dumps(result))
        return
    work = Path(tempfile.mkdtemp(prefix="fupin-bench-"))
    print(f"{'size':>8} {'run':<22} {'seconds':>8} {'rows/s':>10} {'peak MB':>8} {'× raw':>6}")
    try:
        for n in args.sizes:
            db = str(work / f"demo-{n}.sqlite")
            demo = _spawn("demo", db, str(n))
            raw = _spawn("raw", db, str(n))
            for label, r in (("fupin demo (SQLite)", demo), ("raw executemany", raw)):
                ratio = r["seconds"] / raw["seconds"]
                print(
                    f"{n:>8} {label:<22} {r['seconds']:>8.2f} {r['rows'] / r['seconds']:>10,.0f} "
                    f"{r['peak_mb']:>8.0f} {ratio:>6.1f}"
                )
            if args.postgres:
                sys.path.insert(0, str(ROOT))
                from tests.pg import PostgresServer

                server = PostgresServer(Path("/tmp") / f"fupin-bench-pg-{os.getpid()}")
                server.start()
                try:
                    pg = _spawn("demo", server.create_database(), str(n))
                finally:
                    server.stop()
                    shutil.rmtree(server.base, ignore_errors=True)
                print(
                    f"{n:>8} {'fupin demo (PostgreSQL)':<22} {pg['seconds']:>8.2f} "
                    f"{pg['rows'] / pg['seconds']:>10,.0f} {pg['peak_mb']:>8.0f} {pg['seconds'] / raw['seconds']:>6.1f}"
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
