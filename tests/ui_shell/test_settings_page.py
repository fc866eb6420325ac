"""The settings page rendered from the declarations: what a cadre sees, what a choice changes, what is refused."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QGroupBox, QLineEdit

from tests.ui_shell.conftest import type_chinese


def _page(db, qtbot):  # type: ignore[no-untyped-def]
    from desktop_app.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _sign(dialog) -> None:  # type: ignore[no-untyped-def]
    type_chinese(dialog.editors["operator"], "王芳")
    type_chinese(dialog.editors["unit"], "和平村驻村工作队")


def test_the_page_shows_every_declared_setting_in_chinese(sqlite_db, qtbot, lang_zh) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.domain.settings import SETTINGS

    dialog = _page(sqlite_db, qtbot)
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "操作人员",
        "核查清单",
        "打印",
        "账户与登录",
        "界面与文件",
        "备份",
    ]
    assert set(dialog.editors) == {s.key for s in SETTINGS}
    looks = dialog.editors["checklist.looks"]
    assert isinstance(looks, QComboBox)
    assert looks.currentText() == "五看法（河北）" or "河北" in looks.currentText()
    assert "四看法（贵州）" in [looks.itemText(i) for i in range(looks.count())]
    village_body = dialog.editors["print.village_body"]
    assert isinstance(village_body, QLineEdit) and village_body.text() == "{村名}村民委员会"
    assert dialog.windowTitle() == "设置"


def test_choosing_guizhou_four_looks_changes_the_survey_checklist(sqlite_db, qtbot, lang_zh) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.services.procedure.forms import county_form
    from desktop_app.ui.procedure_forms import StepFormDialog

    dialog = _page(sqlite_db, qtbot)
    _sign(dialog)
    looks = dialog.editors["checklist.looks"]
    assert isinstance(looks, QComboBox)
    looks.setCurrentIndex(looks.findData("guizhou_four_looks"))
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    with sqlite_db.session() as session:
        spec = county_form(session, "survey")
    form = StepFormDialog(spec, today=__import__("datetime").date(2024, 3, 2), submit=lambda v: None)
    qtbot.addWidget(form)
    titles = [box.title() for box in form.findChildren(QGroupBox)]
    assert "四看法（贵州）" in titles and not any("河北" in t for t in titles)
    notes = [edit.objectName() for edit in form.findChildren(QLineEdit) if edit.objectName().startswith("guizhou")]
    assert notes == ["guizhou_four_looks.house", "guizhou_four_looks.grain", "guizhou_four_looks.labour",
                     "guizhou_four_looks.student"]  # fmt: skip


def test_a_countys_own_checklist_file_in_the_data_folder_can_be_chosen(
    sqlite_db, qtbot, lang_zh, data_dir: Path
) -> None:  # type: ignore[no-untyped-def]
    from desktop_app import catalog
    from desktop_app.services.settings import store as county

    (data_dir / "checklists").mkdir()
    items = [("house", "看住房"), ("income", "看收入"), ("school", "看上学")]
    own = {
        "id": "yunnan_three_looks",
        "zh": "三看（云南某县）",
        "en": "Three looks",
        "kind": "look",
        "items": [{"code": code, "zh": zh, "en": code} for code, zh in items],
    }
    (data_dir / "checklists" / "yunnan_three_looks.json").write_text(json.dumps(own, ensure_ascii=False), "utf-8")
    catalog.clear_cache()
    try:
        dialog = _page(sqlite_db, qtbot)
        looks = dialog.editors["checklist.looks"]
        assert isinstance(looks, QComboBox)
        looks.setCurrentIndex(looks.findText("三看（云南某县）"))
        _sign(dialog)
        dialog.accept()
        with sqlite_db.session() as session:
            assert county.county_look_checklists(session) == ("yunnan_three_looks",)
    finally:
        catalog.clear_cache()


def test_a_bad_value_is_refused_with_a_clear_message_and_nothing_is_saved(sqlite_db, qtbot, lang_zh) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.config import load_settings
    from desktop_app.services.settings import store as county

    dialog = _page(sqlite_db, qtbot)
    _sign(dialog)
    phone = dialog.editors["print.contact_phone"]
    assert isinstance(phone, QLineEdit)
    type_chinese(phone, "找村主任")
    dialog.editors["checklist.looks"].setCurrentIndex(1)  # type: ignore[attr-defined]
    dialog.accept()
    assert dialog.isVisible()
    assert "设置“公示联系电话”" in dialog.message.text() and "不是电话号码" in dialog.message.text()
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "打印"  # the refused setting is shown
    with sqlite_db.session() as session:
        assert county.database_values(session)["checklist.looks"] == "hebei_five_looks"
    assert load_settings().operator == ""  # the machine part was not written either
    phone.setText("0872-5123456")
    dialog.accept()
    assert not dialog.isVisible()
    with sqlite_db.session() as session:
        assert county.database_values(session)["print.contact_phone"] == "0872-5123456"
    assert load_settings().identity.describe() == "王芳（和平村驻村工作队）"


def test_the_export_folder_must_exist_and_the_export_chooser_opens_there(
    sqlite_db, qtbot, lang_zh, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    from desktop_app.ui.exchange_dialogs import ExportDialog

    dialog = _page(sqlite_db, qtbot)
    _sign(dialog)
    folder = dialog.editors["export_folder"]
    assert isinstance(folder, QLineEdit)
    folder.setText(str(tmp_path / "没有这个文件夹"))
    dialog.accept()
    assert "文件夹" in dialog.message.text() and "不存在" in dialog.message.text()
    (tmp_path / "导出").mkdir()
    folder.setText(str(tmp_path / "导出"))
    dialog.accept()
    assert not dialog.isVisible()
    seen: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (seen.append(a[2]), ("", ""))[1])
    export = ExportDialog(sqlite_db, None)
    qtbot.addWidget(export)
    export.browse()
    assert seen == [str(tmp_path / "导出")]


def test_an_older_config_file_still_loads_and_stays_readable_by_older_versions(sqlite_db, data_dir) -> None:  # type: ignore[no-untyped-def]
    from desktop_app.config import load_settings
    from desktop_app.domain.settings import VERSION
    from desktop_app.services.settings import store as county
    from desktop_app.storage.models import AppSetting

    old = {"device_id": "laptop-7", "operator": "老李", "language": "zh_CN"}  # written by the first release
    (data_dir / "config.json").write_text(json.dumps(old, ensure_ascii=False), encoding="utf-8")
    values = county.machine_values()
    assert values["operator"] == "老李" and values["export_folder"] == "" and values["language"] == "zh_CN"
    with sqlite_db.transaction() as session:
        county.save(session, {"unit": "县扶贫办", "operator": "老李"})
    saved = json.loads((data_dir / "config.json").read_text(encoding="utf-8"))
    assert {k: saved[k] for k in old} == old  # an older app reads the same keys it wrote
    assert saved["unit"] == "县扶贫办" and saved["settings_version"] == VERSION
    assert load_settings().device_id == "laptop-7"
    with sqlite_db.session() as session:
        assert session.get(AppSetting, county.VERSION_KEY).value == str(VERSION)
        assert county.database_values(session)["print.village_body"] == "{村名}村民委员会"  # defaults as data
