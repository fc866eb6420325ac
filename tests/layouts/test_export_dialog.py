"""The app's export dialog offers the national layouts beside the exchange workbook."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from desktop_app.services.exchange import import_files
from tests.layouts import holdout as H


def test_the_export_dialog_writes_the_bank_list(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.ui.exchange_dialogs import ExportDialog

    db = H.database(tmp_path / "county.sqlite")
    bank = H.write_sheet(tmp_path / "bank.xlsx", ["名单", ""], H.BANK_HEADERS, H.bank_rows())
    assert import_files(db, [bank]).applied
    dialog = ExportDialog(db, None)
    qtbot.addWidget(dialog)
    names = [dialog.layout_choice.itemData(i) for i in range(dialog.layout_choice.count())]
    assert names[0] == "exchange" and {"bank-list", "monitoring", "households", "work-months"} <= set(names)
    dialog.layout_choice.setCurrentIndex(names.index("bank-list"))
    assert not dialog.protect.isEnabled()  # a bank cannot open an encrypted list
    out = tmp_path / "银行名单.xlsx"
    dialog.path.setText(str(out))
    dialog.start()
    assert dialog.job is not None and dialog.job.wait(60000)
    qtbot.waitUntil(lambda: dialog.result_path is not None, timeout=10000)
    assert "2" in dialog.status.text() and "5" in dialog.status.text()  # 2 households in 5 rows
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert list(rows[2]) == H.BANK_HEADERS and len(rows) == 3 + 5
    dialog.layout_choice.setCurrentIndex(0)
    assert dialog.protect.isEnabled()
    db.close()


def test_the_dialogs_new_strings_have_their_chinese() -> None:
    import xml.etree.ElementTree as ET

    from desktop_app.assets import asset_path

    root = ET.parse(asset_path("resources", "translations", "layouts_zh_CN.ts")).getroot()
    known = {m.findtext("source"): m.findtext("translation") for m in root.iter("message")}
    source = Path(__file__).resolve().parents[2] / "desktop_app" / "ui" / "exchange_dialogs.py"
    text = source.read_text(encoding="utf-8")
    strings = ("Exchange workbook (all tables, imports back)", "Layout:", "Exported %1 households in %2 rows to %3.")
    for english in strings:
        assert f'self.tr("{english}")' in text and known.get(english), english
