"""Everyday work on an encrypted database: search, import, printing, merging, and encrypt → decrypt."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import python_calamine as pc
from sqlalchemy import text

from desktop_app.domain.errors import DomainError
from desktop_app.services import Database
from desktop_app.services.encryption import decrypt_database, encrypt_database, plain_copies, remove_plain_copies
from desktop_app.services.exchange import columns as C
from desktop_app.services.exchange import export_to_file, import_files
from tests.encryption.conftest import ADMIN, PASSWORD, Encrypted, make_plain, open_encrypted, with_admin


def sheets(path: Path) -> dict[str, list[list[Any]]]:
    book = pc.CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names if name != C.METADATA_SHEET}


def test_search_as_the_list_filter_calls_it(encrypted_db: Database) -> None:
    from desktop_app.services.households import HouseholdFilter, list_first_page

    with encrypted_db.read() as session:
        name = session.execute(text("SELECT head_name FROM household ORDER BY number LIMIT 1")).scalar_one()
    page = list_first_page(encrypted_db, HouseholdFilter(query=name[:2]))
    assert page.total >= 1
    assert name in [row.head_name for row in page.rows]


def test_import_into_an_encrypted_database(tmp_path: Path) -> None:
    from desktop_app.services import open_database

    county = make_plain(tmp_path / "county.sqlite", households=10)
    try:
        workbook = export_to_file(county, tmp_path / "county.xlsx").path
    finally:
        county.close()
    path = tmp_path / "laptop.sqlite"
    encrypt_database(with_admin(open_database(path)), ADMIN, PASSWORD)  # a new, empty, encrypted file
    db = open_encrypted(path)
    try:
        run = import_files(db, [workbook])
        assert run.applied, [p.message for p in run.problems][:3]
        assert run.outcomes[0].households["added"] == 10
        with db.read() as session:
            assert session.execute(text("SELECT count(*) FROM household")).scalar_one() == 10
    finally:
        db.close()
    assert path.read_bytes()[:16] != b"SQLite format 3\x00" and b"household" not in path.read_bytes()


def test_printing_a_card_from_an_encrypted_database(encrypted_db: Database, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from desktop_app.services import printing

    with encrypted_db.read() as session:
        number, head = session.execute(text("SELECT number, head_name FROM household ORDER BY number")).first()
    selection = printing.resolve_selection(encrypted_db, "card", household=number)
    out = tmp_path / "card.pdf"
    assert printing.print_to_file(encrypted_db, selection, out) >= 1
    assert len(PdfReader(str(out)).pages) >= 1
    shown = subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True, text=True).stdout
    assert head in shown.replace(" ", "")


def test_merging_an_encrypted_laptop_file(encrypted: Encrypted, tmp_path: Path) -> None:
    from desktop_app.services import DatabaseError
    from desktop_app.services.encryption import WRONG, merge_encrypted
    from desktop_app.services.merge import merge_database

    laptop = tmp_path / "laptop-b.sqlite"
    encrypted.path.with_name("fupin.sqlite.keys").rename(laptop.with_name("laptop-b.sqlite.keys"))
    encrypted.path.rename(laptop)
    here = make_plain(tmp_path / "here.sqlite", households=24)  # the same seed: the same county
    try:
        with pytest.raises(DatabaseError, match="已加密"):
            merge_database(here, laptop)
        with pytest.raises(DomainError, match=WRONG):
            merge_encrypted(here, laptop, ADMIN, "not-the-password")
        result = merge_encrypted(here, laptop, ADMIN, PASSWORD)
        assert result.source == "laptop-b.sqlite"
    finally:
        here.close()


def test_encrypt_then_decrypt_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "fupin.sqlite"
    db = make_plain(path)
    before = sheets(export_to_file(db, tmp_path / "before.xlsx").path)
    result = encrypt_database(db, ADMIN, PASSWORD)
    assert result.encrypted and result.rows > 24 and result.kept_plain is None
    db = open_encrypted(path)
    encrypted_export = sheets(export_to_file(db, tmp_path / "encrypted.xlsx").path)
    back = decrypt_database(db, ADMIN, PASSWORD)
    assert back.tables == result.tables and back.rows >= result.rows  # (+ the audit entries, once merged)
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    assert not path.with_name("fupin.sqlite.keys").exists()
    assert back.backup is not None and back.backup.read_bytes()[:16] != b"SQLite format 3\x00"
    from desktop_app.services import open_database

    db = open_database(path, user=ADMIN, password=PASSWORD)
    after = sheets(export_to_file(db, tmp_path / "after.xlsx").path)
    db.close()
    assert before == encrypted_export == after


def test_encrypt_refuses_an_encrypted_file_and_lists_plain_copies(tmp_path: Path) -> None:
    path = tmp_path / "fupin.sqlite"
    db = make_plain(path)
    old = tmp_path / "fupin.backup-before-upgrade-20260101T000000Z.sqlite"
    old.write_bytes(path.read_bytes())
    result = encrypt_database(db, ADMIN, PASSWORD, keep_plain=True)
    assert result.kept_plain is not None and result.kept_plain.read_bytes()[:16] == b"SQLite format 3\x00"
    assert old in result.plain_copies and result.kept_plain not in result.plain_copies
    assert remove_plain_copies(result.plain_copies) == 1 and not old.exists()
    assert plain_copies(path) == [result.kept_plain]
    db = open_encrypted(path)
    try:
        with pytest.raises(DomainError, match="已经加密"):
            encrypt_database(db, ADMIN, PASSWORD)
    finally:
        db.close()


def test_refused_role_changes_nothing(tmp_path: Path) -> None:
    from desktop_app.services import PermissionDenied, permissions

    path = tmp_path / "fupin.sqlite"
    db = make_plain(path)
    refusal = ("只有县级管理员可以加密数据库。", "county administrators only")
    previous = permissions.install_checker(lambda _db, action: refusal if action == "database.encrypt" else None)
    try:
        with pytest.raises(PermissionDenied):
            encrypt_database(db, ADMIN, PASSWORD)
    finally:
        permissions.install_checker(previous)
        db.close()
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    assert not path.with_name("fupin.sqlite.keys").exists()
