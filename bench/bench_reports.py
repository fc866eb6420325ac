"""Benchmark: a village register of 1,000 households (~3,500 members) and an announcement of 200 households.

Run: .venv/bin/python bench/bench_reports.py [--households 1000] [--listed 200] [--runs 3] [--keep DIR]

Each document is timed from the database to the finished PDF (data assembly + layout + writing) and beside
it, in the same run, a plain reportlab document of the same rows and columns with the same embedded font:
one LongTable with a repeated header (what reportlab gives without help) and the same rows split into
500-row tables (the FACTS.md work-around). Figures are medians of --runs runs. Target: the register < 3 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_database(path: Path, households: int, listed: int) -> tuple[str, str]:
    """One demo village whose households are all registered, and an announcement batch of ``listed`` of them."""
    from sqlalchemy import select, update

    from desktop_app.services import open_database
    from desktop_app.services.demo.households import generate_demo
    from desktop_app.storage.models import Area, Batch, BatchHousehold, Household

    db = open_database(path, operator="bench", device_id="bench")
    with db.transaction() as session:
        generate_demo(session, households=households, villages=1, seed=7)
        session.execute(update(Household).values(stage="registered"))
        village = session.execute(select(Area).where(Area.level == "village")).scalar_one()
        batch = Batch(
            kind="village_announcement",
            number="BENCH",
            village_id=village.id,
            start_date=date(2019, 5, 6),
            end_date=date(2019, 5, 12),
            objection_phone="0872-5123456",
        )
        session.add(batch)
        session.flush()
        ids = session.execute(select(Household.id).order_by(Household.number).limit(listed)).scalars().all()
        session.execute(
            BatchHousehold.__table__.insert(),  # type: ignore[attr-defined]
            [
                {"id": f"bench-{i}", "batch_id": batch.id, "household_id": hid, "sort_order": i}
                for i, hid in enumerate(ids)
            ],
        )
        village_id, batch_id = village.id, batch.id
    db.close()
    return village_id, batch_id


def time_document(db_path: Path, kind: str, village_id: str, batch_id: str, out: Path) -> tuple[float, int]:
    from desktop_app.services import open_database, printing

    db = open_database(db_path, operator="bench", device_id="bench")
    try:
        selection = printing.Selection(
            kind, village_id=village_id, batch_id=batch_id if kind == "announcement" else None
        )
        started = time.perf_counter()
        pages = printing.print_to_file(db, selection, out)
        return time.perf_counter() - started, pages
    finally:
        db.close()


def document_rows(db_path: Path, kind: str, village_id: str, batch_id: str) -> tuple[list[str], list[list[str]], bool]:
    """The same header and rows as the document, as plain strings (for the baseline)."""
    from desktop_app.services import open_database
    from desktop_app.services.printing import data as print_data
    from desktop_app.storage.models import Batch

    db = open_database(db_path, operator="bench", device_id="bench")
    try:
        with db.session() as session:
            if kind == "register":
                from desktop_app.reports.register import COLUMNS, RegisterRenderer

                renderer = RegisterRenderer(print_data.register_data(session, village_id))
                rows, _ = renderer.rows()
                return [c[0] for c in COLUMNS], rows, True
            from desktop_app.reports.public import AnnouncementRenderer

            batch = session.get(Batch, batch_id)
            renderer = AnnouncementRenderer(print_data.announcement_data(session, batch))
            return [c.title for c in renderer.columns()], renderer.table_rows(), False
    finally:
        db.close()


def plain_reportlab(
    header: list[str], rows: list[list[str]], landscape_page: bool, out: Path, chunk: int | None
) -> tuple[float, int]:
    from desktop_app.reports.fonts import MAIN_FONT, fonts
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import LongTable, SimpleDocTemplate, TableStyle

    fonts()
    started = time.perf_counter()
    pagesize = landscape(A4) if landscape_page else A4
    doc = SimpleDocTemplate(
        str(out),
        pagesize=pagesize,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=18 * mm,
        bottomMargin=16 * mm,
        initialFontName=MAIN_FONT,
    )
    width = pagesize[0] - 24 * mm
    style = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), MAIN_FONT, 8),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
        ]
    )
    widths = [width / len(header)] * len(header)
    parts = [rows] if chunk is None else [rows[i : i + chunk] for i in range(0, len(rows), chunk)]
    story = [LongTable([header, *part], colWidths=widths, repeatRows=1, style=style) for part in parts]
    doc.build(story)
    elapsed = time.perf_counter() - started
    from pypdf import PdfReader

    return elapsed, len(PdfReader(str(out)).pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--households", type=int, default=1000)
    parser.add_argument("--listed", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the PDFs in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-reports-") as tmp:
        folder = Path(tmp)
        os.environ["FUPIN_DATA_DIR"] = str(folder / "data")
        out_dir = args.keep or folder
        out_dir.mkdir(parents=True, exist_ok=True)
        db_path = folder / "bench.sqlite"
        started = time.perf_counter()
        village_id, batch_id = build_database(db_path, args.households, args.listed)
        print(f"demo village of {args.households} households built in {time.perf_counter() - started:.1f} s")
        print(f"{'document':<34}{'rows':>7}{'pages':>7}{'seconds':>10}{'pages/s':>10}{'vs ours':>9}")
        for kind in ("register", "announcement"):
            ours = [
                time_document(db_path, kind, village_id, batch_id, out_dir / f"{kind}.pdf") for _ in range(args.runs)
            ]
            seconds = statistics.median(t for t, _ in ours)
            pages = ours[0][1]
            header, rows, wide = document_rows(db_path, kind, village_id, batch_id)
            label = f"{kind} (Fupin Desk, db→PDF)"
            print(f"{label:<34}{len(rows):>7}{pages:>7}{seconds:>10.2f}{pages / seconds:>10.1f}{'1.00':>9}")
            for name, chunk in (("plain LongTable", None), ("plain 500-row tables", 500)):
                runs = [
                    plain_reportlab(header, rows, wide, out_dir / f"{kind}-plain-{chunk}.pdf", chunk)
                    for _ in range(args.runs)
                ]
                base = statistics.median(t for t, _ in runs)
                label = f"  {name}"
                print(
                    f"{label:<34}{len(rows):>7}{runs[0][1]:>7}{base:>10.2f}{runs[0][1] / base:>10.1f}"
                    f"{base / seconds:>9.2f}"
                )
            if kind == "register":
                verdict = "met" if seconds < 3 else "MISSED"
                print(f"  target: register under 3 s: {verdict} ({seconds:.2f} s)")
        print("'vs ours' = baseline seconds / our seconds (above 1: ours is faster, though it also reads the database)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
