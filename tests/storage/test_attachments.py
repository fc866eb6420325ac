from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.services.households.attachments import AttachmentError, add_attachment, open_attachment, stored_path
from desktop_app.storage.models import Area, Attachment, ChangeLog, Household


def _household(db) -> str:
    with db.transaction() as s:
        village = Area(code="532999001001", name="和平村", level="village")
        s.add(village)
        s.flush()
        h = Household(village_id=village.id, number="5329990010010001", head_name="张三")
        s.add(h)
    return h.id


def test_photo_stored_once_by_hash_and_logged(sqlite_db, tmp_path: Path) -> None:
    hid = _household(sqlite_db)
    photo = tmp_path / "门前照片.jpg"
    photo.write_bytes(b"\xff\xd8fake jpeg" * 1000)
    with sqlite_db.transaction() as s:
        first = add_attachment(s, household_id=hid, source=photo, note="危房改造前")
        second = add_attachment(s, household_id=hid, source=photo, note="再次上传")
    assert first.sha256 == second.sha256 and first.id != second.id
    stored = stored_path(first.sha256)
    assert stored.read_bytes() == photo.read_bytes()
    assert len(list(stored.parent.iterdir())) == 1
    with sqlite_db.session() as s:
        a = s.get(Attachment, first.id)
        assert a.mime == "image/jpeg" and a.filename == "门前照片.jpg"
        assert open_attachment(a) == stored
        assert s.query(ChangeLog).filter_by(entity="attachment", household_id=hid).count() == 2
    stored.write_bytes(b"tampered")
    with pytest.raises(AttachmentError, match="损坏"):
        open_attachment(a)


def test_missing_file_or_household_changes_nothing(sqlite_db, tmp_path: Path) -> None:
    hid = _household(sqlite_db)
    with pytest.raises(AttachmentError, match="不存在"):
        with sqlite_db.transaction() as s:
            add_attachment(s, household_id=hid, source=tmp_path / "nothing.jpg")
    photo = tmp_path / "a.png"
    photo.write_bytes(b"png")
    with pytest.raises(AttachmentError, match="找不到"):
        with sqlite_db.transaction() as s:
            add_attachment(s, household_id="nope", source=photo)
    with sqlite_db.session() as s:
        assert s.query(Attachment).count() == 0
