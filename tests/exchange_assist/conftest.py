"""Fixtures of the ledger exchange tests: a demo database holding every ledger, its exported workbook."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop_app.services import Database
from desktop_app.services.exchange import ImportOutcome, import_files
from tests.exchange.conftest import export, make_demo
from tests.exchange_assist.ledgers import add_ledgers


@pytest.fixture
def ledger_db(tmp_path: Path) -> Iterator[Database]:
    db = make_demo(tmp_path / "ledgers.sqlite", households=6, villages=2)
    db.ledger_ids = add_ledgers(db)  # type: ignore[attr-defined]  # the test reads them back
    yield db
    db.close()


@pytest.fixture
def ledger_xlsx(ledger_db: Database, tmp_path: Path) -> Path:
    return export(ledger_db, tmp_path / "ledgers.xlsx")


def import_one(db: Database, path: Path, **kw: Any) -> ImportOutcome:
    run = import_files(db, [path], **kw)
    return run.outcomes[0]


def headers(ws: Any) -> list[Any]:
    return [c.value for c in ws[1]]


def col(ws: Any, header: str) -> int:
    return headers(ws).index(header) + 1


def edit(src: Path, out: Path, sheet: str, row: int, values: dict[str, Any]) -> Path:
    """``src`` with cells of one row set (by header), saved as ``out`` the way openpyxl saves."""
    book = openpyxl.load_workbook(src)
    ws = book[sheet]
    for header, value in values.items():
        ws.cell(row=row, column=col(ws, header)).value = value
    book.save(out)
    return out
