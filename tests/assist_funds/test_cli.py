"""``fupin plans|measures|funds`` on a real database file: exit codes, Chinese text, JSON in yuan strings."""

from __future__ import annotations

import json

from desktop_app.cli import main
from tests.assist_funds.helpers import OUT, REG, REG2, V1, county, photo


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_funds_from_the_command_line_down_to_the_ledger(tmp_path, capsys) -> None:
    path = tmp_path / "county.sqlite"
    county(path).db.close()
    base = ["--db", str(path), "--operator", "王会计"]
    funds = [*base, "funds"]
    assert _run(capsys, *funds, "add", "2025 年衔接资金", "--year", "2025", "--level", "中央财政")[0] == 0
    assert _run(capsys, *funds, "project", "add", "2025 年衔接资金", "肉牛养殖", "--category", "产业帮扶")[0] == 0
    code, out, _ = _run(capsys, *funds, "allocate", "2025 年衔接资金", "--village", "和平村", "--amount", "10000")
    assert code == 0 and "已分配：2025 年衔接资金 → 和平村 10000.00 元" in out
    assert (
        _run(capsys, *funds, "allocate", "2025 年衔接资金", "--village", "532999001002", "--amount", "2000.5")[0] == 0
    )
    # an industry payment without a photo: refused, the rule named, nothing written
    pay = [*funds, "pay", REG, "--fund", "2025 年衔接资金", "--amount", "3000", "--project", "肉牛养殖"]
    code, _, err = _run(capsys, *pay, "--date", "2025-06-01")
    assert code == 2 and "规则 measure_rules.photo_required.categories" in err
    code, out, _ = _run(capsys, *pay, "--date", "2025-06-01", "--photo", str(photo(tmp_path)), "--payee", "张富贵")
    assert code == 0 and "已拨付" in out
    assert (
        _run(capsys, *funds, "pay", OUT, "--fund", "2025 年衔接资金", "--amount", "200", "--date", "2025-06-02")[0] == 0
    )
    code, _, err = _run(
        capsys, *funds, "pay", REG2, "--fund", "2025 年衔接资金", "--amount", "2000.51", "--photo", str(photo(tmp_path))
    )
    assert code == 2 and "超过资金余额" in err and "measure_rules.overdraw" in err

    code, out, _ = _run(capsys, *funds, "ledger", "--json")
    assert code == 0
    assert [{k: r[k] for k in ("fund", "village", "allocated", "disbursed", "remaining")} for r in json.loads(out)] == [
        {
            "fund": "2025 年衔接资金",
            "village": "和平村",
            "allocated": "10000.00",
            "disbursed": "3200.00",
            "remaining": "6800.00",
        },
        {
            "fund": "2025 年衔接资金",
            "village": "团结村",
            "allocated": "2000.50",
            "disbursed": "0.00",
            "remaining": "2000.50",
        },
    ]
    code, out, _ = _run(capsys, *funds, "ledger", "--village", V1, "--year", "2025")
    assert code == 0 and "结余 6800.00" in out and "疑点 1 笔" in out and "合计：分配 10000.00 元" in out
    code, out, _ = _run(capsys, *funds, "flags", "--json")
    assert code == 1 and [(f["household"], f["amount"]) for f in json.loads(out)] == [(OUT, "200.00")]
    code, out, _ = _run(capsys, *funds, "flags", "--village", "团结村")
    assert code == 0 and "没有疑点拨付" in out
    code, out, _ = _run(capsys, *funds, "list", "--json")
    assert json.loads(out)[0] | {"id": ""} == {
        "fund": "2025 年衔接资金", "id": "", "year": 2025, "level": "中央财政", "document": "",
        "allocated": "12000.50", "disbursed": "3200.00",
    }  # fmt: skip
    code, _, err = _run(capsys, *funds, "ledger", "--village", "无此村")
    assert code == 2 and "找不到行政村" in err


