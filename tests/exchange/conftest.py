"""Fixtures for the exchange tests: a small demo database, its exported workbook, LibreOffice conversion."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop_app.services import Database, open_database
from desktop_app.services.demo.households import generate_demo
from desktop_app.services.exchange.export import export_workbook


def make_demo(path: Path | str, households: int = 12, villages: int = 2, device: str = "laptop-a") -> Database:
    db = open_database(path, operator="测试员", device_id=device)
    with db.transaction() as session:
        generate_demo(session, households=households, villages=villages, seed=7, device_id=device)
    return db


def export(db: Database, out: Path, **kw: Any) -> Path:
    with db.session() as session:
        export_workbook(session, out, device_id=db.device_id, operator=db.operator, **kw)
    return out


@pytest.fixture
def demo_db(tmp_path: Path) -> Iterator[Database]:
    db = make_demo(tmp_path / "demo.sqlite")
    yield db
    db.close()


@pytest.fixture
def demo_xlsx(demo_db: Database, tmp_path: Path) -> Path:
    return export(demo_db, tmp_path / "village.xlsx")


def soffice_convert(src: Path, target: str, outdir: Path) -> Path:
    """Re-save ``src`` with LibreOffice as ``target`` (xlsx, xls, csv) the way a clerk would."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) is required: apt-get install libreoffice-calc-nogui")
    outdir.mkdir(parents=True, exist_ok=True)
    profile = Path("/tmp") / f"fupin-lo-{uuid.uuid4().hex[:8]}"
    try:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target,
             "--outdir", str(outdir), str(src)],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = outdir / f"{src.stem}.{target.split(':')[0]}"
    assert out.exists(), f"LibreOffice did not write {out}"
    return out
