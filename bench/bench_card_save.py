"""Benchmark: opening, checking and saving one household card in a county-size database.

Run: .venv/bin/python bench/bench_card_save.py [--households 100000] [--repeat 20]
The card editor saves on the GUI thread (no progress dialog) because a save touches one household; this
shows that it stays far below the ~200 ms after which work must go to the background-job helper. The
baseline, measured in the same run, is one plain ``SELECT`` of the household row by id.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import select, text


def _median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--db", help="an existing database (a demo county) instead of a new one")
    args = parser.parse_args()

    from desktop_app.services import open_database
    from desktop_app.services.demo.households import generate_demo
    from desktop_app.services.households import records as hh
    from desktop_app.storage.models import Household

    path = args.db or str(Path(tempfile.mkdtemp()) / "bench_card.sqlite")
    db = open_database(path, operator="bench", device_id="bench")
    if not args.db:
        started = time.perf_counter()
        with db.transaction() as session:
            generate_demo(session, households=args.households, seed=1)
        print(f"demo county of {args.households:,} households built in {time.perf_counter() - started:.1f} s")
    with db.session() as session:
        household_id = session.execute(select(Household.id).order_by(Household.number).limit(1)).scalar_one()
        total = session.execute(text("SELECT count(*) FROM household")).scalar_one()

    def baseline() -> None:
        with db.session() as session:
            session.execute(select(Household.number).where(Household.id == household_id)).one()

    def load() -> None:
        with db.session() as session:
            hh.load_household(session, household_id)

    def check() -> None:
        with db.session() as session:
            hh.validate(session, hh.load_household(session, household_id))

    counter = [0]

    def save() -> None:
        counter[0] += 1
        with db.transaction() as session:
            form = hh.load_household(session, household_id)
            form.address = f"河边{counter[0]}号"
            form.income_wage_fen += 100
            hh.save_household(session, form)

    def history() -> None:
        with db.session() as session:
            hh.household_history(session, household_id)

    base = _median_ms(baseline, args.repeat)
    print(f"database: {db.describe()} ({total:,} households), median of {args.repeat} runs")
    print(f"  baseline: select one household row      {base:8.2f} ms")
    for name, fn in (("open card (load)", load), ("open + validate", check), ("save (load, edit, save)", save)):
        ms = _median_ms(fn, args.repeat)
        print(f"  {name:<38}{ms:8.2f} ms   ({ms / base:6.1f} x baseline)")
    ms = _median_ms(history, args.repeat)
    print(f"  {'history of the card':<38}{ms:8.2f} ms   ({ms / base:6.1f} x baseline)")
    with db.session() as session:
        village_id = session.get(Household, household_id).village_id
        started = time.perf_counter()
        hh.new_household_form(session, village_id)
        ms = (time.perf_counter() - started) * 1000
    print(f"  {'new card (next household number)':<38}{ms:8.2f} ms   ({ms / base:6.1f} x baseline)")

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.card_editor import HouseholdCardDialog

    app = QApplication.instance() or QApplication([])

    def open_dialog() -> None:
        dialog = HouseholdCardDialog(db, household_id)
        dialog.show()
        app.processEvents()
        dialog.hide()
        dialog.deleteLater()

    ms = _median_ms(open_dialog, max(3, args.repeat // 4))
    print(f"  {'card dialog built and shown (Qt)':<38}{ms:8.2f} ms   ({ms / base:6.1f} x baseline)")
    db.close()


if __name__ == "__main__":
    main()
