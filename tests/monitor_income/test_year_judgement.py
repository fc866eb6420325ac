"""A judgement of year Y uses year Y's record and the members of that time: a member added today does not
rewrite an exit of 2019 — neither the verification, nor the record, nor a reprinted card or exit notice."""

from __future__ import annotations

import subprocess
from datetime import date, timedelta
from pathlib import Path

from desktop_app.services import printing
from desktop_app.services.households import follow_card
from desktop_app.services.monitoring import income_for, income_sheet, save_income_sheet
from desktop_app.services.procedure import batches as pb
from desktop_app.services.procedure import members as pm
from desktop_app.services.procedure import steps as proc
from desktop_app.services.unit_of_work import reading
from desktop_app.storage.models import Household, ProcedureEvent
from tests.procedure.helpers import make_household, make_village

D0 = date(2019, 3, 1)
TODAY = date(2026, 12, 2)
NUMBER = "5329990010010001"


def d(n: int) -> date:
    return D0 + timedelta(days=n)


def text_of(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return "".join(out.split())


def exited_in_2019(db) -> tuple[str, str, str]:
    """A household of 3 identified and exited in 2019 (per capita 5,000 yuan at the exit); its exit batch."""
    with db.transaction() as s:
        vid = make_village(s)
        a = make_household(s, vid, NUMBER, "张富贵", per_capita_yuan=2500, size=3, seq=1)
        proc.create_application(s, a, on_date=d(0), today=d(0))
        proc.complete_survey(s, a, on_date=d(1), today=d(1), surveyors="王队长")
        ev = pb.create_evaluation(
            s,
            vid,
            [a],
            meeting_date=d(2),
            today=d(2),
            place="村委会",
            chair="李书记",
            attendees_expected=25,
            attendees_present=21,
        )
        pb.record_votes(s, ev, {a: (18, 2, 1)})
        pb.close_evaluation(s, ev, today=d(2))
        ann = pb.open_announcement(s, vid, "village", [a], start=d(3), end=d(10), today=d(3))
        pb.close_announcement(s, ann, on_date=d(11), today=d(11))
        pb.review(s, vid, {a: (True, "")}, level="township", reviewer="镇", on_date=d(12), today=d(12))
        ann2 = pb.open_announcement(s, vid, "township", [a], start=d(12), end=d(19), today=d(12))
        pb.close_announcement(s, ann2, on_date=d(20), today=d(20))
        pb.review(s, vid, {a: (True, "")}, level="county", reviewer="县", on_date=d(20), today=d(20))
        pb.issue_notice(s, vid, [a], kind="county", on_date=d(21), today=d(21))
        proc.propose_exit(s, a, on_date=d(200), today=d(200))
    # the 2019 income as the worksheet has it: 15,000 yuan of wages for 3 people
    save_income_sheet(db, a, 2019, {"wage_work": {"yuan": "15000", "note": "务工"}})
    with db.transaction() as s:
        proc.verify_exit(s, a, on_date=d(201), today=d(201), verifiers="镇核验组")
        proc.acknowledge_exit(s, a, signed_by="张富贵", on_date=d(202), today=d(202))
        ex = pb.open_announcement(s, vid, "exit", [a], start=d(203), end=d(210), today=d(203))
        pb.close_announcement(s, ex, on_date=d(211), today=d(211))
        notice = pb.issue_notice(s, vid, [a], kind="exit", on_date=d(212), today=d(212))
    return vid, a, notice


def test_the_survey_counts_the_members_of_the_income_year(db) -> None:
    with db.transaction() as s:
        vid = make_village(s)
        a = make_household(s, vid, NUMBER, "张富贵", per_capita_yuan=2500, size=3, seq=1)
        data, _ = proc.survey_facts(s, a, proc.load_rules(s))
        assert (data["size"], data["income_year"], data["per_capita_fen"]) == (3, 2019, 250_000)
        assert len(data["member_ids"]) == 3
    with db.transaction() as s:
        pm.member_joins(s, a, kind="birth", name="张小宝", on_date=TODAY, reason="新生儿", today=TODAY)
        data, _ = proc.survey_facts(s, a, proc.load_rules(s))
        assert (data["size"], data["per_capita_fen"]) == (3, 250_000)  # 2019 had three members


def test_a_member_added_today_does_not_rewrite_the_2019_exit(db, tmp_path: Path) -> None:
    vid, a, notice = exited_in_2019(db)
    with reading(db) as s:
        (verified,) = [e for e in s.query(ProcedureEvent).filter_by(household_id=a) if e.step == "exit_verification"]
        assert (verified.data["per_capita_fen"], verified.data["size"], verified.data["income_year"]) == (
            500_000,
            3,
            2019,
        )
    before = tmp_path / "card-before.pdf"
    printing.print_to_file(db, printing.resolve_selection(db, "card", household=NUMBER), before)
    assert "核验人均纯收入5,000.00元（2019年度，3人）" in text_of(before)

    # today: a baby is born (procedure member change); the card's save keeps its record in step (as the
    # card editor's save does, after its own checks)
    with db.transaction() as s:
        pm.member_joins(s, a, kind="birth", name="张小宝", on_date=TODAY, reason="新生儿", today=TODAY)
        assert s.get(Household, a).size == 4
        follow_card(s, s.get(Household, a), today=TODAY)

    with reading(db) as s:
        record = income_for(s, a, 2019)
        assert (record.size, record.per_capita_fen, record.net_fen) == (3, 500_000, 1_500_000)
        assert proc.exit_facts(s, a)["per_capita_fen"] == 500_000  # the 2019 verification, judged again
    sheet = income_sheet(db, a, 2019)
    assert [m.name for m in sheet.members] == ["张富贵", "张家1", "张家2"]
    assert sheet.totals.per_capita_fen == 500_000

    card = tmp_path / "card-after.pdf"
    printing.print_to_file(db, printing.resolve_selection(db, "card", household=NUMBER), card)
    text = text_of(card)
    assert "核验人均纯收入5,000.00元（2019年度，3人）" in text
    assert "人均纯收入5,000.00元" in text and "家庭人口（该年度）3人" in text
    assert "3,750.00" not in text  # 15,000 over four people would be 3,750

    exit_notice = tmp_path / "exit-notice.pdf"
    printing.print_to_file(db, printing.resolve_selection(db, "notice", batch=notice), exit_notice)
    shown = text_of(exit_notice)
    assert "张富贵" in shown and "张富贵3" in shown.replace("组", "")  # the household of three, as in 2019
