"""``fupin encrypt`` / ``fupin decrypt`` and every command on an encrypted database, as a script runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli import main
from tests.encryption.conftest import ADMIN, PASSWORD, make_plain


def run(monkeypatch: pytest.MonkeyPatch, password: str | None, *argv: str) -> int:
    """One run of ``fupin`` (each reads the password once: ``FUPIN_PASSWORD`` here)."""
    if password is None:
        monkeypatch.delenv("FUPIN_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("FUPIN_PASSWORD", password)
    return main(list(argv))


def test_encrypt_use_and_decrypt_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fupin.sqlite"
    make_plain(path).close()
    assert run(monkeypatch, PASSWORD, "--db", str(path), "--user", ADMIN, "encrypt") == 0
    out = capsys.readouterr().out
    assert "已加密" in out and "fupin.sqlite.keys" in out
    assert path.read_bytes()[:16] != b"SQLite format 3\x00"

    assert run(monkeypatch, PASSWORD, "--db", str(path), "--user", ADMIN, "stats") == 0
    assert "户数：24" in capsys.readouterr().out

    assert run(monkeypatch, "wrong", "--db", str(path), "--user", ADMIN, "stats") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["错误：账户或密码不正确，无法解开加密的数据库。"]

    assert run(monkeypatch, None, "--db", str(path), "stats") == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "数据库已加密" in err[0] and "--user" in err[0]

    assert run(monkeypatch, PASSWORD, "--db", str(path), "--user", ADMIN, "decrypt") == 0
    assert "已取消加密" in capsys.readouterr().out
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    assert run(monkeypatch, PASSWORD, "--db", str(path), "--user", ADMIN, "stats") == 0  # plain, with accounts


def test_password_from_standard_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    path = tmp_path / "fupin.sqlite"
    make_plain(path, households=3).close()
    monkeypatch.delenv("FUPIN_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["--db", str(path), "--user", ADMIN, "encrypt"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["--db", str(path), "--user", ADMIN, "stats"]) == 0


def test_encrypt_offers_to_remove_old_plain_copies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fupin.sqlite"
    make_plain(path, households=3).close()
    old = tmp_path / "fupin.backup-before-upgrade-20260101T000000Z.sqlite"
    old.write_bytes(path.read_bytes())
    assert run(monkeypatch, PASSWORD, "--db", str(path), "--user", ADMIN, "encrypt") == 0
    out = capsys.readouterr().out
    assert "没有加密" in out and old.name in out and old.exists()
    assert run(monkeypatch, PASSWORD, "--db", str(path), "--user", ADMIN, "decrypt") == 0
    assert run(monkeypatch, PASSWORD, "--db", str(path), "--user", ADMIN, "encrypt", "--remove-plain-copies") == 0
    assert "已删除" in capsys.readouterr().out and not old.exists()
