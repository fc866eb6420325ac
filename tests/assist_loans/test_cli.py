"""The loan ledger from the command line: add, refuse with the rule named, repay, extend, list (JSON with yuan
strings and ISO dates), show, import a statement with --dry-run first, eligible households."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from desktop_app.cli import main
from tests.assist_loans.helpers import make_db, number


def _db(tmp_path: Path) -> list[str]:
    path = tmp_path / "v.sqlite"
    make_db(path).close()
    return ["--db", str(path), "--operator", "王队长", "loans"]


def _run(base: list[str], capsys: Any, *args: str) -> tuple[int, str, str]:
    code = main([*base, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


ADD = ["--borrower", "户主1", "--amount", "50000", "--drawn", "2019-03-21", "--contract", "HT-1", "--bank", "信用社"]
ADD += ["--rating", "AA", "--rate", "4.75", "--purpose", "养殖肉牛"]


def test_add_repay_list_and_show(tmp_path: Path, capsys: Any) -> None:
    base = _db(tmp_path)
    code, out, _err = _run(base, capsys, "add", number("0001"), *ADD)
    assert code == 0 and "已登记贷款 HT-1" in out
    other = ["--borrower", "户主4", *ADD[2:]]
    code, _out, err = _run(base, capsys, "add", number("0004"), *[("HT-2" if a == "HT-1" else a) for a in other])
    assert code == 2 and "规则 loan_products.poverty_2014.groups" in err and "只贷给建档立卡贫困户" in err
    code, _out, err = _run(base, capsys, "add", number("0001"), "--borrower", "外人", *ADD[2:])
    assert code == 2 and "户内没有这位成员" in err
    assert _run(base, capsys, "repay", "HT-1", "--date", "2019-06-21", "--interest", "606.94")[0] == 0
    code, out, _err = _run(base, capsys, "list", "--village", "和平村", "--on", "2022-04-01", "--json")
    [row] = json.loads(out)
    assert {k: row[k] for k in ("household", "borrower", "contract", "amount", "drawn", "due", "balance")} == {
        "household": number("0001"),
        "borrower": "户主1",
        "contract": "HT-1",
        "amount": "50000.00",
        "drawn": "2019-03-21",
        "due": "2022-03-21",
        "balance": "50000.00",
    }
    assert (row["overdue_amount"], row["overdue_days"], row["overdue_since"]) == ("50000.00", 11, "2022-03-21")
    # the whole term on 50,000 at 4.75 %: 5,000,000 × 0.0475 × 1,096 / 360 = 723,055.56 fen; none once overdue
    assert row["subsidy"] == "7230.56"
    code, out, _err = _run(base, capsys, "list", "--overdue", "--on", "2022-03-21")
    assert code == 0 and "没有逾期的贷款" in out
    code, out, _err = _run(base, capsys, "list", "--overdue", "--on", "2022-04-01")
    assert "逾期 50000.00 元 11 天（自 2022-03-21）" in out and "共 1 笔" in out
    code, out, _err = _run(base, capsys, "show", "HT-1", "--on", "2019-07-01")
    assert code == 0 and "2019-06-21  本金       0.00  利息    606.94" in out
    code, _out, err = _run(base, capsys, "list", "--village", "没有的村")
    assert code == 2 and "找不到行政村" in err


def test_extend_once_and_the_products(tmp_path: Path, capsys: Any) -> None:
    base = _db(tmp_path)
    _run(base, capsys, "add", number("0001"), *ADD)
    extend = ["extend", "HT-1", "--to", "2022-09-21", "--reason", "旱灾", "--today", "2022-03-01"]
    assert _run(base, capsys, *extend)[0] == 0
    code, _out, err = _run(base, capsys, *extend)
    assert code == 2 and "展期只能办理一次" in err and "规则 loan_products.poverty_2014.extension" in err
    code, out, _err = _run(base, capsys, "products")
    assert "帮扶小额信贷（help_2026）  2026-03-01 至 今后" in out and "单户最高 100000.00 元" in out
    products = json.loads(_run(base, capsys, "products", "--json")[1])
    assert [p["cap"] for p in products] == ["50000.00", "50000.00", "100000.00"]


def test_import_a_statement_dry_run_first(tmp_path: Path, capsys: Any) -> None:
    base = _db(tmp_path)
    _run(base, capsys, "add", number("0001"), *ADD)
    path = tmp_path / "bank.xlsx"
    wb = Workbook()
    wb.active.append(["合同号", "身份证号", "还款日期", "还款本金", "还款利息"])
    wb.active.append(["HT-1", "", "2019-06-21", 0, 606.94])
    wb.active.append(["", "110105194912310021", "2019-06-21", 100, 0])
    wb.save(path)
    code, out, _err = _run(base, capsys, "import", str(path), "--dry-run")
    assert code == 0 and "将导入 1 笔还款" in out and "预检，没有写入任何内容" in out
    assert "110105********0021" in out and "110105194912310021" not in out
    assert json.loads(_run(base, capsys, "show", "HT-1", "--json")[1])["repayments"] == []
    code, out, _err = _run(base, capsys, "import", str(path))
    assert "已导入 1 笔还款" in out
    again = json.loads(_run(base, capsys, "import", str(path), "--json")[1])
    assert again["added"] == [] and [x["row"] for x in again["already_there"]] == [2]
    assert len(json.loads(_run(base, capsys, "show", "HT-1", "--json")[1])["repayments"]) == 1
    code, _out, err = _run(base, capsys, "import", str(tmp_path / "missing.xlsx"))
    assert code == 2


def test_eligible_households(tmp_path: Path, capsys: Any) -> None:
    base = _db(tmp_path)
    code, out, _err = _run(base, capsys, "eligible", "--on", "2023-06-01", "--json")
    assert [r["household"][-4:] for r in json.loads(out)] == ["0002", "0003"]
    code, out, _err = _run(base, capsys, "eligible", "--on", "2026-06-01")
    assert "应贷未贷共 3 户（帮扶小额信贷）" in out


def test_remove_a_repayment_typed_in_error_and_load_the_countys_products(tmp_path: Path, capsys: Any) -> None:
    base = _db(tmp_path)
    _run(base, capsys, "add", number("0001"), *ADD)
    _run(base, capsys, "repay", "HT-1", "--date", "2019-06-21", "--interest", "6069.40")  # a zero too many
    shown = json.loads(_run(base, capsys, "show", "HT-1", "--json")[1])
    [wrong] = shown["repayments"]
    assert wrong["interest"] == "6069.40" and wrong["source"] == "manual"
    code, out, _err = _run(base, capsys, "show", "HT-1")
    assert "户主1（户主）" in out and wrong["id"] in out
    assert _run(base, capsys, "remove-repayment", wrong["id"])[0] == 0
    assert json.loads(_run(base, capsys, "show", "HT-1", "--json")[1])["repayments"] == []
    code, _out, err = _run(base, capsys, "remove-repayment", wrong["id"])
    assert code == 2 and "找不到还款记录" in err
    products = json.loads(_run(base, capsys, "products", "--json")[1])
    own = tmp_path / "county.json"
    shipped = json.loads(
        (Path(__file__).resolve().parents[2] / "forms" / "loan_products.json").read_text(encoding="utf-8")
    )
    shipped["products"][2]["max_term_months"] = 60
    own.write_text(json.dumps({"products": shipped["products"]}, ensure_ascii=False), encoding="utf-8")
    code, out, _err = _run(base, capsys, "products", "--load", str(own))
    assert code == 0 and "已保存县里的小额信贷产品" in out and "最长 60 个月" in out
    assert [p["max_term_months"] for p in products] == [36, 36, 36]
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, _out, err = _run(base, capsys, "products", "--load", str(bad))
    assert code == 2 and "不是有效的 JSON" in err
