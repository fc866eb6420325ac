"""Migrations are frozen history: they run their own SQL and data, never live application code.

An upgrade written in November must do the same thing in December, whatever the search, seeding or model
code has become since; so no migration imports anything from ``desktop_app`` (at module or function level).
"""

from __future__ import annotations

import ast
from pathlib import Path

import desktop_app.storage.migrations.versions as versions


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_no_migration_imports_application_code() -> None:
    files = sorted(Path(versions.__file__).parent.glob("0*.py"))
    assert len(files) >= 7
    offending = {f.name: [n for n in _imports(f) if n.split(".")[0] == "desktop_app"] for f in files}
    assert {name: found for name, found in offending.items() if found} == {}
