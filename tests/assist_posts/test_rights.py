"""The post and work screens follow the role table: what a role may not do is disabled and says who may, and
the use case refuses it anyway (nothing written)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from desktop_app.services.assistance import PostInput, WorkEntry, add_post, post_list, save_work_months
from desktop_app.services.permissions import PermissionDenied
from desktop_app.ui.assist_posts import PostsPage
from desktop_app.ui.assist_work import WorkMonthsPage
from desktop_app.ui.models.work_months import COLUMNS


def _member_of(db: Any, county: dict[str, Any]) -> str:
    from desktop_app.services.assistance import village_people

    return village_people(db, county["areas"]["河边村"])[0].member_id


def test_an_auditor_sees_the_ledgers_but_changes_nothing(qtbot: Any, open_as: Any, county: dict[str, Any]) -> None:
    admin = open_as("county_admin")
    village = county["areas"]["河边村"]
    add_post(admin, PostInput(village, type="01", tier="3", monthly_subsidy_fen=50_000, started_on=date(2026, 1, 1)))
    auditor = open_as("auditor")
    page = PostsPage(auditor)
    qtbot.addWidget(page)
    page.set_village(village)
    page.refresh()
    assert page.posts.rowCount() == 1
    assert not page.add_button.isEnabled() and not page.apply_button.isEnabled()
    assert not page.step_buttons["contract"].isEnabled() and not page.month_button.isEnabled()
    assert "县级管理员" in page.add_button.toolTip()
    work = WorkMonthsPage(auditor)
    qtbot.addWidget(work)
    work.set_village(village)
    work.refresh()
    assert not work.save_button.isEnabled() and "保存务工月监测" in work.message.text()
    assert not work.model.setData(work.model.index(0, COLUMNS.index("wage")), "100")
    assert work.model.dirty_count() == 0
    with pytest.raises(PermissionDenied, match="保存务工月监测"):
        save_work_months(auditor, 202604, [WorkEntry(_member_of(auditor, county), True, wage_fen=100)])
    with pytest.raises(PermissionDenied):
        add_post(auditor, PostInput(village, type="01", tier="3", monthly_subsidy_fen=1))
    assert len(post_list(admin, village)) == 1


def test_a_work_team_member_applies_and_types_months_but_does_not_select(
    qtbot: Any, open_as: Any, county: dict[str, Any]
) -> None:
    member = open_as("member")
    village = county["areas"]["河边村"]
    page = PostsPage(member)
    qtbot.addWidget(page)
    page.set_village(village)
    page.refresh()
    assert page.apply_button.isEnabled() and page.month_button.isEnabled()
    assert not page.add_button.isEnabled() and not page.step_buttons["check"].isEnabled()
    work = WorkMonthsPage(member)
    qtbot.addWidget(work)
    work.set_village(village)
    work.set_month(202604)
    work.refresh()
    assert work.save_button.isEnabled()
    assert work.model.setData(work.model.index(0, COLUMNS.index("wage")), "100")
    work.save()
    assert "Saved 1 rows" in work.message.text()
