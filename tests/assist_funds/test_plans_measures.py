"""Yearly plans and measures delivered on a real SQLite file: labels, replacing, evidence photos, refusals."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import func, select

from desktop_app.domain.errors import DomainError
from desktop_app.services import assistance as ast
from desktop_app.services.households import stored_path
from desktop_app.storage.models import Attachment
from desktop_app.storage.models_assist import HelpPlan
from desktop_app.storage.models_monitoring import HelpMeasure
from tests.assist_funds.helpers import MON, REG, photo


def _count(db, model) -> int:
    with db.session() as s:
        return s.exec(select(func.count()).select_from(model).where(model.deleted == False)).one()  # noqa: E712


def test_a_plan_is_saved_shown_with_labels_and_replaced_in_place(world) -> None:
    plan = ast.PlanInput(
        causes=["因病", "07"],
        risks=["01"],
        items=[
            ast.PlanItem("产业帮扶", ["养殖业"], "养牛 2 头", 300_000, "年增收 4000 元"),
            ast.PlanItem("100A45", [], "慢病签约服务", 0, "按时复诊"),
        ],
        income_target_fen=900_000,
        targets="2025 年人均纯收入达到 9000 元",
        made_on=date(2025, 2, 1),
        made_by="王队长",
    )
    pid = ast.save_plan(world.db, REG, 2025, plan)
    assert pid == ast.plan_id(world.reg, 2025)
    view = ast.household_plan(world.db, world.reg, 2025)
    assert view is not None
    assert view.cause_labels == ("因病", "缺技术") and view.risk_labels == ("因病",)
    assert [(i.category_label, i.value_labels, i.amount_fen) for i in view.items] == [
        ("产业帮扶", ("养殖业",), 300_000),
        ("健康帮扶", (), 0),
    ]
    assert view.planned_fen == 300_000 and view.income_target_fen == 900_000
    ast.save_plan(world.db, REG, 2025, ast.PlanInput(causes=["03"], targets="改"))
    again = ast.household_plan(world.db, REG, 2025)
    assert again is not None and again.cause_labels == ("因学",) and again.items == ()
    assert _count(world.db, HelpPlan) == 1
    assert ast.household_plan(world.db, REG, 2024) is None
    assert ast.plan_years(world.db, REG) == [2025]


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        (ast.PlanInput(causes=["因懒"]), "致贫原因无效"),
        (ast.PlanInput(risks=["77"]), "风险类型无效"),
        (ast.PlanInput(items=[ast.PlanItem("100A99")]), "帮扶措施类别无效"),
        (ast.PlanInput(items=[ast.PlanItem("产业帮扶", ["飞行"])]), "没有这项措施"),
        (ast.PlanInput(items=[ast.PlanItem("产业帮扶", amount_fen=-1)]), "不能为负数"),
    ],
)
def test_a_bad_plan_is_refused_and_nothing_is_written(world, plan, message) -> None:
    with pytest.raises(DomainError, match=message):
        ast.save_plan(world.db, REG, 2025, plan)
    assert _count(world.db, HelpPlan) == 0


def test_a_measure_delivered_keeps_its_photo_as_an_attachment_by_hash(world, tmp_path) -> None:
    fund = ast.add_fund(world.db, ast.FundInput("2025 年衔接资金", 2025, level="中央财政"))
    project = ast.add_project(world.db, ast.ProjectInput(fund, "肉牛养殖项目", category="产业帮扶"))
    member = _member(world, world.reg)
    picture = photo(tmp_path)
    mid = ast.deliver_measure(
        world.db,
        REG,
        ast.DeliveryInput(
            year=2025,
            category="产业帮扶",
            values=["养殖业", "1"],
            content="发放能繁母牛 1 头",
            member_id=member,
            amount_fen=300_000,
            project_id=project,
            started_on=date(2025, 3, 1),
            status="已实施",
            evidence=[str(picture), str(picture)],
        ),
    )
    rows = ast.household_deliveries(world.db, world.reg, 2025)
    assert [(r.id, r.category_label, r.values_label, r.fund, r.project, r.status_label) for r in rows] == [
        (mid, "产业帮扶", "养殖业、种植业", "2025 年衔接资金", "肉牛养殖项目", "已实施")
    ]
    row = rows[0]
    assert row.evidence_count == 1 and row.member == "张富贵" and row.amount_fen == 300_000
    assert stored_path(row.evidence[0]).read_bytes() == picture.read_bytes()
    # the hash itself names the photo again (no second copy)
    ast.update_delivery(
        world.db,
        mid,
        ast.DeliveryInput(2025, "100A39", ["2"], "改为养殖", amount_fen=250_000, evidence=[row.evidence[0]]),
    )
    changed = ast.household_deliveries(world.db, REG)[0]
    assert (changed.values_label, changed.amount_fen, changed.evidence_count, changed.fund) == (
        "养殖业",
        250_000,
        1,
        "",
    )
    assert _count(world.db, Attachment) == 1
    assert [r.number for r in ast.village_deliveries(world.db, world.v1)] == [REG]
    assert ast.village_deliveries(world.db, world.v2) == []


def _member(world, hid: str) -> str:
    from desktop_app.storage.models import Member

    with world.db.session() as s:
        return s.exec(select(Member.id).where(Member.household_id == hid).order_by(Member.created_at)).first()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"category": "100A99"}, "帮扶措施类别无效"),
        ({"values": []}, "请选择"),
        ({"status": "9"}, "落实状态无效"),
        ({"amount_fen": -5}, "不能为负数"),
        ({"started_on": date(2025, 5, 1), "ended_on": date(2025, 4, 1)}, "结束日期不能早于开始日期"),
        ({"evidence": ["/no/such/photo.jpg"]}, "照片无法保存"),
        ({"evidence": ["ab" * 32]}, "本户没有这张照片"),
        ({"member_id": "nobody"}, "受益人不是本户成员"),
        ({"fund_id": "nofund"}, "找不到这个资金来源"),
        ({"year": 1999}, "年度无效"),
    ],
)
def test_a_bad_delivery_is_refused_and_nothing_is_written(world, changes, message) -> None:
    entry = {"year": 2025, "category": "健康帮扶", "values": ["3"], "content": "医疗救助"} | changes
    with pytest.raises(DomainError, match=message):
        ast.deliver_measure(world.db, MON, ast.DeliveryInput(**entry))
    assert _count(world.db, HelpMeasure) == 0 and _count(world.db, Attachment) == 0


def test_a_delivery_on_a_monitored_household_joins_its_case_and_can_be_removed(world) -> None:
    mid = ast.deliver_measure(world.db, MON, ast.DeliveryInput(2025, "健康帮扶", ["医疗救助"]))
    with world.db.session() as s:
        assert s.get(HelpMeasure, mid).case_id is not None
    ast.remove_delivery(world.db, mid)
    assert ast.household_deliveries(world.db, MON) == []
    with pytest.raises(DomainError, match="找不到这条帮扶措施"):
        ast.remove_delivery(world.db, mid)
