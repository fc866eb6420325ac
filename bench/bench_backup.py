"""Benchmark: a verified backup and a verified restore of a county-size database, beside a plain file copy.

Run: .venv/bin/python bench/bench_backup.py [--households 100000] [--cache DIR]
The demo county is built once with ``fupin demo`` into ``--cache`` (default: a folder in the system's temp
folder) and reused by later runs. Measured in the same run:

- baseline: ``shutil.copyfile`` of the database file (no snapshot, no check: what a user's copy does);
- backup: ``services.backups.create_backup`` (online backup API from one read snapshot, integrity check and
  row counts of the copy, fsync, sha256, manifest, rotation);
- restore: ``services.backups.restore_backup`` (sha256, integrity check, schema and counts of the chosen
  backup, then a backup of the current database first, then the swap).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "fupin-bench-backup"))
    args = parser.parse_args()

    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    source = cache / f"county-{args.households}.sqlite"
    if not source.exists():
        started = time.perf_counter()
        built = cache / f".building-{args.households}.sqlite"
        built.unlink(missing_ok=True)
        env = dict(os.environ, FUPIN_DATA_DIR=str(cache / "data"))
        cmd = [sys.executable, "-m", "desktop_app", "--db", str(built), "demo", "--households", str(args.households)]
        subprocess.run(cmd, check=True, env=env, capture_output=True)
        for suffix in ("-wal", "-shm"):
            Path(str(built) + suffix).unlink(missing_ok=True)
        built.rename(source)
        print(f"demo county of {args.households:,} households built in {time.perf_counter() - started:.1f} s")

    work = Path(tempfile.mkdtemp(prefix="fupin-bench-backup-"))
    os.environ["FUPIN_DATA_DIR"] = str(work / "data")
    from desktop_app.services import open_database
    from desktop_app.services.backups import create_backup, restore_backup

    target = work / "county.sqlite"
    shutil.copyfile(source, target)
    size_mb = target.stat().st_size / 1e6

    started = time.perf_counter()
    shutil.copyfile(target, work / "plain-copy.sqlite")
    with (work / "plain-copy.sqlite").open("rb") as f:
        os.fsync(f.fileno())
    copy_s = time.perf_counter() - started

    db = open_database(target, operator="bench", device_id="bench")
    try:
        started = time.perf_counter()
        made = create_backup(db, "manual", to=work / "backups")
        backup_s = time.perf_counter() - started
        started = time.perf_counter()
        restore_backup(db, made.file.path)
        restore_s = time.perf_counter() - started
    finally:
        db.close()
    households = made.file.counts.get("household", 0)
    print(f"database: {households:,} households, {size_mb:.0f} MB ({made.file.size / 1e6:.0f} MB backup file)")
    print(f"baseline  shutil.copyfile + fsync : {copy_s:6.2f} s  ({size_mb / max(copy_s, 1e-9):.0f} MB/s)")
    print(f"backup    verified (create_backup) : {backup_s:6.2f} s  ({size_mb / max(backup_s, 1e-9):.0f} MB/s)")
    print(f"restore   verified, backs up first : {restore_s:6.2f} s")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
