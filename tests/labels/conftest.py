"""The demo database, the main window and the UI languages, as the shell tests make them."""

from tests.ui_shell.conftest import demo_db, lang_en, lang_zh, make_window, ui_state  # noqa: F401
