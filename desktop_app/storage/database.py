"""Opening a database: SQLite file or any SQLAlchemy URL, pragmas, transactions, migrations, backups.

SQLite runs in WAL mode with ``synchronous=FULL`` and foreign keys on, and every write transaction starts
with ``BEGIN IMMEDIATE`` so that two writers never deadlock half-way. Opening an older database upgrades it
after a backup copy (SQLite's online backup API); a database written by a newer app is refused.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlmodel import Session

from desktop_app import config
from desktop_app.assets import migrations_dir
from desktop_app.domain.identity import Identity

log = logging.getLogger(__name__)


class DatabaseError(Exception):
    """A database that cannot be used, with a message for the person at the keyboard."""


class DatabaseTooNew(DatabaseError):
    pass


def to_url(url_or_path: str | Path | None) -> str:
    """A path (or nothing: the default file) becomes a SQLite URL; a URL is kept as it is."""
    if url_or_path is None:
        url_or_path = config.default_db_path()
    text = str(url_or_path)
    if "://" in text:
        return text
    path = Path(text).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # let SQLAlchemy's "begin" event issue BEGIN IMMEDIATE
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def alembic_config(connection: Any = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def current_revisions(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def backup_sqlite(engine: Engine, label: str) -> Path | None:
    """Copy a SQLite database with the online backup API before changing its schema."""
    db_path = engine.url.database
    if engine.dialect.name != "sqlite" or not db_path or db_path == ":memory:":
        return None
    src_path = Path(db_path)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = src_path.with_name(f"{src_path.stem}.backup-{label}-{stamp}{src_path.suffix}")
    src = sqlite3.connect(src_path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


def upgrade(engine: Engine, revision: str = "heads") -> None:
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)


@dataclass
class Database:
    """An open database: the engine plus who is writing (operator and device go into every change)."""

    engine: Engine
    url: str
    identity: Identity = field(default_factory=Identity)
    device_id: str = ""
    backup_path: Path | None = None

    @property
    def operator(self) -> str:
        """The name written into every change (the identity's signature)."""
        return self.identity.signature

    @operator.setter
    def operator(self, name: str) -> None:
        self.identity = Identity(name, self.identity.unit)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def describe(self) -> str:
        """Where the data lives, without any password."""
        return make_url(self.url).render_as_string(hide_password=True)

    def session(self) -> Session:
        """A short-lived session for one user action; the audit hooks read who is writing from it."""
        session = Session(self.engine, expire_on_commit=False)
        session.info["identity"] = self.identity
        session.info["operator"] = self.identity.signature
        session.info["device_id"] = self.device_id
        return session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back on any error."""
        with self.session() as session:
            with session.begin():
                yield session

    def close(self) -> None:
        self.engine.dispose()


def open_database(
    url_or_path: str | Path | None = None,
    *,
    migrate: bool = True,
    operator: str | None = None,
    device_id: str | None = None,
    identity: Identity | None = None,
) -> Database:
    """Open (creating or upgrading as needed) the database the user named, or the default file."""
    from desktop_app.storage import audit

    url = to_url(url_or_path)
    engine = make_engine(url)
    settings = config.load_settings()
    db = Database(
        engine=engine,
        url=url,
        identity=identity or (Identity(operator) if operator is not None else settings.identity),
        device_id=device_id or settings.device_id,
    )
    audit.install()
    try:
        known = {rev.revision for rev in script_directory().walk_revisions()}
        heads = set(script_directory().get_heads())
        current = current_revisions(engine)
    except Exception as exc:  # any driver failure becomes one clear message
        engine.dispose()
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        where = make_url(url).render_as_string(hide_password=True)
        raise DatabaseError(f"无法打开数据库 {where}：{reason}") from exc
    unknown = current - known
    if unknown:
        engine.dispose()
        raise DatabaseTooNew(
            "数据库由更新版本的 Fupin Desk 创建（结构版本 "
            + ", ".join(sorted(unknown))
            + "），本程序无法安全打开。请升级程序后再打开。"
        )
    if migrate and current != heads:
        has_tables = bool(inspect(engine).get_table_names())
        if current or has_tables:
            db.backup_path = backup_sqlite(engine, "before-upgrade")
            log.info("database upgraded from %s, backup at %s", sorted(current), db.backup_path)
        upgrade(engine)
        from desktop_app.services.setup import seed_reference_data

        with db.transaction() as session:
            seed_reference_data(session)
    return db
