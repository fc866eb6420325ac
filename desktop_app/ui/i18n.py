"""UI language and fonts: Qt translators for every ``resources/translations/*_<lang>.qm`` and the bundled font.

Source strings in ``tr()`` are English; each engineer keeps a ``<area>_zh_CN.ts`` file. ``python -m
desktop_app.ui.i18n build`` compiles all of them to ``.qm`` beside them with ``pyside6-lrelease`` (the .qm
files are build outputs, not committed). A checkout that was never built still shows Chinese: a missing or
outdated .qm is compiled on first use into the user's data folder.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop_app.assets import FALLBACK_FONT_FILE, MAIN_FONT_FILE, AssetNotFound, asset_dir, asset_path

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
# Qt's own dialogs; a wheel ships one or both, and qtdialogs_zh_CN.ts adds the strings they lack
_QT_CATALOGS = ("qtbase", "qt")
_current = DEFAULT_LANGUAGE
_bundled_families: list[str] = []  # the families install_font registered (the shipped fonts)


def current_language() -> str:
    """The UI language installed last ("zh_CN" or "en"); data labels (code lists) follow it."""
    return _current


def translations_dir() -> Path:
    return asset_dir("resources") / "translations"


def lrelease_command() -> list[str]:
    """``pyside6-lrelease`` from the running interpreter's environment, else from PATH."""
    exe_dir = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "pyside6-lrelease.exe"):
        candidate = exe_dir / name
        if candidate.exists():
            return [str(candidate)]
    found = shutil.which("pyside6-lrelease")
    if found:
        return [found]
    import PySide6

    for name in ("lrelease", "lrelease.exe"):  # the wheel ships the binary itself
        candidate = Path(PySide6.__file__).parent / name
        if candidate.exists():
            return [str(candidate)]
        candidate = Path(PySide6.__file__).parent / "Qt" / "libexec" / name
        if candidate.exists():
            return [str(candidate)]
    raise FileNotFoundError("pyside6-lrelease not found (install PySide6-Essentials)")


def compile_ts(ts: Path, qm: Path) -> None:
    qm.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [*lrelease_command(), "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0 or not qm.exists():
        raise RuntimeError(f"lrelease failed for {ts.name}: {result.stderr.strip() or result.stdout.strip()}")


def build_all(folder: Path | None = None) -> list[Path]:
    """Compile every .ts in the translations folder to a .qm beside it; returns the .qm files."""
    folder = folder or translations_dir()
    built = []
    for ts in sorted(folder.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        compile_ts(ts, qm)
        built.append(qm)
    return built


def _usable_qm(ts: Path) -> Path | None:
    """The .qm for a .ts: the built one if current, else one compiled now into a cache folder."""
    beside = ts.with_suffix(".qm")
    if beside.exists() and beside.stat().st_mtime >= ts.stat().st_mtime:
        return beside
    for target in (beside, _cache_dir() / beside.name):
        if target.exists() and target.stat().st_mtime >= ts.stat().st_mtime:
            return target
        try:
            compile_ts(ts, target)
            return target
        except (OSError, RuntimeError, FileNotFoundError) as exc:
            log.debug("cannot compile %s to %s: %s", ts.name, target, exc)
    return None


def _cache_dir() -> Path:
    from desktop_app.config import data_dir

    return data_dir() / "translations-cache"


def _find_qm_files(lang: str) -> list[Path]:
    try:
        folder = translations_dir()
    except AssetNotFound:
        return []
    files: dict[str, Path] = {}
    for ts in sorted(folder.glob(f"*_{lang}.ts")):
        qm = _usable_qm(ts)
        if qm is not None:
            files[qm.name] = qm
    for qm in sorted(folder.glob(f"*_{lang}.qm")):  # a bundle may ship .qm without .ts
        files.setdefault(qm.name, qm)
    return list(files.values())


def install_translators(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Load the translations of ``lang`` ("zh_CN" default; "en" = the English source strings)."""
    old = getattr(app, "_fupin_translators", [])
    for translator in old:
        app.removeTranslator(translator)
    installed: list[QTranslator] = []
    global _current
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    _current = lang
    app.setProperty("fupin_lang", lang)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if lang == "zh_CN" else QLocale.c())
    if lang != "en":
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for catalog in _QT_CATALOGS:
            translator = QTranslator(app)
            if translator.load(f"{catalog}_{lang}", qt_dir):
                installed.append(translator)
        for qm in _find_qm_files(lang):
            translator = QTranslator(app)
            if translator.load(str(qm)):
                installed.append(translator)
            else:
                log.warning("could not load translation %s", qm)
        for translator in installed:
            app.installTranslator(translator)
    app._fupin_translators = installed  # type: ignore[attr-defined]  # keep them alive
    return installed


def reset_language(app: QCoreApplication | None = None) -> None:
    """Back to the start-up state: no translators, default language for data labels (test teardown)."""
    global _current
    app = app or QCoreApplication.instance()
    if app is not None:
        for translator in getattr(app, "_fupin_translators", []):
            app.removeTranslator(translator)
        app._fupin_translators = []  # type: ignore[attr-defined]  # kept on the Qt application object itself
        app.setProperty("fupin_lang", None)
    _current = DEFAULT_LANGUAGE


def _load_font(parts: tuple[str, ...]) -> list[str]:
    """Register a shipped font with Qt; its families, or [] when it is missing or cannot be loaded."""
    try:
        path = asset_path(*parts)
    except AssetNotFound:
        log.warning("bundled font %s missing", parts[-1])
        return []
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        # Loading by path fails for some non-ASCII install folders (C:\\Users\\张三\\…); the bytes always load.
        font_id = QFontDatabase.addApplicationFontFromData(QByteArray(path.read_bytes()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("could not load %s", path)
    return families


def install_font(app: QApplication) -> str | None:
    """Register the bundled WenQuanYi Micro Hei and make it the application font so Chinese never shows boxes;
    the bundled Droid Sans Fallback comes next in the font's families, for rare name characters (CJK
    Extension A) that WenQuanYi lacks, whatever fonts the system has."""
    families = _load_font(MAIN_FONT_FILE)
    if not families:
        log.warning("Chinese may show as boxes")
        return None
    family = next((f for f in families if "Micro Hei" in f and "Mono" not in f), families[0])
    rare_families = _load_font(FALLBACK_FONT_FILE)
    rare = rare_families[:1]
    _bundled_families[:] = [*families, *rare_families]
    font = QFont(app.font())
    font.setFamilies([family, *rare, *[f for f in app.font().families() if f not in (family, *rare)]])
    if font.pointSizeF() < 9:
        font.setPointSizeF(10)
    app.setFont(font)
    return family


def bundled_families() -> list[str]:
    """Every font family of the shipped fonts that ``install_font`` registered (not the system's)."""
    return list(_bundled_families)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] != ["build"]:
        print("用法 / usage: python -m desktop_app.ui.i18n build", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for qm in build_all():
        print(qm)
    return 0


if __name__ == "__main__":
    sys.exit(main())
