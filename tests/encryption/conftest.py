"""Encrypted demo databases: real SQLCipher files with their keyring, opened as a front end opens them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.services import Database, open_database
from desktop_app.services.accounts import create_first_admin, has_accounts
from desktop_app.services.demo import generate_demo
from desktop_app.services.encryption import encrypt_database

ADMIN = "县管理员"
PASSWORD = "村村通-2026"


def with_admin(db: Database) -> Database:
    """Only a database with accounts can be encrypted: its first administrator, signed in."""
    if not has_accounts(db):
        create_first_admin(db, ADMIN, "县扶贫办", PASSWORD)
    return db


def make_plain(path: Path, households: int = 24) -> Database:
    db = open_database(path, device_id="laptop-a")
    with db.transaction() as session:
        generate_demo(session, households=households, villages=2, seed=7, device_id="laptop-a")
    return with_admin(db)


def open_encrypted(path: Path, user: str = ADMIN, password: str = PASSWORD) -> Database:
    return open_database(path, device_id="laptop-a", user=user, password=password)


@dataclass
class Encrypted:
    path: Path

    def open(self, user: str = ADMIN, password: str = PASSWORD) -> Database:
        return open_encrypted(self.path, user, password)


@pytest.fixture
def encrypted(tmp_path: Path) -> Encrypted:
    path = tmp_path / "fupin.sqlite"
    encrypt_database(make_plain(path), ADMIN, PASSWORD)
    return Encrypted(path)


@pytest.fixture
def encrypted_db(encrypted: Encrypted) -> Iterator[Database]:
    db = encrypted.open()
    yield db
    db.close()
