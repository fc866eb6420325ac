"""Opening a database: SQLite file or any SQLAlchemy URL, pragmas, transactions, migrations, backups.

SQLite runs in WAL mode with ``synchronous=FULL`` and foreign keys on. Read-only work
(``Database.read()``, plain ``Database.session()``, ``engine.connect()``) opens a *deferred* transaction: in
WAL mode it reads a consistent snapshot while a writer writes, so statistics, checks, exports and list
views never wait for an import. Write transactions (``Database.transaction()``) start with
``BEGIN IMMEDIATE`` so that two writers never deadlock half-way; a second writer queues (telling the user
once that it waits) for up to ``WriteGate.wait_s`` instead of failing after a few seconds. Opening an
older database upgrades it after a backup copy (SQLite's online backup API, written to a temporary file
and renamed so that a full disk never leaves half a backup); a database written by a newer app is refused.
"""

from __future__ import annotations

import errno
import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
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
from desktop_app.storage import backup as backup_files
from desktop_app.storage import cipher

log = logging.getLogger(__name__)


class DatabaseError(Exception):
    """A database that cannot be used, with a message for the person at the keyboard."""


class DatabaseTooNew(DatabaseError):
    pass


class DatabaseBusy(DatabaseError):
    """Another program kept the database's write lock for longer than we were willing to wait."""


WRITE_OPTION = "fupin_write"  # execution option: this connection's transaction will write (BEGIN IMMEDIATE)
WAIT_MESSAGE = "另一个程序正在写入数据库（例如正在导入），正在等待它完成…（按 Ctrl+C 可取消）"
BUSY_TIMEOUT_MS = 10_000  # statements other than BEGIN IMMEDIATE (a reader in WAL mode almost never waits)
FIRST_TRY_MS = 1_500  # how long a writer waits silently before saying that it waits
RETRY_MS = 500  # then it retries in short steps so that Ctrl+C and cancel requests are noticed


def _is_busy(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text or "database table is locked" in text


_hooks = threading.local()


@contextmanager
def write_wait_hooks(
    notify: Callable[[str], None] | None, cancelled: Callable[[], bool] | None = None
) -> Iterator[None]:
    """While this block runs on this thread, a waiting writer tells ``notify`` and stops when ``cancelled()``.

    The app's background jobs use it so that an import waiting for another program says so in its progress
    dialog and can be cancelled; it also marks the thread as one that may wait long.
    """
    previous = getattr(_hooks, "value", None)
    _hooks.value = (notify, cancelled)
    try:
        yield
    finally:
        _hooks.value = previous


@dataclass
class WriteGate:
    """How a SQLite writer waits for another writer: for long, telling the user once, never failing raw.

    ``notify`` receives :data:`WAIT_MESSAGE` once per waiting transaction (the CLI prints it; app jobs show
    it through :func:`write_wait_hooks`); ``wait_s`` bounds the whole wait (a writer stuck for half an hour
    is not coming back). A thread that nobody listens to (the app's GUI thread) waits only
    ``silent_wait_s``: a frozen window with no word is worse than a clear "try again" message.
    """

    wait_s: float = 1800.0
    silent_wait_s: float = 10.0
    notify: Callable[[str], None] | None = None

    def begin_immediate(self, conn: Any) -> None:
        notify, cancelled = getattr(_hooks, "value", None) or (self.notify, None)
        limit = self.wait_s if notify is not None else self.silent_wait_s
        raw = conn.connection.driver_connection
        started = time.monotonic()
        told = False
        raw.execute(f"PRAGMA busy_timeout={min(FIRST_TRY_MS, int(limit * 1000))}")
        try:
            while True:
                try:
                    raw.execute("BEGIN IMMEDIATE")
                    return
                except cipher.OperationalErrors as exc:  # sqlite3's or, on an encrypted file, SQLCipher's
                    if not _is_busy(exc):
                        raise
                    waited = time.monotonic() - started
                    if cancelled is not None and cancelled():
                        raise DatabaseBusy("另一个程序正在写入数据库，已停止等待；数据库没有任何改动。") from exc
                    if waited >= limit:
                        raise DatabaseBusy(
                            f"另一个程序正在写入数据库，等了 {max(1, round(waited))} 秒仍未写完；本次操作没有改动"
                            "数据库。请等它完成（或关闭它）后重试。"
                        ) from exc
                    if not told:
                        told = True
                        log.info("waiting for another writer")
                        if notify is not None:
                            notify(WAIT_MESSAGE)
                        raw.execute(f"PRAGMA busy_timeout={RETRY_MS}")
        finally:
            raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def to_url(url_or_path: str | Path | None) -> str:
    """A path (or nothing: the default file) becomes a SQLite URL; a URL is kept as it is.

    The folder of a SQLite file is created here; a folder that cannot be created is refused with a message
    saying what to do (exit code 3 on the CLI).
    """
    if url_or_path is None:
        url_or_path = config.default_db_path()
    text = str(url_or_path)
    if "://" in text:
        return text
    path = Path(text).expanduser().resolve()
    if path.is_dir():
        raise DatabaseError(f"数据库路径 {path} 是一个文件夹：请给出数据库文件的路径（如 {path / 'fupin.sqlite'}）。")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"无法创建数据库文件夹 {path.parent}：{_os_reason(exc)}") from exc
    return f"sqlite:///{path}"


