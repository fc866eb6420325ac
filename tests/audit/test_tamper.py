"""Tampering with a closed database file as an attacker with the sqlite3 shell would (append-only triggers
dropped first): every change to the audit chain or to the change log it covers is found by
``fupin audit verify`` (exit 1), which names the first broken entry and what is wrong."""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.services.accounts import action_label
from tests.audit.helpers import query, shell, worked_county


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("county")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FUPIN_DATA_DIR", str(folder / "data"))
        db = worked_county(folder / "county.sqlite")
        db.close()
    yield folder / "county.sqlite"


@pytest.fixture
def copy(county: Path, tmp_path: Path) -> Path:
    target = tmp_path / "copy.sqlite"
    shutil.copy(county, target)
    return target


def verify(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main(["--db", str(path), "audit", "verify", *extra])
    return code, capsys.readouterr().out


def entry(path: Path, action: str) -> tuple[str, int]:
    [(entry_id, seq)] = query(
        path, "SELECT id, seq FROM audit_entry WHERE action = ? ORDER BY seq DESC LIMIT 1", (action,)
    )
    return entry_id, seq


def test_untouched_county_verifies_clean(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = verify(copy, capsys)
    [(entries,)] = query(copy, "SELECT count(*) FROM audit_entry")
    assert code == 0
    assert out.strip() == f"审计链完好：1 台设备，{entries:,} 条记录"
    actions = [r[0] for r in query(copy, "SELECT action FROM audit_entry ORDER BY seq")]
    assert actions[:3] == ["database.upgrade", "roles.seed", "demo.generate"]  # the role table seeded at creation
    assert {"household.save", "procedure.application", "procedure.correction", "exchange.import"} <= set(actions)
    [(orphans,)] = query(copy, "SELECT count(*) FROM change_log WHERE audit_entry IS NULL")
    assert orphans == 0  # every writer stamps its rows, the bulk ones included
    code, out = verify(copy, capsys, "--json")
    report = json.loads(out)
    assert code == 0 and report["ok"] and report["devices"][0]["head_seq"] == entries


def test_a_changed_change_log_field_is_named(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    [(row_id, entry_id)] = query(
        copy, "SELECT id, audit_entry FROM change_log WHERE field = 'address' AND new_value = '村东头 1 号'"
    )
    shell(copy, "UPDATE change_log SET new_value = '村西头 9 号' WHERE id = ?", params=(row_id,))
    code, out = verify(copy, capsys)
    [(seq,)] = query(copy, "SELECT seq FROM audit_entry WHERE id = ?", (entry_id,))
    assert code == 1
    assert f"变更记录被改动：第 {seq} 条（household.save，{entry_id[:8]}）" in out


def test_a_deleted_entry_is_named(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shell(copy, "DELETE FROM audit_entry WHERE seq = 3")
    code, out = verify(copy, capsys)
    assert code == 1
    assert "条目被删除：第 3 条缺失" in out
    assert len(out.strip().splitlines()) == 1 + ("不属于任何审计条目" in out)


def test_a_forged_entry_is_named(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    [(seq, last_hash, device)] = query(copy, "SELECT seq, hash, device_id FROM audit_entry ORDER BY seq DESC LIMIT 1")
    forged = str(uuid.uuid4())
    shell(
        copy,
        "INSERT INTO audit_entry (id, device_id, seq, at, user_name, role, action, subject, records, details,"
        " log_count, log_digest, prev_hash, hash, copied_by)"
        " VALUES (?, ?, ?, '2026-12-01 08:00:00.000000', '王芳', '', 'household.remove', NULL, '', '', 0, '',"
        " ?, ?, '')",
        params=(forged, device, seq + 1, last_hash, "ab" * 32),
    )
    code, out = verify(copy, capsys)
    assert code == 1
    assert f"插入或伪造的条目：第 {seq + 1} 条（household.remove，{forged[:8]}）" in out


def test_two_swapped_entries_are_named(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shell(
        copy,
        "UPDATE audit_entry SET seq = -1 WHERE seq = 4",
        "UPDATE audit_entry SET seq = 4 WHERE seq = 5",
        "UPDATE audit_entry SET seq = 5 WHERE seq = -1",
    )
    code, out = verify(copy, capsys)
    assert code == 1
    assert "条目顺序被调换：第 4 条" in out and "原为第 5 条" in out


def test_a_changed_entry_is_named(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entry_id, seq = entry(copy, "household.save")
    shell(copy, "UPDATE audit_entry SET user_name = '李四' WHERE id = ?", params=(entry_id,))
    code, out = verify(copy, capsys)
    assert code == 1
    assert f"条目内容被改动：第 {seq} 条（household.save，{entry_id[:8]}）" in out


def test_a_deleted_change_log_row_is_named(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    entry_id, seq = entry(copy, "household.save")
    [(count,)] = query(copy, "SELECT count(*) FROM change_log WHERE audit_entry = ?", (entry_id,))
    shell(
        copy,
        "DELETE FROM change_log WHERE id = (SELECT min(id) FROM change_log WHERE audit_entry = ?)",
        params=(entry_id,),
    )
    code, out = verify(copy, capsys)
    assert code == 1
    assert f"变更记录被删除：第 {seq} 条（household.save，{entry_id[:8]}）应有 {count} 行，现有 {count - 1} 行" in out


@pytest.mark.parametrize("which", ["this entry", "no entry", "unknown entry", "an event"])
def test_an_inserted_change_log_row_is_named(copy: Path, capsys: pytest.CaptureFixture[str], which: str) -> None:
    save_id, save_seq = entry(copy, "household.save")
    [(event_id, event_seq)] = query(copy, "SELECT id, seq FROM audit_entry WHERE log_count = 0 ORDER BY seq LIMIT 1")
    stamp = {"this entry": save_id, "no entry": None, "unknown entry": str(uuid.uuid4()), "an event": event_id}[which]
    row_id = str(uuid.uuid4())
    shell(
        copy,
        "INSERT INTO change_log (id, at, entity, entity_id, household_id, action, field, old_value, new_value,"
        " operator, device_id, audit_entry)"
        " VALUES (?, '2026-12-01 08:00:00.000000', 'household', 'x', NULL, 'update', 'address', 'a', 'b', '王芳',"
        " 'laptop-a', ?)",
        params=(row_id, stamp),
    )
    code, out = verify(copy, capsys)
    assert code == 1
    if which == "this entry":
        assert f"插入的变更记录：第 {save_seq} 条（household.save，{save_id[:8]}）" in out
    elif which == "an event":
        assert f"插入的变更记录：第 {event_seq} 条" in out and row_id[:8] in out
    else:
        assert "不属于任何审计条目的变更记录 1 行" in out and row_id[:8] in out


def test_list_and_export_from_the_command_line(copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import openpyxl

    [(number,)] = query(copy, "SELECT number FROM household WHERE address = '村东头 1 号'")
    assert main(["--db", str(copy), "audit", "list", "--household", number, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [e["action"] for e in listed] == [
        "procedure.application",
        "procedure.correction",
        "procedure.application",
        "household.save",
        "household.save",
    ]
    assert {e["household_number"] for e in listed} == {number} and listed[-1]["user_name"] == "王芳"
    assert main(["--db", str(copy), "audit", "list", "--action", "procedure"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    labels = (action_label("procedure.application"), action_label("procedure.correction"))
    assert len(lines) == 3 and all(any(label in line for label in labels) for line in lines)
    assert main(["--db", str(copy), "audit", "list", "--household", "000"]) == 2
    assert "没有户编号为 000 的户。" in capsys.readouterr().err
    out = tmp_path / "审计.xlsx"
    assert main(["--db", str(copy), "--operator", "王芳", "audit", "export", "--out", str(out)]) == 0
    assert "已导出" in capsys.readouterr().out
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("时间", "用户", "角色", "操作") and len(rows) > 5
    assert main(["--db", str(copy), "audit", "list", "--action", "audit.export", "--json"]) == 0
    [export] = json.loads(capsys.readouterr().out)
    assert json.loads(export["details"])["file"] == "审计.xlsx"
