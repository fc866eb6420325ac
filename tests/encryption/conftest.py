"""Encrypted demo databases: real SQLCipher files with their keyring, opened as a front end opens them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.services import Database, open_database
from desktop_app.services.demo import generate_demo
from desktop_app.services.encryption import encrypt_database

ADMIN = "县管理员"
PASSWORD = "村村通-2026"


def make_plain(path: Path, households: int = 24) -> Database:
    db = open_database(path, operator=ADMIN, device_id="laptop-a")
    with db.transaction() as session:
        generate_demo(session, households=households, villages=2, seed=7, device_id="laptop-a")
    return db


def open_encrypted(path: Path, user: str = ADMIN, password: str = PASSWORD) -> Database:
    return open_database(path, operator=user, device_id="laptop-a", user=user, password=password)


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
