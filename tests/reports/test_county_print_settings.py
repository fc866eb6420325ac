"""The county's printing settings reach the paper: default contact and issuing bodies on an announcement."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop_app.domain.errors import DomainError
from tests.reports.conftest import Village, make_batch, pdf_text


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_an_announcement_without_its_own_contact_prints_the_county_default(
    village_db, village: Village, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from desktop_app.services.printing import render as printing
    from desktop_app.services.settings import store as county
    from desktop_app.storage.models import Household

    with village_db.transaction() as session:
        county.save(
            session,
            {
                "print.contact_phone": "0872-5999888",
                "print.contact_place": "和平村党群服务中心",
                "print.village_body": "{村名}村委会（扶贫工作站）",
            },
        )
        households = list(session.scalars(select(Household).where(Household.village_id == village.village_id)))[:3]
        batch = make_batch(
            session,
            "village_announcement",
            village.village_id,
            households,
            number="2020-公示-9",
            objection_phone="",
            objection_address="",
            issuing_body="",
        )
    with village_db.session() as session:
        selection = printing.resolve(session, "announcement", village=village.code, batch=batch)
    out = tmp_path / "announcement.pdf"
    printing.print_to_file(village_db, selection, out)
    text = flat(pdf_text(out))
    assert "联系电话：0872-5999888" in text and "地址：和平村党群服务中心" in text
    assert f"{village.name}村委会（扶贫工作站）" in text  # the issuing body and the objection sentence
    assert f"{village.name}村民委员会" not in text


def test_a_bad_printing_setting_is_refused_and_nothing_is_saved(village_db) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.services.settings import store as county

    with pytest.raises(DomainError) as caught:
        with village_db.transaction() as session:
            county.save(session, {"print.contact_place": "村委会", "print.township_body": "{town}人民政府"})
    assert "乡镇签发单位" in caught.value.message_zh and "{乡镇名}" in caught.value.message_zh
    with pytest.raises(DomainError, match="不是电话号码"):
        with village_db.transaction() as session:
            county.save(session, {"print.contact_phone": "请打村委会"})
    with village_db.session() as session:
        values = county.database_values(session)
    assert values["print.contact_place"] == "" and values["print.township_body"] == "{乡镇名}人民政府"
