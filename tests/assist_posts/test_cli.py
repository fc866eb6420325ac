"""``fupin posts …`` and ``fupin work …`` on a real database file: a post through its selection, a refusal that
names its rule (exit 2, nothing written), months worked, the check (exit 1 with findings) and the work months."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop_app.cli import main
from desktop_app.services import open_database
from desktop_app.services.assistance import post_list, posts_household, posts_member
from desktop_app.services.monitoring import income_sheet
from tests.assist_posts.helpers import set_member, village


def _county(path: Path) -> dict[str, Any]:
    db = open_database(path, operator="王队长", device_id="t")
    v = village(db)
    set_member(db, v.members["王家2"], labour="4")
    db.close()
    return {"households": v.households}


def _run(path: Path, *args: str) -> int:
    return main(["--db", str(path), "--operator", "王队长", *args])


def _out(capsys: Any) -> str:
    return str(capsys.readouterr().out)


def test_a_post_through_its_selection_from_the_command_line(tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "v.sqlite"
    facts = _county(path)
    assert (
        _run(
            path, "posts", "add", "--village", "和平村", "--type", "保洁员", "--tier", "村级公益岗", "--subsidy", "500"
        )
        == 0
    )
    post_id = _out(capsys).strip().rsplit("：", 1)[1]
    assert _run(path, "posts", "list", "--village", "532999001001", "--json") == 0
    [row] = json.loads(_out(capsys))
    assert (row["type_label"], row["tier_label"], row["monthly_subsidy"], row["filled"]) == (
        "保洁员",
        "村级公益岗",
        "500.00",
        0,
    )

    assert _run(path, "posts", "apply", post_id[:8], "0003", "王家2", "--on", "2026-03-02") == 0
    refused = _out(capsys).strip().rsplit(" ", 1)[1]
    assert _run(path, "posts", "step", refused[:8], "check", "--on", "2026-03-02") == 2
    assert "post_rules.able_to_work" in capsys.readouterr().err

    assert _run(path, "posts", "apply", post_id[:8], "0003", "王家1", "--on", "2026-03-02") == 0
    holder = _out(capsys).strip().rsplit(" ", 1)[1]
    for step, day in (("check", "2026-03-02"), ("notice", "2026-03-02")):
        assert _run(path, "posts", "step", holder, step, "--on", day) == 0
    assert _run(path, "posts", "step", holder, "contract", "--on", "2026-03-08") == 2
    assert "post_rules.notice_days" in capsys.readouterr().err
    assert _run(path, "posts", "step", holder, "contract", "--on", "2026-03-09") == 0
    assert "已办理：签约" in _out(capsys)
    assert (
        _run(path, "posts", "month", holder[:6], "202604", "--days", "22", "--subsidy", "500", "--assessment", "合格")
        == 0
    )
    assert _run(path, "posts", "month", holder[:6], "202605", "--days", "20", "--subsidy", "600") == 2
    assert "post_rules.subsidy_cap" in capsys.readouterr().err

    assert _run(path, "posts", "holders", post_id, "--json") == 0
    holders = {h["person"]: h for h in json.loads(_out(capsys))}
    assert holders["王家1"]["stage_label"] == "已签约" and holders["王家1"]["months"] == 1
    assert holders["王家2"]["stage_label"] == "已报名"
    db = open_database(path, operator="王队长", device_id="t")
    try:
        assert post_list(db, None)[0].filled == 1
        wage = {line.key: line.fen for line in income_sheet(db, facts["households"][2], 2026).lines}
        assert wage["wage_post_village"] == 50_000
    finally:
        db.close()


def test_posts_check_exits_1_with_findings(tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "v.sqlite"
    _county(path)
    _run(path, "posts", "add", "--village", "532999001001", "--type", "03", "--tier", "2", "--subsidy", "800")
    post_id = _out(capsys).strip().rsplit("：", 1)[1]
    _run(path, "posts", "apply", post_id, "0001", "张家1", "--on", "2026-03-02")
    holder = _out(capsys).strip().rsplit(" ", 1)[1]
    for step, day in (("check", "2026-03-02"), ("notice", "2026-03-02"), ("contract", "2026-03-10")):
        assert _run(path, "posts", "step", holder, step, "--on", day) == 0
    capsys.readouterr()
    assert _run(path, "posts", "check", "--today", "2026-04-01") == 0
    assert "在岗人员全部符合规则" in _out(capsys)
    db = open_database(path, operator="王队长", device_id="t")
    try:
        set_member(db, posts_member(db, posts_household(db, "0001"), "张三"), is_public_official=True)
    finally:
        db.close()
    assert _run(path, "posts", "check", "--village", "和平村", "--json", "--today", "2026-04-01") == 1
    [finding] = json.loads(_out(capsys))
    assert (finding["household"], finding["person"], finding["post"], finding["rule"]) == (
        "0001",
        "张家1",
        "护林员",
        "post_rules.cadre_family",
    )
    assert "公职人员" in finding["message"]


def test_work_set_and_list(tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "v.sqlite"
    _county(path)
    base = ("work", "set", "202604", "0001")
    assert (
        _run(
            path, *base, "张家1", "--place", "昆明市", "--channel", "外出务工", "--industry", "建筑业", "--wage", "4200"
        )
        == 0
    )
    assert "已登记 2026-04 务工情况" in _out(capsys)
    assert _run(path, *base, "张家1", "--place", "昆明市", "--channel", "3", "--industry", "03", "--wage", "4200") == 0
    assert "未作修改" in _out(capsys)
    assert _run(path, *base, "张家2", "--channel", "卖菜") == 2
    assert "务工渠道无效" in capsys.readouterr().err
    assert _run(path, *base, "张家2", "--start", "2026-05-01") == 2
    assert "不在 2026-04 月内" in capsys.readouterr().err
    assert _run(path, *base, "张三", "--not-worked") == 0
    capsys.readouterr()
    assert _run(path, "work", "list", "202604", "--village", "和平村", "--json") == 0
    rows = {r["name"]: r for r in json.loads(_out(capsys))}
    assert rows["张家1"]["worked"] and rows["张家1"]["wage"] == "4200.00"
    assert (rows["张家1"]["channel_label"], rows["张家1"]["industry_label"]) == ("外出务工", "建筑业")
    assert rows["张三"]["recorded"] and not rows["张三"]["worked"]
    assert not rows["张家2"]["recorded"]
    assert _run(path, "work", "list", "202604", "--village", "和平村") == 0
    assert "共 9 人，务工 1 人，未登记 7 人" in _out(capsys)
