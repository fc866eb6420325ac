"""A test run fails on any skip, except PostgreSQL missing on a developer's machine (never under CI)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PG_SKIP_MARK, skip_is_allowed

ROOT = Path(__file__).resolve().parent.parent


def _run(tmp_path: Path, body: str, *, ci: bool) -> subprocess.CompletedProcess[str]:
    test = tmp_path / "test_probe.py"
    test.write_text("import pytest\n\n\n" + body, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "tests.conftest"]
        + ["-c", str(ROOT / "pyproject.toml"), "--rootdir", str(tmp_path), str(test)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_only_the_postgresql_skip_outside_ci_is_allowed():
    assert skip_is_allowed(f"\n!!! {PG_SKIP_MARK}: initdb not found", ci=False)
    assert not skip_is_allowed(f"\n!!! {PG_SKIP_MARK}: initdb not found", ci=True)
    assert not skip_is_allowed("the procedure panel is not part of this build", ci=False)
    assert not skip_is_allowed("xfail: known bug", ci=False)


@pytest.mark.slow
def test_a_skipped_test_fails_the_run_and_says_why(tmp_path):
    result = _run(tmp_path, 'def test_later():\n    pytest.skip("not written yet")\n', ci=False)
    assert result.returncode == 1, result.stdout
    assert "SKIPPED (counts as a failure)" in result.stdout and "not written yet" in result.stdout


@pytest.mark.slow
def test_the_postgresql_skip_passes_on_a_laptop_and_fails_under_ci(tmp_path):
    body = f'def test_pg():\n    pytest.skip("{PG_SKIP_MARK}: no server here")\n\n\ndef test_ok():\n    assert True\n'
    laptop = _run(tmp_path, body, ci=False)
    assert laptop.returncode == 0, laptop.stdout
    ci = _run(tmp_path, body, ci=True)
    assert ci.returncode == 1, ci.stdout
    assert "counts as a failure" in ci.stdout
