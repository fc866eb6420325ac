"""Benchmarks of two revisions side by side, in one run: an earlier commit (default ``75133d2``, the commit
before issue 13) against the current checkout.

Run: ``.venv/bin/python bench/compare.py [BASE_REV] [--quick]``

The base revision is exported (``git archive``) into a temporary folder and run with this checkout's
interpreter and ``PYTHONPATH=<that folder>``, so both sides use the same installed libraries. Each script
of the list runs in the base checkout and then in the current one, with the same arguments:

- ``bench/bench_gui.py`` (window usable, search keystrokes, sorting, index rebuild at 100,000 households);
- ``bench/bench_card_save.py`` (open, validate, save one card of a 100,000-household county);
- ``bench/bench_exchange.py --households 20000`` (export and import).

Each script keeps its own baselines (raw SQL, an empty window, xlsxwriter…), printed as they always are;
this script then lists every figure of both runs with its ratio (current ÷ base): about 1.0 means
unchanged; the machine is shared, so treat ±10 % as noise. ``--quick`` uses small sizes (a 30,000-household
county, 2,000 for the exchange) to check the comparison itself. The 100,000-household
database of bench_gui is built once (by the current code) and copied into the base checkout, and
bench_card_save opens a copy of it (``--db``) instead of generating its own county.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BASE = "75133d2"  # the commit before issue 13's first commit
GUI_DB = Path("bench") / "out" / "bench_gui_100k.sqlite"  # where bench_gui.py keeps (and reuses) its county
# A figure: a number followed by its unit. The text before it (since the previous figure) names it.
FIGURE = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)\s*(ms|s|MB|rows/s)(?![\w/])")
TABLE_ROW = re.compile(r"^\s*('.*?'|\S+)\s+(.*?)\s+([\d,]+)\s+(\d+\.\d)\s+(\d+\.\d)\s+(\d+\.\d)\s*$")


@dataclass(frozen=True)
class Script:
    name: str
    args: tuple[str, ...]


def scripts(quick: bool, card_db: Path | None) -> list[Script]:
    card = ("--repeat", "5" if quick else "20") + (("--db", str(card_db)) if card_db else ())
    exchange = ("--households", "2000" if quick else "20000")
    return [
        Script("bench_gui.py", ()),
        Script("bench_card_save.py", card),
        Script("bench_exchange.py", exchange),
    ]


def export_revision(rev: str, into: Path) -> str:
    """The files of ``rev`` in ``into`` (no .git there: nothing is registered in this repository)."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", f"{rev}^{{commit}}"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    archive = into.parent / "base.tar"
    subprocess.run(["git", "archive", "--format=tar", "-o", str(archive), commit], cwd=ROOT, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    archive.unlink()
    return commit


def environment(checkout: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "FUPIN_DATA_DIR")}
    env["PYTHONPATH"] = str(checkout)
    env["QT_QPA_PLATFORM"] = env.get("QT_QPA_PLATFORM", "offscreen")
    return env


def prepare(checkout: Path) -> None:
    """Compiled translations and byte code, as a checkout that has been started once has them."""
    env = environment(checkout)
    subprocess.run(
        [sys.executable, "-m", "desktop_app.ui.i18n", "build"], cwd=checkout, env=env, check=True, capture_output=True
    )
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "desktop_app", "bench"], cwd=checkout, env=env, capture_output=True
    )


def county(checkout: Path, households: int) -> Path:
    """bench_gui's county database in ``checkout``: built there by that checkout's code when it is missing."""
    target = checkout / GUI_DB
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    code = (
        "import sys; from desktop_app.services import open_database; "
        "from desktop_app.services.demo.households import generate_demo\n"
        "db = open_database(sys.argv[1], operator='bench', device_id='bench')\n"
        "with db.transaction() as session:\n"
        "    generate_demo(session, households=int(sys.argv[2]), seed=1)\n"
        "db.close()\n"
    )
    partial = target.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    print(f"building a county of {households:,} households for bench_gui …", flush=True)
    subprocess.run(
        [sys.executable, "-c", code, str(partial), str(households)],
        cwd=checkout,
        env=environment(checkout),
        check=True,
    )
    for suffix in ("-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    partial.rename(target)
    return target


def run(checkout: Path, script: Script, label: str) -> tuple[str, float]:
    print(f"\n===== {label}: {script.name} {' '.join(script.args)}", flush=True)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(checkout / "bench" / script.name), *script.args],
        cwd=checkout,
        env=environment(checkout),
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    print(result.stdout, end="", flush=True)
    if result.returncode != 0:
        print(result.stderr[-3000:], file=sys.stderr)
        print(f"({label} {script.name} ended with exit code {result.returncode})", flush=True)
    return result.stdout, elapsed


