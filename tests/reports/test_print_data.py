"""The data behind the documents, checked before any PDF is made."""

from __future__ import annotations

import dataclasses
from datetime import date

from desktop_app.reports.model import PublicRow

from tests.reports.conftest import RARE_NAME, Village


def test_public_rows_cannot_carry_private_fields() -> None:
    fields = {f.name for f in dataclasses.fields(PublicRow)}
    assert fields == {"name", "group", "size", "attribute", "cause", "identification_year", "exit_year"}


def test_announcement_data_from_a_batch(village_db, village: Village) -> None:
    from desktop_app.services.printing import data as print_data
    from desktop_app.storage.models import Batch

    with village_db.session() as session:
        batch = session.get(Batch, village.batches["village_announcement"])
        data = print_data.announcement_data(session, batch)
    assert [row.name for row in data.rows] == village.listed["village_announcement"]
    assert all(row.group.endswith("村民小组") and row.size > 0 for row in data.rows)
    assert {row.attribute for row in data.rows} <= {"一般贫困户", "低保贫困户", "特困供养贫困户"}
    assert data.title == f"{village.name}2019年拟识别建档立卡贫困户名单公示"
    assert (data.start, data.end, data.issued_on) == (date(2019, 5, 6), date(2019, 5, 12), date(2019, 5, 6))
    assert "于2019年5月12日前" in data.objection_text and "0872-5123456" in data.contact_text
    assert data.issuing_body == f"{village.name}村民委员会"


def test_a_title_written_for_the_batch_is_kept_the_default_one_is_not(village_db, village: Village) -> None:
    from desktop_app.services.printing import data as print_data
    from desktop_app.storage.models import Batch

    with village_db.transaction() as session:
        batch = session.get(Batch, village.batches["county_notice"])
        batch.title = f"{village.name}2019年县级公告"  # what the procedure names a batch by default
        assert print_data.announcement_data(session, batch).title == f"{village.name}2019年建档立卡贫困户名单公告"
        batch.title = "关于和平村2019年建档立卡贫困户的公告"
        assert print_data.announcement_data(session, batch).title == "关于和平村2019年建档立卡贫困户的公告"


def test_register_and_card_data(village_db, village: Village) -> None:
    from sqlalchemy import select

    from desktop_app.services.printing import card as print_card
    from desktop_app.services.printing import data as print_data
    from desktop_app.storage.models import Household

    with village_db.session() as session:
        register = print_data.register_data(session, village.village_id, today=date(2020, 1, 1))
        household = session.execute(
            select(Household).where(Household.number == village.rare_household_number)
        ).scalar_one()
        card = print_card.card_data(session, household, today=date(2020, 1, 1))
    assert len(register.households) == village.registered and register.member_count == village.members
    assert all(len(m.id_number) == 18 for h in register.households for m in h.members)
    assert [s.title[:2] for s in card.sections] == ["一、", "三、", "四、", "五、", "六、"]
    basics = dict(card.sections[0].pairs)
    assert basics["户主姓名"] == RARE_NAME and basics["银行账号"].startswith("****")
    assert card.members[0][1] == RARE_NAME and card.members[0][2] == "户主"
