"""Start-up benchmark: the wall time of each ``fupin`` command beside ``python -c pass`` in the same run.

A cadre or a county script runs ``fupin`` many times a day; most commands should cost about what starting
Python costs. Each command runs as a fresh process (the same interpreter as this script), 5 times, round
robin so that a busy machine slows every command alike; the table shows medians and the ratio to the
``python -c pass`` baseline.

Run: ``.venv/bin/python bench/bench_startup.py`` (about a minute; a throwaway data folder and a 20-household
demo database in a temporary folder). ``--runs N`` changes the repetitions.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_once(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    opts = parser.parse_args()

    py = sys.executable
    fupin = [py, "-m", "desktop_app"]
    with tempfile.TemporaryDirectory(prefix="fupin-bench-startup-") as tmp:
        env = dict(os.environ)
        env.update(FUPIN_DATA_DIR=str(Path(tmp) / "data"), QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="")
        env.pop("FUPIN_QUIT_AFTER_MS", None)
        db = str(Path(tmp) / "small.sqlite")
        subprocess.run([*fupin, "--db", db, "demo", "--households", "20"], env=env, check=True, capture_output=True)
        commands: list[tuple[str, list[str]]] = [
            ("python -c pass", [py, "-c", "pass"]),
            ("fupin --version", [*fupin, "--version"]),
            ("fupin --help", [*fupin, "--help"]),
            ("fupin id-check ID", [*fupin, "id-check", "11010519491231002X"]),
            ("fupin stats (20 households)", [*fupin, "--db", db, "stats"]),
            ("fupin gui --quit-after-ms 0", [*fupin, "--db", db, "gui", "--quit-after-ms", "0"]),
        ]
        for _name, argv in commands:  # warm the file cache and the .pyc files once
            run_once(argv, env)
        times: dict[str, list[float]] = {name: [] for name, _ in commands}
        for _ in range(opts.runs):
            for name, argv in commands:
                times[name].append(run_once(argv, env))

    base = statistics.median(times["python -c pass"])
    print(f"start-up, medians of {opts.runs} runs ({os.cpu_count()} cores, load {os.getloadavg()[0]:.1f})")
    print(f"{'command':<32} {'median s':>9} {'min s':>7} {'x python':>9}")
    for name, _ in commands:
        med = statistics.median(times[name])
        print(f"{name:<32} {med:9.3f} {min(times[name]):7.3f} {med / base:9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
