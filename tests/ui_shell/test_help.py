"""Help inside the app: the guide (F1) with pictures and search, About, first-steps hints, search feedback."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument

from desktop_app import __version__
from desktop_app.ui.models import households as hm
from tests.ui_shell.conftest import type_chinese
from tests.ui_shell.test_main_window import _pick_member, _wait_search


def _action(window, name: str):
    from PySide6.QtGui import QAction

    return window.findChild(QAction, name)


def _help_window(window, qtbot):
    from desktop_app.ui.help_window import HelpWindow

    _action(window, "help").trigger()
    guide = window.findChild(HelpWindow, "help_window")  # this window's guide, not one left by another test
    qtbot.addWidget(guide)
    qtbot.waitUntil(guide.isVisible)
    return guide


def test_f1_opens_the_chinese_guide_with_its_pictures(demo_db, make_window, lang_zh, qtbot):
    window = make_window(demo_db)
    assert _action(window, "help").shortcut().toString() == "F1"
    guide = _help_window(window, qtbot)
    assert guide.windowTitle() == "使用指南"
    titles = [guide.contents.item(r).text() for r in range(guide.contents.count())]
    assert {"第一次打开", "新建和填写户卡", "识别程序", "防返贫监测", "打印", "与乡镇、县交换数据（Excel）"} <= set(
        titles
    )
    guide.contents.setCurrentRow(titles.index("第一次打开"))
    assert "工作队" in guide.page.toPlainText()
    image = guide.page.document().resource(QTextDocument.ResourceType.ImageResource, QUrl("images/first_run.png"))
    assert image is not None and not image.isNull()  # the picture is shipped and found offline
    assert image.width() <= guide.page.viewport().width()


def test_searching_the_guide_keeps_matching_sections_and_marks_the_word(demo_db, make_window, lang_zh, qtbot):
    window = make_window(demo_db)
    guide = _help_window(window, qtbot)
    type_chinese(guide.search, "公示")
    shown = [guide.contents.item(r).text() for r in range(guide.contents.count())]
    assert 0 < len(shown) < len(guide.sections)
    assert guide.result_label.text() == f"找到 {len(shown)} 节"
    assert all(section.matches(["公示"]) for section in guide.sections if section.title in shown)
    assert guide.highlighted() >= 1
    assert "公示" in guide.page.textCursor().selectedText() or guide.highlighted() >= 1

    guide.search.clear()
    type_chinese(guide.search, "没有这个词语")
    assert guide.contents.count() == 0
    assert guide.result_label.text() == "未找到"


def test_english_guide_in_the_english_ui(demo_db, make_window, lang_en, qtbot):
    window = make_window(demo_db, lang="en")
    guide = _help_window(window, qtbot)
    assert guide.windowTitle() == "User guide"
    assert guide.sections[0].title == "Fupin Desk user guide"


def test_about_names_version_database_folder_and_licences(demo_db, make_window, lang_zh, qtbot, data_dir):
    from desktop_app.ui.about_dialog import AboutDialog

    window = make_window(demo_db)
    _action(window, "about").trigger()
    qtbot.waitUntil(lambda: isinstance(getattr(window, "about_dialog", None), AboutDialog))
    about = window.about_dialog
    assert about.windowTitle() == "关于扶贫台账"
    assert about.version.text() == __version__
    assert "fupin.sqlite" in about.database.text()
    assert about.folder.text() == str(data_dir)
    licences = about.licences.toPlainText()
    for expected in ("Fupin Desk — Apache-2.0", "WenQuanYi", "Droid Sans Fallback", "Qt for Python", "ReportLab"):
        assert expected in licences


def test_an_empty_village_shows_how_to_start(sqlite_db, make_window, lang_zh):
    from desktop_app.services.areas.registry import AreaInput, set_up_work_area

    with sqlite_db.transaction() as session:
        set_up_work_area(
            session,
            county=AreaInput("532930000000", "洱源县"),
            township=AreaInput("532930100000", "茈碧湖镇"),
            village=AreaInput("532930100001", "和平村"),
            groups=2,
        )
    window = make_window(sqlite_db)
    hint = window.empty_hint
    assert window.model.rowCount() == 0
    assert hint.isVisible()
    assert "Ctrl+N" in hint.text() and "新建户卡" in hint.text()


def test_search_without_result_says_not_found(demo_db, make_window, lang_zh, qtbot):
    window = make_window(demo_db)
    assert not window.empty_hint.isVisible()
    type_chinese(window.filters.search, "查无此人")
    _wait_search(qtbot, window, "查无此人")
    assert window.model.rowCount() == 0
    assert window.empty_hint.isVisible()
    assert window.empty_hint.text().startswith("未找到：没有与“查无此人”相符的户。")
    window.filters.search.clear()
    _wait_search(qtbot, window, "")
    assert window.model.rowCount() > 0
    assert not window.empty_hint.isVisible()


def test_a_hit_on_a_member_names_that_member(demo_db, make_window, lang_zh, qtbot):
    number, name, _id = _pick_member(demo_db, head=False)
    window = make_window(demo_db)
    type_chinese(window.filters.search, name)
    _wait_search(qtbot, window, name)
    rows = [r for r in range(window.model.rowCount()) if window.model.index(r, hm.COL_NUMBER).data() == number]
    assert rows
    head_cell = window.model.index(rows[0], hm.COL_HEAD)
    assert head_cell.data().endswith(f"（成员：{name}）")
    assert name in head_cell.data(hm.Qt.ItemDataRole.ToolTipRole)


def test_a_hit_on_the_head_is_shown_plainly(demo_db, make_window, lang_zh, qtbot):
    number, name, _id = _pick_member(demo_db, head=True)
    window = make_window(demo_db)
    type_chinese(window.filters.search, name)
    _wait_search(qtbot, window, name)
    rows = [r for r in range(window.model.rowCount()) if window.model.index(r, hm.COL_NUMBER).data() == number]
    assert window.model.index(rows[0], hm.COL_HEAD).data() == name
