"""Visits with photos kept as the household's attachments by hash, and the yearly count against the minimum."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from desktop_app.domain.assistance import AssistError
from desktop_app.services.assistance import (
    VisitInput,
    add_visit,
    end_pairing,
    household_pairings,
    household_visits,
    pair,
    save_pairing_rules,
    visit_check,
    visit_tallies,
)
from desktop_app.services.households import attachment_file
from desktop_app.storage.models import Attachment
from tests.assist_pairing.helpers import cadre, county


def _visit(db, hid, cid, on, **kw):
    return add_visit(db, VisitInput(household_id=hid, cadre_id=cid, visited_on=on, found="家中老人慢性病", **kw))


def test_a_visit_keeps_its_photos_as_attachments_by_hash_once(tmp_path) -> None:
    db, _vid, (h1, *_r) = county(tmp_path / "c.sqlite")
    c = cadre(db, "张三")
    photo = tmp_path / "走访.jpg"
    photo.write_bytes(b"\xff\xd8 a photo of the kitchen")
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    _visit(db, h1, c, date(2025, 3, 2), agreed="申请临时救助", photos=[str(photo)])
    _visit(db, "5329990010010001", c, date(2025, 4, 2), photos=[sha])  # the same photo by its hash
    rows = household_visits(db, h1)
    assert [(r.visited_on, r.cadre, r.photos) for r in rows] == [
        (date(2025, 4, 2), "张三", (sha,)),
        (date(2025, 3, 2), "张三", (sha,)),
    ]
    assert rows[1].agreed == "申请临时救助" and rows[1].found == "家中老人慢性病"
    with db.read() as s:
        stored = [(a.id, a.household_id, a.note, a.taken_on, a.sha256) for a in s.query(Attachment).all()]
    ((att_id, *facts),) = stored
    assert facts == [h1, "走访照片", date(2025, 3, 2), sha]
    assert attachment_file(db, att_id).read_bytes() == photo.read_bytes()
    db.close()


def test_a_visit_without_findings_in_the_future_or_with_a_missing_photo_writes_nothing(tmp_path) -> None:
    db, _vid, (h1, h2, _h3) = county(tmp_path / "c.sqlite")
    c = cadre(db, "张三")
    with pytest.raises(AssistError, match="请填写走访发现的情况"):
        add_visit(db, VisitInput(household_id=h1, cadre_id=c, visited_on=date(2025, 1, 5), found=" "))
    with pytest.raises(AssistError, match="走访日期不能晚于今天"):
        add_visit(db, VisitInput(h1, c, date(2025, 1, 6), "情况"), today=date(2025, 1, 5))
    with pytest.raises(AssistError, match="找不到走访照片"):
        _visit(db, h1, c, date(2025, 1, 5), photos=[str(tmp_path / "nope.jpg")])
    other = tmp_path / "other.jpg"
    other.write_bytes(b"another household's photo")
    _visit(db, h2, c, date(2025, 1, 5), photos=[str(other)])
    with pytest.raises(AssistError, match="附件哈希"):  # a photo of another household is not this one's
        _visit(db, h1, c, date(2025, 1, 5), photos=[hashlib.sha256(other.read_bytes()).hexdigest()])
    assert household_visits(db, h1) == []
    db.close()


def test_the_yearly_count_per_pairing_against_the_minimum_pro_rata(tmp_path) -> None:
    db, vid, (h1, h2, _h3) = county(tmp_path / "c.sqlite")
    zhang, li, wang = cadre(db, "张三"), cadre(db, "李四"), cadre(db, "王五")
    pair(db, h1, zhang, started_on=date(2024, 1, 1))
    pair(db, h1, li, started_on=date(2025, 7, 1))  # 张三 2025-01-01..06-30 (181 days) owes 2 of 4, 李四 (184 days) 2
    pair(db, h2, wang, started_on=date(2025, 1, 1))
    pair(db, h2, li, started_on=date(2025, 1, 1), role="2")  # a monitoring contact owes 12
    for month in (2, 5):
        _visit(db, h1, zhang, date(2025, month, 10))
    _visit(db, h1, zhang, date(2025, 8, 1))  # after 张三's pairing ended: not his pairing's visit
    _visit(db, h1, li, date(2025, 9, 1))
    for month in range(1, 13):
        _visit(db, h2, wang, date(2025, month, 3))  # 王五 visits monthly, but as pairing cadre (4 owed)
    tallies = visit_tallies(db, 2025, vid)
    assert [(t.number[-1], t.cadre, t.role_label, t.visits, t.minimum, t.short) for t in tallies] == [
        ("1", "张三", "帮扶责任人", 2, 2, False),
        ("1", "李四", "帮扶责任人", 1, 2, True),
        ("2", "王五", "帮扶责任人", 12, 4, False),
        ("2", "李四", "监测联系人", 0, 12, True),
    ]
    assert [(s.cadre, s.visits, s.minimum) for s in visit_check(db, 2025, vid)] == [("李四", 1, 2), ("李四", 0, 12)]
    save_pairing_rules(db, {"visits_per_year": 2, "visits_per_year_monitored": 0})
    assert [(s.cadre, s.minimum) for s in visit_check(db, 2025)] == []  # 李四 owes 1 of 2 now, has 1
    assert visit_check(db, 2023) == []  # nobody was paired then
    db.close()


def test_a_cadre_who_left_owes_visits_only_for_the_time_served(tmp_path) -> None:
    db, _vid, (h1, *_r) = county(tmp_path / "c.sqlite")
    c = cadre(db, "钱七", started_on=date(2020, 1, 1), ended_on=date(2025, 3, 31))
    pid = pair(db, h1, c, started_on=date(2024, 1, 1))
    _visit(db, h1, c, date(2025, 2, 1))
    (tally,) = visit_tallies(db, 2025)
    assert (tally.visits, tally.minimum) == (1, 1)  # 90 days of 365: 4 × 90 / 365 = 0.99 → 1
    end_pairing(db, pid, date(2025, 3, 31), "调离")
    assert [p.current for p in household_pairings(db, h1, on=date(2025, 4, 1))] == [False]
    db.close()
