"""Help measures: added with codes or labels, listed with labels, changed, removed; bad codes refused."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from desktop_app.domain.errors import DomainError
from desktop_app.services.monitoring import (
    add_help_measure,
    development_implemented,
    help_measures,
    remove_help_measure,
    update_help_measure,
)
from desktop_app.storage.models_monitoring import HelpMeasure
from tests.monitor_help.helpers import add_case, make_household, make_village

NUMBER = "5329990010010001"


@pytest.fixture
def household(db) -> str:
    with db.transaction() as s:
        vid = make_village(s)
        hid = make_household(s, vid, NUMBER, "张富贵", seq=1)
    return hid


def test_a_measure_added_by_labels_is_listed_with_its_labels_and_attached_to_the_case(db, household) -> None:
    with db.transaction() as s:
        case_id = add_case(s, household, found=date(2025, 3, 1), included=date(2025, 3, 12))
    row = add_help_measure(db, NUMBER, year=2025, category="就业帮扶", values=["劳务输出", "4"], amount_fen=50000)
    assert (row.category, row.values, row.case_id) == ("100A40", ("2", "4"), case_id)
    assert row.category_label == "就业帮扶" and row.value_labels == ("劳务输出", "帮扶车间")
    assert row.development is True
    add_help_measure(db, household, year=2025, category="100A45", values=["医疗救助"])
    listed = help_measures(db, NUMBER)
    assert [(r.category_label, r.value_labels) for r in listed] == [
        ("就业帮扶", ("劳务输出", "帮扶车间")),
        ("健康帮扶", ("医疗救助",)),
    ]
    assert help_measures(db, NUMBER, year=2024) == []


def test_bad_codes_are_refused_in_chinese_and_nothing_is_written(db, household) -> None:
    with pytest.raises(DomainError, match="帮扶措施类别无效"):
        add_help_measure(db, NUMBER, year=2025, category="种地", values=["1"])
    with pytest.raises(DomainError, match="“就业帮扶”中没有这项措施：养猪"):
        add_help_measure(db, NUMBER, year=2025, category="100A40", values=["养猪"])
    with pytest.raises(DomainError, match="请选择"):
        add_help_measure(db, NUMBER, year=2025, category="100A40", values=[])
    with pytest.raises(DomainError, match="结束日期"):
        add_help_measure(
            db,
            NUMBER,
            year=2025,
            category="100A40",
            values=["1"],
            started_on=date(2025, 5, 1),
            ended_on=date(2025, 4, 1),
        )
    with pytest.raises(DomainError, match="找不到户编号"):
        add_help_measure(db, "9999", year=2025, category="100A40", values=["1"])
    with db.read() as s:
        assert s.exec(select(HelpMeasure)).all() == []


def test_skills_training_alone_is_not_development_and_removal_is_a_tombstone(db, household) -> None:
    training = add_help_measure(db, NUMBER, year=2025, category="100A40", values=["技能培训", "其他"])
    assert training.development is False
    with db.read() as s:
        assert development_implemented(s, household, 2025) is False
    changed = update_help_measure(db, training.id, {"values": ["技能培训", "劳务输出"], "note": "外出务工"})
    assert changed.development is True and changed.note == "外出务工"
    with db.read() as s:
        assert development_implemented(s, household, 2025) is True
        assert development_implemented(s, household, 2024) is False
    with pytest.raises(DomainError, match="不能修改的字段"):
        update_help_measure(db, training.id, {"household_id": "x"})
    remove_help_measure(db, training.id)
    assert help_measures(db, NUMBER) == []
    with db.read() as s:
        stored = s.get(HelpMeasure, training.id)
        assert stored is not None and stored.deleted is True
        assert development_implemented(s, household, 2025) is False
    with pytest.raises(DomainError, match="找不到这条帮扶措施"):
        remove_help_measure(db, training.id)
