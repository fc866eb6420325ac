"""Documents of batches made by the procedure services (evaluation, announcement, objection), as a cadre does."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from desktop_app.services.procedure import batches
from desktop_app.services.procedure import steps as procedure
from tests.reports.conftest import pdf_text


def flat(text: str) -> str:
    return "".join(text.split())


def test_minutes_announcement_and_objections_of_a_real_procedure(sqlite_db, tmp_path: Path) -> None:
    from desktop_app.domain.procedure import available
    from desktop_app.services import printing
    from desktop_app.services.demo.households import generate_demo
    from desktop_app.storage.models import Area, Household

    today = date.today()
    start = today - timedelta(days=30)
    db = sqlite_db
    with db.transaction() as session:
        generate_demo(session, households=80, villages=1, seed=11)
    with db.transaction() as session:
        village = session.execute(select(Area).where(Area.level == "village")).scalar_one()
        eligible: list[Household] = []
        rules = procedure.load_rules(session)
        for row in session.execute(select(Household).order_by(Household.number)).scalars():
            if len(eligible) == 5:
                break
            state = procedure.load_state(session, row.id)
            if not available(state, "evaluation", today=today, rules=rules):
                eligible.append(row)  # surveyed and eligible in the demo history
                continue
            with session.begin_nested():
                if not available(state, "application", today=today, rules=rules):
                    procedure.create_application(session, row.id, on_date=start, today=today)
                elif available(state, "survey", today=today, rules=rules):
                    continue
                on = max(start, state.last_date or start) + timedelta(days=1)
                survey = procedure.complete_survey(session, row.id, on_date=on, today=today)
            if survey.outcome == "eligible":
                eligible.append(row)
        assert len(eligible) >= 3, "the demo data (seed 11) gives at least three eligible applicants"
        ids = [h.id for h in eligible]
        evaluation = batches.create_evaluation(
            session,
            village.id,
            ids,
            meeting_date=start + timedelta(days=2),
            today=today,
            place="村委会议室",
            chair="李建国",
            recorder="王芳",
            attendees_expected=20,
            attendees_present=18,
            attendees=["张伟", "李娜", "王强"],
            guests=["驻村工作队 赵刚"],
        )
        batches.record_votes(session, evaluation, {ids[0]: (5, 12, 1), **{i: (15, 2, 1) for i in ids[1:]}})
        batches.close_evaluation(session, evaluation, today=today)
        announcement = batches.open_announcement(
            session,
            village.id,
            "village",
            ids[1:],
            start=start + timedelta(days=3),
            end=start + timedelta(days=10),
            today=today,
            objection_phone="0872-5120000",
        )
        objection = batches.raise_objection(
            session,
            announcement,
            ids[1],
            raised_by="周某",
            raised_on=start + timedelta(days=4),
            content="该户新建了砖混住房。",
            today=today,
            contact="13900001111",
        )
        batches.resolve_objection(
            session,
            objection,
            decision="dismissed",
            finding="房屋为亲属所建，该户仍住危房。",
            investigator="赵刚",
            decided_by="村两委",
            decided_on=start + timedelta(days=6),
            today=today,
            objector_informed=True,
        )
        names = [h.head_name for h in eligible]
        year = start.year

    def printed(kind: str, batch: str) -> str:
        out = tmp_path / f"{kind}.pdf"
        printing.print_to_file(db, printing.resolve_selection(db, kind, batch=batch), out)
        return pdf_text(out)

    minutes = printed("minutes", evaluation)
    assert "评议通过" in flat(minutes) and f"评议通过{len(ids) - 1}户" in flat(minutes)
    assert "未通过" in minutes and all(name in flat(minutes) for name in names)
    public = flat(printed("announcement", announcement))
    assert f"{year}年拟识别建档立卡贫困户名单公示" in public
    assert names[0] not in public and all(name in public for name in names[1:])
    assert f"合计：{len(ids) - 1}户" in public and "0872-5120000" in public
    record = flat(printed("objections", announcement))
    assert "该户新建了砖混住房" in record and "异议不成立" in record and "已告知" in record and "13900001111" in record
