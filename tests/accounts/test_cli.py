"""``fupin users`` / ``fupin roles`` and the login of every command, through ``cli.main`` on real files."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import cli
from tests.accounts.conftest import ADMIN, ADMIN_PW, PASSWORDS


def run(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    db: Path,
    *args: str,
    user: str | None = None,
    password: str | None = None,
    new: str | None = None,
    stdin: str = "",
) -> tuple[int, str, str]:
    monkeypatch.delenv("FUPIN_PASSWORD", raising=False)
    monkeypatch.delenv("FUPIN_NEW_PASSWORD", raising=False)
    if password is not None:
        monkeypatch.setenv("FUPIN_PASSWORD", password)
    if new is not None:
        monkeypatch.setenv("FUPIN_NEW_PASSWORD", new)
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    argv = ["--db", str(db)] + (["--user", user] if user else []) + list(args)
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_users_from_the_first_administrator_to_recovery(tmp_path, monkeypatch, capsys) -> None:
    db = tmp_path / "cli.sqlite"
    code, _out, err = run(monkeypatch, capsys, db, "users", "add", "李强", "--role", "member", new="member-pw-1")
    assert code == 1 and "第一个账户必须是县级管理员" in err
    code, out, _err = run(
        monkeypatch, capsys, db, "users", "add", ADMIN, "--role", "county_admin", "--unit", "县扶贫办", new=ADMIN_PW
    )
    assert code == 0 and "恢复码" in out
    recovery = out.split("妥善保管）：")[1].split()[0]
    code, _out, err = run(monkeypatch, capsys, db, "stats")  # every command needs a login now
    assert code == 2 and err.strip().splitlines() == [
        "错误：此数据库已建立账户：请用 --user 指定账户，并通过 FUPIN_PASSWORD 或标准输入提供密码。"
    ]
    code, _out, err = run(monkeypatch, capsys, db, "stats", user=ADMIN, password="wrong-password")
    assert code == 2 and "账户名或密码不正确" in err
    code, _out, err = run(monkeypatch, capsys, db, "--operator", "某人", "stats")
    assert code == 2 and "--operator" in err
    # the password on standard input, the new one from the variable
    code, out, _err = run(
        monkeypatch, capsys, db, "users", "add", "李强", "--role", "member", user=ADMIN, new="member-pw-1",
        stdin=ADMIN_PW + "\n",
    )  # fmt: skip
    assert code == 0 and "李强" in out
    code, _out, err = run(
        monkeypatch, capsys, db, "users", "add", "弱密码", "--role", "member", user=ADMIN, password=ADMIN_PW, new="123"
    )
    assert code == 1 and "至少需要 8" in err
    code, out, _err = run(monkeypatch, capsys, db, "users", "list", "--json", user=ADMIN, password=ADMIN_PW)
    listed = {u["name"]: u for u in json.loads(out)}
    assert code == 0 and listed["李强"]["must_change"] and listed["李强"]["role"] == "member"
    # the member must change the initial password first; then it works
    code, _out, err = run(
        monkeypatch, capsys, db, "export", "--out", str(tmp_path / "x.xlsx"), user="李强", password="member-pw-1"
    )
    assert code == 1 and "请先修改管理员设置的初始密码" in err
    code, _out, err = run(
        monkeypatch, capsys, db, "users", "passwd", "李强", user="李强", stdin="member-pw-1\nmember-pw-2\n"
    )
    assert code == 0, err
    code, _out, err = run(monkeypatch, capsys, db, "users", "list", user="李强", password="member-pw-2")
    assert code == 1 and "需要：县级管理员、审计" in err
    code, _out, err = run(
        monkeypatch, capsys, db, "users", "disable", ADMIN, user=ADMIN, password=ADMIN_PW
    )  # never oneself
    assert code == 1 and "不能停用自己" in err
    code, _out, _err = run(monkeypatch, capsys, db, "users", "disable", "李强", user=ADMIN, password=ADMIN_PW)
    assert code == 0
    code, _out, err = run(monkeypatch, capsys, db, "stats", user="李强", password="member-pw-2")
    assert code == 2 and "已停用" in err
    code, _out, _err = run(monkeypatch, capsys, db, "users", "enable", "李强", user=ADMIN, password=ADMIN_PW)
    code, out, _err = run(
        monkeypatch, capsys, db, "users", "passwd", "李强", user=ADMIN, password=ADMIN_PW, new="reset-pw-11"
    )
    assert code == 0 and "重置" in out
    code, _out, _err = run(monkeypatch, capsys, db, "stats", user="李强", password="reset-pw-11")
    assert code == 0
    # recovery: no login, the printed code and a new password
    code, _out, err = run(
        monkeypatch, capsys, db, "users", "recover", ADMIN, "--code", "AAAA-BBBB-CCCC-DDDD-EEEE", new="new-admin-pw-1"
    )
    assert code == 2 and "恢复码不正确" in err
    code, out, _err = run(monkeypatch, capsys, db, "users", "recover", ADMIN, "--code", recovery, new="new-admin-pw-1")
    assert code == 0 and "新的恢复码" in out
    code, _out, _err = run(monkeypatch, capsys, db, "stats", user=ADMIN, password="new-admin-pw-1")
    assert code == 0


def test_roles_list_and_set(county, monkeypatch, capsys) -> None:
    db = county["path"]
    code, out, _err = run(monkeypatch, capsys, db, "roles", "list", "--json", user=ADMIN, password=ADMIN_PW)
    table = {row["action"]: row for row in json.loads(out)["actions"]}
    assert code == 0 and table["procedure.county_approval"]["allowed"] == ["county_admin"]
    assert table["household.save"]["zh"] == "保存户卡"
    code, _out, err = run(
        monkeypatch, capsys, db, "roles", "set", "member", "exchange.export", "deny", user="李强",
        password=PASSWORDS["member"],
    )  # fmt: skip
    assert code == 1 and err.strip() == "错误：您的角色（工作队员）不能执行“修改角色权限表”，需要：县级管理员。"
    code, out, _err = run(
        monkeypatch, capsys, db, "roles", "set", "member", "exchange.export", "deny", user=ADMIN, password=ADMIN_PW
    )
    assert code == 0 and "禁止" in out
    code, out, _err = run(monkeypatch, capsys, db, "roles", "list", user=ADMIN, password=ADMIN_PW)
    line = next(x for x in out.splitlines() if " exchange.export " in x)
    assert line.startswith("· ✓ ✓ ✓ ·")
    code, _out, err = run(
        monkeypatch,
        capsys,
        db,
        "export",
        "--out",
        str(db.parent / "out.xlsx"),
        user="李强",
        password=PASSWORDS["member"],
    )
    assert code == 1 and "导出 Excel" in err and not (db.parent / "out.xlsx").exists()


def test_a_real_process_reads_the_password_from_standard_input(county) -> None:
    fupin = Path(sys.executable).parent / "fupin"
    env = {"PATH": "/usr/bin:/bin", "FUPIN_DATA_DIR": str(county["path"].parent)}
    ok = subprocess.run(
        [str(fupin), "--db", str(county["path"]), "--user", ADMIN, "users", "list"],
        input=ADMIN_PW + "\n", capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert ok.returncode == 0 and "李强" in ok.stdout
    refused = subprocess.run(
        [str(fupin), "--db", str(county["path"]), "stats"], capture_output=True, text=True, env=env, timeout=120
    )
    assert refused.returncode == 2 and len(refused.stderr.strip().splitlines()) == 1
