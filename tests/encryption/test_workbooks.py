"""Password-protected exchange workbooks: what Excel, WPS and LibreOffice open after asking for the password."""

from __future__ import annotations

import io
from pathlib import Path

import msoffcrypto
import openpyxl
import pytest

from desktop_app.cli import main
from desktop_app.services import Database
from desktop_app.services.exchange import ExchangeError, check_file, export_to_file, import_files
from desktop_app.services.exchange import columns as C
from tests.encryption.conftest import ADMIN, PASSWORD, make_plain

WORKBOOK_PASSWORD = "县里给的密码"


@pytest.fixture
def demo(tmp_path: Path) -> Database:
    db = make_plain(tmp_path / "demo.sqlite", households=6)
    yield db
    db.close()


def cells(book: openpyxl.Workbook) -> dict[str, list[tuple[object, ...]]]:
    """Every sheet's values but the metadata sheet's (it carries the moment of export)."""
    return {
        ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)]
        for ws in book.worksheets
        if ws.title != C.METADATA_SHEET
    }


def test_protected_export_decrypts_to_the_same_cells(demo: Database, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    plain = export_to_file(demo, folder / "plain.xlsx").path
    protected = export_to_file(demo, folder / "protected.xlsx", password=WORKBOOK_PASSWORD).path
    data = protected.read_bytes()
    assert data[:4] == b"\xd0\xcf\x11\xe0"
    assert sorted(p.name for p in folder.iterdir()) == ["plain.xlsx", "protected.xlsx"]  # no plain temporary left
    office = msoffcrypto.OfficeFile(io.BytesIO(data))
    office.load_key(password=WORKBOOK_PASSWORD)
    out = io.BytesIO()
    office.decrypt(out)
    assert cells(openpyxl.load_workbook(out)) == cells(openpyxl.load_workbook(plain))


def test_wrong_password_fails_clearly(demo: Database, tmp_path: Path) -> None:
    protected = export_to_file(demo, tmp_path / "protected.xlsx", password=WORKBOOK_PASSWORD).path
    office = msoffcrypto.OfficeFile(protected.open("rb"))
    with pytest.raises(msoffcrypto.exceptions.InvalidKeyError):
        office.load_key(password="not-this-one", verify_password=True)
    with pytest.raises(ExchangeError, match="密码不正确"):
        check_file(demo, protected, password="not-this-one")
    with pytest.raises(ExchangeError, match="至少 6 位"):
        export_to_file(demo, tmp_path / "short.xlsx", password="123")
    assert not (tmp_path / "short.xlsx").exists()


def test_import_of_a_protected_workbook_asks_for_the_password(demo: Database, tmp_path: Path) -> None:
    protected = export_to_file(demo, tmp_path / "protected.xlsx", password=WORKBOOK_PASSWORD).path
    target = make_plain(tmp_path / "target.sqlite", households=6)
    try:
        with pytest.raises(ExchangeError, match="受密码保护") as info:
            import_files(target, [protected])
        assert "--password" in str(info.value)
        run = import_files(target, [protected], password=WORKBOOK_PASSWORD)
        assert run.applied and run.outcomes[0].file == str(protected)
    finally:
        target.close()


def test_cli_export_and_import_with_password(
    demo: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = str(demo.sqlite_path)
    demo.close()
    out = tmp_path / "cli.xlsx"
    monkeypatch.setenv("FUPIN_WORKBOOK_PASSWORD", WORKBOOK_PASSWORD)
    monkeypatch.setenv("FUPIN_PASSWORD", PASSWORD)  # the administrator's sign-in (the database has accounts)
    login = ["--user", ADMIN]
    assert main(["--db", source, *login, "export", "--out", str(out), "--password"]) == 0
    assert out.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    capsys.readouterr()
    assert main(["--db", source, *login, "import", str(out)]) == 2
    assert "受密码保护" in capsys.readouterr().err
    assert main(["--db", source, *login, "import", str(out), "--password"]) == 0