def _os_reason(exc: OSError) -> str:
    """What to do about a file-system error, in one Chinese phrase (the full mapper lives in desktop_app.errors)."""
    reasons = {
        errno.ENOSPC: "磁盘已满，请腾出空间后重试",
        errno.EROFS: "文件夹是只读的，请换一个可写的位置",
        errno.EACCES: "没有权限，请换一个文件夹或请管理员授权",
        errno.EPERM: "没有权限，请换一个文件夹或请管理员授权",
        errno.ENOENT: "上级文件夹不存在或无法创建，请检查路径",
        errno.ENOTDIR: "路径中的某一级不是文件夹，请检查路径",
        errno.EEXIST: "同名文件已存在，请检查路径",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # let SQLAlchemy's "begin" event issue BEGIN IMMEDIATE
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.close()


def make_engine(url: str, gate: WriteGate | None = None, key: bytes | None = None) -> Engine:
    """An engine; on SQLite, readers begin deferred and writers (``WRITE_OPTION``) begin immediate via ``gate``.

    With ``key`` (the data key of an encrypted file) every connection is a SQLCipher one whose first
    statement sets the raw key (storage.cipher), before the usual pragmas.
    """
    if key is not None:
        path = make_url(url).database
        if not url.startswith("sqlite") or not path or path == ":memory:":
            raise DatabaseError("只有 SQLite 数据库文件可以加密。")
        engine = create_engine(
            url, future=True, module=cipher.dbapi(), creator=lambda: cipher.connect(path, key, check_same_thread=False)
        )
    else:
        engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        writers = gate or WriteGate()

        def begin(conn: Any) -> None:
            if conn.get_execution_options().get(WRITE_OPTION):
                writers.begin_immediate(conn)
            else:
                conn.exec_driver_sql("BEGIN")  # deferred: a snapshot read beside any writer (WAL)

        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", begin)
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


def _sqlite_reason(exc: BaseException) -> str:
    text = str(exc).lower()
    if "full" in text:
        return "磁盘已满，请腾出空间后重试"
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return "文件或所在文件夹只读、没有写入权限，请换一个可写的位置（或用 --db 指定）"
    if "not a database" in text or "malformed" in text:
        return "文件已损坏或不是数据库，请从备份恢复或用 --db 指定另一个文件"
    if "locked" in text or "busy" in text:
        return "另一个程序正在独占使用它，请稍后重试"
    if "disk i/o error" in text:
        return "读写磁盘出错（磁盘可能已满、损坏或被拔出），请检查磁盘后重试"
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def upgrade(engine: Engine, revision: str = "heads") -> None:
    from alembic import command

    with engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
        command.upgrade(alembic_config(conn), revision)


@dataclass
class Database:
    """An open database: the engine plus who is writing (operator and device go into every change)."""

    engine: Engine
    url: str
    identity: Identity = field(default_factory=Identity)
    device_id: str = ""
    backup_path: Path | None = None
    gate: WriteGate = field(default_factory=WriteGate)
    upgraded: bool = False  # created or upgraded by this open (its reference data still to be added)
    key: bytes | None = None  # the data key of an encrypted (SQLCipher) database; None: a plain file
    has_accounts: bool = False  # once accounts exist, every action needs a signed-in identity

    @property
    def sqlite_path(self) -> Path | None:
        """The file of a SQLite database (None for a server or an in-memory database)."""
        name = self.engine.url.database
        if self.dialect != "sqlite" or not name or name == ":memory:":
            return None
        return Path(name)

    def raw_connection(self) -> Any:
        """A DB-API connection of its own to the SQLite file (the online backup API, integrity checks).

        On an encrypted file it is a SQLCipher connection opened with :attr:`key` (same API as ``sqlite3``;
        its errors are those of ``storage.cipher.Errors``).
        """
        path = self.sqlite_path
        if path is None:
            raise DatabaseError("只有 SQLite 数据库文件可以这样打开。")
        return cipher.connect(path, self.key)

    def connect_file(self, path: Path) -> Any:
        """A DB-API connection to another file opened the way :meth:`raw_connection` opens this one (a backup
        copy, a backup to restore): SQLCipher with :attr:`key` when the database is encrypted."""
        return cipher.connect(path, self.key)

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

    def session(self, *, write: bool = False) -> Session:
        """A short-lived session for one user action; the audit hooks read who is writing from it.

        Without ``write`` its transaction is deferred (a reader that never waits for a writer); use
        :meth:`transaction` to write.
        """
        options = {WRITE_OPTION: True} if write else {}
        session = Session(self.engine, expire_on_commit=False, execution_options=options)
        session.info["identity"] = self.identity
        session.info["operator"] = self.identity.signature
        session.info["device_id"] = self.device_id
        return session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """Read-only work (statistics, checks, exports, list views, printing, search): one consistent snapshot.

        On SQLite the transaction is deferred, so it reads beside a running import instead of waiting for
        it; nothing is ever committed (the block ends with a rollback).
        """
        with self.session() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back on any error.

        On SQLite it takes the write lock at once (``BEGIN IMMEDIATE``), waiting its turn behind another
        writer as :class:`WriteGate` says.
        """
        with self.session(write=True) as session:
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
    on_write_wait: Callable[[str], None] | None = None,
    key: bytes | None = None,
) -> Database:
    """Open (creating or upgrading as needed) the database the user named, or the default file.

    ``on_write_wait`` is told once per write transaction that has to wait for another writer; ``key`` is
    the data key of an encrypted SQLite file (the encryption feature opens it with SQLCipher).
    """
    from desktop_app.storage import audit

    url = to_url(url_or_path)
    refused = _key_refusal(url, key)
    if refused is not None:
        raise DatabaseError(refused)
    gate = WriteGate(notify=on_write_wait)
    try:
        engine = make_engine(url, gate, key)
    except Exception as exc:  # a malformed URL, an unknown kind of database, a driver that is not installed
        scheme = url.split("://", 1)[0]
        raise DatabaseError(
            f"不认识或无法使用的数据库地址 {_describe(url)}（类型“{scheme}://”）：--db 应为 SQLite 文件路径、"
            "sqlite:///文件路径或 postgresql+psycopg://用户@服务器/数据库。"
        ) from exc
    settings = config.load_settings()
    db = Database(
        engine=engine,
        url=url,
        identity=identity or (Identity(operator) if operator is not None else settings.identity),
        device_id=device_id or settings.device_id,
        gate=gate,
        key=key,
    )
    audit.install()
    try:
        known = {rev.revision for rev in script_directory().walk_revisions()}
        heads = set(script_directory().get_heads())
        current = current_revisions(engine)
    except Exception as exc:  # any driver failure becomes one clear message
        engine.dispose()
        reason = _sqlite_reason(getattr(exc, "orig", None) or exc)
        raise DatabaseError(f"无法打开数据库 {_describe(url)}：{reason}") from exc
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
            db.backup_path = _backup_before_upgrade(db)
            log.info("database upgraded from %s, backup at %s", sorted(current), db.backup_path)
        try:
            upgrade(engine)
        except Exception:
            engine.dispose()
            raise
        db.upgraded = True  # the services' open step adds the reference data of this version
    return db


def _backup_before_upgrade(db: Database) -> Path | None:
    """The pre-upgrade copy, written like every backup (services.backups) into the same folder and rotation."""
    if db.sqlite_path is None:
        return None
    folder = backup_files.chosen_folder(db.sqlite_path)
    try:
        return backup_files.create_backup(db, folder, "before-upgrade").path
    except backup_files.BackupError as exc:
        db.engine.dispose()
        raise DatabaseError(
            f"升级数据库结构前无法在 {folder} 保存备份（{exc.reason or exc}）；数据库没有任何改动。"
        ) from exc


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None for a server, an in-memory database or an unparsable URL)."""
    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - a broken URL is refused later with its own message
        return None
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def is_encrypted_url(url_or_path: str | Path | None) -> bool:
    """True when the database named is an encrypted (SQLCipher) SQLite file (a question: it creates nothing)."""
    text = str(config.default_db_path() if url_or_path is None else url_or_path)
    try:
        path = sqlite_file(text) if "://" in text else Path(text).expanduser()
        return path is not None and cipher.is_encrypted(path)
    except (OSError, ValueError):  # a name no file can have (e.g. with a NUL): not an encrypted file
        return False


def _key_refusal(url: str, key: bytes | None) -> str | None:
    """A plain file opened with a key, an encrypted one without, or a wrong key: one clear line."""
    path = sqlite_file(url)
    if path is None:
        return "只有 SQLite 数据库文件可以加密。" if key is not None else None
    return cipher.check_key(path, key)


def _describe(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a URL too broken to parse is shown without anything after "@"
        return url.split("@")[-1] if "@" in url else url
