"""Every Qt item model of the app lives in ``desktop_app.ui.models`` (one module per model).

The scan reads the source (AST), so a model defined inside a view module is found even when nobody
imports it; the class bases are resolved by name (``QAbstractTableModel``, ``QStandardItemModel``, …, or a
class of our own derived from one).
"""

from __future__ import annotations

import ast
from pathlib import Path

import desktop_app.ui

UI = Path(desktop_app.ui.__file__).parent
QT_MODEL_BASES = {
    "QAbstractItemModel",
    "QAbstractTableModel",
    "QAbstractListModel",
    "QAbstractProxyModel",
    "QSortFilterProxyModel",
    "QIdentityProxyModel",
    "QStandardItemModel",
    "QStringListModel",
    "QFileSystemModel",
    "QConcatenateTablesProxyModel",
    "QTransposeProxyModel",
}


def _classes() -> list[tuple[Path, str, list[str]]]:
    found = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases = [b.attr if isinstance(b, ast.Attribute) else getattr(b, "id", "") for b in node.bases]
                found.append((path, node.name, bases))
    return found


def model_classes() -> dict[str, Path]:
    """Every class in desktop_app/ui deriving (directly or through our own classes) from a Qt item model."""
    classes = _classes()
    models: dict[str, Path] = {}
    changed = True
    while changed:
        changed = False
        for path, name, bases in classes:
            if name not in models and any(b in QT_MODEL_BASES or b in models for b in bases):
                models[name] = path
                changed = True
    return models


def test_the_scan_finds_the_models_it_must_find():
    models = model_classes()
    assert models["HouseholdTableModel"] == UI / "models" / "households.py"


def test_every_item_model_is_defined_in_ui_models():
    outside = {
        name: str(path.relative_to(UI)) for name, path in model_classes().items() if path.parent != UI / "models"
    }
    assert outside == {}, f"Qt item models outside desktop_app/ui/models/: {outside}"
