"""Signing in and out, the first administrator, one's own password and the administrator's recovery.

A successful sign-in makes the account the database's :class:`Identity`, so that every change, procedure
step and conflict decision from then on carries the account's name (and the audit chain its role). Failed
attempts are counted on the account: from the second one the next try must wait (2, 4, 8 … seconds), and
at the county's limit (default 5) the account is locked for the county's lock time (default 15 minutes); an
administrator's password reset unlocks it. An unknown name costs the same hash as a wrong password and gets
the same message, so that the login does not tell which names exist.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, func, select

from desktop_app.domain.errors import DomainError
from desktop_app.domain.identity import MAX_NAME, MAX_UNIT, Identity
from desktop_app.services.accounts import keywraps, masking, passwords, roles
from desktop_app.services.settings import database_values
from desktop_app.services.unit_of_work import reading, record, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models_accounts import Account
from desktop_app.storage.types import new_uuid, utcnow

MAX_FAILURES_KEY = "accounts.max_failures"
LOCK_MINUTES_KEY = "accounts.lock_minutes"
DEFAULT_MAX_FAILURES = 5
DEFAULT_LOCK_MINUTES = 15
MAX_DELAY_SECONDS = 30


def now() -> datetime:
    """The clock of the lockout (a module function, so that tests can move time forward)."""
    return utcnow()


class SignInError(DomainError):
    """A sign-in (or recovery) refused; ``wait_seconds`` says how long to wait when slowed down or locked."""

    def __init__(self, code: str, zh: str, en: str, wait_seconds: int | None = None) -> None:
        super().__init__(code, zh, en)
        self.wait_seconds = wait_seconds


class LoginRequired(SignInError):
    """A database with accounts opened without naming an account."""


@dataclass(frozen=True)
class Limits:
    max_failures: int
    lock_minutes: int


def _int_setting(values: dict[str, str], key: str, default: int, low: int, high: int) -> int:
    try:
        value = int(values.get(key, "") or default)
    except ValueError:
        return default
    return min(max(value, low), high)


def limits(session: Session) -> Limits:
    """The county's lockout settings (database settings; out-of-range values are clamped)."""
    values = database_values(session)
    return Limits(
        _int_setting(values, MAX_FAILURES_KEY, DEFAULT_MAX_FAILURES, 3, 20),
        _int_setting(values, LOCK_MINUTES_KEY, DEFAULT_LOCK_MINUTES, 1, 24 * 60),
    )


def clean_name(name: str) -> str:
    """An account name as people sign (王芳): spaces trimmed and folded; refused when empty or too long."""
    clean = " ".join(str(name).split())
    if not clean:
        raise DomainError("account_name", "请填写账户名（本人姓名）。", "Enter the account name (your name).")
    if len(clean) > MAX_NAME:
        raise DomainError(
            "account_name", f"账户名过长（最多 {MAX_NAME} 字）。", f"The account name is too long (at most {MAX_NAME})."
        )
    return clean


def clean_unit(unit: str) -> str:
    clean = " ".join(str(unit).split())
    if len(clean) > MAX_UNIT:
        raise DomainError(
            "account_unit", f"单位名称过长（最多 {MAX_UNIT} 字）。", f"The unit is too long (at most {MAX_UNIT})."
        )
    return clean


def install() -> None:
    """The role table's checker and the area hook, installed once per process (idempotent)."""
    roles.install()
    masking.install_area_check()
    keywraps.install()


def identity_of(account: Account) -> Identity:
    return Identity(account.name, account.unit, account.role, account.id, account.area_code)


def find_account(session: Session, name: str) -> Account | None:
    return session.exec(select(Account).where(col(Account.name) == name)).first()


def detached(session: Session, account: Account | None) -> Account | None:
    """``account`` kept readable after its read snapshot ends (a plain copy of the row's values)."""
    if account is not None:
        session.expunge(account)
    return account


def account_count(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(Account)).one())


def has_accounts(db: Database) -> bool:
    with reading(db) as session:
        return account_count(session) > 0


def _wrong(limit: Limits) -> SignInError:
    return SignInError(
        "wrong_password",
        f"账户名或密码不正确；请检查后重试（连续输错 {limit.max_failures} 次将锁定 {limit.lock_minutes} 分钟）。",
        f"Wrong account name or password (after {limit.max_failures} failures the account is locked for "
        f"{limit.lock_minutes} minutes).",
    )


