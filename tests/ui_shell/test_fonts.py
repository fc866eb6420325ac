"""The app's fonts draw every Chinese character of a name, rare ones included, whatever the system has."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import QApplication, QLabel

RARE = "㐀"  # U+3400, CJK Extension A: occurs in names, missing from WenQuanYi Micro Hei


def _drawn(qtbot, text: str, font: QFont) -> QImage:  # type: ignore[no-untyped-def]
    label = QLabel(text)
    label.setFont(font)
    label.setStyleSheet("background: white; color: black")
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.resize(160, 48)
    qtbot.addWidget(label)
    return label.grab().toImage()


def _only(family: str, size: float) -> QFont:
    font = QFont(family)
    font.setPointSizeF(size)
    font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)  # this family alone, no system fallback
    return font


def test_a_rare_name_character_is_drawn_by_the_shipped_fallback_font(qtbot, qapp: QApplication, lang_zh: str) -> None:  # type: ignore[no-untyped-def]
    app_font = qapp.font()
    main, rare = app_font.families()[:2]
    assert "Micro Hei" in main and "Droid Sans Fallback" in rare, app_font.families()
    size = app_font.pointSizeF()
    shown = _drawn(qtbot, RARE, app_font)
    assert shown == _drawn(qtbot, RARE, _only(rare, size))  # the glyph of the shipped fallback font
    assert shown != _drawn(qtbot, RARE, _only(main, size))  # not the main font's empty box
    assert _drawn(qtbot, "张", app_font) == _drawn(qtbot, "张", _only(main, size))  # common text: the main font
