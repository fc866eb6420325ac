"""One household through the whole procedure in the GUI (ProcedurePanel) and a village's list in BatchesView,
on real widgets over a real SQLite file, with "today" injected so that announcements can run their period."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from desktop_app.storage.models import Household, ProcedureEvent
from tests.procedure.helpers import make_household, make_village

START = date(2024, 3, 1)


class Clock:
    def __init__(self) -> None:
        self.today = START

    def __call__(self) -> date:
        return self.today

    def advance(self, days: int) -> None:
        self.today += timedelta(days=days)


def type_chinese(widget, text: str) -> None:
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def visible_actions(panel) -> set[str]:
    return {a for a, b in panel.buttons.items() if not b.isHidden()} - {"member_join", "member_leave"}


@pytest.fixture(autouse=True)
def chinese_ui(qapp):
    """The screens as cadres see them: the Chinese translators installed."""
    from desktop_app.ui.i18n import install_translators

    install_translators(qapp, "zh_CN")
    yield
    install_translators(qapp, "en")


@pytest.fixture
def village(sqlite_db):
    with sqlite_db.transaction() as s:
        vid = make_village(s)
        a = make_household(s, vid, "5329990010010001", "张富贵", seq=1)
        b = make_household(s, vid, "5329990010010002", "李秀英", seq=2)
    return sqlite_db, vid, a, b


def test_one_household_walks_the_whole_identification_in_the_card_panel(qtbot, village) -> None:
    from desktop_app.ui.procedure_panel import ProcedurePanel

    db, _vid, hid, _other = village
    clock = Clock()
    panel = ProcedurePanel(db, hid, today=clock)
    qtbot.addWidget(panel)
    panel.show()
    assert visible_actions(panel) == {"application"}

    save(qtbot, panel.open_action("application"))
    assert visible_actions(panel) == {"survey", "application_rejected"}

    dialog = panel.open_action("survey")
    save(qtbot, dialog)  # surveyors left empty: refused, nothing written
    assert dialog.isVisible() and "调查人员" in dialog.error_label.text()
    type_chinese(dialog.widgets["surveyors"], "王队长")
    save(qtbot, dialog)
    assert not dialog.isVisible() and "符合识别条件" in panel.message.text()

    clock.advance(2)
    dialog = panel.open_action("evaluation")
    dialog.set_value("chair", "李书记")
    dialog.set_value("attendees_expected", 25)
    dialog.set_value("attendees_present", 21)
    dialog.set_value("votes", {hid: (18, 2, 1)})
    save(qtbot, dialog)
    assert "民主评议通过" in panel.message.text()

    clock.advance(1)
    dialog = panel.open_action("village_announcement_start")
    dialog.set_value("end", clock.today + timedelta(days=5))  # too short a period
    save(qtbot, dialog)
    assert "公示期不足" in dialog.error_label.text()
    dialog.set_value("end", clock.today + timedelta(days=7))
    save(qtbot, dialog)
    assert "村内公示中" in panel.notice.text()
    assert "village_announcement_end" not in visible_actions(panel)  # cannot be cut short
    assert "objection" in visible_actions(panel)

    clock.advance(7)
    panel.reload()
    assert "village_announcement_end" not in visible_actions(panel)  # the last day is still part of it
    clock.advance(1)
    panel.reload()
    save(qtbot, panel.open_action("village_announcement_end"))
    save(qtbot, panel.open_action("township_review"))
    clock.advance(1)
    save(qtbot, panel.open_action("township_announcement_start"))
    clock.advance(8)
    panel.reload()
    save(qtbot, panel.open_action("township_announcement_end"))
    save(qtbot, panel.open_action("county_approval"))
    save(qtbot, panel.open_action("county_notice"))

    assert panel.overview.stage == "registered"
    assert visible_actions(panel) == {"exit_proposal", "removal"}
    for row in range(panel.steps.rowCount()):
        assert panel.steps.item(row, 0).text().startswith("✓")
        assert panel.steps.item(row, 2).text() == "测试员"  # who signed each step
    with db.session() as s:
        row = s.get(Household, hid)
        assert (row.stage, row.identification_year) == ("registered", 2024)
        assert s.query(ProcedureEvent).filter_by(household_id=hid).count() == 10


def test_batches_view_takes_a_village_list_through_votes_objection_and_closing(qtbot, village) -> None:
    from desktop_app.services.procedure import steps as proc
    from desktop_app.ui.batches_view import BatchesView

    db, vid, a, b = village
    with db.transaction() as s:
        for hid in (a, b):
            proc.create_application(s, hid, on_date=START, today=START)
            proc.complete_survey(s, hid, on_date=START, today=START)
    clock = Clock()
    view = BatchesView(db, today=clock)
    qtbot.addWidget(view)
    view.show()
    view.set_village(vid)
    assert view.model.rowCount() == 0

    view.create("evaluation")
    qtbot.waitUntil(lambda: view.current_dialog is not None, timeout=5000)
    dialog = view.current_dialog
    dialog.set_value("chair", "李书记")
    dialog.set_value("attendees_expected", 30)
    dialog.set_value("attendees_present", 20)
    dialog.set_value("votes", {a: (15, 3, 2)})  # b's votes come later
    save(qtbot, dialog)
    assert view.model.rowCount() == 1
    assert "1 户待录入票数" in view.model.data(view.model.index(0, view.model.COL_WAITING))

    view.select_batch(view.model.rows[0].id)
    dialog = view.batch_action("votes")
    dialog.set_value("votes", {a: (15, 3, 2), b: (8, 10, 2)})
    save(qtbot, dialog)
    save(qtbot, view.batch_action("close"))
    assert "1 户通过，1 户未通过" in view.message.text()

    view.create("village_announcement")
    qtbot.waitUntil(lambda: view.current_dialog is not None, timeout=5000)
    save(qtbot, view.current_dialog)
    ann = next(r for r in view.model.rows if r.kind == "village_announcement")
    view.select_batch(ann.id)
    assert "公示还有 8 天结束" in ann.waiting_zh

    dialog = view.batch_action("objection")
    type_chinese(dialog.widgets["raised_by"], "村民赵某")
    type_chinese(dialog.widgets["content"], "该户有小轿车")
    save(qtbot, dialog)
    ann = next(r for r in view.model.rows if r.kind == "village_announcement")
    assert "1 条异议待处理" in ann.waiting_zh

    clock.advance(9)
    view.reload()
    view.select_batch(ann.id)
    dialog = view.batch_action("close")
    save(qtbot, dialog)
    assert "1 条异议待处理" in dialog.error_label.text()  # refused in Chinese, the batch stays open
    dialog.reject()

    dialog = view.batch_action("resolve")
    for key, text in (("investigator", "王队长"), ("finding", "经核实为亲戚借用车辆"), ("decided_by", "村两委")):
        dialog.set_value(key, text)
    save(qtbot, dialog)
    save(qtbot, view.batch_action("close"))
    ann = next(r for r in view.model.rows if r.kind == "village_announcement")
    assert ann.status == "closed"
    with db.session() as s:
        assert s.get(Household, a).stage == "village_announced"
        assert s.get(Household, b).stage == "rejected"


def test_monitoring_list_lets_an_exited_household_return_to_poverty(qtbot, village) -> None:
    from desktop_app.services.procedure import batches as pb
    from desktop_app.services.procedure import steps as proc
    from desktop_app.ui.batches_view import BatchesView

    db, vid, a, _b = village
    day = START
    with db.transaction() as s:  # a household that went all the way to exit, then fell ill
        proc.create_application(s, a, on_date=day, today=day)
        proc.complete_survey(s, a, on_date=day, today=day)
        ev = pb.create_evaluation(
            s, vid, [a], meeting_date=day, today=day, place="村委会", chair="李", attendees_present=9
        )
        pb.record_votes(s, ev, {a: (9, 0, 0)})
        pb.close_evaluation(s, ev, today=day)
        for kind, review in (("village", "township"), ("township", "county")):
            ann = pb.open_announcement(s, vid, kind, [a], start=day, end=day + timedelta(7), today=day)
            day += timedelta(8)
            pb.close_announcement(s, ann, on_date=day, today=day)
            pb.review(s, vid, {a: (True, "")}, level=review, reviewer="审核人", on_date=day, today=day)
        pb.issue_notice(s, vid, [a], kind="county", on_date=day, today=day)
        proc.propose_exit(s, a, on_date=day, today=day)
        row = s.get(Household, a)
        row.income_wage_fen, row.per_capita_income_fen = 4200_00 * 3, 4200_00
        proc.verify_exit(s, a, on_date=day, today=day)
        proc.acknowledge_exit(s, a, signed_by="张富贵", on_date=day, today=day)
        ann = pb.open_announcement(s, vid, "exit", [a], start=day, end=day + timedelta(7), today=day)
        day += timedelta(8)
        pb.close_announcement(s, ann, on_date=day, today=day)
        pb.issue_notice(s, vid, [a], kind="exit", on_date=day, today=day)
    view = BatchesView(db, today=day + timedelta(30))
    qtbot.addWidget(view)
    view.set_village(vid)
    dialog = view.open_monitoring()
    qtbot.waitUntil(lambda: len(dialog.rows) == 2, timeout=5000)  # the exited household and a poor non-applicant
    dialog.select(a)
    assert "1.5 倍" in dialog.table.item(dialog.table.currentRow(), 2).text()
    form = dialog.re_enter()
    form.set_value("reason", "户主突发重病，医疗支出大")
    save(qtbot, form)
    qtbot.waitUntil(lambda: [m.household_id for m in dialog.rows] == [_b], timeout=5000)
    with db.session() as s:
        row = s.get(Household, a)
        assert (row.stage, row.status) == ("applied", "4")
