"""Many clues at once (a department's list): each checked as one clue is, the next round numbered, the change
log written as for one clue, and a refusal on any household writing nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from desktop_app.domain.monitoring_rules import MonitorError
from desktop_app.services.monitoring import case_detail, case_list
from desktop_app.services.monitoring.cases import start_cases
from desktop_app.services.unit_of_work import writing
from desktop_app.storage.models import ChangeLog, Household
from desktop_app.storage.models_monitoring import MonitoringCase, MonitoringEvent
from tests.monitor_help.helpers import make_household, make_village

TODAY = date(2025, 6, 10)
NUMBERS = ("5329990010010001", "5329990010010002", "5329990010010003")


def _county(db) -> None:
    with db.transaction() as s:
        vid = make_village(s)
        for seq, number in enumerate(NUMBERS, start=1):
            make_household(s, vid, number, f"户{seq}", seq=seq)
        first = s.exec(select(Household).where(Household.number == NUMBERS[0])).one()
        s.add(
            MonitoringCase(
                household_id=first.id, round=1, stage="removed", source="3", found_on=date(2023, 1, 5), risks=["01"]
            )
        )


def _clue(risks: str = "01,07") -> dict[str, object]:
    return {"source": "4", "found": date(2025, 6, 9), "risks": risks, "department": "县医保局"}


def _households(session) -> list[Household]:
    rows = {h.number: h for h in session.exec(select(Household))}
    return [rows[n] for n in NUMBERS]


def test_a_batch_of_clues_opens_one_case_each_with_its_round_and_its_log(db) -> None:
    _county(db)
    with writing(db, "monitoring.alerts_import") as work:
        households = _households(work.session)
        opened = start_cases(work.session, [(h, _clue()) for h in households], today=TODAY, batch_id="b1")
        ids = [c.id for c in opened]
    rows = {r.household_number: r for r in case_list(db, today=TODAY)}
    assert sorted(rows) == list(NUMBERS)
    assert rows[NUMBERS[0]].round == 2 and rows[NUMBERS[1]].round == 1  # after the removed first round
    assert all(r.stage == "clue" and r.source == "4" and r.risks == ("01", "07") for r in rows.values())
    assert all(r.deadline == date(2025, 6, 24) and r.days_left == 14 for r in rows.values())
    detail = case_detail(db, ids[1], today=TODAY)
    assert [(e.step, e.data["seq"], e.batch_id) for e in detail.events] == [("clue", 1, "b1")]
    with db.read() as s:
        logged = {c.entity_id for c in s.exec(select(ChangeLog).where(ChangeLog.action == "create"))}
    assert set(ids) <= logged


@pytest.mark.parametrize(
    ("second", "message"),
    [
        (1, "户2户已有进行中的监测程序（第 1 轮，线索登记），不能重复登记线索"),  # the same household twice
        (None, "风险"),  # a clue without a known risk
    ],
)
def test_a_refused_clue_in_a_batch_writes_nothing(db, second, message) -> None:
    _county(db)
    with pytest.raises(MonitorError, match=message), writing(db, "monitoring.alerts_import") as work:
        households = _households(work.session)
        items = [(households[0], _clue()), (households[1], _clue())]
        items.append((households[1], _clue()) if second is not None else (households[2], _clue("55")))
        start_cases(work.session, items, today=TODAY)
    with db.read() as s:
        assert s.exec(select(MonitoringCase).where(MonitoringCase.stage != "removed")).all() == []
        assert s.exec(select(MonitoringEvent)).all() == []
