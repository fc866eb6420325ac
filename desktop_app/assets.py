"""Find the files that ship beside the code: fonts, code lists, translations, forms, migrations.

The top-level ``forms/``, ``reports/`` and ``resources/`` folders of the source tree are installed as
``desktop_app.forms``, ``desktop_app.reports`` and ``desktop_app.resources``. The same lookup works from a
source checkout (editable or not), an installed wheel and a PyInstaller bundle (``sys._MEIPASS``).
"""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_TOP_FOLDERS = ("forms", "reports", "resources")

# the shipped fonts, for asset_path(*…): the main Chinese font, and the fallback for rare name characters
MAIN_FONT_FILE = ("resources", "fonts", "wqy-microhei.ttc")
FALLBACK_FONT_FILE = ("resources", "fonts", "DroidSansFallbackFull.ttf")  # CJK Extension A


class AssetNotFound(FileNotFoundError):
    pass


def _roots(top: str) -> list[Path]:
    roots: list[Path] = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.append(Path(bundle) / "desktop_app" / top)
    roots.append(_PACKAGE_DIR / top)  # installed wheel: desktop_app/resources/...
    roots.append(_PACKAGE_DIR.parent / top)  # source checkout: <repo>/resources/...
    return roots


def asset_dir(top: str) -> Path:
    """The folder that holds one of ``forms``, ``reports`` or ``resources``."""
    if top not in _TOP_FOLDERS:
        raise ValueError(f"unknown asset folder {top!r}")
    for root in _roots(top):
        if root.is_dir():
            return root
    raise AssetNotFound(f"asset folder {top!r} not found (looked in {', '.join(map(str, _roots(top)))})")


def asset_path(top: str, *parts: str, must_exist: bool = True) -> Path:
    """Path of a shipped file, e.g. ``asset_path("resources", "fonts", "wqy-microhei.ttc")``."""
    for root in _roots(top) if top in _TOP_FOLDERS else []:
        candidate = root.joinpath(*parts)
        if candidate.exists():
            return candidate
    if top not in _TOP_FOLDERS:
        raise ValueError(f"unknown asset folder {top!r}")
    if must_exist:
        raise AssetNotFound(f"asset {top}/{'/'.join(parts)} not found")
    return asset_dir(top).joinpath(*parts)


def migrations_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle and (Path(bundle) / "desktop_app" / "storage" / "migrations").is_dir():
        return Path(bundle) / "desktop_app" / "storage" / "migrations"
    return _PACKAGE_DIR / "storage" / "migrations"
