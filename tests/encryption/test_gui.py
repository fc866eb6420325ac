"""The app: 文件 → 加密数据库… / 取消加密…, the export dialog's password option, opening an encrypted file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.services.encryption import is_encrypted
from tests.encryption.conftest import ADMIN, PASSWORD, make_plain


def answer_modals(handlers: list[Callable[[Any], None]]) -> list[str]:
    """Answer the next modal windows in order (each handler gets the active modal widget); their titles."""
    seen: list[str] = []
    done: list[Any] = []

    def step() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None or not widget.isVisible() or any(widget is d for d in done):
            if handlers:
                QTimer.singleShot(50, step)
            return
        done.append(widget)
        seen.append(widget.windowTitle())
        handlers.pop(0)(widget)
        if handlers:
            QTimer.singleShot(50, step)

    QTimer.singleShot(50, step)
    return seen


def fill(password: str, keep_plain: bool = False) -> Callable[[Any], None]:
    def handler(dialog: Any) -> None:
        assert type(dialog).__name__ == "EncryptionDialog"
        dialog.name.setText(ADMIN)
        dialog.password.setText(password)
        dialog.keep_plain.setChecked(keep_plain)
        dialog.accept()

    return handler


def press(button: QMessageBox.StandardButton) -> Callable[[Any], None]:
    def handler(box: Any) -> None:
        assert isinstance(box, QMessageBox)
        box.done(button)

    return handler


@pytest.fixture
def window(qtbot: Any, tmp_path: Path) -> Any:
    from desktop_app.ui.main_window import MainWindow

    db = make_plain(tmp_path / "fupin.sqlite", households=6)
    win = MainWindow(db, lang="en", settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    yield win
    win.db.close()


def test_encrypt_and_decrypt_from_the_file_menu(window: Any, qtbot: Any) -> None:
    path = window.db.sqlite_path
    names = [a.objectName() for a in window.menuBar().actions()[0].menu().actions()]
    assert "encrypt_database" in names and "decrypt_database" in names
    seen = answer_modals([fill(PASSWORD), press(QMessageBox.StandardButton.Ok)])
    window.encrypt_database()
    assert seen[0] == "Encrypt database"
    assert is_encrypted(path) and window.db.key is not None
    assert window.model.rowCount() == 6  # the reopened, encrypted database is what the list shows

    answer_modals([fill("wrong-password")])  # the error box that follows is not modal: read below
    window.decrypt_database()
    qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) for w in QApplication.topLevelWidgets()))
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert any("账户或密码不正确" in b.text() for b in boxes)
    for box in boxes:
        box.close()
    assert is_encrypted(path)

    answer_modals([fill(PASSWORD)])
    window.decrypt_database()
    assert not is_encrypted(path) and window.db.key is None
    assert window.model.rowCount() == 6


def test_opening_an_encrypted_file_asks_for_the_password(window: Any, tmp_path: Path) -> None:
    from desktop_app.services.encryption import encrypt_database

    other = tmp_path / "laptop.sqlite"
    encrypt_database(make_plain(other, households=3), ADMIN, PASSWORD)
    seen = answer_modals([fill(PASSWORD)])
    assert window.switch_database(str(other))
    assert seen == ["Open encrypted database"]
    assert window.db.sqlite_path == other and window.db.key is not None


def test_export_dialog_protects_the_workbook(window: Any, qtbot: Any, tmp_path: Path) -> None:
    from desktop_app.ui.exchange_dialogs import ExportDialog

    dialog = ExportDialog(window.db, parent=window)
    qtbot.addWidget(dialog)
    assert not dialog.password.isEnabled()
    dialog.protect.setChecked(True)
    assert dialog.password.isEnabled()
    dialog.password.setText("export-pass-1")
    out = tmp_path / "protected.xlsx"
    dialog.path.setText(str(out))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.result_path is not None, timeout=30_000)
    assert out.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
