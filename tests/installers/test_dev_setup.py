"""The README's start command installs only what is missing: the second start runs no pip and no lrelease.

The script runs for real on a copy of the checkout's setup files, with a stand-in ``.venv`` whose python and
fupin record their calls (a real pip install would take minutes and the network), and a stand-in
``dpkg-query`` that reports every Debian package as installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

FAKE_PYTHON = """#!/usr/bin/env bash
echo "python $*" >> "$CALLS"
if [ "$1 $2" = "-m desktop_app.ui.i18n" ]; then
  for ts in resources/translations/*.ts; do touch "${ts%.ts}.qm"; done
fi
"""
FAKE_FUPIN = """#!/usr/bin/env bash
echo "fupin $*" >> "$CALLS"
"""
FAKE_DPKG = """#!/usr/bin/env bash
shift 2
for p in "$@"; do echo "$p install ok installed"; done
"""


def _script(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(0o755)


def _checkout(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    tree = tmp_path / "tree"
    (tree / "installers").mkdir(parents=True)
    shutil.copy(ROOT / "installers" / "dev-setup.sh", tree / "installers")
    shutil.copy(ROOT / "pyproject.toml", tree)
    (tree / "resources" / "translations").mkdir(parents=True)
    for ts in (ROOT / "resources" / "translations").glob("*.ts"):
        shutil.copy(ts, tree / "resources" / "translations")
    venv = tree / ".venv" / "bin"
    venv.mkdir(parents=True)
    _script(venv / "python", FAKE_PYTHON)
    _script(venv / "fupin", FAKE_FUPIN)
    tools = tmp_path / "tools"
    tools.mkdir()
    _script(tools / "dpkg-query", FAKE_DPKG)
    env = {**os.environ, "PATH": f"{tools}:{os.environ['PATH']}", "CALLS": str(tmp_path / "calls.txt")}
    return tree, env


def _start(tree: Path, env: dict[str, str], calls: Path, mode: str = "start") -> list[str]:
    calls.write_text("")
    subprocess.run(
        ["bash", "installers/dev-setup.sh", mode, "--db", "x.sqlite"]
        if mode == "start"
        else ["bash", "installers/dev-setup.sh", mode],
        cwd=tree,
        env=env,
        check=mode == "start",
        capture_output=True,
        text=True,
        timeout=60,
    )
    return calls.read_text().splitlines()


def test_second_start_runs_neither_pip_nor_the_translation_build(tmp_path: Path) -> None:
    tree, env = _checkout(tmp_path)
    calls = tmp_path / "calls.txt"

    first = _start(tree, env, calls)
    assert "python -m pip install -q -e ." in first
    assert "python -m desktop_app.ui.i18n build" in first
    assert first[-1] == "fupin --db x.sqlite"

    assert _start(tree, env, calls) == ["fupin --db x.sqlite"]

    time.sleep(1.1)  # a .ts edited after its .qm was built: only the translations are rebuilt
    (tree / "resources" / "translations" / "shell_zh_CN.ts").touch()
    assert _start(tree, env, calls) == ["python -m desktop_app.ui.i18n build", "fupin --db x.sqlite"]

    with (tree / "pyproject.toml").open("a") as f:  # a new dependency: pip runs again
        f.write("\n# changed\n")
    again = _start(tree, env, calls)
    assert "python -m pip install -q -e ." in again
    assert _start(tree, env, calls) == ["fupin --db x.sqlite"]


def test_the_test_mode_installs_the_dev_tools_and_then_covers_start(tmp_path: Path) -> None:
    tree, env = _checkout(tmp_path)
    calls = tmp_path / "calls.txt"
    _start(tree, env, calls)
    calls.write_text("")
    env = {**env, "PATH": env["PATH"].replace(os.environ["PATH"], "/usr/bin:/bin")}
    subprocess.run(
        ["bash", "-c", "bash installers/dev-setup.sh test || true"], cwd=tree, env=env, capture_output=True, timeout=60
    )
    assert "python -m pip install -q -e .[dev]" in calls.read_text().splitlines()
    assert _start(tree, env, calls) == ["fupin --db x.sqlite"]  # "test" covered "start"


def test_the_test_mode_runs_ruff_mypy_the_import_contracts_and_the_tests(tmp_path: Path) -> None:
    tree, env = _checkout(tmp_path)
    calls = tmp_path / "calls.txt"
    for tool in ("ruff", "mypy"):
        _script(tree / ".venv" / "bin" / tool, f'#!/usr/bin/env bash\necho "{tool} $*" >> "$CALLS"\n')
    _start(tree, env, calls)
    ran = _start(tree, {**env, "DISPLAY": ""}, calls, mode="test")
    lint = next(i for i, call in enumerate(ran) if "lint_imports_command" in call)
    tests = [i for i, call in enumerate(ran) if call.startswith("python -m pytest")]
    assert ran.index("ruff check .") < ran.index("mypy ") < lint < tests[-1]
    assert any("--ignore=tests/real_window" in ran[i] for i in tests)
