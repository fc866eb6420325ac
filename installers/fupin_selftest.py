"""Installation self-test: proves that an installed or bundled Fupin Desk has everything it needs at run time.

Runs inside the shipped interpreter (PyInstaller bundle: ``fupin --self-test DIR``; Windows install:
``Python\\python.exe fupin_selftest.py DIR``) and writes only into DIR:

- imports: every third-party library the app uses, with its version;
- database: a new SQLite file through the app's own ``open_database`` (migrations from the shipped files),
  a write of Chinese text in one transaction and a read back in a new session, demo households;
- pdf: reportlab with the bundled WenQuanYi font (embedded TrueType subset), read back from the file;
- xlsx: openpyxl writes Chinese text and an 18-digit ID as text, openpyxl and python-calamine read it back;
- encryption: a database encrypted with SQLCipher (its first bytes are no SQLite header), reopened with the
  account's password (Argon2id + AES-GCM keyring), a wrong password refused; a password-protected
  workbook (msoffcrypto-tool) read back;
- qt: an offscreen QApplication loads the bundled font and Qt reports that family as the one used for a
  Chinese label, which must render ink (``--expect-no-system-cjk`` also asserts the system has no Chinese
  font of its own, i.e. the bundled one is the only way the text can show).

Prints one line per check (``OK name: detail`` / ``FAIL name: error``) and a summary to DIR/selftest.json;
exits 1 when any check failed. Only test data is written; resident IDs are made-up demo numbers.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

SAMPLE_ZH = "精准扶贫 建档立卡：张三、李四（自检）"
LIBRARIES = [
    "PySide6",
    "shiboken6",
    "sqlalchemy",
    "sqlmodel",
    "alembic",
    "reportlab",
    "openpyxl",
    "python_calamine",
    "pypinyin",
    "platformdirs",
    "defusedxml",
    "psycopg",
    "sqlcipher3",
    "argon2",
    "cryptography",
    "msoffcrypto",
]


def check_imports(_out: Path, _opts: argparse.Namespace) -> str:
    import importlib

    versions = []
    for name in LIBRARIES:
        module = importlib.import_module(name)
        versions.append(f"{name} {getattr(module, '__version__', '?')}")
    import desktop_app

    return f"desktop_app {desktop_app.__version__}; " + ", ".join(versions)


def check_database(out: Path, _opts: argparse.Namespace) -> str:
    from sqlalchemy import func, select

    from desktop_app.services import open_database
    from desktop_app.services.demo.households import generate_demo
    from desktop_app.storage.models import AppSetting, Household

    path = out / "selftest.sqlite"
    for leftover in out.glob("selftest.sqlite*"):
        leftover.unlink()
    db = open_database(path, operator="自检", device_id="selftest")
    try:
        with db.transaction() as session:
            session.add(AppSetting(key="selftest.text", value=SAMPLE_ZH))
            generate_demo(session, households=3, seed=7, operator="自检", device_id="selftest")
        with db.session() as session:
            value = session.get(AppSetting, "selftest.text").value
            households = session.execute(select(func.count()).select_from(Household)).scalar_one()
            head = session.execute(select(Household.head_name).limit(1)).scalar_one()
    finally:
        db.close()
    if value != SAMPLE_ZH:
        raise AssertionError(f"read back {value!r}, wrote {SAMPLE_ZH!r}")
    if households != 3 or not head:
        raise AssertionError(f"expected 3 demo households with a head name, got {households} / {head!r}")
    return f"{path.name}: Chinese text round-trips, {households} demo households (head {head[0]}…)"


def check_encryption(out: Path, _opts: argparse.Namespace) -> str:
    import io

    import msoffcrypto
    from sqlalchemy import func, select

    from desktop_app.domain.errors import DomainError
    from desktop_app.services import open_database
    from desktop_app.services.demo.households import generate_demo
    from desktop_app.services.encryption import encrypt_database
    from desktop_app.services.exchange import export_to_file
    from desktop_app.storage.models import Household

    path = out / "selftest-encrypted.sqlite"
    for leftover in out.glob("selftest-encrypted.sqlite*"):
        leftover.unlink()
    db = open_database(path, operator="自检", device_id="selftest")
    with db.transaction() as session:
        generate_demo(session, households=3, seed=7, operator="自检", device_id="selftest")
    from desktop_app.services.accounts import create_first_admin

    create_first_admin(db, "自检", "自检", "selftest-password")  # only a database with accounts is encrypted
    started = time.perf_counter()
    encrypt_database(db, "自检", "selftest-password")
    head = path.read_bytes()[:16]
    if head == b"SQLite format 3\x00":
        raise AssertionError("the encrypted file still starts with the plain SQLite header")
    try:
        open_database(path, user="自检", password="wrong-password").close()
    except DomainError:
        pass
    else:
        raise AssertionError("a wrong password opened the encrypted database")
    db = open_database(path, device_id="selftest", user="自检", password="selftest-password")
    try:
        with db.session() as session:
            households = session.execute(select(func.count()).select_from(Household)).scalar_one()
        book = export_to_file(db, out / "selftest-protected.xlsx", password="selftest-password").path
    finally:
        db.close()
    seconds = time.perf_counter() - started
    if households != 3:
        raise AssertionError(f"expected 3 households in the encrypted database, got {households}")
    office = msoffcrypto.OfficeFile(io.BytesIO(book.read_bytes()))
    office.load_key(password="selftest-password")
    plain = io.BytesIO()
    office.decrypt(plain)
    if not plain.getvalue().startswith(b"PK"):
        raise AssertionError("the protected workbook did not decrypt to an .xlsx")
    from sqlcipher3 import dbapi2

    version = dbapi2.connect(":memory:").execute("PRAGMA cipher_version").fetchone()[0]
    return (
        f"{path.name}: SQLCipher {version}, encrypted and reopened ({households} households, "
        f"{seconds:.1f} s), wrong password refused; {book.name} decrypts"
    )


def _bundled_font() -> Path:
    from desktop_app.assets import MAIN_FONT_FILE, asset_path

    return asset_path(*MAIN_FONT_FILE)


def check_pdf(out: Path, _opts: argparse.Namespace) -> str:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = _bundled_font()
    pdfmetrics.registerFont(TTFont("FupinSelfTest", str(font), subfontIndex=0))
    target = out / "selftest.pdf"
    page = canvas.Canvas(str(target), pagesize=A4)
    page.setFont("FupinSelfTest", 16)
    page.drawString(72, 760, SAMPLE_ZH)
    page.drawString(72, 730, "贫困户登记表 Household card 0123456789")
    page.save()
    data = target.read_bytes()
    if not data.startswith(b"%PDF") or b"/FontFile2" not in data:
        raise AssertionError("the PDF has no embedded TrueType font")
    detail = f"{target.name}: {len(data)} bytes, WenQuanYi embedded"
    from desktop_app.reports.fonts import fonts

    rare = fonts()  # what every printed document uses for characters WenQuanYi lacks
    if rare.fallback_path is None or 0x3400 not in rare.fallback_glyphs:
        raise AssertionError("no fallback font for rare name characters (CJK Extension A)")
    detail += f", rare characters from {Path(rare.fallback_path).name}"
    try:  # pypdf is a development tool; when present, read the Chinese text back out of the file
        from pypdf import PdfReader
    except ImportError:
        return detail
    text = PdfReader(str(target)).pages[0].extract_text()
    if "精准扶贫" not in text:
        raise AssertionError(f"text not found in the PDF: {text[:80]!r}")
    return detail + ", text read back"


def check_xlsx(out: Path, _opts: argparse.Namespace) -> str:
    from openpyxl import Workbook, load_workbook
    from python_calamine import CalamineWorkbook

    target = out / "selftest.xlsx"
    fake_id = "53299919800101002X"  # demo county code, not a real person
    book = Workbook()
    sheet = book.active
    sheet.title = "贫困户"
    sheet.append(["户主姓名", "身份证号", "家庭人口"])
    sheet.append(["张三", fake_id, 4])
    sheet["B2"].number_format = "@"
    book.save(target)
    reader = load_workbook(target, read_only=True)
    row = list(next(reader["贫困户"].iter_rows(min_row=2, max_row=2, values_only=True)))
    reader.close()
    cal = CalamineWorkbook.from_path(str(target)).get_sheet_by_name("贫困户").to_python()[1]
    if row[:2] != ["张三", fake_id] or cal[:2] != ["张三", fake_id] or int(cal[2]) != 4:
        raise AssertionError(f"read back {row!r} / {cal!r}")
    return f"{target.name}: written by openpyxl, read back by openpyxl and calamine"


def check_qt(out: Path, opts: argparse.Namespace) -> str:
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontInfo, QImage
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication([sys.argv[0], "-platform", opts.platform])
    system_cjk = sorted(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    font_path = _bundled_font()
    font_id = QFontDatabase.addApplicationFont(str(font_path))
    how = "from its file"
    if font_id < 0:  # seen under wine when the path has Chinese characters; the bytes always load
        font_id = QFontDatabase.addApplicationFontFromData(QByteArray(font_path.read_bytes()))
        how = f"from its bytes (loading by path failed: {font_path})"
    if font_id < 0:
        raise AssertionError("Qt could not load the bundled font")
    families = QFontDatabase.applicationFontFamilies(font_id)
    family = families[0]
    label = QLabel(SAMPLE_ZH)
    label.setFont(QFont(family, 14))
    used = QFontInfo(label.font()).family()
    if used != family:
        raise AssertionError(f"Qt uses {used!r} instead of the bundled {family!r}")
    label.adjustSize()
    image = QImage(label.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    label.render(image)
    image.save(str(out / "selftest-qt.png"))
    ink = sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if QColor(image.pixel(x, y)).lightness() < 128
    )
    if ink < 20:
        raise AssertionError(f"the Chinese label rendered blank ({ink} dark pixels)")
    if opts.expect_no_system_cjk and system_cjk:
        raise AssertionError(f"the system still has Chinese fonts: {system_cjk}")
    del app
    return (
        f"platform {QApplication.platformName()}, bundled family {family!r} loaded {how} and used ({ink} ink "
        "samples); "
        f"system Chinese fonts: {', '.join(system_cjk) or 'none'}; Qt {_qt_version()}"
    )


def _qt_version() -> str:
    from PySide6.QtCore import qVersion

    return qVersion()


CHECKS: dict[str, Callable[[Path, argparse.Namespace], str]] = {
    "imports": check_imports,
    "database": check_database,
    "pdf": check_pdf,
    "xlsx": check_xlsx,
    "encryption": check_encryption,
    "qt": check_qt,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="fupin --self-test", description="Fupin Desk installation self-test")
    parser.add_argument("out", type=Path, help="folder for the test files (created)")
    parser.add_argument("--only", action="append", choices=sorted(CHECKS), help="run only these checks")
    parser.add_argument("--platform", default="offscreen", help="Qt platform plugin (default offscreen)")
    parser.add_argument("--expect-no-system-cjk", action="store_true")
    opts = parser.parse_args(argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    opts.out.mkdir(parents=True, exist_ok=True)
    results = {}
    for name in opts.only or list(CHECKS):
        started = time.perf_counter()
        try:
            detail = CHECKS[name](opts.out, opts)
            ok = True
        except Exception as exc:  # report every check, then fail at the end
            detail = f"{type(exc).__name__}: {exc}"
            traceback.print_exc()
            ok = False
        seconds = round(time.perf_counter() - started, 2)
        results[name] = {"ok": ok, "detail": detail, "seconds": seconds}
        print(f"{'OK' if ok else 'FAIL'} {name} ({seconds:.2f} s): {detail}", flush=True)
    (opts.out / "selftest.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    failed = [name for name, r in results.items() if not r["ok"]]
    print(f"self-test: {len(results) - len(failed)} passed, {len(failed)} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