def figures(output: str) -> dict[str, tuple[float, str]]:
    """Every figure of a benchmark's output, named by its section and the text before it."""
    found: dict[str, tuple[float, str]] = {}
    section = ""
    for raw in output.splitlines():
        line = raw.rstrip()
        if not line.strip():
            continue
        row = TABLE_ROW.match(line)
        if row:  # bench_gui's search table: query, what, shown, GUI ms, raw ms, ratio
            query, what = row.group(1), " ".join(row.group(2).split())
            found[_unique(found, f"{section} {query} {what}".strip())] = (_number(row.group(4)), "ms")
            continue
        matches = list(FIGURE.finditer(line))
        if not matches:
            if not line.startswith(" "):
                section = _short(line)
            continue
        previous_end = 0
        head = ""
        for match in matches:
            before = " ".join(line[previous_end : match.start()].split()).strip(" :(,")
            previous_end = match.end()
            if "target" in before:  # a script's goal, not a measurement
                continue
            head = before if not head else f"{head} · {before}" if before else f"{head} ({match.group(2)})"
            name = _unique(found, f"{section} | {head}" if line.startswith(" ") and section else head)
            found[name] = (_number(match.group(1)), match.group(2))
    return found


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _short(line: str) -> str:
    """A section's name: its heading up to the first colon, bracket or figure (counts differ between runs)."""
    return " ".join(re.split(r"[:(\d]", line, maxsplit=1)[0].split())[:90].rstrip(" ,(")


def _unique(found: dict[str, tuple[float, str]], name: str) -> str:
    if name not in found:
        return name
    n = 2
    while f"{name} #{n}" in found:
        n += 1
    return f"{name} #{n}"


def compare_table(base: dict[str, tuple[float, str]], current: dict[str, tuple[float, str]]) -> list[str]:
    lines = [f"  {'measure':<78}{'base':>17}{'current':>17}{'ratio':>8}"]
    for name in list(dict.fromkeys([*base, *current])):
        b, c = base.get(name), current.get(name)
        unit = (b or c or (0.0, ""))[1]
        ratio = f"{c[0] / b[0]:.2f}" if b and c and b[0] else "—"
        shown_b = f"{b[0]:,.2f} {unit}" if b else "—"
        shown_c = f"{c[0]:,.2f} {unit}" if c else "—"
        shown = name if len(name) <= 78 else "…" + name[-77:]
        lines.append(f"  {shown:<78}{shown_b:>17}{shown_c:>17}{ratio:>8}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", nargs="?", default=DEFAULT_BASE, help=f"the earlier revision (default {DEFAULT_BASE})")
    parser.add_argument("--quick", action="store_true", help="small sizes: checks the comparison in a few minutes")
    parser.add_argument("--only", metavar="SCRIPT", action="append", help="run only this script (repeatable)")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="fupin-compare-"))
    base_tree = work / "base"
    current_tree = ROOT
    try:
        commit = export_revision(args.base, base_tree)
        head = subprocess.run(
            ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        print(f"base {args.base} ({commit}) in {base_tree}; current {head} in {ROOT}", flush=True)
        households = 30_000 if args.quick else 100_000  # bench_gui's sample queries need about 30,000
        if args.quick:  # a small county under bench_gui's file name, in a scratch copy of the current scripts
            current_tree = work / "current"
            shutil.copytree(ROOT, current_tree, ignore=shutil.ignore_patterns(".venv", ".git", "out", "__pycache__"))
        for tree in (base_tree, current_tree):
            prepare(tree)
        source = county(current_tree, households)
        (base_tree / GUI_DB).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, base_tree / GUI_DB)
        results: dict[str, tuple[dict[str, tuple[float, str]], dict[str, tuple[float, str]], float, float]] = {}
        for index, script in enumerate(scripts(args.quick, None)):
            if args.only and script.name not in args.only:
                continue
            card_copy = {}
            if script.name == "bench_card_save.py":  # each side saves into its own copy of the county
                for side in ("base", "current"):
                    card_copy[side] = work / f"card-{side}.sqlite"
                    shutil.copy2(source, card_copy[side])
            base_script = scripts(args.quick, card_copy.get("base"))[index]
            current_script = scripts(args.quick, card_copy.get("current"))[index]
            base_out, base_s = run(base_tree, base_script, f"base {commit}")
            current_out, current_s = run(current_tree, current_script, "current")
            results[script.name] = (figures(base_out), figures(current_out), base_s, current_s)

        print(f"\n\n===== side by side: base {commit} → current {head} (ratio = current ÷ base; ±10 % is noise)")
        for name, (base_figures, current_figures, base_s, current_s) in results.items():
            print(f"\n{name}   (whole script: base {base_s:.0f} s, current {current_s:.0f} s)")
            print("\n".join(compare_table(base_figures, current_figures)))
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
