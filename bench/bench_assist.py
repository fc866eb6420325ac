"""Assistance ledgers at county size (issue 16): 100,000 households (≈356,000 members) with every ledger filled
(``services.demo.assist_bulk``: ≈33,000 cadres, ≈75,000 pairings, ≈300,000 measures delivered, ≈30,000 loans
with ≈300,000 repayments, ≈10,000 posts with holders and months, work months, visits).

Measures, each beside a plain SQL baseline giving the same answer, taken in the same run on the same file:
- the **coverage check** (``coverage_check``: households to cover without a cadre, monitored ones without a
  contact, cadres over their rank's limit; target < 1 s);
- the **overdue list** (``loan_list(overdue_only=True)``; target < 1 s);
- **a village's funds ledger** (``funds_ledger`` for the village with the most disbursements this year, with
  ``ledger_flags``; target < 1 s);
- **the card's 帮扶台账 tab opening** (``ui.card_assist.CardAssistPanel`` built and shown until its first
  section has read the household; target < 150 ms; baseline: reading all of the household's ledger rows with
  plain SQL).

A part not merged yet is reported as such (its baseline is still measured). ``--profile`` prints where the time
of each measured function goes (cProfile, the 12 costliest calls).

Run: ``.venv/bin/python bench/bench_assist.py [--households N] [--profile]`` (builds
bench/out/bench_assist_<N>.sqlite once, 3–4 min at 100,000; later runs reuse it and work on a copy).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"
TODAY = date(2026, 11, 20)
RUNS = 5


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def best(fn: Callable[[], Any], runs: int = RUNS) -> tuple[float, Any]:
    """The median time of ``runs`` calls, and the last call's result."""
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def profile(label: str, fn: Callable[[], Any]) -> None:
    prof = cProfile.Profile()
    prof.runcall(fn)
    text = io.StringIO()
    pstats.Stats(prof, stream=text).sort_stats("cumulative").print_stats(12)
    print(f"--- profile of {label} ---")
    print("\n".join(line for line in text.getvalue().splitlines() if line.strip())[:4000])


def build(path: Path, households: int) -> None:
    """The demo county (kept as bench_assist_county_<N>.sqlite: the ledgers can be rebuilt on a copy of it alone),
    then every ledger in bulk."""
    from desktop_app.services import open_database
    from desktop_app.services.demo.assist_bulk import add_assistance_bulk
    from desktop_app.services.demo.households import generate_demo

    OUT.mkdir(parents=True, exist_ok=True)
    county = OUT / f"bench_assist_county_{households}.sqlite"
    started = time.perf_counter()
    if not county.exists():
        partial = county.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        db = open_database(partial, operator="bench", device_id="bench")
        with db.transaction() as session:
            generate_demo(session, households=households, seed=1)
        db.close()
        _settle(partial)
        partial.rename(county)
        print(f"county: created {county} in {time.perf_counter() - started:.1f} s")
    tmp = path.with_suffix(".partial")
    shutil.copy(county, tmp)
    started = time.perf_counter()
    db = open_database(tmp, operator="bench", device_id="bench")
    with db.transaction() as session:
        result = add_assistance_bulk(session, today=TODAY, seed=1)
    db.close()
    _settle(tmp)
    tmp.rename(path)
    counts = ", ".join(f"{n:,} {t}" for t, n in sorted(result.counts.items()))
    print(f"database: created {path}, ledgers in {time.perf_counter() - started:.1f} s: {counts}")


