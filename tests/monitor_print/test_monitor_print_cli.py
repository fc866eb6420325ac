"""``fupin print`` for the monitoring documents: what it writes and the clear refusals (exit code 2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop_app.cli import main
from tests.monitor_print.conftest import MonitorVillage
from tests.reports.conftest import page_count, pdf_text


def run(capsys: pytest.CaptureFixture[str], db: Any, *args: str) -> tuple[int, str, str]:
    code = main(["--db", db.url, "print", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        ("consent", "承诺授权书"),
        ("collection-form", "信息采集表"),
        ("check-form", "入户核查表"),
    ],
)
def test_household_forms_by_household_number(
    monitor_db: Any, monitor_village: MonitorVillage, tmp_path: Path, capsys: Any, kind: str, title: str
) -> None:
    out = tmp_path / f"{kind}.pdf"
    number = monitor_village.numbers[monitor_village.cases_2025[0]]
    code, stdout, _ = run(capsys, monitor_db, kind, "--household", number, "--out", str(out))
    assert code == 0 and "已生成" in stdout and page_count(out) >= 1
    assert title in pdf_text(out).replace(" ", "")


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        ("monitor-minutes", "民主评议会议记录"),
        ("monitor-notice", "名单公示"),
        ("monitor-announcement", "名单公告"),
        ("removal-notice", "拟消除风险名单公示"),
    ],
)
def test_village_lists_by_village_code_and_name(
    monitor_db: Any, monitor_village: MonitorVillage, tmp_path: Path, capsys: Any, kind: str, title: str
) -> None:
    for where in (monitor_village.code, monitor_village.name):
        out = tmp_path / f"{kind}.pdf"
        code, stdout, _ = run(capsys, monitor_db, kind, "--village", where, "--out", str(out))
        assert code == 0 and "已生成" in stdout
        assert title in pdf_text(out).replace(" ", "")


def test_a_form_needs_a_household(monitor_db: Any, tmp_path: Path, capsys: Any) -> None:
    out = tmp_path / "c.pdf"
    code, _, stderr = run(capsys, monitor_db, "consent", "--out", str(out))
    assert code == 2 and "需要指定户" in stderr and not out.exists()
    code, _, stderr = run(capsys, monitor_db, "consent", "--household", "9999999999999999", "--out", str(out))
    assert code == 2 and "找不到户" in stderr and not out.exists()


def test_a_village_without_monitored_households_is_refused(tmp_path: Path, capsys: Any) -> None:
    from desktop_app.services import open_database
    from tests.reports.conftest import build_village

    info = build_village(tmp_path / "plain.sqlite", households=10)
    db = open_database(tmp_path / "plain.sqlite", operator="测试员", device_id="test-device")
    try:
        out = tmp_path / "n.pdf"
        code, _, stderr = run(capsys, db, "monitor-notice", "--village", info.code, "--out", str(out))
        assert code == 2 and "还没有可打印监测村内公示的监测户" in stderr and not out.exists()
    finally:
        db.close()
