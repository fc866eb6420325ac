"""Field checks of the desktop app as a village laptop would show it, offscreen, with screenshots.

    .venv/bin/python installers/field_check.py [--out artifacts/field-check] [--system-fonts]

- A 1366×768 screen (the common old-laptop panel) with a 40 px taskbar, i.e. 1366×728 of usable area:
  the main window, maximised there, and the household card editor opened from it must fit (their minimum
  sizes within the usable area), keep every visible button's text unclipped and every visible widget inside
  the window; screenshots go to ``--out``. The card editor's default size is reported against the area.
- No Chinese font on the system: by default the check runs under a fontconfig that knows only an empty
  folder (so only the app's bundled WenQuanYi Micro Hei can draw Chinese); it asserts the system has no
  Chinese family, that the app's own start-up code (``create_application``) made the bundled family the
  application font, that Qt reports that family as the one actually used by the main window, and that it
  has the glyphs. ``--system-fonts`` keeps the machine's fonts (to compare screenshots).

Uses a throw-away data folder and demo data. Exit 1 when a check fails; prints one line per check.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

SCREEN_W, SCREEN_H, TASKBAR_H = 1366, 768, 40
WORK_W, WORK_H = SCREEN_W, SCREEN_H - TASKBAR_H
FRAME_H = 31  # title bar + borders of a Windows 10 window at 100 % scaling
BUNDLED_FAMILY = "WenQuanYi Micro Hei"

results: list[tuple[bool, str]] = []


def report(ok: bool, text: str) -> None:
    results.append((ok, text))
    print(f"{'PASS' if ok else 'FAIL'} {text}", flush=True)


def isolate_fonts(tmp: Path) -> None:
    """A fontconfig with one empty font folder: the system's Chinese fonts disappear for this process."""
    (tmp / "fonts").mkdir()
    conf = tmp / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<dir>{tmp / 'fonts'}</dir><cachedir>{tmp / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    os.environ["FONTCONFIG_FILE"] = str(conf)


def clipped_buttons(root) -> list[str]:  # type: ignore[no-untyped-def]
    """Visible push/tool buttons narrower than their text needs (the text would be cut off)."""
    from PySide6.QtWidgets import QAbstractButton, QCheckBox, QRadioButton

    bad = []
    for button in root.findChildren(QAbstractButton):
        if not button.isVisibleTo(root) or not button.text() or isinstance(button, (QCheckBox, QRadioButton)):
            continue
        if button.width() + 2 < button.minimumSizeHint().width():
            bad.append(f"{button.text()!r} {button.width()} < {button.minimumSizeHint().width()} px")
    return bad


def outside_widgets(root) -> list[str]:  # type: ignore[no-untyped-def]
    """Visible direct interactive widgets whose rectangle leaves the window (cut off by the screen edge)."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QWidget

    kinds = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView)
    frame = QRect(QPoint(0, 0), root.size())
    bad = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisibleTo(root) or widget.window() is not root:
            continue
        top_left = widget.mapTo(root, QPoint(0, 0))
        rect = QRect(top_left, widget.size())
        # widgets scrolled away inside a scroll area are fine; only those outside the window itself count
        if not frame.contains(rect.center()):
            bad.append(f"{type(widget).__name__} {getattr(widget, 'text', lambda: '')()!r} at {rect.getRect()}")
    return bad


def check_window(name: str, window, out: Path, expected_family: str | None) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    hint = window.minimumSizeHint()
    report(
        hint.width() <= WORK_W and hint.height() + FRAME_H <= WORK_H,
        f"{name}: minimum size {hint.width()}×{hint.height()} (+{FRAME_H} px frame) fits {WORK_W}×{WORK_H}",
    )
    cut = clipped_buttons(window)
    size = f"{window.width()}×{window.height()}"
    report(not cut, f"{name}: button texts unclipped at {size}" + (f": {cut}" if cut else ""))
    outside = outside_widgets(window)
    report(not outside, f"{name}: every visible control inside the window" + (f": {outside}" if outside else ""))
    if expected_family:
        from PySide6.QtGui import QFontInfo

        used = QFontInfo(window.font()).family()
        report(used == expected_family, f"{name}: Qt uses the font {used!r} (expected {expected_family!r})")
    shot = out / f"{name}-{SCREEN_W}x{SCREEN_H}.png"
    window.grab().save(str(shot))
    print(f"     screenshot {shot}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("artifacts/field-check"))
    parser.add_argument("--system-fonts", action="store_true", help="keep the system's fonts")
    opts = parser.parse_args(argv)
    opts.out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="fupin-field-"))
    os.environ["FUPIN_DATA_DIR"] = str(tmp / "data")
    if not opts.system_fonts:
        isolate_fonts(tmp)
    screen_conf = tmp / "screen.json"
    screen = {"name": "FieldLaptop", "x": 0, "y": 0, "width": SCREEN_W, "height": SCREEN_H}
    screen_conf.write_text(json.dumps({"screens": [screen | {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))

    from PySide6.QtCore import QSettings
    from PySide6.QtGui import QFontDatabase, QFontMetrics

    from desktop_app.services import open_database
    from desktop_app.services.demo.households import generate_demo
    from desktop_app.ui.app import create_application
    from desktop_app.ui.i18n import bundled_families

    app = create_application("zh_CN", ["-platform", f"offscreen:configfile={screen_conf}"])
    geometry = app.primaryScreen().geometry()
    size = f"{geometry.width()}×{geometry.height()}"
    report(geometry.width() == SCREEN_W and geometry.height() == SCREEN_H, f"screen {size}")

    shipped = bundled_families()  # WenQuanYi Micro Hei and the rare-character fallback, both the app's own
    system_cjk = [
        f
        for f in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
        if not QFontDatabase.isPrivateFamily(f) and f not in shipped
    ]
    family = app.font().family()
    expected = None
    if not opts.system_fonts:
        report(not system_cjk, f"no Chinese font on the system ({', '.join(system_cjk) or 'none'})")
        report(family == BUNDLED_FAMILY, f"the app made its bundled font the application font ({family!r})")
        metrics = QFontMetrics(app.font())
        missing = [ch for ch in "精准扶贫建档立卡户主姓名身份证号" if not metrics.inFontUcs4(ord(ch))]
        glyphs = "the application font has the Chinese glyphs"
        report(not missing, glyphs + (f" (missing {missing})" if missing else ""))
        expected = BUNDLED_FAMILY

    db = open_database(tmp / "field.sqlite", operator="field-check", device_id="field-check")
    with db.transaction() as session:
        generate_demo(session, households=60, villages=2, seed=3, operator="field-check", device_id="field-check")

    from desktop_app.ui.main_window import MainWindow

    settings = QSettings(str(tmp / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(db, lang="zh_CN", settings=settings)
    window.setGeometry(0, FRAME_H, WORK_W, WORK_H - FRAME_H)
    window.show()
    check_window("main-window", window, opts.out, expected)

    try:
        from desktop_app.ui.card_editor import HouseholdCardDialog
    except ImportError as exc:  # the card editor is part of the GUI issue; report when it is absent
        report(False, f"card editor not importable: {exc}")
    else:
        from sqlalchemy import select

        from desktop_app.storage.models import Household

        with db.session() as session:
            household_id = session.execute(select(Household.id).order_by(Household.number).limit(1)).scalar_one()
        dialog = HouseholdCardDialog(db, household_id, parent=window)
        default = dialog.size()
        fits = default.width() <= WORK_W and default.height() + FRAME_H <= WORK_H
        print(
            f"{'INFO' if fits else 'WARN'} card-editor: opens at {default.width()}×{default.height()}"
            f" (+{FRAME_H} px frame) on a {WORK_W}×{WORK_H} work area"
            + ("" if fits else ": taller than the screen, the bottom would hide behind the taskbar"),
            flush=True,
        )
        dialog.resize(min(default.width(), WORK_W), min(default.height(), WORK_H - FRAME_H))
        dialog.move(0, FRAME_H)
        dialog.show()
        check_window("card-editor", dialog, opts.out, expected)
        dialog.close()
    window.close()
    db.close()
    failed = sum(1 for ok, _ in results if not ok)
    print(f"field check: {len(results) - failed} passed, {failed} failed (screenshots in {opts.out})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