def _settle(path: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def coverage_raw(con: sqlite3.Connection, rules: dict[str, Any]) -> tuple[int, int, int]:
    """Part A's coverage rules in plain SQL: households of the cover stages without a current pairing cadre (the
    card's cadre without a pairing row counts), monitored households (a case included, not removed) without a
    contact (a current role-2 pairing, or the case's contact name), cadres with more distinct households in the
    counted roles than their rank's limit; only cadres serving on the day count."""
    from desktop_app.domain.monitoring_steps import AFTER_INCLUSION

    stages = tuple(rules["cover_stages"])
    day = TODAY.isoformat()
    serving = "(c.started_on IS NULL OR c.started_on <= :day) AND (c.ended_on IS NULL OR c.ended_on >= :day)"
    current = (
        f"p.deleted = 0 AND (p.started_on IS NULL OR p.started_on <= :day) AND (p.ended_on IS NULL OR p.ended_on"
        f" >= :day) AND p.cadre_id IN (SELECT c.id FROM cadre c WHERE c.deleted = 0 AND {serving})"
    )
    links = (  # (household, cadre, role) of every current link: pairing rows and the card's implicit cadre
        "SELECT p.household_id AS h, p.cadre_id AS c, p.role AS r FROM pairing p JOIN household x ON"
        f" x.id = p.household_id AND x.deleted = 0 WHERE {current} AND (p.role <> '1' OR p.ended_on IS NOT NULL"
        " OR p.cadre_id = x.cadre_id)"
        " UNION SELECT x.id, x.cadre_id, '1' FROM household x JOIN cadre c ON c.id = x.cadre_id"
        f" WHERE x.deleted = 0 AND {serving} AND NOT EXISTS (SELECT 1 FROM pairing p WHERE p.household_id = x.id"
        " AND p.cadre_id = x.cadre_id AND p.role = '1' AND p.deleted = 0 AND p.ended_on IS NULL)"
    )
    params = {f"s{n}": v for n, v in enumerate(stages)} | {"day": day}
    named = ",".join(f":s{n}" for n in range(len(stages)))
    con.execute("DROP TABLE IF EXISTS temp.links")
    con.execute(f"CREATE TEMP TABLE links AS {links}", params)
    con.execute("CREATE INDEX temp.links_h ON links (h, r)")
    uncovered = con.execute(
        f"SELECT h.number FROM household h WHERE h.deleted = 0 AND h.stage IN ({named})"
        " AND NOT EXISTS (SELECT 1 FROM links WHERE links.h = h.id AND links.r = '1')",
        params,
    ).fetchall()
    from_case = " AND coalesce(k.contact_name, '') = ''" if rules.get("contact_from_case", True) else ""
    no_contact = con.execute(
        "SELECT h.number FROM monitoring_case k JOIN household h ON h.id = k.household_id AND h.deleted = 0"
        f" WHERE k.deleted = 0 AND k.stage IN ({','.join(repr(s) for s in AFTER_INCLUSION)})"
        f" AND NOT EXISTS (SELECT 1 FROM links WHERE links.h = h.id AND links.r = '2'){from_case}",
    ).fetchall()
    limits = {str(k): int(v) for k, v in rules["limits"].items()}
    cases = " ".join(f"WHEN '{rank}' THEN {n}" for rank, n in limits.items())
    unranked = rules.get("limit_unranked")
    roles = ",".join(f"'{r}'" for r in rules.get("count_roles", ("1", "2")))
    over = con.execute(
        f"SELECT c.id, count(DISTINCT links.h) AS n, CASE c.rank {cases} ELSE {unranked or 'NULL'} END AS lim"
        f" FROM links JOIN cadre c ON c.id = links.c WHERE links.r IN ({roles}) GROUP BY c.id"
        " HAVING lim IS NOT NULL AND n > lim"
    ).fetchall()
    return len(uncovered), len(no_contact), len(over)


def overdue_raw(con: sqlite3.Connection) -> list[Any]:
    return con.execute(
        "SELECT l.id, h.number, h.head_name, m.name, l.contract_no, l.bank, l.amount_fen, l.drawn_on,"
        " coalesce(l.extended_to, l.due_on) AS due, l.amount_fen - coalesce((SELECT sum(r.principal_fen)"
        " FROM loan_repayment r WHERE r.loan_id = l.id AND r.deleted = 0), 0) AS balance"
        " FROM loan l JOIN household h ON h.id = l.household_id LEFT JOIN member m ON m.id = l.member_id"
        " WHERE l.deleted = 0 AND l.settled_on IS NULL AND coalesce(l.extended_to, l.due_on) < ?"
        " AND balance > 0 ORDER BY h.number",
        (TODAY.isoformat(),),
    ).fetchall()


def ledger_raw(
    con: sqlite3.Connection, village: str, year: int, pay: tuple[tuple[str, ...], bool]
) -> tuple[list[Any], int]:
    rows = con.execute(
        "SELECT f.name, sum(x.a), sum(x.d), sum(x.a) - sum(x.d) FROM ("
        " SELECT fund_id, amount_fen AS a, 0 AS d FROM fund_allocation"
        " WHERE deleted = 0 AND village_id = ? AND year = ?"
        " UNION ALL SELECT fund_id, 0, amount_fen FROM disbursement WHERE deleted = 0 AND village_id = ? AND year = ?"
        ") x JOIN fund f ON f.id = x.fund_id GROUP BY f.id ORDER BY f.name",
        (village, year, village, year),
    ).fetchall()
    stages, monitored = pay
    marks = ",".join("?" * len(stages))
    included = (
        " AND h.id NOT IN (SELECT household_id FROM monitoring_case WHERE deleted = 0 AND included_on IS NOT NULL)"
    )
    flagged = con.execute(
        "SELECT count(*) FROM disbursement d JOIN household h ON h.id = d.household_id"
        f" WHERE d.deleted = 0 AND d.village_id = ? AND d.year = ? AND h.stage NOT IN ({marks})"
        + (included if monitored else ""),
        (village, year, *stages),
    ).fetchone()[0]
    return rows, int(flagged)


CARD_TABLES = (
    ("pairing", "SELECT p.*, c.name, c.unit, c.phone FROM pairing p JOIN cadre c ON c.id = p.cadre_id"),
    ("help_plan", "SELECT * FROM help_plan p"),
    ("help_measure", "SELECT * FROM help_measure p"),
    ("disbursement", "SELECT * FROM disbursement p"),
    ("loan", "SELECT * FROM loan p"),
    ("loan_repayment", "SELECT * FROM loan_repayment p"),
    ("post_holder", "SELECT p.*, x.name FROM post_holder p JOIN post x ON x.id = p.post_id"),
    ("work_month", "SELECT * FROM work_month p"),
    ("visit", "SELECT * FROM visit p"),
)


def card_raw(con: sqlite3.Connection, household: str) -> int:
    return sum(
        len(con.execute(f"{sql} WHERE p.household_id = ? AND p.deleted = 0", (household,)).fetchall())
        for _table, sql in CARD_TABLES
    )


def busy_households(con: sqlite3.Connection, count: int) -> list[str]:
    """Households with a loan, a post and visits (the card's tab has something in every section)."""
    rows = con.execute(
        "SELECT l.household_id FROM loan l JOIN post_holder p ON p.household_id = l.household_id"
        " WHERE l.deleted = 0 AND EXISTS (SELECT 1 FROM visit v WHERE v.household_id = l.household_id)"
        " GROUP BY l.household_id ORDER BY l.household_id LIMIT ?",
        (count,),
    ).fetchall()
    return [r[0] for r in rows]


def _payable(db: Any) -> tuple[tuple[str, ...], bool]:
    """Who may receive money under part B's measure rules: stages, and whether monitored households may."""
    from desktop_app.services.assistance import measure_rules

    rules = measure_rules(db)
    return tuple(sorted(rules.recipient_stages)), rules.recipient_monitored


def _rules(db: Any) -> dict[str, Any]:
    """Part A's pairing rules as the county has them (shipped file with the saved values on top)."""
    from desktop_app.services.assistance import pairing_rules

    return dict(pairing_rules(db))


class Bench:
    def __init__(self, db: Any, con: sqlite3.Connection, want_profile: bool) -> None:
        self.db, self.con, self.want_profile = db, con, want_profile
        self.ok = True
        self.missing: list[str] = []

    def compare(self, label: str, target: float, fn: Callable[[], Any] | None, raw: Callable[[], Any], runs: int = RUNS,
                describe: Callable[[Any, Any], str] = lambda got, base: "") -> None:  # fmt: skip
        t_raw, base = best(raw, runs)
        if fn is None:
            print(f"{label}: not merged yet  baseline plain SQL: {_ms(t_raw)}")
            self.missing.append(label)
            return
        fn()  # warm: imports, rules, code lists
        t_fn, got = best(fn, runs)
        print(f"{label}: {_ms(t_fn)}  baseline plain SQL: {_ms(t_raw)}  {describe(got, base)}")
        print(f"  ratio {t_fn / max(t_raw, 1e-6):.1f}× (target < {_ms(target)})")
        self.ok &= t_fn < target
        if self.want_profile:
            profile(label, fn)


def _import(module: str, name: str) -> Any:
    try:
        return getattr(__import__(module, fromlist=[name]), name)
    except (ImportError, AttributeError):
        return None


def run_services(bench: Bench, db: Any, con: sqlite3.Connection) -> None:
    rules = _rules(db)
    coverage_check = _import("desktop_app.services.assistance", "coverage_check")
    bench.compare(
        "coverage check (coverage_check)",
        1.0,
        (lambda: coverage_check(db, on=TODAY)) if coverage_check else None,
        lambda: coverage_raw(con, rules),
        describe=lambda got, base: (
            f"({len(got.uncovered)} uncovered, {len(got.over_limit)} over limit; SQL: {base[0]} without a cadre"
            f" + {base[1]} without a contact, {base[2]} over limit)"
        ),
    )
    loan_list = _import("desktop_app.services.assistance", "loan_list")
    bench.compare(
        "overdue list (loan_list overdue_only)",
        1.0,
        (lambda: loan_list(db, overdue_only=True, on=TODAY)) if loan_list else None,
        lambda: overdue_raw(con),
        describe=lambda got, base: f"({len(got)} loans; SQL: {len(base)} past due with principal unpaid)",
    )
    pay = _payable(db)
    village, year = con.execute(
        "SELECT village_id, year FROM disbursement WHERE deleted = 0 AND year = ? GROUP BY village_id"
        " ORDER BY count(*) DESC, village_id LIMIT 1",
        (TODAY.year,),
    ).fetchone()
    funds_ledger = _import("desktop_app.services.assistance", "funds_ledger")
    ledger_flags = _import("desktop_app.services.assistance", "ledger_flags")

    def ledger() -> tuple[Any, Any]:
        return funds_ledger(db, village_id=village, year=year), ledger_flags(db, village_id=village, year=year)

    bench.compare(
        "a village's funds ledger (funds_ledger + ledger_flags)",
        1.0,
        ledger if funds_ledger and ledger_flags else None,
        lambda: ledger_raw(con, village, year, pay),
        describe=lambda got, base: (
            f"({len(got[0])} funds, {len(got[1])} flagged; SQL: {len(base[0])} funds, {base[1]} flagged)"
        ),
    )


def run_card(bench: Bench, db: Any, con: sqlite3.Connection) -> None:
    households = busy_households(con, 12)
    panel_class = _import("desktop_app.ui.card_assist", "CardAssistPanel")
    if panel_class is None:
        bench.compare("the card's 帮扶台账 tab opening", 0.15, None, lambda: card_raw(con, households[0]))
        return
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    turn = iter(range(10**6))

    def open_tab() -> Any:
        household = households[next(turn) % len(households)]
        panel = panel_class(db, household)
        panel.resize(1200, 700)
        panel.show()
        app.processEvents()
        panel.close()
        panel.deleteLater()
        return panel

    raw_turn = iter(range(10**6))
    bench.compare(
        "the card's 帮扶台账 tab opening (CardAssistPanel shown)",
        0.15,
        open_tab,
        lambda: card_raw(con, households[next(raw_turn) % len(households)]),
        runs=len(households),
        describe=lambda _got, rows: f"({len(households)} households with a loan, a post and visits; SQL: {rows} rows)",
    )
    app.processEvents()
    sections(app, panel_class, db, households)


def sections(app: Any, panel_class: Any, db: Any, households: list[str]) -> None:
    """Each other sub-tab's first show (what a cadre waits for when clicking it), median over the households."""
    keys = [key for key, _title, _cls in _import("desktop_app.ui.card_assist", "CARD_SECTIONS")]
    times: dict[str, list[float]] = {key: [] for key in keys[1:]}
    for household in households:
        panel = panel_class(db, household)
        panel.resize(1200, 700)
        panel.show()
        app.processEvents()
        for key in keys[1:]:
            started = time.perf_counter()
            panel.show_section(key)
            app.processEvents()
            times[key].append(time.perf_counter() - started)
        panel.close()
        panel.deleteLater()
        app.processEvents()
    shown = ", ".join(f"{key} {_ms(statistics.median(t))}" for key, t in times.items())
    print(f"  each other sub-tab's first show (median): {shown}")


def main() -> None:
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # the card is shown without a screen too
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--profile", action="store_true", help="print where each measured function's time goes")
    parser.add_argument("--rebuild", action="store_true", help="write the ledgers again (the county is kept)")
    parser.add_argument("--only", choices=("services", "card"), help="measure only the services or only the card")
    args = parser.parse_args()
    path = OUT / f"bench_assist_{args.households}.sqlite"
    if args.rebuild:
        path.unlink(missing_ok=True)
    if not path.exists():
        build(path, args.households)
    else:
        print(f"database: {path} (reused)")

    from desktop_app.services import open_database

    with tempfile.TemporaryDirectory() as folder_name:
        work = Path(folder_name) / "work.sqlite"
        shutil.copy(path, work)
        db = open_database(work, operator="bench", device_id="bench")
        con = sqlite3.connect(work)
        sizes = {
            t: con.execute(f"SELECT count(*) FROM {t} WHERE deleted = 0").fetchone()[0]
            for t in ("household", "cadre", "pairing", "help_measure", "disbursement", "loan", "loan_repayment", "post")
        }
        print("county: " + ", ".join(f"{n:,} {t}" for t, n in sizes.items()))
        bench = Bench(db, con, args.profile)
        if args.only != "card":
            run_services(bench, db, con)
        if args.only != "services":
            run_card(bench, db, con)
        con.close()
        db.close()
    if bench.missing:
        print("not measured (part not merged yet): " + "; ".join(bench.missing))
    print("all targets met" if bench.ok else "SOME TARGETS MISSED")


if __name__ == "__main__":
    main()
