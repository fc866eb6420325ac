"""Exchange benchmark of the assistance ledgers (format version 2): the same county exported and imported
with and without its ledgers, so the ledgers' own cost shows beside the card's.

    .venv/bin/python bench/bench_exchange_assist.py [--households 20000] [--keep DIR]

Per household the ledgers hold a pairing, a plan, three measures delivered, a disbursement, two visits; every
second household a migrant worker's twelve work months; every third a loan with two repayments; every tenth
a post holder with twelve post months (at 20,000 households about 330,000 ledger rows beside about 330,000
card rows and their procedure events). Each measurement runs in its own subprocess (peak = the process and
its reader process, sampled every 50 ms).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_exchange import TreeMemory  # noqa: E402  (the same memory sampling)


def _sync(device: str, now: datetime) -> dict[str, Any]:
    from desktop_app.storage.types import new_uuid

    return {"id": new_uuid(), "created_at": now, "updated_at": now, "version": 1, "device_id": device, "deleted": False}


def add_ledgers(path: str) -> dict[str, int]:
    """Ledger rows for every household of the database at ``path`` (Core inserts, one transaction)."""
    from sqlalchemy import select

    from desktop_app.services import open_database
    from desktop_app.storage import models as m
    from desktop_app.storage import models_assist as a
    from desktop_app.storage.models_monitoring import HelpMeasure
    from desktop_app.storage.queries import table_of

    db = open_database(path, device_id="bench-laptop")
    now = datetime.now(UTC)
    dev = "bench-laptop"
    rows: dict[str, list[dict[str, Any]]] = {}

    def add(model: Any, **values: Any) -> str:
        row = {**_sync(dev, now), **values}
        rows.setdefault(model.__tablename__, []).append(row)
        return str(row["id"])

    with db.transaction() as session:
        h, mem, cd = table_of(m.Household), table_of(m.Member), table_of(m.Cadre)
        households = session.execute(select(h.c.id, h.c.village_id).order_by(h.c.number)).all()
        first_member = dict(session.execute(select(mem.c.household_id, mem.c.id).where(mem.c.sort_order == 0)).all())
        cadre = session.execute(select(cd.c.id)).scalars().first()
        fund = add(a.Fund, name="中央财政衔接资金", level="1", year=2026, document="", note="")
        project = add(a.FundProject, fund_id=fund, name="产业项目", year=2026, category="100A39", note="")
        villages = sorted({v for _h, v in households})
        posts = {}
        for v in villages:
            add(
                a.FundAllocation,
                fund_id=fund,
                project_id=project,
                village_id=v,
                year=2026,
                amount_fen=10**9,
                document="",
                note="",
            )
            posts[v] = add(
                a.Post,
                village_id=v,
                name="保洁",
                type="01",
                tier="3",
                funding="1",
                monthly_subsidy_fen=50_000,
                places=20,
                document="",
                note="",
            )
        for i, (hid, vid) in enumerate(households):
            member = first_member.get(hid)
            add(
                a.Pairing,
                household_id=hid,
                cadre_id=cadre,
                role="1",
                started_on=date(2024, 1, 1),
                end_reason="",
                note="",
            )
            add(
                a.HelpPlan,
                household_id=hid,
                year=2026,
                causes=["01"],
                risks=[],
                items=[],
                targets="增收",
                made_by="干部",
                note="",
            )
            measure = ""
            for k in range(3):
                measure = add(
                    HelpMeasure,
                    household_id=hid,
                    year=2026,
                    category="100A39",
                    values=["1"],
                    amount_fen=300_000 + k,
                    note="",
                    content="种植",
                    status="2",
                    result="",
                    evidence=[],
                    fund_id=fund,
                    project_id=project,
                )
            add(
                a.Disbursement,
                household_id=hid,
                measure_id=measure,
                fund_id=fund,
                project_id=project,
                village_id=vid,
                year=2026,
                amount_fen=300_000,
                paid_on=date(2026, 4, 1),
                evidence=[],
                note="",
            )
            for day in (5, 20):
                add(
                    a.Visit,
                    household_id=hid,
                    cadre_id=cadre,
                    visited_on=date(2026, 5, day),
                    found="",
                    agreed="",
                    photos=[],
                    note="",
                )
            if member and i % 2 == 0:
                for month in range(1, 13):
                    add(
                        a.WorkMonth,
                        household_id=hid,
                        member_id=member,
                        month=202500 + month,
                        worked=True,
                        place="义乌",
                        channel="3",
                        industry="02",
                        employer="厂",
                        wage_fen=400_000,
                        transport_subsidy_fen=0,
                        note="",
                    )
            if member and i % 3 == 0:
                loan = add(
                    a.Loan,
                    household_id=hid,
                    member_id=member,
                    product="help_2026",
                    contract_no=f"C{i:08d}",
                    bank="信用社",
                    amount_fen=5_000_000,
                    term_months=36,
                    rate="3.45",
                    drawn_on=date(2026, 1, 1),
                    due_on=date(2029, 1, 1),
                    purpose="",
                    industry="",
                    extension_reason="",
                    note="",
                )
                for month in (4, 7):
                    add(
                        a.LoanRepayment,
                        household_id=hid,
                        loan_id=loan,
                        paid_on=date(2026, month, 1),
                        principal_fen=100_000,
                        interest_fen=14_000,
                        source="manual",
                        note="",
                    )
            if member and i % 10 == 0:
                holder = add(
                    a.PostHolder,
                    post_id=posts[vid],
                    household_id=hid,
                    member_id=member,
                    stage="4",
                    left_reason="",
                    findings=[],
                    note="",
                )
                for month in range(1, 13):
                    add(
                        a.PostMonth,
                        holder_id=holder,
                        household_id=hid,
                        month=202500 + month,
                        days_worked=22,
                        attendance_ok=True,
                        subsidy_fen=50_000,
                        note="",
                    )
        conn = session.connection()
        order = [
            "fund",
            "fund_project",
            "fund_allocation",
            "post",
            "pairing",
            "help_plan",
            "help_measure",
            "disbursement",
            "visit",
            "work_month",
            "loan",
            "loan_repayment",
            "post_holder",
            "post_month",
        ]
        models = {
            **{t.__tablename__: t for t in vars(a).values() if isinstance(t, type) and hasattr(t, "__table__")},
            "help_measure": HelpMeasure,
        }
        for name in order:
            if rows.get(name):
                conn.execute(table_of(models[name]).insert(), rows[name])
    db.close()
    return {name: len(values) for name, values in rows.items()}


def run_child(kind: str, args: list[str]) -> None:
    started = time.perf_counter()
    tree = TreeMemory() if kind == "import" and sys.platform == "linux" else None
    result: dict[str, Any] = {}
    if kind == "ledgers":
        result = {"ledger_rows": sum(add_ledgers(args[0]).values())}
    elif kind == "export":
        from desktop_app.services import open_database
        from desktop_app.services.exchange.export import export_workbook

        db = open_database(args[0])
        with db.session() as session:
            r = export_workbook(session, args[1], device_id="bench-laptop")
        result = {"rows": sum(r.counts.values())}
    elif kind == "import":
        from desktop_app.services import open_database
        from desktop_app.services.exchange.importer import apply_plan, read_file

        db = open_database(args[0], device_id="county-server")
        with db.transaction() as session:
            plan = read_file(session, args[1])
            outcome = apply_plan(session, plan)
            if not outcome.applied:
                raise SystemExit(f"rejected: {[p.line() for p in plan.report.problems[:5]]}")
        totals = outcome.ledger_totals()["added"]
        result = {"ledger_rows": totals, "rows": totals + outcome.households["added"] + outcome.members["added"]}
    result["seconds"] = time.perf_counter() - started
    if tree is not None:
        result["peak_mb"] = tree.stop()
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=20_000)
    parser.add_argument("--keep", type=Path, help="keep the databases and workbooks here")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.child[0] in ("ledgers", "export", "import"):
            run_child(args.child[0], args.child[1:])
        else:  # the card-only steps (demo) are bench_exchange's own
            from bench.bench_exchange import run_child as card_child

            card_child(args.child[0], args.child[1:])
        return
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-assist-"))
    work.mkdir(parents=True, exist_ok=True)
    card, full = work / "card.sqlite", work / "ledgers.sqlite"
    if not full.exists():
        print(child_here("demo", str(card), str(args.households)))
        shutil.copy(card, full)
        print(child_here("ledgers", str(full)))
    lines = []
    for name, db in (("card only", card), ("card + ledgers", full)):
        out = work / f"{db.stem}.xlsx"
        exported = child_here("export", str(db), str(out))
        target = work / f"{db.stem}-import.sqlite"
        target.unlink(missing_ok=True)
        imported = child_here("import", str(target), str(out))
        lines.append((name, exported, imported, out.stat().st_size / 2**20))
    print(f"\n{args.households:,} households")
    print("| workbook | rows | MB | export s | import s | import peak MB |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, exported, imported, size in lines:
        print(
            f"| {name} | {exported['rows']:,} | {size:.0f} | {exported['seconds']:.1f} | {imported['seconds']:.1f} "
            f"| {imported.get('peak_mb', 0):.0f} |"
        )
    (_, e0, i0, _), (_, e1, i1, _) = lines
    extra = e1["rows"] - e0["rows"]
    for step, before, after in (("export", e0, e1), ("import", i0, i1)):
        spent = after["seconds"] - before["seconds"]
        rate = f"{extra / spent:,.0f} rows/s" if spent > 0 else "not measurable (the machine was busier in one run)"
        print(
            f"{step}: {e1['rows'] / after['seconds']:,.0f} rows/s with ledgers, "
            f"{e0['rows'] / before['seconds']:,.0f} without; the ledgers' own {extra:,} rows: {rate}"
        )
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


def child_here(kind: str, *args: str) -> dict[str, Any]:
    """One step in a fresh interpreter running this script (its last output line is the JSON result)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


if __name__ == "__main__":
    main()
