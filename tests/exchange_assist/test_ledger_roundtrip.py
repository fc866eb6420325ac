"""The exchange workbook, format version 2, carries every ledger: exported from a database holding all of
them and imported into an empty one, every ledger row (and the cadre roster's new columns) is the same;
importing it again changes nothing at all; a village's workbook carries only that village's ledgers."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import python_calamine as pc

from desktop_app.services import Database, open_database
from desktop_app.services.exchange import columns as C
from desktop_app.services.exchange import columns_assist as CA
from desktop_app.services.unit_of_work import writing
from desktop_app.storage.models import AppSetting
from desktop_app.storage.models_assist import LoanRepayment
from tests.exchange.conftest import export
from tests.exchange_assist.conftest import col, edit, import_one
from tests.exchange_assist.ledgers import LEDGER_TABLES, dump, households
from tests.storage.table_dump import changed_tables, dump_tables

LEDGER_SHEET_NAMES = ["资金来源", "资金项目", "资金分配", "帮扶结对", "帮扶计划", "措施落实", "资金拨付", "小额信贷",
                      "贷款还款", "公益岗位", "岗位人员", "岗位月报", "务工监测", "走访记录"]  # fmt: skip


def test_every_ledger_travels_to_an_empty_database_and_twice_changes_nothing(
    ledger_db: Database, ledger_xlsx: Path, tmp_path: Path
) -> None:
    book = pc.CalamineWorkbook.from_path(str(ledger_xlsx))
    assert [n for n in book.sheet_names if n in LEDGER_SHEET_NAMES] == LEDGER_SHEET_NAMES  # parents first
    meta = dict(book.get_sheet_by_name(C.METADATA_SHEET).to_python()[:40])
    assert meta["格式版本"] == 3 and meta["贷款还款"] == 1 and meta["小额信贷"] == 2

    target = open_database(tmp_path / "empty.sqlite", operator="县里", device_id="county")
    try:
        outcome = import_one(target, ledger_xlsx)
        assert outcome.applied, [p.line() for p in outcome.errors]
        assert outcome.ledgers["loan"]["added"] == 2 and outcome.ledgers["loan_repayment"]["added"] == 1
        before, after = dump(ledger_db), dump(target)
        for table in LEDGER_TABLES:
            assert after[table] == before[table], table
            assert after[table], f"{table}: the test database holds a row of every ledger"
        cadre = after["cadre"][0]
        assert (cadre["sex"], cadre["rank"], cadre["started_on"]) == ("1", "3", "2024-03-01")

        everything = dump_tables(target)
        again = import_one(target, ledger_xlsx)
        assert again.applied and again.conflicts == 0
        assert again.ledger_totals()["added"] == again.ledger_totals()["updated"] == 0
        assert changed_tables(everything, dump_tables(target)) == []
    finally:
        target.close()


def test_ledger_cells_are_labels_text_and_yuan_never_formulas(ledger_db: Database, tmp_path: Path) -> None:
    with writing(ledger_db, "assist.rules") as work:  # the county's own products: the loan shows its name
        products = {"products": [{"key": "help_2026", "name": "帮扶小额信贷（本县）"}]}
        work.session.add(AppSetting(key="assistance.loan_products", value=json.dumps(products, ensure_ascii=False)))
    book = openpyxl.load_workbook(export(ledger_db, tmp_path / "ledgers.xlsx"))
    loans = book["小额信贷"]
    head = [c.value for c in loans[1]]
    row = {h: loans.cell(row=2, column=i + 1) for i, h in enumerate(head)}
    assert row["信用等级"].value == "AA" and row["贷款金额（元）"].value == 50000
    assert row["贷款产品"].value == "help_2026" and row["产品名称"].value == "帮扶小额信贷（本县）"
    assert row["合同编号"].data_type == "s" and row["合同编号"].number_format == "@"
    assert row["户编号"].data_type == "s" and row["借款人"].value
    assert loans.column_dimensions[openpyxl.utils.get_column_letter(head.index("借款人记录编号") + 1)].hidden
    allocation = book["资金分配"]
    head = [c.value for c in allocation[1]]
    document = allocation.cell(row=2, column=head.index("文号") + 1)
    assert document.value == "=SUM(A1)" and document.data_type == "s"  # a string cell, not a formula
    plan = book["帮扶计划"]
    head = [c.value for c in plan[1]]
    values = {h: plan.cell(row=2, column=i + 1).value for i, h in enumerate(head)}
    assert values["致贫原因"] == "因病、因学" and values["计划措施"].startswith("产业帮扶：种植核桃")
    months = book["务工监测"]
    head = [c.value for c in months[1]]
    values = {h: months.cell(row=2, column=i + 1).value for i, h in enumerate(head)}
    assert values["务工渠道"] == "外出务工" and values["行业"] == "制造业" and values["是否务工"] == "是"
    # every coded ledger column has its drop-down
    validated = {str(v.sqref).split(":")[0].rstrip("0123456789") for v in months.data_validations.dataValidation}
    for header in ("务工渠道", "行业", "是否务工"):
        assert openpyxl.utils.get_column_letter(head.index(header) + 1) in validated, header


def test_a_village_workbook_carries_that_villages_ledgers_and_the_county_funds(
    ledger_db: Database, tmp_path: Path
) -> None:
    first, second = households(ledger_db)[:2]
    assert first.village_id == second.village_id
    other = next(h for h in households(ledger_db) if h.village_id != first.village_id)
    mine = export(ledger_db, tmp_path / "mine.xlsx", area_id=first.village_id)
    theirs = export(ledger_db, tmp_path / "theirs.xlsx", area_id=other.village_id)
    assert len(pc.CalamineWorkbook.from_path(str(mine)).get_sheet_by_name("小额信贷").to_python()) == 3
    theirs_book = pc.CalamineWorkbook.from_path(str(theirs))
    for spec in CA.LEDGER_SHEETS:
        data = theirs_book.get_sheet_by_name(spec.name).to_python()[1:]
        if spec.table in CA.REFERENCE_TABLES:
            assert len(data) == 1, spec.name  # the county's funds and projects go everywhere
        else:
            assert data == [], spec.name
    cadres = pc.CalamineWorkbook.from_path(str(mine)).get_sheet_by_name("帮扶干部").to_python()
    ids = [row[cadres[0].index("记录编号")] for row in cadres[1:]]
    assert ledger_db.ledger_ids["cadre"] in ids  # type: ignore[attr-defined]  # the pairing's cadre goes with it


def test_a_cadres_rank_edited_in_the_workbook_arrives_field_by_field(
    ledger_db: Database, ledger_xlsx: Path, tmp_path: Path
) -> None:
    target = open_database(tmp_path / "b.sqlite", operator="县里", device_id="county")
    try:
        assert import_one(target, ledger_xlsx).applied
        cadre_id = ledger_db.ledger_ids["cadre"]  # type: ignore[attr-defined]
        sheet = openpyxl.load_workbook(ledger_xlsx)["帮扶干部"]
        at = next(
            r for r in range(2, sheet.max_row + 1) if sheet.cell(row=r, column=col(sheet, "记录编号")).value == cadre_id
        )
        edited = edit(ledger_xlsx, tmp_path / "rank.xlsx", "帮扶干部", at, {"职级": "科级领导"})
        outcome = import_one(target, edited)
        assert outcome.applied and outcome.conflicts == 0
        before = next(r for r in dump(ledger_db, ("cadre",))["cadre"] if r["id"] == cadre_id)
        after = next(r for r in dump(target, ("cadre",))["cadre"] if r["id"] == cadre_id)
        assert after["rank"] == "2" and before["rank"] == "3"
        assert {k: v for k, v in after.items() if k not in ("rank", "version", "device_id")} == {
            k: v for k, v in before.items() if k not in ("rank", "version", "device_id")
        }
    finally:
        target.close()


def test_a_ledger_record_deleted_on_one_laptop_is_deleted_on_the_other(
    ledger_db: Database, ledger_xlsx: Path, tmp_path: Path
) -> None:
    target = open_database(tmp_path / "b.sqlite", operator="县里", device_id="county")
    try:
        assert import_one(target, ledger_xlsx).applied
        rid = ledger_db.ledger_ids["repayment"]  # type: ignore[attr-defined]
        with writing(ledger_db, "assist.repay_delete") as work:
            row = work.session.get(LoanRepayment, rid)
            assert row is not None
            row.deleted = True
        book = export(ledger_db, tmp_path / "after_delete.xlsx")
        tombstones = pc.CalamineWorkbook.from_path(str(book)).get_sheet_by_name("已删除记录").to_python()
        assert any(r[0] == "loan_repayment" and r[2] == rid for r in tombstones[1:])
        assert import_one(target, book).applied
        gone = dump(target, ("loan_repayment",))["loan_repayment"]
        assert [r["deleted"] for r in gone if r["id"] == rid] == ["1"]
    finally:
        target.close()
