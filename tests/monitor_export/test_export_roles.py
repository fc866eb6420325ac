"""The export asks the role table (``monitoring.export``): a work-team member exports the list (without the
head's resident ID), an auditor is refused with nothing written and finds the tab's button disabled."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop_app.services import PermissionDenied
from desktop_app.services.monitoring import export_cases, open_clue
from desktop_app.ui.monitoring_view import MonitoringView
from tests.accounts.conftest import ID_RIVER, cheap_argon2, county, open_as  # noqa: F401  (fixtures)
from tests.monitor_export.test_export import sheet_rows

DAY = date(2026, 3, 20)


def test_a_member_exports_and_an_auditor_is_refused(qtbot, open_as, county, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    admin = open_as("county_admin")
    open_clue(admin, county["homes"]["河边村"], source="3", found=DAY, risks=["02"], today=DAY)
    admin.close()

    member = open_as("member")
    out = export_cases(member, tmp_path / "member.xlsx", village_code="河边村", today=DAY).path
    rows = sheet_rows(out)
    assert rows[0][0].startswith("河边村 防止返贫监测对象名单") and rows[2][2] == "李大山"
    assert rows[2][0] == "防止返贫致贫对象" and rows[2][12] == "因残"
    assert ID_RIVER not in "\n".join("\t".join(r) for r in rows)
    member.close()

    auditor = open_as("auditor")
    with pytest.raises(PermissionDenied):
        export_cases(auditor, tmp_path / "auditor.xlsx", today=DAY)
    assert not (tmp_path / "auditor.xlsx").exists()
    view = MonitoringView(auditor, today=DAY)
    qtbot.addWidget(view)
    view.set_village(county["areas"]["河边村"])
    assert not view.export_button.isEnabled() and view.export_button.toolTip() != ""
