"""The selection of a post's holders: each eligibility rule refuses with its rule named and lets the valid case
through, the written override is kept with who decided, the notice period, one post per person, the places."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlmodel import select

from desktop_app.domain.assistance import AssistError
from desktop_app.services.assistance import (
    apply_for_post,
    change_post_rules,
    household_posts,
    post_holders,
    post_list,
    post_rules,
    post_step,
)
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.models import Member
from desktop_app.storage.models_assist import PostHolder
from desktop_app.storage.models_monitoring import MonitoringCase
from tests.assist_posts.helpers import DAY, contracted, post, set_member, village


def _check(db: Any, post_id: str, member_id: str) -> str:
    holder = apply_for_post(db, post_id, member_id, DAY)
    post_step(db, holder, "check", DAY)
    return holder


def _refused(db: Any, post_id: str, member_id: str, rule: str) -> AssistError:
    holder = apply_for_post(db, post_id, member_id, DAY)
    with pytest.raises(AssistError) as caught:
        post_step(db, holder, "check", DAY)
    assert caught.value.rule == f"post_rules.{rule}"
    assert f"post_rules.{rule}" in caught.value.message_zh
    stage = {h.id: h.stage_label for h in post_holders(db, post_id)}[holder]
    assert stage == "已报名"  # nothing written: still applied
    return caught.value


@pytest.mark.parametrize(
    ("birth", "labour", "ok"),
    [
        (date(2010, 3, 3), "1", False),  # 15 on the day
        (date(2010, 3, 2), "1", True),  # 16 that day
        (date(1965, 1, 1), "1", True),  # 61, ordinary labour: up to 65
        (date(1965, 1, 1), "3", False),  # 61, weak labour: up to 60
        (date(1960, 3, 2), "2", False),  # 66
        (date(1961, 3, 3), "2", True),  # 64
    ],
)
def test_the_age_band_with_its_extension_for_able_workers(sqlite_db: Any, birth: date, labour: str, ok: bool) -> None:
    v = village(sqlite_db)
    pid = post(sqlite_db, v)
    set_member(sqlite_db, v.members["张家1"], birth_date=birth, labour=labour)
    if ok:
        holder = _check(sqlite_db, pid, v.members["张家1"])
        assert post_holders(sqlite_db, pid)[0].id == holder
        assert post_holders(sqlite_db, pid)[0].stage_label == "已审核"
    else:
        error = _refused(sqlite_db, pid, v.members["张家1"], "age")
        assert "年龄条件" in error.message_zh


def test_a_person_of_another_village_is_refused(sqlite_db: Any) -> None:
    v = village(sqlite_db)
    pid = post(sqlite_db, v)
    error = _refused(sqlite_db, pid, v.members["赵六"], "registered")
    assert "不是本村在册人员" in error.message_zh
    _check(sqlite_db, pid, v.members["王五"])


def test_a_member_who_moved_out_is_no_longer_registered(sqlite_db: Any) -> None:
    v = village(sqlite_db)
    pid = post(sqlite_db, v)
    set_member(sqlite_db, v.members["王家1"], active=False, left_on=date(2026, 1, 5))
    _refused(sqlite_db, pid, v.members["王家1"], "registered")


@pytest.mark.parametrize(("labour", "ok"), [("4", False), ("5", False), (None, False), ("3", True), ("1", True)])
def test_only_able_workers(sqlite_db: Any, labour: str | None, ok: bool) -> None:
    v = village(sqlite_db)
    pid = post(sqlite_db, v)
    set_member(sqlite_db, v.members["王家2"], labour=labour)
    if ok:
        _check(sqlite_db, pid, v.members["王家2"])
    else:
        _refused(sqlite_db, pid, v.members["王家2"], "able_to_work")


def test_the_family_of_a_public_official_is_refused(sqlite_db: Any) -> None:
    v = village(sqlite_db)
    pid = post(sqlite_db, v)
    set_member(sqlite_db, v.members["张三"], is_public_official=True)
    error = _refused(sqlite_db, pid, v.members["张家1"], "cadre_family")
    assert "村干部及其家属" in error.message_zh
    _check(sqlite_db, pid, v.members["王家1"])


def test_a_photovoltaic_post_only_for_exited_or_monitored_households(sqlite_db: Any) -> None:
    v = village(sqlite_db)
    pid = post(sqlite_db, v, funding="2")
    _refused(sqlite_db, pid, v.members["王家1"], "photovoltaic")
    _check(sqlite_db, pid, v.members["李家1"])  # 0002 has exited
    with writing(sqlite_db, "test.setup") as work:
        work.session.add(
            MonitoringCase(
                household_id=v.households[0], found_on=date(2025, 5, 1), stage="included", included_on=date(2025, 6, 1)
            )
        )
    _check(sqlite_db, pid, v.members["张家1"])  # 0001 is monitored


def test_one_post_per_person_across_posts(sqlite_db: Any) -> None:
    v = village(sqlite_db)
    first, second = post(sqlite_db, v), post(sqlite_db, v, type="02", tier="2")
    contracted(sqlite_db, first, v.members["张家1"])
    error = _refused(sqlite_db, second, v.members["张家1"], "one_post")
    assert "保洁员" in error.message_zh  # the other post is named
    assert "一人一岗" in error.message_zh


def test_every_rule_broken_is_named_at_once(sqlite_db: Any) -> None:
    v = village(sqlite_db)
    pid = post(sqlite_db, v, funding="2")
    set_member(sqlite_db, v.members["赵六"], labour="4")
    error = _refused(sqlite_db, pid, v.members["赵六"], "registered")
    for rule in ("post_rules.registered", "post_rules.able_to_work", "post_rules.photovoltaic"):
        assert rule in error.message_zh


def test_an_override_in_writing_is_kept_with_who_decided(sqlite_db: Any) -> None:
    v = village(sqlite_db)
    pid = post(sqlite_db, v)
    set_member(sqlite_db, v.members["王家2"], labour="4")
    holder = apply_for_post(sqlite_db, pid, v.members["王家2"], DAY)
    with pytest.raises(AssistError, match="决定人"):
        post_step(sqlite_db, holder, "check", DAY, override="县人社局同意")
    post_step(sqlite_db, holder, "check", DAY, override="县人社局 2026-03-01 书面同意", decided_by="李局长")
    row = household_posts(sqlite_db, v.households[2])[0]
    assert row.stage_label == "已审核"
    assert any("post_rules.able_to_work" in f for f in row.findings)
    assert any("书面同意（李局长）" in f for f in row.findings)
    with reading(sqlite_db) as session:
        stored = session.get(PostHolder, holder)
        assert stored is not None
        assert stored.findings[-1]["decided_by"] == "李局长"
        assert stored.findings[-1]["rules"] == ["post_rules.able_to_work"]
    # the contract does not ask again for a rule already decided
    post_step(sqlite_db, holder, "notice", DAY)
    post_step(sqlite_db, holder, "contract", date(2026, 3, 9))
    assert household_posts(sqlite_db, v.households[2])[0].stage_label == "已签约"


def test_the_contract_waits_for_the_end_of_the_notice(sqlite_db: Any) -> None:
    v = village(sqlite_db)
    pid = post(sqlite_db, v)
    holder = _check(sqlite_db, pid, v.members["王家1"])
    post_step(sqlite_db, holder, "notice", DAY)
    row = post_holders(sqlite_db, pid)[0]
    assert (row.notice_start, row.notice_end) == (DAY, date(2026, 3, 8))  # seven days
    with pytest.raises(AssistError) as caught:
        post_step(sqlite_db, holder, "contract", date(2026, 3, 8))
    assert caught.value.rule == "post_rules.notice_days"
    assert "2026-03-09" in caught.value.message_zh
    post_step(sqlite_db, holder, "contract", date(2026, 3, 9))
    assert post_list(sqlite_db, v.id)[0].filled == 1


def test_the_county_can_lengthen_the_notice(sqlite_db: Any) -> None:
    v = village(sqlite_db)
    change_post_rules(sqlite_db, {"notice_days": 10})
    assert post_rules(sqlite_db).notice_days == 10
    pid = post(sqlite_db, v)
    holder = _check(sqlite_db, pid, v.members["王家1"])
    post_step(sqlite_db, holder, "notice", DAY)
    assert post_holders(sqlite_db, pid)[0].notice_end == date(2026, 3, 11)


def test_bad_rules_are_refused_and_nothing_is_saved(sqlite_db: Any) -> None:
    village(sqlite_db)
    for bad in ({"notice_days": 0}, {"age": {"min": 30, "max": 20}}, {"able_to_work": {"labour": "1"}}):
        with pytest.raises(AssistError, match="公益岗位规则无效"):
            change_post_rules(sqlite_db, bad)
    assert post_rules(sqlite_db).notice_days == 7


def test_steps_follow_the_order_and_the_places(sqlite_db: Any) -> None:
    v = village(sqlite_db)
    pid = post(sqlite_db, v, places=1)
    holder = apply_for_post(sqlite_db, pid, v.members["王家1"], DAY)
    with pytest.raises(AssistError, match="选聘顺序"):
        post_step(sqlite_db, holder, "contract", DAY)
    with pytest.raises(AssistError, match="已报名"):
        apply_for_post(sqlite_db, pid, v.members["王家1"], DAY)
    contracted(sqlite_db, pid, v.members["张家1"])
    post_step(sqlite_db, holder, "check", DAY)
    post_step(sqlite_db, holder, "notice", DAY)
    with pytest.raises(AssistError, match="岗位已满"):
        post_step(sqlite_db, holder, "contract", date(2026, 3, 20))
    post_step(sqlite_db, holder, "reject", date(2026, 3, 20), reason="名额已满")
    assert [h.stage_label for h in post_holders(sqlite_db, pid)] == ["已签约", "未通过"] or [
        h.stage_label for h in post_holders(sqlite_db, pid)
    ] == ["未通过", "已签约"]


def test_leaving_frees_the_place_and_the_person(sqlite_db: Any) -> None:
    v = village(sqlite_db)
    first, second = post(sqlite_db, v, places=1), post(sqlite_db, v, type="03")
    holder = contracted(sqlite_db, first, v.members["张家1"])
    post_step(sqlite_db, holder, "leave", date(2026, 6, 30), reason="外出务工")
    assert post_list(sqlite_db, v.id)[0].filled == 0
    _check(sqlite_db, second, v.members["张家1"])
    with reading(sqlite_db) as session:
        assert session.exec(select(Member).where(Member.name == "张家1")).one().active
