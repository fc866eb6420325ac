"""Per-machine settings shared by the GUI and the command line: data folder, device id, operator name.

The device id identifies this laptop in every record it changes (multi-laptop merging relies on it), so it
lives beside the user's data, not inside one database file that might be copied to another laptop.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from desktop_app import APP_NAME

_CONFIG_FILE = "config.json"


def data_dir() -> Path:
    """The user's data folder (``FUPIN_DATA_DIR`` overrides it, which tests and portable installs use)."""
    override = os.environ.get("FUPIN_DATA_DIR")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    return data_dir() / "fupin.sqlite"


@dataclass
class Settings:
    device_id: str
    operator: str = ""
    language: str = "zh_CN"

    def save(self) -> None:
        target = data_dir() / _CONFIG_FILE
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.__dict__, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, target)


def load_settings() -> Settings:
    """Read the settings, creating a device id the first time this machine runs the app."""
    path = data_dir() / _CONFIG_FILE
    raw: dict[str, str] = {}
    if path.exists():
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raw = {}  # a damaged settings file must not stop the app; the device id is re-created
    settings = Settings(
        device_id=raw.get("device_id") or uuid.uuid4().hex,
        operator=raw.get("operator", ""),
        language=raw.get("language", "zh_CN"),
    )
    if raw.get("device_id") != settings.device_id:
        settings.save()
    return settings
