"""The household survey records what the team looked at, item by item of the county's "look" checklist
(Hebei 五看 by default; Guizhou 四看 or a county's own by its form), in the card panel and from scripts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QGroupBox, QLineEdit
from sqlalchemy import func, select

from desktop_app.assets import asset_dir
from desktop_app.cli import main
from desktop_app.domain.procedure_rules import ProcedureError
from desktop_app.services.procedure import forms as pf
from desktop_app.services.procedure import steps as proc
from desktop_app.storage.models import Household, ProcedureEvent
from tests.procedure.helpers import make_household, make_village

DAY = date(2024, 3, 1)
HOUSING, BURDEN = "hebei_five_looks.housing", "hebei_five_looks.burden"


@pytest.fixture
def applied(sqlite_db) -> Iterator[tuple[object, str]]:  # type: ignore[no-untyped-def]
    """A household that has applied: the survey comes next."""
    with sqlite_db.transaction() as s:
        hid = make_household(s, make_village(s), "5329990010010001", "张富贵", seq=1)
        proc.create_application(s, hid, on_date=DAY, today=DAY)
    yield sqlite_db, hid
    pf.clear_cache()


@pytest.fixture
def county_form(data_dir: Path) -> Iterator[Path]:
    """Where a county puts its own version of a step's form."""
    folder = data_dir / "steps"
    folder.mkdir()
    pf.clear_cache()
    yield folder
    pf.clear_cache()


def _surveys(db) -> list[dict]:  # type: ignore[no-untyped-def]
    with db.session() as s:
        query = select(ProcedureEvent.data).where(ProcedureEvent.step == "survey")
        return [dict(d or {}) for d in s.execute(query).scalars()]


def _stage(db, hid: str) -> str:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return s.execute(select(Household.stage).where(Household.id == hid)).scalar_one()


def test_the_survey_keeps_the_teams_notes_item_by_item(applied) -> None:  # type: ignore[no-untyped-def]
    db, hid = applied
    with db.transaction() as s:
        proc.complete_survey(
            s,
            hid,
            on_date=DAY,
            today=DAY,
            surveyors="王队长",
            looks={
                BURDEN: "  长子读高中，母亲常年吃药 ",
                HOUSING: "土木结构，C级危房",
                "hebei_five_looks.labour": "  ",
            },
        )
    (data,) = _surveys(db)
    assert data["looks"] == {
        HOUSING: "土木结构，C级危房",
        BURDEN: "长子读高中，母亲常年吃药",
    }  # trimmed, blanks dropped
    assert pf.describe_looks(data["looks"]) == [
        "一看住房：是否安全、面积和结构：土木结构，C级危房",
        "五看负担：看病、上学、赡养等支出负担：长子读高中，母亲常年吃药",
    ]
    assert (
        pf.describe_looks(data["looks"], "en")[0]
        == "look at the housing: safety, area and structure: 土木结构，C级危房"
    )


@pytest.mark.parametrize(
    ("looks", "message"),
    [
        ({"hebei_five_looks.nosuch": "x"}, "未知条目"),
        ({"hebei_five_not_recorded.car": "有车"}, "未知条目"),  # an exclusion item is no look item
        ({HOUSING: "很" * (pf.MAX_LOOK_NOTE + 1)}, "过长"),
    ],
)
def test_a_bad_note_refuses_the_survey_and_writes_nothing(applied, looks, message) -> None:  # type: ignore[no-untyped-def]
    db, hid = applied
    with pytest.raises(ProcedureError) as caught, db.transaction() as s:
        proc.complete_survey(s, hid, on_date=DAY, today=DAY, surveyors="王队长", looks=looks)
    assert message in caught.value.message_zh
    assert _surveys(db) == [] and _stage(db, hid) == "applied"


