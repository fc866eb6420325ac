"""A monitoring batch asks the role table for the step it records: a work-team member may not hold the
evaluation meeting (nothing written), the village captain may."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop_app.services import PermissionDenied
from desktop_app.services.monitoring import case_list, hold_monitor_evaluation, monitor_batches
from tests.accounts.conftest import cheap_argon2, county, open_as  # noqa: F401  (fixtures)
from tests.monitor_ui.conftest import clue, consent, home_check

DAY = date(2026, 3, 20)


def test_the_evaluation_meeting_needs_the_captains_permission(open_as, county, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    scan = tmp_path / "授权书.pdf"
    scan.write_bytes(b"%PDF-1.4\n")
    home, village = county["homes"]["河边村"], county["areas"]["河边村"]
    admin = open_as("county_admin")
    clue(admin, home, DAY - timedelta(days=3))
    home_check(admin, home, DAY - timedelta(days=2))
    consent(admin, home, DAY - timedelta(days=1), scan)
    admin.close()
    meeting = {"date": DAY, "place": "村委会", "chair": "张书记", "present": 20}

    member = open_as("member")
    with pytest.raises(PermissionDenied):
        hold_monitor_evaluation(member, village, meeting, {home: (18, 1, 1)}, today=DAY)
    assert [r.stage for r in case_list(member, village_code="532300100201", today=DAY)] == ["consented"]
    assert monitor_batches(member, village, today=DAY) == []
    member.close()

    captain = open_as("captain")
    hold_monitor_evaluation(captain, village, meeting, {home: (18, 1, 1)}, today=DAY)
    assert [r.stage for r in case_list(captain, village_code="532300100201", today=DAY)] == ["evaluated"]
