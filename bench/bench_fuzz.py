"""Fuzzing the import: 10,000 broken or hostile files through ``fupin import``, counted per outcome.

    .venv/bin/python bench/bench_fuzz.py [--cases 10000] [--seed 18] [--keep DIR]

The cases come from tests/exchange/fuzz_cases.py (the suite's test_fuzz.py runs a few hundred of them).
Each is imported by ``desktop_app.cli.main`` in this process (the file itself is read by the reader
process) into a small demo database. Reported: how many were imported (exit 0), rejected with a problem
list or refused with one ``错误：`` line (exit 2), and every failure — another exit code, a traceback, a full
resident ID in the output, a database changed by a rejected file — with its case name. Needs LibreOffice
for the legacy .xls base file. Exit code 1 when any case failed.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _bases(folder: Path) -> dict[str, Path]:
    from tests.exchange.conftest import export, make_demo, soffice_convert
    from tests.exchange.roster_data import roster_people, table, write_csv, write_xlsx

    db = make_demo(folder / "demo.sqlite", households=6)
    files = {"exchange": export(db, folder / "exchange.xlsx"), "db": folder / "demo.sqlite"}
    grid = table(roster_people(db, households=4), "standard")
    db.close()
    files["roster"] = write_xlsx(grid, folder / "roster.xlsx")
    files["csv"] = write_csv(grid, folder / "roster.csv", "utf-8")
    files["xls"] = soffice_convert(files["roster"], "xls", folder / "xls")
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--keep", type=Path, help="keep the generated files here")
    args = parser.parse_args()

    from tests.exchange.fuzz_cases import generate
    from tests.exchange.test_fuzz import dump, run_cli

    work = args.keep or Path(tempfile.mkdtemp(prefix="fupin-fuzz-"))
    work.mkdir(parents=True, exist_ok=True)
    bases = _bases(work / "base")
    db = work / "target.sqlite"
    shutil.copy(bases["db"], db)
    before = dump(db)
    outcomes: Counter[str] = Counter()
    messages: Counter[str] = Counter()
    failures: list[str] = []
    started = time.monotonic()
    for number, case in enumerate(generate(bases, work / "cases", args.cases, seed=args.seed), start=1):
        code, output = run_cli(db, case)
        after = dump(db)
        problems = []
        if code not in (0, 2):
            problems.append(f"exit {code}")
        if "Traceback" in output:
            problems.append("traceback")
        from tests.exchange.fuzz_cases import ID

        if ID.search(output):
            problems.append("full ID in the output")
        if code == 2 and after != before:
            problems.append("database changed")
        if problems:
            failures.append(f"{case.name}: {', '.join(problems)}: {output[-300:]!r}")
            outcomes["FAILED"] += 1
        elif code == 0:
            outcomes["imported"] += 1
        elif any(line.startswith("错误：") for line in output.splitlines()):
            outcomes["refused (one line)"] += 1
            line = next(line for line in output.splitlines() if line.startswith("错误："))
            text = line.removeprefix("错误：").replace(str(case.path), "…").replace(case.path.name, "…")
            messages[text[:24]] += 1
        else:
            outcomes["rejected (problem list)"] += 1
        if code == 0 and after != before:
            shutil.copy(bases["db"], db)
        if not args.keep:
            shutil.rmtree(case.path.parent, ignore_errors=True)
        if number % 500 == 0:
            print(f"{number:,} cases, {time.monotonic() - started:.0f} s: {dict(outcomes)}", flush=True)
    seconds = time.monotonic() - started
    print(f"\n{args.cases:,} cases in {seconds:.0f} s ({seconds / max(args.cases, 1) * 1000:.0f} ms each)")
    for name, count in outcomes.most_common():
        print(f"  {name:<26} {count:>6,}")
    print("most frequent one-line refusals (start of the message):")
    for text, count in messages.most_common(12):
        print(f"  {count:>6,}  {text}")
    for failure in failures[:50]:
        print("FAILED", failure)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
