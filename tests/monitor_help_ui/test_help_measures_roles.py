"""The measure buttons follow the role table: a work-team member records and changes measures but may not
remove one (the button is off, its tooltip says why, Delete does nothing); the village captain may."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.services.monitoring import add_help_measure, help_measures
from desktop_app.ui.help_measures_panel import HelpMeasuresPanel
from tests.accounts.conftest import cheap_argon2, county, open_as  # noqa: F401  (fixtures)


def test_only_a_role_that_may_remove_gets_the_remove_button(qtbot, open_as, county, lang_zh) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    home = county["homes"]["河边村"]
    admin = open_as("county_admin")
    add_help_measure(admin, home, year=2026, category="100A45", values=["1"])
    admin.close()

    member = open_as("member")
    panel = HelpMeasuresPanel(member, home)
    qtbot.addWidget(panel)
    panel.show()
    panel.table.selectRow(0)
    assert panel.add_button.isEnabled() and panel.edit_button.isEnabled()
    assert not panel.remove_button.isEnabled() and panel.remove_button.toolTip()
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert panel.current_message is None and len(help_measures(member, home)) == 1
    member.close()

    captain = open_as("captain")
    panel = HelpMeasuresPanel(captain, home)
    qtbot.addWidget(panel)
    panel.table.selectRow(0)
    assert panel.remove_button.isEnabled() and not panel.remove_button.toolTip()
