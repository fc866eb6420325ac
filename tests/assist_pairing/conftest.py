"""The UI languages of tests/monitor_ui, shared."""

from tests.monitor_ui.conftest import lang_en, lang_zh  # noqa: F401
