"""Tables of accountability: local accounts, the county's role table and the per-device audit chain.

``account`` holds who may sign in on this database (Argon2id password hashes, lockout state, the
administrator's recovery-code hash). ``role_permission`` is the county-editable table of what each role may
do: one row per (role, action), seeded from ``resources/permissions.json`` and edited in the app.
``audit_entry`` is append-only (triggers of migration 0007): one entry per committed unit of work and per
recorded event (login, export, print, unmasking …), chained per device by ``prev_hash`` → ``hash``; the
change-log rows a unit of work wrote carry its entry's id (``change_log.audit_entry``), so that
``fupin audit verify`` can check both tables.

None of these tables travels in a merge except ``audit_entry`` (each laptop's chain is copied whole, so that
a merged database keeps every device's chain verifiable); accounts are local to a database.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from desktop_app.storage.types import UTCDateTime, new_uuid, utcnow

ROLES = ("member", "captain", "township", "county_admin", "auditor")


class Account(SQLModel, table=True):
    """A person who may sign in: name (the login, shown on every change and step), role and area."""

    __tablename__ = "account"
    id: str = Field(default_factory=new_uuid, primary_key=True, max_length=36)
    name: str = Field(max_length=40, unique=True, index=True)
    unit: str = Field(default="", max_length=60)  # work team or office, shown beside the name
    role: str = Field(max_length=20)  # one of ROLES
    area_code: str | None = Field(default=None, max_length=20)  # bound to this area; None: the whole database
    password_hash: str = Field(max_length=200)  # Argon2id, argon2-cffi's encoded form
    must_change: bool = Field(default=True, nullable=False)  # set by the administrator; cleared by the user
    failed_count: int = Field(default=0, nullable=False)
    locked_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    disabled: bool = Field(default=False, nullable=False)
    recovery_hash: str | None = Field(default=None, max_length=200)  # Argon2id of the printed recovery code
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)
    last_login_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class RolePermission(SQLModel, table=True):
    """May ``role`` do ``action``? The county edits these rows; the use-case layer reads them."""

    __tablename__ = "role_permission"
    role: str = Field(primary_key=True, max_length=20)
    action: str = Field(primary_key=True, max_length=60)
    allowed: bool = Field(default=False, nullable=False)
    updated_by: str = Field(default="", max_length=100)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


class AuditEntry(SQLModel, table=True):
    """One link of a device's audit chain: who did what, what it changed, and the hashes that bind it."""

    __tablename__ = "audit_entry"
    __table_args__ = (UniqueConstraint("device_id", "seq", name="uq_audit_entry_device_seq"),)
    id: str = Field(default_factory=new_uuid, primary_key=True, max_length=36)
    device_id: str = Field(max_length=64, index=True)
    seq: int = Field(nullable=False)  # 1, 2, 3 … per device
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False, index=True)
    user_name: str = Field(default="", max_length=100, index=True)
    role: str = Field(default="", max_length=20)
    action: str = Field(max_length=60, index=True)
    subject: str | None = Field(default=None, max_length=36, index=True)  # household, batch, area … id
    records: str = Field(default="")  # JSON: what changed (kinds, ids or counts); never IDs, phones or health
    details: str = Field(default="")  # JSON: event facts (file name, rows, kind of print); never sensitive values
    log_count: int = Field(default=0, nullable=False)  # change-log rows written by this unit of work
    log_digest: str = Field(default="", max_length=64)  # hash over those rows' contents
    prev_hash: str = Field(default="", max_length=64)  # the previous entry's hash on this device ("" first)
    hash: str = Field(max_length=64)  # over this entry's content, log_digest and prev_hash
    # not hashed, local: the merge entry that copied this entry from another database ("" for an entry written
    # here); the merge's history walk and the household history leave the rows of copied entries aside
    copied_by: str = Field(default="", max_length=36)
