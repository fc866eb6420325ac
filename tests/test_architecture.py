"""The architecture of issue 13, checked on the source (docs/architecture.md).

- no import cycle between any two modules, counting imports inside functions (grimp sees them all);
- the front ends (``ui/``, ``commands/``, ``cli.py``) never open a session, a transaction or a read
  snapshot on a database, never touch its engine and never import ``desktop_app.storage``: they call use
  cases;
- no module imports a private (``_name``) name from another module;
- no module of the app is over 600 lines.
The import-linter contracts in pyproject.toml (``lint-imports``) check the layers and the forbidden arrows.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import grimp

import desktop_app

PACKAGE = Path(desktop_app.__file__).resolve().parent
FRONT_ENDS = [PACKAGE / "ui", PACKAGE / "commands", PACKAGE / "cli.py"]
MAX_LINES = 600
DB_DOORS = {"session", "transaction", "read"}


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations/versions" not in p.as_posix())


def _front_end_files() -> list[Path]:
    files: list[Path] = []
    for place in FRONT_ENDS:
        files.extend(sorted(place.rglob("*.py")) if place.is_dir() else [place])
    return files


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(PACKAGE.parent)}:{getattr(node, 'lineno', 0)}"


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative: the groups of modules that import each other (size > 1, or a self-import)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1 or node in graph.get(node, ()):
                    groups.append(sorted(group))
    return groups


def test_the_cycle_finder_finds_a_cycle_and_nothing_else():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert strongly_connected(graph) == [["a", "b", "c"]]


def test_no_import_cycle_between_modules_counting_function_level_imports():
    graph = grimp.build_graph("desktop_app")
    edges = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    cycles = strongly_connected(edges)
    details = []
    for group in cycles:
        first, second = group[0], next(m for m in group if m != group[0])
        there = graph.find_shortest_chain(importer=first, imported=second) or ()
        back = graph.find_shortest_chain(importer=second, imported=first) or ()
        details.append(" → ".join(there) + "  and back  " + " → ".join(back[1:]))
    assert cycles == [], "import cycles:\n" + "\n".join(details)


def test_front_ends_call_use_cases_and_never_open_the_database_themselves():
    found: list[str] = []
    for path in _front_end_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in DB_DOORS:
                receiver = ast.unparse(node.func.value)
                if receiver.endswith(("db", "database", "Database")):
                    found.append(f"{_where(path, node)} {ast.unparse(node.func)}(…)")
            elif isinstance(node, ast.Attribute) and node.attr == "engine":
                found.append(f"{_where(path, node)} {ast.unparse(node)}")
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("desktop_app.storage"):
                found.append(f"{_where(path, node)} from {node.module} import …")
            elif isinstance(node, ast.Import) and any(a.name.startswith("desktop_app.storage") for a in node.names):
                found.append(f"{_where(path, node)} import {', '.join(a.name for a in node.names)}")
    assert found == [], "front ends opening the database or importing storage:\n" + "\n".join(found)


def test_the_front_end_scan_sees_what_it_must_refuse():
    source = "with self._db.session() as s:\n    pass\nx = db.engine\ny = open('f').read()\n"
    tree = ast.parse(source)
    doors = [
        ast.unparse(n.func)
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in DB_DOORS
        if ast.unparse(n.func.value).endswith(("db", "database", "Database"))
    ]
    engines = [ast.unparse(n) for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "engine"]
    assert doors == ["self._db.session"] and engines == ["db.engine"]


def test_no_module_imports_a_private_name_of_another_module():
    found: list[str] = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("desktop_app"):
                private = [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
                if private:
                    found.append(f"{_where(path, node)} from {node.module} import {', '.join(private)}")
    assert found == [], "private names imported across modules:\n" + "\n".join(found)


def test_no_module_is_over_600_lines():
    long = {
        str(path.relative_to(PACKAGE.parent)): lines
        for path in _modules()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, f"modules over {MAX_LINES} lines (split them): {long}"


IGNORE = re.compile(r"#\s*type:\s*ignore(\[[^\]]*\])?(.*)$")


def _unexplained_ignores(lines: list[str]) -> list[int]:
    """Lines whose ``type: ignore`` names no error code or gives no reason (after it, or on the line above)."""
    found = []
    for number, line in enumerate(lines, 1):
        match = IGNORE.search(line)
        if match is None:
            continue
        reason_after = "#" in match.group(2)
        reason_above = number > 1 and lines[number - 2].strip().startswith("#")
        if match.group(1) is None or not (reason_after or reason_above):
            found.append(number)
    return found


def test_the_ignore_scan_sees_what_it_must_refuse():
    assert _unexplained_ignores(["x = f()  # type: ignore"]) == [1]
    assert _unexplained_ignores(["x = f()  # type: ignore[arg-type]"]) == [1]
    assert _unexplained_ignores(["x = f()  # type: ignore[arg-type]  # Qt types it as QEvent"]) == []
    assert _unexplained_ignores(["# the stub lacks it", "x = f()  # type: ignore[attr-defined]"]) == []


def test_every_type_ignore_names_its_error_and_gives_its_reason():
    unexplained = {
        str(path.relative_to(PACKAGE.parent)): lines
        for path in _modules()
        if (lines := _unexplained_ignores(path.read_text(encoding="utf-8").splitlines()))
    }
    assert unexplained == {}
