"""The post ledger's screens on real widgets and a real SQLite file: a post made on its form, a person through
the selection with a refusal naming its rule and a written override, a month worked, the check, the card."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.services.assistance import household_posts
from desktop_app.ui.assist_post_forms import MonthDialog, PostDialog
from desktop_app.ui.assist_posts import CardPostsSection, PostsPage
from desktop_app.ui.models.posts import holders_model
from tests.assist_posts.helpers import contracted, post, set_member, village


def _ok(qtbot: Any, dialog: Any) -> None:
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _date(page: PostsPage, day: date) -> None:
    page.on.setDate(QDate(day.year, day.month, day.day))


def _click(qtbot: Any, page: PostsPage, step: str) -> None:
    qtbot.mouseClick(page.step_buttons[step], Qt.MouseButton.LeftButton)


def _holder_texts(page: PostsPage) -> dict[str, str]:
    model = page.holders
    return {model.data(model.index(r, 1)): model.data(model.index(r, 3)) for r in range(model.rowCount())}


def test_a_post_and_a_holder_through_the_selection_on_screen(qtbot: Any, sqlite_db: Any) -> None:
    v = village(sqlite_db)
    set_member(sqlite_db, v.members["王家2"], labour="4")
    form = PostDialog(sqlite_db, v.id)
    qtbot.addWidget(form)
    qtbot.keyClicks(form.subsidy, "five hundred")
    _ok(qtbot, form)
    assert "金额无效" in form.message.text() and not form.saved_id
    form.subsidy.setText("500")
    form.places.setValue(2)
    _ok(qtbot, form)
    assert form.saved_id

    page = PostsPage(sqlite_db)
    qtbot.addWidget(page)
    page.set_village(v.id)
    page.show()
    qtbot.waitExposed(page)
    posts = page.posts
    assert [posts.data(posts.index(0, c)) for c in (0, 2, 4, 5)] == ["保洁员", "村级公益岗", "500.00", "0/2"]

    page.person.setCurrentIndex(page.person.findText("0003 王家2"))
    _date(page, date(2026, 3, 2))
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    assert _holder_texts(page) == {"王家2": "已报名"}
    page.holders_view.selectRow(0)
    _click(qtbot, page, "check")
    assert "post_rules.able_to_work" in page.message.text()
    assert _holder_texts(page) == {"王家2": "已报名"}
    page.holders_view.selectRow(0)
    qtbot.keyClicks(page.override, "county approval 2026-03-01")
    _click(qtbot, page, "check")
    assert "决定人" in page.message.text()
    qtbot.keyClicks(page.decided_by, "Li")
    _click(qtbot, page, "check")
    assert _holder_texts(page) == {"王家2": "已审核"}
    assert "county approval" in page.holders.data(page.holders.index(0, 10))
    page.holders_view.selectRow(0)
    _click(qtbot, page, "notice")
    _click(qtbot, page, "contract")
    assert "post_rules.notice_days" in page.message.text() and "2026-03-09" in page.message.text()
    _date(page, date(2026, 3, 9))
    _click(qtbot, page, "contract")
    assert _holder_texts(page) == {"王家2": "已签约"}
    assert posts.data(posts.index(0, 5)) == "1/2"

    page.holders_view.selectRow(0)
    shown = page.holders.row_at(0)
    assert shown is not None
    month = MonthDialog(sqlite_db, shown.id, 50_000)
    qtbot.addWidget(month)
    month.month.setDate(QDate(2026, 4, 1))
    month.days.setValue(22)
    month.subsidy.setText("600")
    _ok(qtbot, month)
    assert "post_rules.subsidy_cap" in month.message.text()
    month.subsidy.setText("500")
    _ok(qtbot, month)
    page.refresh()
    page.holders_view.selectRow(0)
    assert page.months.rowCount() == 1 and page.months.data(page.months.index(0, 4)) == "500.00"

    assert page.findings.item(0).text() == "Every holder meets the rules."
    set_member(sqlite_db, v.members["王五"], is_public_official=True)
    page.refresh()
    assert "村干部及其家属" in page.findings.item(0).text()

    card = CardPostsSection(sqlite_db, v.households[2])
    qtbot.addWidget(card)
    card.show()
    qtbot.waitExposed(card)
    assert card.holders.rowCount() == 1 and card.months.rowCount() == 1 and card.empty.isHidden()
    empty = CardPostsSection(sqlite_db, v.households[0])
    qtbot.addWidget(empty)
    empty.show()
    qtbot.waitExposed(empty)
    assert empty.holders.rowCount() == 0 and not empty.empty.isHidden()


def test_the_lists_pass_qt_model_tests(qtmodeltester: Any, sqlite_db: Any) -> None:
    v = village(sqlite_db)
    contracted(sqlite_db, post(sqlite_db, v), v.members["王家1"])
    model = holders_model()
    model.set_rows(household_posts(sqlite_db, v.households[2]))
    qtmodeltester.check(model)