def _locked(wait: int) -> SignInError:
    minutes = max(1, math.ceil(wait / 60))
    return SignInError(
        "account_locked",
        f"账户因连续输错密码已被锁定：请 {minutes} 分钟后再试，或请县级管理员重置密码。",
        f"The account is locked after repeated wrong passwords: try again in {minutes} minute(s), or ask a "
        "county administrator to reset the password.",
        wait,
    )


def _slowed(wait: int) -> SignInError:
    return SignInError(
        "sign_in_wait",
        f"密码已多次输错：请等 {wait} 秒后再试。",
        f"Too many wrong passwords: wait {wait} second(s) and try again.",
        wait,
    )


def _delay(failures: int) -> int:
    """Seconds the next try must wait after ``failures`` consecutive wrong passwords (below the lock)."""
    return 0 if failures < 2 else min(2 ** (failures - 1), MAX_DELAY_SECONDS)


def _seconds_left(until: datetime | None, at: datetime) -> int:
    return 0 if until is None or until <= at else max(1, math.ceil((until - at).total_seconds()))


def _record_failure(db: Database, account_id: str | None, name: str, reason: str) -> None:
    record(db, "session.login_failed", account_id, name=name[:MAX_NAME], reason=reason)


def sign_in(db: Database, name: str, password: str) -> Identity:
    """Check the password and make the account the one who works on ``db`` (every later change is signed
    with its name). Raises :class:`SignInError` (nothing signed in) when refused."""
    install()
    typed = " ".join(str(name).split())[:MAX_NAME]
    with reading(db) as session:
        account = detached(session, find_account(session, typed) if typed else None)
        limit = limits(session)
    if account is None:
        passwords.burn_time(password)
        _record_failure(db, None, typed, "unknown")
        raise _wrong(limit)
    at = now()
    wait = _seconds_left(account.locked_until, at)
    if wait:
        _record_failure(db, account.id, typed, "locked")
        raise _locked(wait) if account.failed_count >= limit.max_failures else _slowed(wait)
    if not passwords.verify(account.password_hash, password):
        raise _count_failure(db, account.id, typed, limit, at)
    if account.disabled:
        _record_failure(db, account.id, typed, "disabled")
        raise SignInError("account_disabled", "此账户已停用；请联系县级管理员。", "This account is disabled.")
    _become(db, account)
    try:
        with writing(db, "session.login", account.id) as work:
            row = work.session.get(Account, account.id)
            assert row is not None
            row.failed_count = 0
            row.locked_until = None
            row.last_login_at = at
            if passwords.needs_rehash(row.password_hash):  # parameters changed since it was set: renew it
                row.password_hash = passwords.hash_secret(password)
            work.session.add(row)
    except Exception:
        _forget(db)
        raise
    return db.identity


def _count_failure(db: Database, account_id: str, name: str, limit: Limits, at: datetime) -> SignInError:
    with writing(db, "session.login_failed", account_id) as work:
        row = work.session.get(Account, account_id)
        assert row is not None
        row.failed_count += 1
        failures = row.failed_count
        locks = failures >= limit.max_failures
        wait = limit.lock_minutes * 60 if locks else _delay(failures)
        row.locked_until = at + timedelta(seconds=wait) if wait else None
        work.session.add(row)
        work.details.update({"name": name, "reason": "password", "failures": failures, "locked": locks})
    if locks:
        return _locked(wait)
    error = _wrong(limit)
    if wait:
        error = SignInError(
            error.code, f"{error.message_zh}请等 {wait} 秒后再试。", f"{error.message_en} Wait {wait} s.", wait
        )
    return error


def _become(db: Database, account: Account) -> None:
    db.identity = identity_of(account)
    db.has_accounts = True
    roles.state(db).must_change = bool(account.must_change)


def _forget(db: Database) -> None:
    db.identity = Identity()
    roles.state(db).must_change = False


def sign_out(db: Database) -> None:
    """Nobody works on ``db`` any more (recorded while the account is still known)."""
    if db.identity.signed_in:
        record(db, "session.logout", db.identity.account_id)
    _forget(db)


def must_change_password(db: Database) -> bool:
    """Whether the signed-in account still has to replace the password an administrator gave it."""
    return db.identity.signed_in and roles.state(db).must_change


