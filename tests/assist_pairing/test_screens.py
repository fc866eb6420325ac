"""A cadre works the pairing screens like at the village office: the page's coverage findings, pairing a
household and keeping the roster; the card's pairing section (change, contact, end) and visits with a photo."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from desktop_app.services.assistance import coverage_check, household_pairings, household_visits
from desktop_app.storage.models import Household
from desktop_app.ui.assist_pairing import CardPairingSection, PairingPage
from desktop_app.ui.assist_pairing_dialogs import CadreDialog, PairDialog, RowsModel, VisitDialog
from desktop_app.ui.assist_visits import CardVisitsSection
from tests.assist_pairing.helpers import cadre, county

TODAY = date.today()


def _cells(model, row: int) -> list[str]:
    return [model.index(row, c).data() for c in range(model.columnCount())]


def _headers(model) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_the_village_page_lists_findings_pairs_a_household_and_keeps_the_roster(qtbot, tmp_path, lang_zh) -> None:
    db, vid, (h1, h2, _h3) = county(tmp_path / "c.sqlite")
    leader = cadre(db, "张三", "1")
    page = PairingPage(db)
    qtbot.addWidget(page)
    page.set_village(vid)
    page.show()
    assert "应覆盖 2 户" in page.summary.text()
    assert [_cells(page.findings_model, r) for r in range(2)] == [
        ["5329990010010001", "户主1", "无帮扶责任人"],
        ["5329990010010002", "户主2", "无帮扶责任人"],
    ]
    assert _headers(page.households_model) == ["户编号", "户主", "识别阶段", "帮扶责任人", "监测联系人"]
    assert _cells(page.roster_model, 0) == ["张三", "县农业农村局", "县处级领导", "0", "3"]

    page.households.selectRow(0)
    dialog = page.open_pair()
    assert isinstance(dialog, PairDialog) and dialog.isVisible()
    assert dialog.role.currentText() == "帮扶责任人"
    dialog.choose(leader)
    dialog.started.setText("2025-01-01")
    dialog.ok()
    assert not dialog.isVisible()
    assert _cells(page.households_model, 0)[3] == "张三"
    assert [r.number for r in coverage_check(db, vid).uncovered] == ["5329990010010002"]
    assert page.findings_model.rowCount() == 1 and _cells(page.roster_model, 0)[3] == "1"

    add = page.open_add_cadre()
    assert isinstance(add, CadreDialog)
    add.ok()  # no name: refused in red, the dialog stays
    assert add.isVisible() and add.error.text() == "请填写帮扶干部姓名"
    add.name.setText("李四")
    add.rank.setCurrentIndex(add.rank.findText("驻村工作队员"))
    add.ended.setText((TODAY - timedelta(days=1)).isoformat())  # already left the work team
    add.ok()
    assert not add.isVisible()
    assert [_cells(page.roster_model, r)[0:3] for r in range(2)] == [
        ["张三", "县农业农村局", "县处级领导"],
        ["李四", "", "驻村工作队员"],
    ]

    page.households.selectRow(1)
    refused = page.open_pair()
    refused.choose(page.roster_model.ids[1])
    refused.started.setText(TODAY.isoformat())
    refused.ok()
    assert refused.isVisible() and "规则 pairing_rules.pair_only_active_cadres" in refused.error.text()
    refused.reject()
    page.roster.selectRow(1)
    edit = page.open_edit_cadre()
    assert edit.name.text() == "李四"
    edit.ended.setText("")
    edit.ok()
    refused = page.open_pair()
    refused.choose(page.roster_model.ids[1])
    refused.ok()
    assert not refused.isVisible() and page.findings_model.rowCount() == 0
    assert "覆盖检查通过" in page.summary.text()
    db.close()


def test_the_cards_pairing_section_changes_sets_a_contact_and_ends(qtbot, tmp_path, lang_zh) -> None:
    db, _vid, (h1, *_r) = county(tmp_path / "c.sqlite")
    old, new = cadre(db, "王五"), cadre(db, "赵六", "5")
    with db.transaction() as s:
        s.get(Household, h1).cadre_id = old  # a card from before the ledger
    section = CardPairingSection(db, h1)
    qtbot.addWidget(section)
    section.show()
    assert section.current_label.text() == "帮扶责任人：王五（县农业农村局）    监测联系人：无"
    assert _cells(section.model, 0) == [
        "帮扶责任人",
        "王五",
        "县农业农村局",
        "户卡登记",
        "当前",
        "户卡登记的帮扶责任人",
    ]

    change = section.open_pair("1")
    change.choose(new)
    change.ok()
    assert not change.isVisible()
    assert section.current_label.text().startswith("帮扶责任人：赵六")
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    assert [_cells(section.model, r)[1:5] for r in range(2)] == [
        ["赵六", "县农业农村局", TODAY.isoformat(), "当前"],
        ["王五", "县农业农村局", "户卡登记", yesterday],
    ]
    contact = section.open_pair("2")
    assert contact.role.currentText() == "监测联系人"
    contact.choose(old)
    contact.started.setText(TODAY.isoformat())
    contact.ok()
    assert "监测联系人：王五" in section.current_label.text()

    section.table.selectRow(0)
    end = section.open_end()
    assert end is not None
    end.ok()
    assert end.isVisible() and end.error.text() == "请填写结束结对的原因"
    end.reason.setText("干部调离")
    end.ok()
    assert not end.isVisible()
    assert [p.current for p in household_pairings(db, h1, on=TODAY + timedelta(days=1)) if p.role == "1"] == [
        False,
        False,
    ]
    db.close()


def test_the_cards_visits_section_records_a_visit_with_a_photo_and_counts_the_year(qtbot, tmp_path, lang_zh) -> None:
    db, _vid, (h1, *_r) = county(tmp_path / "c.sqlite")
    zhang = cadre(db, "张三")
    from desktop_app.services.assistance import pair

    pair(db, h1, zhang, started_on=date(TODAY.year - 1, 1, 1))
    section = CardVisitsSection(db, h1)
    qtbot.addWidget(section)
    section.show()
    assert section.count_label.text() == f"帮扶责任人 张三：{TODAY.year} 年走访 0 次，应至少 4 次（不足）"
    dialog = section.open_add()
    assert isinstance(dialog, VisitDialog) and dialog.cadre.currentData() == zhang
    dialog.ok()
    assert dialog.isVisible() and dialog.error.text() == "请填写走访发现的情况"
    photo = tmp_path / "厨房.jpg"
    photo.write_bytes(b"\xff\xd8 kitchen")
    dialog.found.setPlainText("灶台老化")
    dialog.agreed.setPlainText("申请改厨")
    dialog.add_photo(str(photo))
    dialog.ok()
    assert not dialog.isVisible()
    assert _cells(section.model, 0) == [TODAY.isoformat(), "张三", "灶台老化", "申请改厨", "1"]
    assert section.count_label.text() == f"帮扶责任人 张三：{TODAY.year} 年走访 1 次，应至少 4 次（不足）"
    (saved,) = household_visits(db, h1)
    assert len(saved.photos) == 1 and len(saved.photos[0]) == 64
    db.close()


def test_the_rows_model_passes_qts_model_tester(qtmodeltester) -> None:
    model = RowsModel(["A", "B"])
    model.set_rows([("1", "2"), ("3", "4")], ["x", "y"])
    qtmodeltester.check(model)
