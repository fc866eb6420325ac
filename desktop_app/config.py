"""Per-machine settings shared by the GUI and the command line: data folder, device id, who is working.

The device id identifies this laptop in every record it changes (multi-laptop merging relies on it), so it
lives beside the user's data, not inside one database file that might be copied to another laptop.
``config.json`` stays readable by older versions: its keys are only ever added (an older app ignores
them), and ``settings_version`` says which upgrades of ``desktop_app.domain.settings`` have run.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from desktop_app import APP_NAME
from desktop_app.domain.identity import Identity

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
    unit: str = ""  # the operator's work team or unit
    export_folder: str = ""
    backup_folder: str = ""  # where backups go ("": backups/ beside the database file)
    settings_version: int = 0

    @property
    def identity(self) -> Identity:
        return Identity(self.operator.strip(), self.unit.strip())

    def set_identity(self, identity: Identity) -> None:
        self.operator, self.unit = identity.name, identity.unit

    def value(self, key: str) -> Any:
        return getattr(self, key)

    def save(self) -> None:
        target = data_dir() / _CONFIG_FILE
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, target)


MACHINE_KEYS = frozenset(f.name for f in fields(Settings)) - {"device_id", "settings_version"}


def load_settings() -> Settings:
    """Read the settings, creating a device id the first time this machine runs the app."""
    path = data_dir() / _CONFIG_FILE
    raw: dict[str, Any] = {}
    if path.exists():
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raw = {}  # a damaged settings file must not stop the app; the device id is re-created
    if not isinstance(raw, dict):
        raw = {}

    def text(key: str, default: str = "") -> str:
        value = raw.get(key, default)
        return value if isinstance(value, str) else default

    version = raw.get("settings_version", 0)
    settings = Settings(
        device_id=text("device_id") or uuid.uuid4().hex,
        operator=text("operator"),
        language=text("language", "zh_CN"),
        unit=text("unit"),
        export_folder=text("export_folder"),
        backup_folder=text("backup_folder"),
        settings_version=version if isinstance(version, int) else 0,
    )
    if raw.get("device_id") != settings.device_id:
        settings.save()
    return settings
