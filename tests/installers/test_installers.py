"""Installer pieces that can be checked in seconds, before CI spends minutes building the real artefacts.

The builds and install-and-start checks themselves run in installers/ci.sh (bundle, wine, field check).
"""

from __future__ import annotations

import configparser
import fnmatch
import hashlib
import json
import re
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLERS = ROOT / "installers"


@pytest.fixture
def selftest():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(INSTALLERS))
    try:
        import fupin_selftest

        yield fupin_selftest
    finally:
        sys.path.remove(str(INSTALLERS))


def test_self_test_passes_and_leaves_files_support_staff_can_open(selftest, qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook
    from pypdf import PdfReader

    assert selftest.main([str(tmp_path), "--platform", "offscreen"]) == 0
    summary = json.loads((tmp_path / "selftest.json").read_text(encoding="utf-8"))
    assert set(summary) == {"imports", "database", "pdf", "xlsx", "encryption", "qt"}
    assert all(check["ok"] for check in summary.values())
    assert "精准扶贫" in PdfReader(str(tmp_path / "selftest.pdf")).pages[0].extract_text()
    assert load_workbook(tmp_path / "selftest.xlsx")["贫困户"]["A2"].value == "张三"


def test_self_test_reports_a_broken_check_and_fails(selftest, qapp, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def broken(_out: Path, _opts: object) -> str:
        raise FileNotFoundError("wqy-microhei.ttc")

    monkeypatch.setitem(selftest.CHECKS, "pdf", broken)
    assert selftest.main([str(tmp_path), "--only", "pdf", "--only", "xlsx"]) == 1
    summary = json.loads((tmp_path / "selftest.json").read_text(encoding="utf-8"))
    assert summary["pdf"]["ok"] is False and "wqy-microhei.ttc" in summary["pdf"]["detail"]
    assert summary["xlsx"]["ok"] is True


def test_windows_lock_is_current_with_pyproject_dependencies() -> None:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    digest = hashlib.sha256(("\n".join(deps) + "\n").encode()).hexdigest()
    lock = (INSTALLERS / "windows" / "requirements-win-amd64.txt").read_text(encoding="utf-8")
    assert f"pyproject-dependencies-sha256: {digest}" in lock, (
        "pyproject.toml dependencies changed: run installers/windows/lock.sh and commit requirements-win-amd64.txt"
    )
    for dep in deps:  # every direct dependency is pinned, with a hash
        name = re.split(r"[<>=!\[ ;]", dep, maxsplit=1)[0].lower().replace("_", "-")
        assert re.search(rf"^{re.escape(name)}==\S+ --hash=sha256:[0-9a-f]{{64}}$", lock, re.M), name


def test_windows_installer_keeps_every_qt_module_the_app_imports() -> None:
    config = configparser.ConfigParser()
    config.read(INSTALLERS / "windows" / "installer.cfg", encoding="utf-8")
    patterns = [p.strip() for p in config["Include"]["exclude"].splitlines() if p.strip()]
    regexes = [re.compile(fnmatch.translate(p)) for p in patterns]
    regexes += [re.compile(fnmatch.translate(p + "/*")) for p in patterns if not p.endswith("*")]
    used: set[str] = set()
    for folder in ("desktop_app", "reports", "forms"):
        for source in (ROOT / folder).rglob("*.py"):
            used.update(re.findall(r"PySide6\.(Qt\w+)", source.read_text(encoding="utf-8")))
    assert {"QtCore", "QtGui", "QtWidgets"} <= used
    for module in sorted(used):
        shipped = [f"pkgs/PySide6/{module}.pyd", f"pkgs/PySide6/Qt6{module[2:]}.dll"]
        excluded = [path for path in shipped if any(r.match(path) for r in regexes)]
        assert not excluded, f"installer.cfg excludes {excluded}, but the app imports PySide6.{module}"
