"""Benchmark: `generate_demo` with and without the procedure history (events, batches, votes) in the same run.

Run: .venv/bin/python bench/bench_procedure_demo.py [--households 100000] [--check]
Each measurement runs in a fresh subprocess on a fresh SQLite file; the baseline replaces
``add_procedure_history`` by a no-op, so the ratio is the cost of the history alone.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _child(db: str, households: int, with_history: bool, check: bool) -> dict[str, float]:
    import desktop_app.services.demo.procedure as pd
    from desktop_app.services import open_database
    from desktop_app.services.demo.households import generate_demo

    counts: dict[str, int] = {}
    original = pd.add_procedure_history

    def history(*args, **kwargs):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        counts.update(original(*args, **kwargs) if with_history else {})
        counts["history_seconds"] = time.perf_counter() - started  # type: ignore[assignment]
        return counts

    pd.add_procedure_history = history
    database = open_database(db, device_id="bench")
    started = time.perf_counter()
    with database.transaction() as session:
        generate_demo(session, households=households, seed=1)
    out: dict[str, float] = {"seconds": time.perf_counter() - started, **counts}
    if check:
        from desktop_app.services.procedure import check_procedure

        started = time.perf_counter()
        out["violations"] = len(check_procedure(database))
        out["check_seconds"] = time.perf_counter() - started
    database.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--check", action="store_true", help="also time the invariant check of the result")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        db, n, with_history, check = args.child
        print(json.dumps(_child(db, int(n), with_history == "1", check == "1")))
        return
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, flag in (("baseline (no history)", "0"), ("with procedure history", "1")):
            db = str(Path(tmp) / f"demo-{flag}.sqlite")
            check = "1" if (flag == "1" and args.check) else "0"
            proc = subprocess.run(
                [sys.executable, __file__, "--child", db, str(args.households), flag, check],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            )
            results[label] = json.loads(proc.stdout.strip().splitlines()[-1])
            print(f"{label:<26} {results[label]['seconds']:7.1f} s  {results[label]}")
    base = results["baseline (no history)"]["seconds"]
    full = results["with procedure history"]["seconds"]
    print(f"households={args.households}: history adds {full - base:.1f} s; ratio with/without = {full / base:.2f}")


if __name__ == "__main__":
    main()
