"""The translation build: every .ts compiles to a .qm that Qt loads, and the shell's file is complete."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QTranslator

from desktop_app.ui.i18n import build_all, translations_dir


def test_build_compiles_every_ts_and_the_result_translates(tmp_path: Path, qapp):
    for ts in translations_dir().glob("*.ts"):
        shutil.copy(ts, tmp_path / ts.name)
    built = build_all(tmp_path)
    assert {qm.stem for qm in built} == {ts.stem for ts in tmp_path.glob("*.ts")}
    translator = QTranslator()
    assert translator.load(str(tmp_path / "shell_zh_CN.qm"))
    assert translator.translate("MainWindow", "Quit") == "退出"
    assert translator.translate("Job", "Cancel") == "取消"


def test_shell_translation_has_no_unfinished_messages():
    root = ET.parse(translations_dir() / "shell_zh_CN.ts").getroot()
    unfinished = [
        m.findtext("source")
        for m in root.iter("message")
        if m.find("translation") is None
        or m.find("translation").get("type") in ("unfinished", "obsolete", "vanished")
        or not (m.findtext("translation") or "").strip()
    ]
    assert unfinished == []
