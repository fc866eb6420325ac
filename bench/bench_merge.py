"""Benchmark: merging laptops' work (services.merge) on SQLite.

Run: .venv/bin/python bench/bench_merge.py [--households 10000] [--edited 0.1]
A base demo county is copied to two laptops; each edits a share of the households (one of them overlaps
with the other, so conflicts appear). Measured in the same run:
  - baseline: a raw Core ``executemany`` insert of the same rows into an empty database;
  - merge into an empty database (every record added, change log written);
  - merge of laptop A, then laptop B (three-way merges with conflicts) into a copy of the base;
  - the same export merged again (nothing changes).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--edited", type=float, default=0.1, help="share of households each laptop edits")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-merge-"))
    os.environ.setdefault("FUPIN_DATA_DIR", str(folder / "data"))

    from sqlalchemy import select

    from desktop_app.services import open_database
    from desktop_app.services.demo.households import generate_demo
    from desktop_app.services.merge import apply_incoming, export_records
    from desktop_app.services.merge import state as ms
    from desktop_app.storage.models import Household

    base = open_database(folder / "base.sqlite", operator="bench", device_id="base")
    with base.transaction() as session:
        generate_demo(session, households=args.households, seed=1)
    base.close()

    def clone(name: str, device: str):  # type: ignore[no-untyped-def]
        shutil.copy(folder / "base.sqlite", folder / f"{name}.sqlite")
        return open_database(folder / f"{name}.sqlite", operator=name, device_id=device)

    a, b = clone("a", "laptop-a"), clone("b", "laptop-b")
    with a.session() as session:
        ids = list(session.execute(select(Household.id)).scalars())
    rng = random.Random(1)
    share = max(1, int(len(ids) * args.edited))
    edited_a = rng.sample(ids, share)
    edited_b = edited_a[: share // 2] + rng.sample(ids, share - share // 2)
    for db, chosen, text in ((a, edited_a, "甲"), (b, edited_b, "乙")):
        with db.transaction() as session:
            for hid in chosen:
                session.get(Household, hid).note = f"{text} 的备注"

    started = time.perf_counter()
    with a.session() as session:
        export_a = export_records(session, include_reference=True)
    t_export = time.perf_counter() - started
    with b.session() as session:
        export_b = export_records(session, include_reference=True)
    rows = len(export_a)

    raw = open_database(folder / "raw.sqlite", operator="bench", device_id="raw")
    started = time.perf_counter()
    with raw.transaction() as session:
        for table in ms.TABLES:
            batch = [
                {**r.fields, "id": r.id, "version": r.version, "device_id": r.device_id, "deleted": r.deleted,
                 "created_at": r.updated_at, "updated_at": r.updated_at}
                for r in export_a if r.table == table
            ]  # fmt: skip
            if batch:
                session.execute(ms.model(table).__table__.insert(), batch)  # type: ignore[attr-defined]
    t_raw = time.perf_counter() - started

    empty = open_database(folder / "empty.sqlite", operator="bench", device_id="hub")
    started = time.perf_counter()
    with empty.transaction() as session:
        apply_incoming(session, export_a, source_label="A")
    t_empty = time.perf_counter() - started

    hub = clone("hub", "hub")
    started = time.perf_counter()
    with hub.transaction() as session:
        res_a = apply_incoming(session, export_a, source_label="A")
    with hub.transaction() as session:
        res_b = apply_incoming(session, export_b, source_label="B")
    t_two = time.perf_counter() - started
    started = time.perf_counter()
    with hub.transaction() as session:
        again = apply_incoming(session, export_b, source_label="B")
    t_again = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"records per export: {rows} ({args.households} households), each laptop edited {share} households")
    print(f"export_records (laptop A):           {t_export:7.2f} s  {rows / t_export:9.0f} rows/s")
    print(f"baseline raw Core insert:            {t_raw:7.2f} s  {rows / t_raw:9.0f} rows/s")
    ratio = t_empty / t_raw
    print(f"merge into an empty database:        {t_empty:7.2f} s  {rows / t_empty:9.0f} rows/s  ratio {ratio:.1f}x")
    print(
        f"merge laptop A then B into the base: {t_two:7.2f} s  {2 * rows / t_two:9.0f} rows/s  "
        f"updated {res_a.table('household').updated + res_b.table('household').updated} households, "
        f"{len(res_b.conflicts)} conflicts"
    )
    print(
        f"same export again (no change):       {t_again:7.2f} s  {rows / t_again:9.0f} rows/s  changed={again.changed}"
    )
    print(f"peak memory: {peak_mb:.0f} MB    files in {folder}")


if __name__ == "__main__":
    main()