def test_a_county_form_may_ask_for_its_own_checklist_and_require_every_item(applied, county_form) -> None:  # type: ignore[no-untyped-def]
    survey = json.loads((asset_dir("forms") / "steps" / "survey.json").read_text("utf-8"))  # the shipped form
    looks = next(f for f in survey["fields"] if f["type"] == "looks")
    looks.update(checklists=["guizhou_four_looks"], required=True)
    (county_form / "survey.json").write_text(json.dumps(survey, ensure_ascii=False), encoding="utf-8")
    pf.clear_cache()
    spec = pf.form("survey").field("looks")
    assert [label for _key, label in pf.look_items(spec)] == [
        "一看房",
        "二看粮",
        "三看劳动力强不强",
        "四看家中有没有读书郎",
    ]
    three = {"guizhou_four_looks.house": "砖房", "guizhou_four_looks.grain": "够吃", "guizhou_four_looks.labour": "弱"}
    with pytest.raises(ProcedureError) as caught:
        pf.require(pf.form("survey"), {"on_date": DAY, "surveyors": "王队长", "looks": three})
    assert "入户查看记录" in caught.value.message_zh
    pf.require(
        pf.form("survey"),
        {"on_date": DAY, "surveyors": "王队长", "looks": {**three, "guizhou_four_looks.student": "无"}},
    )


def test_a_form_naming_a_missing_checklist_is_a_clear_error(county_form) -> None:  # type: ignore[no-untyped-def]
    bad = {"id": "survey", "zh": "入户调查", "fields": [{"key": "looks", "type": "looks", "zh": "入户查看记录"}]}
    (county_form / "survey.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ProcedureError) as caught:
        pf.form("survey")
    assert "checklists" in caught.value.message_zh
    bad["fields"][0]["checklists"] = ["shanxi_six_looks"]
    (county_form / "survey.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    pf.clear_cache()
    with pytest.raises(ProcedureError) as caught:
        pf.look_items(pf.form("survey").field("looks"))
    assert "查看清单不存在：shanxi_six_looks" in caught.value.message_zh


def test_a_script_records_the_notes_with_set(applied, capsys) -> None:  # type: ignore[no-untyped-def]
    db, _hid = applied
    url = str(db.url)
    base = ["--db", url, "--operator", "脚本", "procedure", "do", "5329990010010001", "survey", "--today", "2024-03-02"]
    assert main([*base, "--set", "surveyors=王队长", "--set", "hebei_five_looks.nosuch=x"]) == 2
    assert "没有字段 hebei_five_looks.nosuch" in capsys.readouterr().err
    assert _surveys(db) == []
    assert main([*base, "--set", "surveyors=王队长", "--set", f"{HOUSING}=土坯房，漏雨"]) == 0
    assert "入户调查已完成" in capsys.readouterr().out
    assert _surveys(db)[0]["looks"] == {HOUSING: "土坯房，漏雨"}


def _type_chinese(widget: QLineEdit, text: str) -> None:
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_the_card_panel_survey_form_lists_the_five_looks_and_shows_the_notes_after(qtbot, qapp, applied) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.ui.i18n import install_translators
    from desktop_app.ui.procedure_panel import ProcedurePanel

    install_translators(qapp, "zh_CN")
    db, hid = applied
    panel = ProcedurePanel(db, hid, today=DAY)
    qtbot.addWidget(panel)
    panel.show()
    dialog = panel.open_action("survey")
    editor = dialog.widgets["looks"]
    assert [box.title() for box in editor.findChildren(QGroupBox)] == ["五看（河北）"]
    assert list(editor.edits) == [
        f"hebei_five_looks.{c}" for c in ("housing", "durables", "labour", "industry", "burden")
    ]
    _type_chinese(dialog.widgets["surveyors"], "王队长")
    _type_chinese(editor.edits[HOUSING], "土木结构，C级危房")
    _type_chinese(editor.edits[BURDEN], "母亲常年吃药")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and "入户调查已完成" in panel.message.text()
    assert _surveys(db)[0]["looks"] == {HOUSING: "土木结构，C级危房", BURDEN: "母亲常年吃药"}
    survey_row = next(r for r in range(panel.timeline.rowCount()) if panel.timeline.item(r, 1).text() == "入户调查")
    tip = panel.timeline.item(survey_row, 0).toolTip()
    assert tip.splitlines() == [
        "一看住房：是否安全、面积和结构：土木结构，C级危房",
        "五看负担：看病、上学、赡养等支出负担：母亲常年吃药",
    ]
    with db.session() as s:
        assert s.execute(select(func.count()).select_from(ProcedureEvent)).scalar_one() == 2
