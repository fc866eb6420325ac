"""The card's 帮扶台账 tab: six ledgers in Chinese, on a saved card only, each read the first time it is shown."""

from __future__ import annotations

from datetime import date

from desktop_app.services import households as hh
from desktop_app.ui.card_assist import CardAssistPanel
from desktop_app.ui.card_editor import HouseholdCardDialog
from tests.assist_ui.conftest import cadre, overdue_loan, statements, tables_read
from tests.ui_card.conftest import type_text

SECTION_TITLES = ["结对帮扶", "一户一策", "小额信贷", "公益岗位", "务工监测", "走访记录"]


def _card(qtbot, db, household_id):  # type: ignore[no-untyped-def]
    dialog = HouseholdCardDialog(db, household_id)
    qtbot.addWidget(dialog, before_close_func=lambda d: d.revert_all())  # a failed test never waits on 是否保存
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _titles(tabs) -> list[str]:  # type: ignore[no-untyped-def]
    return [tabs.tabText(i) for i in range(tabs.count())]


def test_a_saved_card_has_the_ledgers_tab_before_its_history(qtbot, villages, lang_zh) -> None:  # type: ignore[no-untyped-def]
    dialog = _card(qtbot, villages.db, villages.households["张富贵"])
    titles = _titles(dialog.tabs)
    assert titles[-3:] == ["防返贫监测", "帮扶台账", "修改记录"]
    panel = dialog.assist_panel
    assert isinstance(panel, CardAssistPanel)
    assert _titles(panel.tabs) == SECTION_TITLES


def test_a_new_card_has_no_ledgers_until_it_is_saved(qtbot, villages, lang_zh) -> None:  # type: ignore[no-untyped-def]
    dialog = HouseholdCardDialog(villages.db, None, village_id=villages.heping)
    qtbot.addWidget(dialog)
    assert dialog.assist_panel is None
    assert "帮扶台账" not in _titles(dialog.tabs)


def test_opening_the_card_reads_no_ledger_and_the_tab_reads_only_the_section_in_front(  # type: ignore[no-untyped-def]
    qtbot, villages, lang_zh
) -> None:
    db = villages.db
    overdue_loan(db, villages.households["张富贵"])
    with statements(db) as seen:
        dialog = _card(qtbot, db, villages.households["张富贵"])
    assert tables_read(seen) == set()
    panel = dialog.assist_panel
    assert panel.built_sections() == {}  # nothing made while the tab is not shown

    with statements(db) as seen:
        dialog.tabs.setCurrentWidget(panel)
        qtbot.waitUntil(lambda: "pairing" in panel.built_sections())
    assert set(panel.built_sections()) == {"pairing"}
    assert panel.section("pairing").isVisible()
    assert not tables_read(seen) & {"loan", "loan_repayment", "post_holder", "work_month", "help_plan"}

    with statements(db) as seen:
        panel.tabs.setCurrentIndex(SECTION_TITLES.index("小额信贷"))
        loans = panel.section("loans")
        qtbot.waitUntil(lambda: loans.model.rowCount() == 1)
    assert set(panel.built_sections()) == {"pairing", "loans"}
    assert "loan" in tables_read(seen)  # the loans were read when, and because, their section came to the front
    assert loans.isVisible() and not panel.section("pairing").isVisible()
    assert loans.model.rows[0].contract == "HT-0001"


def test_a_ledger_that_changed_makes_the_others_read_again_and_tells_the_card(qtbot, villages, lang_zh) -> None:  # type: ignore[no-untyped-def]
    dialog = _card(qtbot, villages.db, villages.households["李秀英"])
    panel = dialog.assist_panel
    dialog.tabs.setCurrentWidget(panel)
    work = panel.show_section("work")
    pairing = panel.show_section("pairing")
    told: list[str] = []
    panel.ledger_changed.connect(told.append)
    pairing.changed.emit()
    assert told == ["pairing"]
    panel.show_section("work")
    qtbot.waitUntil(lambda: work.isVisible())
    assert work is panel.section("work")  # the same section, shown again rather than made again


def _pair_on_the_card(dialog, cadre_id: str, name: str):  # type: ignore[no-untyped-def]
    section = dialog.assist_panel.show_section("pairing")
    form = section.open_pair("1")
    form.find_box.setFocus()
    type_text(form.find_box, name)  # a cadre pairing nobody in the village yet is found by name
    form.choose(cadre_id)
    form.started.setText(date.today().isoformat())
    form.ok()
    assert form.error.isHidden(), form.error.text()
    return section


def test_a_pairing_made_in_the_ledgers_tab_shows_on_the_cadre_tab(qtbot, villages, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db = villages.db
    chen = cadre(db, "陈干部")
    dialog = _card(qtbot, db, villages.households["王德明"])
    assert dialog.cadre.cadre.currentData() == ""  # nobody on the card's 帮扶责任人 tab yet
    dialog.tabs.setCurrentWidget(dialog.assist_panel)
    visits = dialog.assist_panel.show_section("visits")
    qtbot.waitUntil(lambda: visits.count_label.text() == "本年没有结对，无走访次数要求。")
    section = _pair_on_the_card(dialog, chen, "陈干部")
    assert "陈干部" in section.current_label.text()
    assert dialog.cadre.cadre.currentData() == chen  # the card's own cadre tab follows the pairing
    assert not dialog.dirty  # nothing to save: the pairing is saved already
    dialog.assist_panel.show_section("visits")
    qtbot.waitUntil(lambda: "陈干部" in visits.count_label.text())  # the visits re-read: the new pairing's minimum


def test_a_pairing_wins_over_an_unsaved_cadre_choice_and_keeps_the_other_edits(qtbot, villages, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db = villages.db
    chen, wang = cadre(db, "陈干部"), cadre(db, "王队员", rank="4")
    dialog = _card(qtbot, db, villages.households["李秀英"])
    dialog.basic.phone.setText("13912345678")
    dialog.basic.phone.textEdited.emit("13912345678")
    dialog.cadre.set_cadres(hh.find_cadres(db, query="王队员"))
    dialog.cadre.cadre.setCurrentIndex(dialog.cadre.cadre.findData(wang))  # chosen on the card, not saved
    dialog.cadre.cadre.activated.emit(dialog.cadre.cadre.currentIndex())
    assert dialog.dirty
    dialog.tabs.setCurrentWidget(dialog.assist_panel)
    _pair_on_the_card(dialog, chen, "陈干部")
    form = dialog.collect()  # what Save would write
    assert form.cadre_id == chen and form.phone == "13912345678"
    assert dialog.cadre.cadre.currentData() == chen
    assert hh.load_card(db, villages.households["李秀英"]).cadre_id == chen
    dialog.revert_all()  # closing an edited card would ask whether to save it
    assert not dialog.dirty
