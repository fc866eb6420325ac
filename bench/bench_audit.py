"""Audit-chain benchmark: the same county import with the audit hook installed and without, in one run.

    .venv/bin/python bench/bench_audit.py [--households 100000] [--repeat 1] [--keep DIR] [--digest-rows N]

A demo county of ``--households`` is exported to a workbook once; then each import runs in its own subprocess
into an empty database, alternately without the hook and with it (``--repeat`` pairs), and the hook's own
time (reading back and hashing the import's change-log rows, appending the entry) is measured inside the
run. Target: the chain costs ≤ 10 % of the import. ``--digest-rows N`` also times the log digest alone over N
synthetic change-log rows of one entry (1,500,000 ≈ a 100,000-household import) and ``fupin audit verify``
over that file.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _child_import(db_path: str, workbook: str, hook: bool) -> dict[str, Any]:
    from desktop_app.services import unit_of_work
    from desktop_app.services.audit import chain
    from desktop_app.services.exchange import import_files
    from desktop_app.storage.database import open_database

    spent = [0.0]

    def timed(work: Any) -> None:
        start = time.perf_counter()
        chain.append_entry(work)
        spent[0] += time.perf_counter() - start

    if hook:
        unit_of_work.BEFORE_COMMIT.append(timed)
    db = open_database(db_path, device_id="county-server", operator="县扶贫办")
    start = time.perf_counter()
    run = import_files(db, [workbook])
    seconds = time.perf_counter() - start
    assert run.applied
    with db.read() as session:
        rows = int(session.connection().exec_driver_sql("SELECT count(*) FROM change_log").scalar() or 0)
    db.close()
    return {"seconds": seconds, "hook_seconds": spent[0], "log_rows": rows}


def _child_digest(db_path: str, rows: int) -> dict[str, Any]:
    import sqlite3
    import uuid

    from desktop_app.services.audit import chain, verify
    from desktop_app.storage.database import open_database

    db = open_database(db_path, device_id="bench")
    db.close()
    entry = str(uuid.uuid4())
    conn = sqlite3.connect(db_path)
    batch = []
    base = uuid.uuid4().hex[:20]
    for i in range(rows):
        batch.append(
            (
                f"{base}{i:012d}"[:32],
                "2026-12-01 08:00:00.123456",
                "member",
                str(uuid.UUID(int=i)),
                str(uuid.UUID(int=i // 4)),
                "create",
                "",
                None,
                None,
                "县扶贫办",
                "bench",
                entry,
            )
        )
        if len(batch) == 50_000:
            conn.executemany("INSERT INTO change_log VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", batch)
            batch.clear()
    if batch:
        conn.executemany("INSERT INTO change_log VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", batch)
    conn.commit()
    conn.close()
    db = open_database(db_path, device_id="bench")
    with db.read() as session:
        start = time.perf_counter()
        count, digest = chain.digest_of(chain.rows_of(session.connection(), entry))
        seconds = time.perf_counter() - start
    assert count == rows
    start = time.perf_counter()
    report = verify(db)
    verify_seconds = time.perf_counter() - start
    db.close()
    return {"rows": rows, "digest_seconds": seconds, "verify_seconds": verify_seconds, "verify_ok": report.ok}


def _child_merge(folder: str, households: int, chain_on: bool) -> dict[str, Any]:
    """Two laptops from one base, each saving 10 % of the households one unit of work at a time, merged into a
    copy of the base: with the chain (hook installed, chains copied) or without (main's merge)."""
    import random
    import shutil

    from sqlalchemy import select

    from desktop_app.services import audit, open_database, unit_of_work, writing
    from desktop_app.services.demo import load_demo
    from desktop_app.services.merge import merge_database
    from desktop_app.services.merge import use_cases as merge_use_cases
    from desktop_app.services.merge.chains import CopiedChains
    from desktop_app.storage.models import Household

    root = Path(folder) / ("on" if chain_on else "off")
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    if not chain_on:  # main's merge: no hook, no chains copied
        audit.install = lambda: None  # type: ignore[assignment]  # services.open_database installs it otherwise
        merge_use_cases.copy_chains = lambda *_a, **_k: CopiedChains()  # type: ignore[assignment]
    base = open_database(root / "base.sqlite", operator="bench", device_id="base")
    load_demo(base, households=households, seed=1, device_id="base")
    base.close()
    laptops = []
    for name in ("a", "b"):
        shutil.copy(root / "base.sqlite", root / f"{name}.sqlite")
        db = open_database(root / f"{name}.sqlite", operator=name, device_id=f"laptop-{name}")
        with db.read() as session:
            ids = sorted(session.execute(select(Household.id)).scalars())
        for hid in random.Random(name).sample(ids, max(1, households // 10)):
            with writing(db, "household.save", hid) as work:
                row = work.session.get(Household, hid)
                assert row is not None
                row.note = f"{name} 的备注"
        db.close()
        laptops.append(root / f"{name}.sqlite")
    shutil.copy(root / "base.sqlite", root / "hub.sqlite")
    hub = open_database(root / "hub.sqlite", operator="hub", device_id="hub")
    assert audit.installed() == chain_on and bool(unit_of_work.BEFORE_COMMIT) == chain_on
    start = time.perf_counter()
    for laptop in laptops:
        merge_database(hub, laptop)
    seconds = time.perf_counter() - start
    start = time.perf_counter()
    merge_database(hub, laptops[1])
    again = time.perf_counter() - start
    hub.close()
    return {"seconds": seconds, "again": again}


def _run_child(*args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True, cwd=ROOT
    ).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--digest-rows", type=int, default=0)
    parser.add_argument("--merge-households", type=int, default=0)
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "import":
            result = _child_import(rest[0], rest[1], rest[2] == "on")
        elif kind == "merge":
            result = _child_merge(rest[0], int(rest[1]), rest[2] == "on")
        else:
            result = _child_digest(rest[0], int(rest[1]))
        print(json.dumps(result))
        return 0
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-audit-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("FUPIN_DATA_DIR", str(folder / "data"))
    workbook = folder / f"county-{args.households}.xlsx"
    if args.merge_households:
        runs = {on: _run_child("merge", str(folder / "merge"), str(args.merge_households), on) for on in ("off", "on")}
        print(
            f"merge of two laptops ({args.merge_households:,} households, 10 % saved on each): "
            f"without the chain {runs['off']['seconds']:.1f} s, with it {runs['on']['seconds']:.1f} s "
            f"({runs['on']['seconds'] / runs['off']['seconds']:.2f}×); the same file again "
            f"{runs['off']['again']:.1f} s → {runs['on']['again']:.1f} s"
        )
    if args.skip_import:
        pass
    elif not workbook.exists():
        from desktop_app.services import open_database
        from desktop_app.services.demo import load_demo
        from desktop_app.services.exchange import export_to_file

        start = time.perf_counter()
        source = open_database(folder / f"source-{args.households}.sqlite", device_id="bench-source")
        load_demo(source, households=args.households, seed=1, device_id="bench-source")
        export_to_file(source, workbook)
        source.close()
        print(f"workbook of {args.households:,} households made in {time.perf_counter() - start:.1f} s")
    pairs = []
    for i in range(0 if args.skip_import else args.repeat):
        runs = {}
        for hook in ("off", "on"):
            target = folder / f"import-{hook}-{i}.sqlite"
            for suffix in ("", "-wal", "-shm"):
                Path(str(target) + suffix).unlink(missing_ok=True)
            runs[hook] = _run_child("import", str(target), str(workbook), hook)
        ratio = runs["on"]["seconds"] / runs["off"]["seconds"]
        pairs.append(ratio)
        print(
            f"import of {args.households:,} households ({runs['on']['log_rows']:,} change-log rows): "
            f"without the chain {runs['off']['seconds']:.1f} s, with it {runs['on']['seconds']:.1f} s "
            f"(hook {runs['on']['hook_seconds']:.2f} s) → {ratio:.3f}× ({(ratio - 1) * 100:+.1f} %; target ≤ +10 %)"
        )
    if args.digest_rows:
        target = folder / f"digest-{args.digest_rows}.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        d = _run_child("digest", str(target), str(args.digest_rows))
        print(
            f"log digest of {d['rows']:,} change-log rows of one entry: {d['digest_seconds']:.1f} s "
            f"({d['digest_seconds'] / d['rows'] * 1e6:.2f} µs/row); verify of that file {d['verify_seconds']:.1f} s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
