"""Each path of the procedure through the services, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop_app.domain.procedure_rules import ProcedureError
from desktop_app.services.procedure import batches as pb
from desktop_app.services.procedure import lookback as lb
from desktop_app.services.procedure import members as pm
from desktop_app.services.procedure import steps as proc
from desktop_app.services.procedure.view import overview, verify_database, village_timeline
from desktop_app.storage.models import Household, Objection, ProcedureEvent
from tests.procedure.helpers import make_household, make_village

D0 = date(2024, 3, 1)


def d(n: int) -> date:
    return D0 + timedelta(days=n)


@pytest.fixture
def village(db):
    with db.transaction() as s:
        vid = make_village(s)
        a = make_household(s, vid, "5329990010010001", "张富贵", seq=1)
        b = make_household(s, vid, "5329990010010002", "李秀英", seq=2)
    return vid, a, b


def identify_to_first_announcement(db, vid, ids):
    with db.transaction() as s:
        for hid in ids:
            proc.create_application(s, hid, on_date=d(0), today=d(0))
            proc.complete_survey(s, hid, on_date=d(1), today=d(1), surveyors="王队长")
        ev = pb.create_evaluation(
            s,
            vid,
            ids,
            meeting_date=d(2),
            today=d(2),
            place="村委会",
            chair="李书记",
            attendees_expected=25,
            attendees_present=21,
        )
        pb.record_votes(s, ev, {hid: (18, 2, 1) for hid in ids})
        pb.close_evaluation(s, ev, today=d(2))
        return pb.open_announcement(s, vid, "village", ids, start=d(3), end=d(10), today=d(3))


def test_identification_walks_every_step_and_cannot_be_short_cut(db, village) -> None:
    vid, a, b = village
    ann = identify_to_first_announcement(db, vid, [a, b])
    with pytest.raises(ProcedureError) as exc:
        with db.transaction() as s:
            pb.close_announcement(s, ann, on_date=d(10), today=d(10))
    assert exc.value.code == "announcement_running" and "2024-03-12" in exc.value.message_zh
    with pytest.raises(ProcedureError) as exc:
        with db.transaction() as s:
            pb.review(s, vid, {a: (True, "")}, level="township", reviewer="右所镇", on_date=d(5), today=d(5))
    assert exc.value.code == "wrong_stage" and "张富贵" in exc.value.message_zh
    with db.transaction() as s:
        assert pb.close_announcement(s, ann, on_date=d(11), today=d(11)) == 2
        pb.review(
            s,
            vid,
            {a: (True, ""), b: (False, "家庭有经营性货车，收入核实高于标准")},
            level="township",
            reviewer="右所镇人民政府",
            on_date=d(12),
            today=d(12),
        )
        ann2 = pb.open_announcement(s, vid, "township", [a], start=d(13), end=d(20), today=d(13))
    with db.transaction() as s:
        pb.close_announcement(s, ann2, on_date=d(21), today=d(21))
        pb.review(s, vid, {a: (True, "")}, level="county", reviewer="县扶贫办", on_date=d(22), today=d(22))
        pb.issue_notice(s, vid, [a], kind="county", on_date=d(23), today=d(23))
    with db.session() as s:
        ha, hb = s.get(Household, a), s.get(Household, b)
        assert (ha.stage, ha.status, ha.identification_year) == ("registered", "1", 2024)
        assert hb.stage == "rejected"
        view = overview(s, a, today=d(24))
        assert all(step.done for step in view.steps if step.stage != "exit_proposed")
        assert view.steps[0].actor == "测试员"
        assert verify_database(s) == []
        timeline = village_timeline(s, vid)
        assert any(t.step == "township_review" and t.outcome == "rejected" and t.reason for t in timeline)


def test_upheld_objection_sends_the_household_back_to_survey(db, village) -> None:
    vid, a, b = village
    ann = identify_to_first_announcement(db, vid, [a, b])
    with db.transaction() as s:
        oid = pb.raise_objection(s, ann, a, raised_by="村民赵某", raised_on=d(5), content="家中有小轿车", today=d(5))
    with pytest.raises(ProcedureError) as exc:
        with db.transaction() as s:
            pb.close_announcement(s, ann, on_date=d(11), today=d(11))
    assert "1 条异议待处理" in exc.value.message_zh
    with pytest.raises(ProcedureError):  # upheld without saying what happens next
        with db.transaction() as s:
            pb.resolve_objection(
                s,
                oid,
                decision="upheld",
                finding="属实",
                investigator="王队长",
                decided_by="村两委",
                decided_on=d(7),
                today=d(7),
            )
    with db.transaction() as s:
        pb.resolve_objection(
            s,
            oid,
            decision="upheld",
            action="back_to_survey",
            finding="经核实有小轿车一辆",
            investigator="王队长",
            decided_by="村两委",
            decided_on=d(7),
            today=d(7),
            objector_informed=True,
        )
        assert pb.close_announcement(s, ann, on_date=d(11), today=d(11)) == 1
    with db.session() as s:
        assert s.get(Household, a).stage == "applied"
        assert s.get(Household, b).stage == "village_announced"
        steps = {m.stage: m.done for m in overview(s, a, today=d(12)).steps}
        assert steps["applied"] and not steps["surveyed"] and not steps["evaluated"]  # to be redone
        assert s.get(Objection, oid).status == "resolved"
        assert verify_database(s) == []


def test_exit_names_unmet_conditions_then_exits(db, village) -> None:
    vid, a, _b = village
    ann = identify_to_first_announcement(db, vid, [a])
    with db.transaction() as s:
        pb.close_announcement(s, ann, on_date=d(11), today=d(11))
        pb.review(s, vid, {a: (True, "")}, level="township", reviewer="镇", on_date=d(12), today=d(12))
        ann2 = pb.open_announcement(s, vid, "township", [a], start=d(12), end=d(19), today=d(12))
        pb.close_announcement(s, ann2, on_date=d(20), today=d(20))
        pb.review(s, vid, {a: (True, "")}, level="county", reviewer="县", on_date=d(20), today=d(20))
        pb.issue_notice(s, vid, [a], kind="county", on_date=d(21), today=d(21))
        proc.propose_exit(s, a, on_date=d(30), today=d(30))
        s.get(Household, a).housing_ok = False
    with pytest.raises(ProcedureError) as exc:
        with db.transaction() as s:
            proc.verify_exit(s, a, on_date=d(31), today=d(31))
    assert "未高于贫困线" in exc.value.message_zh and "住房安全有保障未达到" in exc.value.message_zh
    with db.transaction() as s:
        row = s.get(Household, a)
        row.housing_ok = True
        row.income_wage_fen = 5000_00 * 3
        row.per_capita_income_fen = 5000_00
        proc.verify_exit(s, a, on_date=d(31), today=d(31))
        proc.acknowledge_exit(s, a, signed_by="张富贵", on_date=d(32), today=d(32))
        ex = pb.open_announcement(s, vid, "exit", [a], start=d(33), end=d(40), today=d(33))
        pb.close_announcement(s, ex, on_date=d(41), today=d(41))
        pb.issue_notice(s, vid, [a], kind="exit", on_date=d(42), today=d(42))
    with db.session() as s:
        row = s.get(Household, a)
        assert (row.stage, row.status, row.exit_year) == ("exited", "3", 2024)
        assert verify_database(s) == []


def test_return_to_poverty_from_monitoring(db, village) -> None:
    vid, a, b = village
    with db.transaction() as s:
        row = s.get(Household, b)
        row.income_wage_fen, row.per_capita_income_fen = 4500_00 * 3, 4500_00  # above the line, below 1.5x
        s.get(Household, a).per_capita_income_fen = 9000_00
        s.get(Household, a).medical_expense_fen = 2_000_000  # 20,000 yuan of medical bills
    with db.session() as s:
        rows = {r.household_id: r for r in lb.monitoring_list(s, village_id=vid, today=d(0))}
    assert set(rows) == {a, b}
    assert any("医疗支出" in r for r in rows[a].reasons_zh) and any("1.5" in r for r in rows[b].reasons_zh)
    with db.transaction() as s:
        proc.re_enter(s, b, reason="家庭成员重病，收入骤降", on_date=d(1), today=d(1))
        assert s.get(Household, b).stage == "applied"
        events = s.query(ProcedureEvent).filter_by(household_id=b).all()
        assert [e.step for e in events] == ["application"] and events[0].reason


def test_lookback_round_counts_and_removes_with_reasons(db, village) -> None:
    vid, a, b = village
    ann = identify_to_first_announcement(db, vid, [a])
    with db.transaction() as s:
        pb.close_announcement(s, ann, on_date=d(11), today=d(11))
        pb.review(s, vid, {a: (True, "")}, level="township", reviewer="镇", on_date=d(12), today=d(12))
        ann2 = pb.open_announcement(s, vid, "township", [a], start=d(12), end=d(19), today=d(12))
        pb.close_announcement(s, ann2, on_date=d(20), today=d(20))
        pb.review(s, vid, {a: (True, "")}, level="county", reviewer="县", on_date=d(20), today=d(20))
        pb.issue_notice(s, vid, [a], kind="county", on_date=d(21), today=d(21))
        round_id = lb.open_lookback(s, vid, start=d(60), today=d(60))
    with pytest.raises(ProcedureError):
        with db.transaction() as s:
            lb.wrongly_included(s, round_id, a, reason="", decided_by="村两委", on_date=d(61), today=d(61))
    with db.transaction() as s:
        with pytest.raises(ProcedureError):
            lb.close_lookback(s, round_id, on_date=d(61), today=d(61))
    with db.transaction() as s:
        lb.wrongly_included(s, round_id, a, reason="子女为公职人员", decided_by="县扶贫办", on_date=d(61), today=d(61))
        lb.add_missed(s, round_id, b, reason="因病致贫未纳入", on_date=d(61), today=d(61))
        result = lb.close_lookback(s, round_id, on_date=d(62), today=d(62))
    assert (result.total, result.confirmed, result.wrongly_included, result.missed) == (2, 0, 1, 1)
    with db.session() as s:
        assert s.get(Household, a).stage == "removed" and s.get(Household, b).stage == "applied"
        assert verify_database(s) == []


def test_member_changes_recompute_size_and_income(db, village) -> None:
    vid, a, _b = village
    with db.transaction() as s:
        before = s.get(Household, a).per_capita_income_fen
        mid = pm.member_joins(s, a, kind="birth", name="张小宝", on_date=d(1), reason="新生儿", today=d(1))
        row = s.get(Household, a)
        assert row.size == 4 and row.per_capita_income_fen == before * 3 // 4
    with pytest.raises(ProcedureError):
        with db.transaction() as s:
            pm.member_leaves(s, mid, kind="death", on_date=d(2), reason="", today=d(2))
    with db.transaction() as s:
        pm.member_leaves(s, mid, kind="death", on_date=d(2), reason="病故", today=d(2))
    with db.session() as s:
        row = s.get(Household, a)
        assert row.size == 3 and row.per_capita_income_fen == before
        changes = [e for e in s.query(ProcedureEvent).filter_by(household_id=a).all() if e.step == "member_change"]
        assert {c.outcome for c in changes} == {"birth", "death"}
        assert all(c.data["before"]["size"] != c.data["after"]["size"] for c in changes)


def test_a_refused_batch_changes_nothing(db, village) -> None:
    vid, a, b = village
    with db.transaction() as s:
        proc.create_application(s, a, on_date=d(0), today=d(0))
        proc.complete_survey(s, a, on_date=d(1), today=d(1))
    with pytest.raises(ProcedureError) as exc:
        with db.transaction() as s:
            pb.create_evaluation(
                s, vid, [a, b], meeting_date=d(2), today=d(2), place="村委会", chair="李书记", attendees_present=20
            )
    assert "李秀英" in exc.value.message_zh
    with db.session() as s:
        assert s.query(ProcedureEvent).count() == 2
        assert s.get(Household, a).stage == "surveyed"
