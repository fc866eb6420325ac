"""A command costs what it uses: ``fupin --version`` must not wait seconds for the database layer or Qt.

Each case runs ``fupin`` in a fresh interpreter (the way a user or a county script starts it) and lists the
modules it imported; the heavy stacks are named by their top-level package.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = {"sqlalchemy", "sqlmodel", "alembic", "pydantic", "PySide6", "reportlab", "openpyxl", "xlsxwriter"}
GUI_AND_FILES = {"PySide6", "reportlab", "openpyxl", "xlsxwriter", "python_calamine"}

PROBE = """
import json, sys
from desktop_app.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
sys.stdout.flush()
print("\\n@@" + json.dumps({"code": code, "modules": sorted({m.split('.')[0] for m in sys.modules})}))
"""


def imported(*argv: str, data_dir: Path) -> tuple[int, set[str], str]:
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        capture_output=True,
        text=True,
        env={**_env(), "FUPIN_DATA_DIR": str(data_dir)},
        timeout=120,
    )
    out, _, tail = proc.stdout.rpartition("\n@@")
    result = json.loads(tail)
    return int(result["code"] or 0), set(result["modules"]), out


def _env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k != "PYTHONSTARTUP"}


@pytest.mark.parametrize(
    "argv",
    [
        ("--version",),
        ("--help",),
        ("id-check", "11010519491231002X"),
        ("print", "--help"),
        ("procedure", "--help"),
        ("merge", "--help"),
        ("import", "--help"),
    ],
)
def test_version_help_and_id_check_import_nothing_heavy(argv: tuple[str, ...], data_dir: Path) -> None:
    code, modules, out = imported(*argv, data_dir=data_dir)
    assert code == 0
    assert out.strip(), "the command printed nothing"
    assert modules & HEAVY == set()


def test_id_check_still_checks(data_dir: Path) -> None:
    code, modules, out = imported("id-check", "11010519491231002X", "110105194912310021", data_dir=data_dir)
    assert code == 1  # the second ID's check digit is wrong
    assert "11010519491231002X" in out or "110105" in out
    assert modules & HEAVY == set()


def test_stats_opens_the_database_but_no_qt_pdf_or_excel(tmp_path: Path, data_dir: Path) -> None:
    db = tmp_path / "small.sqlite"
    code, _, _ = imported("--db", str(db), "demo", "--households", "3", data_dir=data_dir)
    assert code == 0
    code, modules, out = imported("--db", str(db), "stats", "--json", data_dir=data_dir)
    assert code == 0
    assert json.loads(out)["households"] == 3
    assert "sqlalchemy" in modules
    assert modules & GUI_AND_FILES == set()


def test_the_parser_lists_the_same_print_kinds_as_the_printing_service(data_dir: Path) -> None:
    """One table of document kinds: argparse's choices and help, the service and the preview read it."""
    from desktop_app.commands.print import KINDS
    from desktop_app.domain.documents import PRINT_KIND_LABELS
    from desktop_app.services.printing import KINDS as SERVICE_KINDS
    from desktop_app.ui.print_preview import kind_title

    assert KINDS == SERVICE_KINDS == tuple(PRINT_KIND_LABELS)
    assert [kind_title(kind) for kind in KINDS] == [zh for zh, _en in PRINT_KIND_LABELS.values()]
    code, _modules, out = imported("print", "--help", data_dir=data_dir)
    assert code == 0
    help_text = "".join(out.split())
    for kind, (zh, _en) in PRINT_KIND_LABELS.items():
        assert f"{kind}{zh}" in help_text  # "announcement 公示名单, …" as argparse prints it