def test_plans_and_measures_from_the_command_line(tmp_path, capsys) -> None:
    path = tmp_path / "county.sqlite"
    county(path).db.close()
    base = ["--db", str(path), "--operator", "王队长"]
    code, out, _ = _run(
        capsys, *base, "plans", "set", REG, "--year", "2025", "--cause", "因病", "--risk", "01",
        "--item", "产业帮扶|养殖业,种植业|养牛 2 头|3000|年增收 4000 元", "--item", "健康帮扶||签约医生",
        "--income-target", "9000", "--targets", "稳定脱贫",
    )  # fmt: skip
    assert code == 0 and "2 项措施" in out
    code, out, _ = _run(capsys, *base, "plans", "show", REG, "--year", "2025", "--json")
    shown = json.loads(out)
    assert (shown["causes"], shown["income_target"]) == (["因病"], "9000.00")
    assert shown["items"][0] == {
        "category": "产业帮扶", "values": ["养殖业", "种植业"], "content": "养牛 2 头", "amount": "3000.00",
        "target": "年增收 4000 元",
    }  # fmt: skip
    code, out, _ = _run(capsys, *base, "plans", "show", REG, "--year", "2025")
    assert "计划金额合计 3000.00 元" in out and "健康帮扶：—  签约医生" in out
    code, _, err = _run(capsys, *base, "plans", "show", REG, "--year", "2024")
    assert code == 1 and "没有 2024 年的帮扶计划" in err
    code, _, err = _run(capsys, *base, "plans", "set", REG, "--year", "2025", "--cause", "因懒")
    assert code == 2 and "致贫原因无效" in err

    add = [*base, "measures", "add", REG, "--year", "2025", "--category", "产业帮扶", "--value", "养殖业"]
    code, out, _ = _run(capsys, *add, "--amount", "2500", "--member", "张富贵", "--photo", str(photo(tmp_path)))
    assert code == 0
    code, _, err = _run(capsys, *add, "--status", "搁置")
    assert code == 2 and "落实状态无效" in err
    code, out, _ = _run(capsys, *base, "measures", "list", REG, "--json")
    [row] = json.loads(out)
    assert (row["category"], row["values"], row["amount"], row["status"], row["photos"]) == (
        "产业帮扶", "养殖业", "2500.00", "已实施", 1,
    )  # fmt: skip
    code, out, _ = _run(capsys, *base, "measures", "list", "--village", "和平村")
    assert "共 1 条落实措施，金额合计 2500.00 元" in out
    code, out, _ = _run(capsys, *base, "funds", "industry-check", "--year", "2025", "--json")
    assert code == 1 and [r["household"] for r in json.loads(out)] == [REG, REG2]
    assert _run(capsys, *base, "measures", "remove", row["id"])[0] == 0
    assert "共 0 条" in _run(capsys, *base, "measures", "list", REG)[1]


def test_the_county_changes_its_funds_rules_from_the_command_line(tmp_path, capsys) -> None:
    path = tmp_path / "county.sqlite"
    county(path).db.close()
    base = ["--db", str(path), "funds", "rules"]
    code, out, _ = _run(capsys, *base)
    assert code == 0 and '超过分配额度拨付（refuse 拒绝 / allow 允许）（overdraw）："refuse"' in out
    code, out, _ = _run(capsys, *base, "--set", "overdraw=allow", "--set", "industry_minimum_fen=250000")
    assert code == 0 and '（overdraw）："allow"' in out and "（industry_minimum_fen）：250000" in out
    code, _, err = _run(capsys, *base, "--set", "overdraw=maybe")
    assert code == 2 and "measure_rules.overdraw" in err
    code, _, err = _run(capsys, *base, "--set", "colour=red")
    assert code == 2 and "应为 KEY=JSON" in err
    assert '（overdraw）："allow"' in _run(capsys, *base)[1]  # the refused change left the saved rules alone
