"""帮扶核查 on the monitoring tab: the village's findings (household, rule, message); a double-click opens the
household's card on its monitoring tab, and a measure added there clears the household from the list."""

from __future__ import annotations

from desktop_app.services.monitoring import add_help_measure
from desktop_app.ui.help_check_dialog import HelpCheckDialog
from desktop_app.ui.monitoring_view import MonitoringView
from tests.monitor_help_ui.conftest import TODAY, VILLAGE_CODE


def _rows(dialog) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    table = dialog.table
    return [tuple(table.item(r, c).text() for c in range(table.columnCount())) for r in range(table.rowCount())]


def test_the_village_help_check_lists_the_findings_and_opens_the_card(qtbot, included, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = included
    view = MonitoringView(db, today=TODAY)
    qtbot.addWidget(view)
    view.show()
    assert view.open_help_check() is None  # no village chosen yet
    view.set_village(vid)
    assert view.help_check_button.text() == "帮扶核查"
    view.help_check_button.click()
    dialog = view.findChild(HelpCheckDialog)  # the dialog the button opened
    assert dialog is not None and dialog.windowTitle() == "帮扶核查"
    rows = _rows(dialog)
    number = {name: f"{VILLAGE_CODE}{i:04d}" for i, name in ((1, "张富贵"), (2, "李秀英"))}
    assert (number["张富贵"], "张富贵", "风险无对应帮扶措施", "风险“因病”没有对应的帮扶措施（应有：健康帮扶）") in rows
    water = "风险“因安全饮水”没有对应的帮扶措施（应有：饮水安全保障）"
    assert (number["李秀英"], "李秀英", "风险无对应帮扶措施", water) in rows
    assert {r[2] for r in rows} == {"未落实帮扶措施", "风险无对应帮扶措施"}
    assert {r[1] for r in rows} == {"张富贵", "李秀英"}  # 王德明 is not monitored
    assert dialog.summary.text() == f"共 {len(rows)} 条问题，涉及 2 户；双击一行打开该户卡片。"

    row = next(i for i, r in enumerate(rows) if r[1] == "张富贵")
    dialog.table.cellDoubleClicked.emit(row, 0)
    card = dialog.current_card
    assert card is not None and card.isVisible()
    assert card.tabs.currentWidget() is card.monitoring_panel
    assert "因病" in card.monitoring_panel.help_panel.findings_label.text()  # type: ignore[union-attr]
    add_help_measure(db, ids["张富贵"], year=TODAY.year, category="健康帮扶", values=["医疗救助"])
    card.reject()
    assert {r[1] for r in _rows(dialog)} == {"李秀英"}  # read again when the card closed


def test_a_village_without_findings_says_so_in_english(qtbot, included, lang_en) -> None:  # type: ignore[no-untyped-def]
    db, vid, ids = included
    for name in ("张富贵", "李秀英"):
        add_help_measure(db, ids[name], year=TODAY.year, category="100A45", values=["3"])
    add_help_measure(db, ids["李秀英"], year=TODAY.year, category="100A51", values=["1"])
    view = MonitoringView(db, today=TODAY)
    qtbot.addWidget(view)
    view.set_village(vid)
    dialog = view.open_help_check()
    assert dialog is not None and dialog.table.rowCount() == 0
    assert dialog.summary.text().startswith("No findings")
    assert view.help_check_button.text() == "Help check"
