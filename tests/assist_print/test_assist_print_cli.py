"""``fupin print`` for the assistance ledgers, and the same documents from the app's 打印 menu and preview."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtPdfWidgets  # noqa: F401  (the preview needs it)

from desktop_app.cli import main
from tests.assist_print.conftest import LedgerVillage
from tests.reports.conftest import page_count, pdf_text


def run(capsys: pytest.CaptureFixture[str], db: Any, *args: str) -> tuple[int, str, str]:
    code = main(["--db", db.url, "print", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    ("kind", "args", "title"),
    [
        ("measures-register", ("--year", "2026"), "2026年帮扶措施登记册"),
        ("funds-ledger", ("--year", "2026"), "2026年帮扶资金台账"),
        ("loan-ledger", (), "小额信贷台账"),
        ("post-notice", (), "2026年公益岗位拟聘人员公示"),
    ],
)
def test_village_documents_by_village(
    ledger_db: Any,
    ledger_village: LedgerVillage,
    tmp_path: Path,
    capsys: Any,
    kind: str,
    args: tuple[str, ...],
    title: str,
) -> None:
    out = tmp_path / f"{kind}.pdf"
    code, stdout, _ = run(capsys, ledger_db, kind, "--village", ledger_village.code, *args, "--out", str(out))
    assert code == 0 and "已生成" in stdout and page_count(out) >= 1
    assert f"{ledger_village.name}{title}" in pdf_text(out).replace(" ", "")


def test_help_manual_by_household_number(
    ledger_db: Any, ledger_village: LedgerVillage, tmp_path: Path, capsys: Any
) -> None:
    out = tmp_path / "manual.pdf"
    code, stdout, _ = run(
        capsys, ledger_db, "help-manual", "--household", ledger_village.manual_number, "--out", str(out)
    )
    assert code == 0 and "已生成扶贫手册帮扶台账" in stdout
    assert "2026年度帮扶记录" in pdf_text(out).replace(" ", "")


def test_clear_refusals_leave_no_file(
    ledger_db: Any, ledger_village: LedgerVillage, tmp_path: Path, capsys: Any
) -> None:
    out = tmp_path / "x.pdf"
    code, _, stderr = run(capsys, ledger_db, "help-manual", "--out", str(out))
    assert code == 2 and "打印扶贫手册帮扶台账需要指定户" in stderr
    code, _, stderr = run(capsys, ledger_db, "post-notice", "--post", "护林员", "--out", str(out))
    assert code == 2 and "找不到公益岗位“护林员”" in stderr
    code, _, stderr = run(
        capsys, ledger_db, "funds-ledger", "--village", ledger_village.code, "--year", "1900", "--out", str(out)
    )
    assert code == 2 and "年度“1900”不对" in stderr
    code, _, stderr = run(capsys, ledger_db, "loan-ledger", "--village", ledger_village.empty_code, "--out", str(out))
    assert code == 2 and "空白村还没有小额信贷记录" in stderr
    assert not out.exists() and not list(tmp_path.glob("*.part"))


def _open(db: Any, **selection: Any) -> Any:
    from desktop_app.ui.print_preview import open_print_dialog

    open_print_dialog.last_dialog = None  # type: ignore[attr-defined]
    open_print_dialog(None, db, **selection)
    job = open_print_dialog.last_job  # type: ignore[attr-defined]
    assert job is not None and job.wait(30000)
    assert job.error is None
    return open_print_dialog.last_dialog  # type: ignore[attr-defined]


def test_the_print_menu_opens_the_ledgers_in_the_preview(
    qtbot: Any, qapp: Any, ledger_db: Any, ledger_village: LedgerVillage, tmp_path: Path
) -> None:
    from PySide6.QtGui import QAction

    from desktop_app.ui.i18n import install_translators
    from desktop_app.ui.main_window import MainWindow

    install_translators(qapp, "zh_CN")
    try:
        window = MainWindow(ledger_db)
        qtbot.addWidget(window)
        for kind, zh in (
            ("help-manual", "扶贫手册帮扶台账"),
            ("funds-ledger", "资金台账"),
            ("post-notice", "公益岗位拟聘人员公示"),
        ):
            action = window.findChild(QAction, f"print_{kind}")
            assert action is not None and action.text() == f"{zh}…"
    finally:
        install_translators(qapp, "en")
    dialog = _open(ledger_db, kind="funds-ledger", village_id=ledger_village.village_id, choose_batch=True)
    assert dialog is not None and dialog.rendered.pages >= 1
    qtbot.addWidget(dialog)
    saved = tmp_path / "资金台账"
    dialog.ask_save_path = lambda: str(saved)
    assert dialog.save_pdf()
    assert f"{ledger_village.name}帮扶资金台账" in pdf_text(saved.with_suffix(".pdf")).replace(" ", "")
