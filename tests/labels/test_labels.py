"""The one label lookup: every code has a label in both languages, labels read back to their codes, and the
places that used to show codes (history, the 识别程序记录 sheet, argparse, the procedure panel) use it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from desktop_app import catalog
from desktop_app.domain import labels
from desktop_app.domain.procedure_rules import DEFAULT_SURVEY_FIELDS, STAGE_LABELS
from desktop_app.storage.models import ChangeLog


@pytest.mark.parametrize("kind", labels.KINDS)
def test_every_label_reads_back_to_its_code_in_both_languages(kind: str) -> None:
    for code, (zh, en) in labels.vocabulary(kind).items():
        assert zh and en
        assert labels.parse(kind, zh) == code, (kind, zh)
        assert labels.parse(kind, en) == code or labels.parse(kind, en) in labels.vocabulary(kind)
        assert labels.parse(kind, code) == code
        assert catalog.parse_label(kind, catalog.label(kind, code)) == code


def test_catalog_label_covers_code_lists_and_procedure_vocabularies() -> None:
    assert catalog.label("sex", "2") == "女" and catalog.label("sex", "2", "en") == "female"
    assert catalog.label("step", "evaluation") == "民主评议"
    assert catalog.label("batch_result", "pending") == "待定" and catalog.label("batch_result", "passed") == "通过"
    assert catalog.label("outcome", "passed", "en") == "passed"
    assert catalog.label("stage", None) == "尚未申请" and catalog.label("step", "") == ""
    assert catalog.label("step", "a_newer_step") == "a_newer_step"  # never hidden, even when unknown
    assert catalog.parse_label("step", "村内公示开始") == "village_announcement_start"
    assert catalog.parse_label("step", "nonsense") is None


def test_stage_and_field_labels_agree_with_the_code_list_and_the_survey() -> None:
    stage_list = catalog.codelists()["stage"]
    assert {item.code: (item.zh, item.en) for item in stage_list} == dict(STAGE_LABELS)
    survey = {name: zh for name, zh, _en in DEFAULT_SURVEY_FIELDS}
    assert survey["housing_grade"] == labels.FIELD_LABELS["housing_grade"][0] == "住房安全等级"


def test_step_details_read_out_in_either_language() -> None:
    data = {"present": 19, "for": 12, "against": 1, "abstain": 6, "seq": 3, "how": "self", "objection_id": "x"}
    assert labels.data_text(data) == "申请方式 本人申请；实到 19；赞成 12；反对 1；弃权 6"
    assert labels.data_text(data, "en") == "how applied in person; present 19; for 12; against 1; abstain 6"
    assert labels.data_text({"per_capita_fen": 447336}) == "人均纯收入（元） 4,473.36"
    assert labels.data_text({}) == ""


def test_history_names_votes_results_and_empty_values(sqlite_db) -> None:
    from desktop_app.services.demo.households import generate_demo
    from desktop_app.services.households.history import household_history
    from desktop_app.storage.models import Batch, BatchHousehold

    with sqlite_db.transaction() as session:
        generate_demo(session, households=12, villages=1, seed=2)
    with sqlite_db.transaction() as session:
        link = session.scalars(
            select(BatchHousehold).join(Batch, Batch.id == BatchHousehold.batch_id).where(Batch.kind == "evaluation")
        ).first()
        link.votes_for, link.result = (link.votes_for or 0) + 2, "failed"
        household_id = link.household_id
    with sqlite_db.session() as session:
        lines = [e.describe() for e in household_history(session, household_id)]
        english = [e.describe("en") for e in household_history(session, household_id)]
    assert any(line.startswith("名单 · 赞成票：") for line in lines)
    assert "名单 · 评议结果：通过 → 未通过" in lines
    assert "list · result: passed → failed" in english
    assert not any("votes_for" in line or "pending" in line for line in lines)


def test_a_card_without_steps_is_named_by_its_stage_everywhere(sqlite_db) -> None:
    from desktop_app.services.procedure.view import overview
    from tests.procedure.helpers import make_household, make_village

    with sqlite_db.transaction() as session:
        household_id = make_household(session, make_village(session), "5329990010010001", "张富贵", seq=1)
    with sqlite_db.session() as session:
        view = overview(session, household_id, today=date(2024, 3, 1))
    assert view.stage is None
    assert view.stage_zh == catalog.label("stage", "applied") == "农户申请"  # what the household list shows
    assert view.stage_en == "applied"


def test_old_workbooks_with_step_codes_import_unchanged(demo_db, tmp_path: Path, capsys) -> None:
    """A file written before labels (环节 = evaluation) and our own export both import without a change."""
    from desktop_app.cli import main
    from desktop_app.services.exchange.export import export_workbook

    out = tmp_path / "ours.xlsx"
    with demo_db.session() as session:
        export_workbook(session, out)
    book = openpyxl.load_workbook(out)
    ws = book["识别程序记录"]
    header = [c.value for c in ws[1]]
    step_col, outcome_col = header.index("环节") + 1, header.index("结果") + 1
    for r in range(2, ws.max_row + 1):
        for col, kind in ((step_col, "step"), (outcome_col, "outcome")):
            cell = ws.cell(row=r, column=col)
            if cell.value:
                cell.value = labels.parse(kind, cell.value)
    old = tmp_path / "old.xlsx"
    book.save(old)

    def changes() -> int:
        with demo_db.session() as session:
            return session.execute(select(func.count()).select_from(ChangeLog)).scalar_one()

    before = changes()
    for path in (out, old):
        assert main(["--db", demo_db.url, "import", "--json", str(path)]) == 0
        result = json.loads(capsys.readouterr().out)
        assert result["errors"] == [] and result["conflicts"] == 0
        assert result["households"]["updated"] == result["households"]["added"] == 0
    assert changes() == before


def test_argparse_speaks_the_command_lines_language(capsys) -> None:
    from desktop_app.cli import main

    with pytest.raises(SystemExit):
        main(["procedure", "show"])
    err = capsys.readouterr().err
    assert "用法：" in err and "错误：缺少必需的参数：HOUSEHOLD" in err and "usage" not in err
    with pytest.raises(SystemExit):
        main(["--lang", "en", "procedure", "show"])
    err = capsys.readouterr().err
    assert "usage:" in err and "the following arguments are required" in err
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "选项" in out and "显示本帮助并退出" in out and "show this help" not in out
