"""Every string the loan screens pass to tr() has its Chinese in assist_loans_zh_CN.ts, and the village page
speaks Chinese once the translators are installed (codes shown through their labels)."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.assets import asset_path
from desktop_app.services.assistance import add_loan
from desktop_app.ui.models.loans import FILTER_TEXTS, HEADERS
from tests.assist_loans.helpers import loan_input, make_db

UI = Path(__file__).resolve().parents[2] / "desktop_app" / "ui"
MODULES = ("assist_loans.py", "assist_loan_dialogs.py", "assist_loan_import.py", "models/loans.py")


def _translations() -> dict[str, dict[str, str]]:
    root = ET.parse(asset_path("resources", "translations", "assist_loans_zh_CN.ts")).getroot()
    out: dict[str, dict[str, str]] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out.setdefault(name, {})[message.findtext("source") or ""] = (message.findtext("translation") or "").strip()
    return out


def _tr_literals() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for module in MODULES:
        tree = ast.parse((UI / module).read_text(encoding="utf-8"))
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            for call in (n for n in ast.walk(cls) if isinstance(n, ast.Call)):
                func = call.func
                if isinstance(func, ast.Attribute) and func.attr == "tr" and call.args:
                    arg = call.args[0]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.setdefault(cls.name, set()).add(arg.value)
    found["LoanTableModel"] = {*HEADERS.values(), *FILTER_TEXTS.values(), "Settled %1", "Overdue", "Extended"}
    found["LoanTableModel"] |= {"Renewal", "Current", "Overdue since %1", "Unpaid since %1"}
    return found


def test_every_tr_string_has_chinese() -> None:
    have = _translations()
    literals = _tr_literals()
    assert len(literals) >= 7  # the page, the section, three forms, the import dialog, the model
    missing = [(cls, text) for cls, texts in literals.items() for text in texts if not have.get(cls, {}).get(text)]
    assert missing == []


@pytest.fixture
def lang_zh(qapp: Any) -> Iterator[str]:
    from desktop_app.ui.i18n import install_translators

    install_translators(qapp, "zh_CN")
    yield "zh_CN"
    install_translators(qapp, "en")


def test_the_village_page_in_chinese(qtbot: Any, lang_zh: str, tmp_path: Path) -> None:
    from desktop_app.services.areas import area_by_code
    from desktop_app.ui.assist_loans import LoansPage
    from tests.assist_loans.helpers import VILLAGE

    db = make_db(tmp_path / "f.sqlite")
    add_loan(db, loan_input(db, "0001"))
    page = LoansPage(db)
    qtbot.addWidget(page)
    page.set_date(date(2022, 4, 1))
    ref = area_by_code(db, VILLAGE)
    assert ref is not None
    page.set_village(ref.id)
    page.show()
    assert page.tabs.tabText(0) == "贷款台账" and page.import_button.text() == "导入银行还款流水…"
    headers = [page.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(page.proxy.columnCount())]
    assert "逾期金额（元）" in headers and "应贴息（元）" in headers
    assert page.kind.itemText(page.kind.findData("overdue")) == "逾期"
    assert (
        page.totals.text().startswith("共 1 笔，金额 50,000.00 元")
        and "逾期 50,000.00 元（1 笔）" in page.totals.text()
    )
    db.close()
