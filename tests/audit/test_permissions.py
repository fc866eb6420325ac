"""The audit screens' actions go through the permission question: a role without ``audit.view`` lists and
verifies nothing, one without ``audit.export`` writes no workbook and no entry. The refusals come from a
checker layered over the role table's (reinstalled by every open, like the real one)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.services import Database, PermissionDenied, open_database, permissions
from desktop_app.services.audit import export_entries, list_entries
from tests.audit.helpers import query


@pytest.fixture
def refusing(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    from desktop_app.services.accounts import roles

    refused: set[str] = set()
    table = roles.check

    def checker(db: Database, action: str) -> tuple[str, str] | None:
        if action in refused:
            return ("只有审计、县级管理员可以查看审计日志。", "auditor only")
        return table(db, action)

    monkeypatch.setattr(roles, "check", checker)  # what every open installs
    previous = permissions.install_checker(checker)
    yield refused
    permissions.install_checker(previous)


def test_refused_roles_see_and_export_nothing(
    tmp_path: Path, refusing: set[str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fupin.sqlite"
    db = open_database(path, operator="王芳", device_id="laptop-a")
    assert [e.action for e in list_entries(db)] == ["roles.seed", "database.upgrade"]  # newest first
    refusing.add("audit.view")
    with pytest.raises(PermissionDenied):
        list_entries(db)
    assert main(["--db", str(path), "audit", "verify"]) == 1  # refused: exit 1, one line naming who may
    assert "只有审计、县级管理员可以查看审计日志。" in capsys.readouterr().err
    refusing.clear()
    refusing.add("audit.export")
    with pytest.raises(PermissionDenied):
        export_entries(db, tmp_path / "a.xlsx")
    assert not (tmp_path / "a.xlsx").exists()
    assert query(path, "SELECT action FROM audit_entry ORDER BY seq") == [("database.upgrade",), ("roles.seed",)]
    refusing.clear()
    assert export_entries(db, tmp_path / "a.xlsx") == 2
    assert [r[0] for r in query(path, "SELECT action FROM audit_entry ORDER BY seq")] == [
        "database.upgrade",
        "roles.seed",
        "audit.export",
    ]
    db.close()
