"""Photos and scans kept once by content hash in the data folder (``attachments/ab/abcdef…``).

The database row references the file by SHA-256, so the same photo attached twice is stored once, and a copy
of the database plus the attachments folder is a complete archive.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlmodel import Session

from desktop_app import config
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import Attachment, Household

MAX_BYTES = 50 * 1024 * 1024


class AttachmentError(Exception):
    pass


def attachments_dir() -> Path:
    return config.data_dir() / "attachments"


def stored_path(sha256: str) -> Path:
    return attachments_dir() / sha256[:2] / sha256


def add_attachment(
    session: Session,
    *,
    household_id: str,
    source: Path,
    note: str = "",
    taken_on: date | None = None,
    member_id: str | None = None,
) -> Attachment:
    """Copy ``source`` into the store (atomically) and reference it from the household."""
    household = session.get(Household, household_id)
    if household is None or household.deleted:
        raise AttachmentError("找不到该户。")
    if not source.is_file():
        raise AttachmentError(f"文件不存在：{source.name}")
    size = source.stat().st_size
    if size > MAX_BYTES:
        raise AttachmentError(f"文件过大（{size // 1024 // 1024} MB），附件不能超过 50 MB。")
    digest = hashlib.sha256()
    with source.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    sha = digest.hexdigest()
    target = stored_path(sha)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        os.close(fd)
        try:
            shutil.copyfile(source, tmp)
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    attachment = Attachment(
        household_id=household_id,
        member_id=member_id,
        sha256=sha,
        filename=source.name,
        mime=mimetypes.guess_type(source.name)[0] or "",
        size_bytes=size,
        note=note,
        taken_on=taken_on,
    )
    session.add(attachment)
    session.flush()
    return attachment


def open_attachment(attachment: Attachment) -> Path:
    """The stored file, checked against its hash (a damaged or missing file is reported, not shown)."""
    path = stored_path(attachment.sha256)
    if not path.exists():
        raise AttachmentError(f"附件文件缺失：{attachment.filename}")
    if hashlib.sha256(path.read_bytes()).hexdigest() != attachment.sha256:
        raise AttachmentError(f"附件文件已损坏：{attachment.filename}")
    return path


# --- use cases (front ends) ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttachmentInfo:
    id: str
    household_id: str
    filename: str
    size_bytes: int
    sha256: str


def attach_file(
    db: Database,
    household_id: str,
    source: Path,
    *,
    note: str = "",
    taken_on: date | None = None,
    member_id: str | None = None,
) -> AttachmentInfo:
    """Keep ``source`` with the household's card, in one unit of work (``household.attach``)."""
    with writing(db, "household.attach", household_id) as work:
        row = add_attachment(
            work.session, household_id=household_id, source=source, note=note, taken_on=taken_on, member_id=member_id
        )
        return AttachmentInfo(row.id, row.household_id, row.filename, row.size_bytes, row.sha256)


def attachment_file(db: Database, attachment_id: str) -> Path:
    """The stored file of an attachment, checked against its hash."""
    with reading(db) as session:
        row = session.get(Attachment, attachment_id)
        if row is None or row.deleted:
            raise AttachmentError("找不到该附件。")
        return open_attachment(row)
