"""The card's plan section and the village's funds page, real widgets on a real SQLite file, in Chinese: the
plan typed in its form, a measure delivered with its photo, a payment refused without one (the rule named) and
paid with one, the ledger and its flagged payments."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QTableWidget

from desktop_app.services import assistance as ast
from desktop_app.ui.assist_funds import FundsPage
from desktop_app.ui.assist_funds_dialogs import AllocateDialog, DeliveryDialog, FundDialog, PayDialog
from desktop_app.ui.assist_funds_plan import PlanDialog
from desktop_app.ui.assist_plans import CardPlanSection
from tests.assist_funds.helpers import OUT, REG, photo

TODAY = date(2025, 6, 1)


def _cells(table: QTableWidget) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def _headers(table: QTableWidget) -> list[str]:
    return [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]


def _choose(box: QComboBox, text: str) -> None:
    index = box.findText(text)
    assert index >= 0, text
    box.setCurrentIndex(index)


def test_the_card_section_keeps_the_plan_the_measures_and_their_payments(qtbot, world, tmp_path, lang_zh) -> None:
    fund = ast.add_fund(world.db, ast.FundInput("2025 年衔接资金", 2025))
    ast.allocate(world.db, ast.AllocationInput(fund, world.v1, 1_000_000))
    section = CardPlanSection(world.db, world.reg, today=TODAY)
    qtbot.addWidget(section)
    changes: list[bool] = []
    section.changed.connect(lambda: changes.append(True))
    section.show()
    assert section.plan_label.text() == "还没有 2025 年的帮扶计划。"
    assert section.plan_button.text() == "编辑计划…"

    plan = section.open_plan()
    assert isinstance(plan, PlanDialog) and plan.windowTitle() == "2025 年帮扶计划"
    plan.causes.boxes["01"].setChecked(True)
    plan.risks.boxes["07"].setChecked(True)
    row = plan.add_item()
    plan.items.item(row, 1).setText("养殖业、种植业")
    plan.items.item(row, 2).setText("养牛 2 头")
    plan.items.item(row, 3).setText("3000")
    plan.items.item(row, 4).setText("年增收 4000 元")
    plan.income_target.setText("9000")
    plan.targets.setText("稳定增收")
    plan.accept()
    assert section.current_dialog is None and changes == [True]
    assert "致贫原因：因病；风险：因务工就业不稳；人均纯收入目标：9,000.00 元" in section.plan_label.text()
    assert _cells(section.plan_items) == [["产业帮扶", "养殖业、种植业", "养牛 2 头", "3,000.00", "年增收 4000 元"]]

    add = section.open_add()
    assert isinstance(add, DeliveryDialog) and add.windowTitle() == "添加落实的帮扶措施"
    add.set_category("100A39")
    add.tick("2")
    add.content.setText("能繁母牛 1 头")
    add.amount.setText("3000")
    add.member.setText("张富贵")
    _choose(add.fund, "2025 2025 年衔接资金")
    add.accept()
    assert _headers(section.table)[:4] == ["类别", "措施", "内容", "金额（元）"]
    assert _cells(section.table) == [
        ["产业帮扶", "养殖业", "能繁母牛 1 头", "3,000.00", "2025 年衔接资金", "已实施", "0", "0.00"]
    ]

    section.table.selectRow(0)
    pay = section.open_pay()
    assert isinstance(pay, PayDialog) and pay.amount.text() == "3000.00" and pay.household.text() == REG
    pay.accept()  # an industry subsidy needs a photo: the form stays open with the rule
    assert pay.isVisible() and "measure_rules.photo_required.categories" in pay.error.text()
    assert "“产业帮扶”的补助须凭照片拨付" in pay.error.text()
    pay.photos.add_file(str(photo(tmp_path)))
    assert pay.photos.summary.text() == "1 张照片"
    pay.accept()
    assert not pay.isVisible()
    assert _cells(section.paid_table) == [["2025-06-01", "2025 年衔接资金", "产业帮扶 能繁母牛 1 头", "3,000.00", "1"]]
    assert _cells(section.table)[0][-1] == "3,000.00"

    section.table.selectRow(0)
    edit = section.open_edit()
    assert isinstance(edit, DeliveryDialog) and edit.content.text() == "能繁母牛 1 头" and edit.boxes["2"].isChecked()
    edit.result_edit.setText("已产犊 1 头")
    _choose(edit.status, "已完成")
    edit.accept()
    assert _cells(section.table)[0][5] == "已完成"
    section.table.selectRow(0)
    box = section.ask_remove()
    assert box is not None
    box.button(box.StandardButton.Yes).click()  # paid: refused with the reason
    assert section.current_message is not None and "已有拨付记录" in section.current_message.text()
    assert len(section.deliveries) == 1


def test_the_funds_page_shows_the_ledger_and_flags_and_allocates_and_pays(qtbot, world, lang_zh) -> None:
    page = FundsPage(world.db, today=TODAY)
    qtbot.addWidget(page)
    page.show()
    assert page.hint.text() == "请在左侧选择一个行政村。" and not page.allocate_button.isEnabled()
    page.set_village(world.v1)
    assert page.allocate_button.isEnabled() and page.allocate_button.text() == "分配资金…"

    new = page.open_fund()
    assert isinstance(new, FundDialog)
    new.accept()  # no name: stays open
    assert "请填写资金名称" in new.error.text()
    new.name.setText("2025 年衔接资金")
    _choose(new.level, "中央财政")
    new.accept()

    allocation = page.open_allocate()
    assert isinstance(allocation, AllocateDialog)
    _choose(allocation.fund, "2025 2025 年衔接资金")
    allocation.amount.setText("500")
    allocation.accept()
    assert _headers(page.table) == ["年度", "资金来源", "分配（元）", "拨付（元）", "结余（元）", "疑点"]
    assert _cells(page.table) == [["2025", "2025 年衔接资金", "500.00", "0.00", "500.00", ""]]

    pay = page.open_pay()
    assert isinstance(pay, PayDialog) and not pay.household.isReadOnly()
    pay.household.setText(OUT)
    _choose(pay.fund, "2025 2025 年衔接资金")
    pay.amount.setText("500.01")
    pay.accept()
    assert "超过资金余额" in pay.error.text() and "measure_rules.overdraw" in pay.error.text()
    pay.amount.setText("400")
    pay.accept()
    assert _cells(page.table) == [["2025", "2025 年衔接资金", "500.00", "400.00", "100.00", "1"]]
    assert page.totals.text() == "合计：分配 500.00 元，拨付 400.00 元，结余 100.00 元"
    assert _cells(page.flags_table) == [
        [OUT, "赵外人", "2025 年衔接资金", "400.00", "2025-06-01", "不在建档立卡和监测对象名单内"]
    ]
    page.year.setValue(2024)
    assert _cells(page.table) == [] and page.totals.text() == "合计：分配 0.00 元，拨付 0.00 元，结余 0.00 元"
    page.all_years.setChecked(True)
    assert len(_cells(page.table)) == 1 and not page.year.isEnabled()


def test_the_screens_speak_english_when_asked(qtbot, world, lang_en) -> None:
    section = CardPlanSection(world.db, world.reg, today=TODAY)
    qtbot.addWidget(section)
    section.show()
    assert section.plan_label.text() == "No help plan for 2025 yet."
    page = FundsPage(world.db, today=TODAY)
    qtbot.addWidget(page)
    page.set_village(world.v1)
    page.show()
    assert page.fund_button.text() == "New fund…"