def change_password(db: Database, old: str, new: str) -> None:
    """The signed-in account's own password (clears the administrator's "must change")."""
    identity = db.identity
    if not identity.signed_in:
        raise DomainError("not_signed_in", "请先登录，再修改密码。", "Sign in first.")
    with reading(db) as session:
        account = detached(session, session.get(Account, identity.account_id))
    if account is None:
        raise DomainError("no_account", "找不到您的账户；请重新登录。", "Your account no longer exists.")
    if not passwords.verify(account.password_hash, old):
        raise DomainError("wrong_password", "原密码不正确；密码没有修改。", "The current password is wrong.")
    if new == old:
        raise DomainError("same_password", "新密码不能与原密码相同。", "The new password must differ from the old.")
    passwords.check_password(new, account.name)
    with writing(db, "account.change_password", account.id) as work:
        row = work.session.get(Account, account.id)
        assert row is not None
        row.password_hash = passwords.hash_secret(new)
        row.must_change = False
        row.updated_at = utcnow()
        work.session.add(row)
        keywraps.password_changed(db, row.name, old, new)
    roles.state(db).must_change = False


def create_first_admin(db: Database, name: str, unit: str, password: str) -> str:
    """The county administrator of a database that has no account yet, signed in at once; returns the
    recovery code to print (only its hash is kept). Refused once any account exists."""
    install()
    name, unit = clean_name(name), clean_unit(unit)
    passwords.check_password(password, name)
    if has_accounts(db):
        raise DomainError(
            "has_accounts",
            "此数据库已有账户；新的账户请由县级管理员添加。",
            "This database already has accounts; an administrator adds new ones.",
        )
    code = passwords.new_recovery_code()
    account = Account(
        id=new_uuid(),
        name=name,
        unit=unit,
        role=roles.ADMIN_ROLE,
        password_hash=passwords.hash_secret(password),
        must_change=False,
        recovery_hash=passwords.hash_secret(passwords.normalize_recovery_code(code)),
    )
    previous = db.identity
    db.identity = identity_of(account)  # the first administrator signs the creation of its own account
    try:
        with writing(db, "users.manage", account.id) as work:
            if account_count(work.session):
                raise DomainError("has_accounts", "此数据库已有账户。", "This database already has accounts.")
            work.session.add(account)
            work.details.update({"operation": "first_administrator", "name": name, "role": account.role})
            keywraps.password_changed(db, name, None, password)
    except Exception:
        db.identity = previous
        raise
    _become(db, account)
    record(db, "session.login", account.id, first_administrator=True)
    return code


def recover_admin(db: Database, name: str, recovery_code: str, new_password: str) -> str:
    """A county administrator who lost the password sets a new one with the printed recovery code; the old
    code stops working and the new one is returned (to print). The administrator is signed in."""
    install()
    typed = " ".join(str(name).split())[:MAX_NAME]
    with reading(db) as session:
        account = detached(session, find_account(session, typed) if typed else None)
    code = passwords.normalize_recovery_code(recovery_code)
    usable = account is not None and account.role == roles.ADMIN_ROLE and bool(account.recovery_hash)
    ok = usable and account is not None and passwords.verify(account.recovery_hash or "", code)
    if not usable:
        passwords.burn_time(code)
    if account is None or not ok:
        _record_failure(db, None if account is None else account.id, typed, "recovery")
        raise SignInError(
            "wrong_recovery_code",
            "账户名或恢复码不正确；恢复码只对县级管理员有效，请对照建立账户时打印的恢复码。",
            "Wrong account name or recovery code (it works for county administrators only).",
        )
    if account.disabled:
        raise SignInError("account_disabled", "此账户已停用；请联系其他县级管理员。", "This account is disabled.")
    passwords.check_password(new_password, account.name)
    new_code = passwords.new_recovery_code()
    _become(db, account)
    try:
        with writing(db, "account.recover", account.id) as work:
            row = work.session.get(Account, account.id)
            assert row is not None
            row.password_hash = passwords.hash_secret(new_password)
            row.recovery_hash = passwords.hash_secret(passwords.normalize_recovery_code(new_code))
            row.must_change = False
            row.failed_count = 0
            row.locked_until = None
            row.last_login_at = now()
            row.updated_at = utcnow()
            work.session.add(row)
            keywraps.password_changed(db, row.name, None, new_password)
    except Exception:
        _forget(db)
        raise
    roles.state(db).must_change = False
    return new_code
