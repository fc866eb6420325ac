"""Shipped files are found from a source checkout and from an installed wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from desktop_app.assets import asset_dir, asset_path, migrations_dir

ROOT = Path(__file__).resolve().parent.parent


def test_assets_found_in_the_checkout() -> None:
    font = asset_path("resources", "fonts", "wqy-microhei.ttc")
    assert font.stat().st_size > 4_000_000
    assert asset_path("resources", "codelists", "vocabulary.json").exists()
    assert any(asset_dir("forms").joinpath("checklists").glob("*.json"))
    assert (migrations_dir() / "versions" / "0001_initial_schema.py").exists()


def test_unknown_asset_is_a_clear_error() -> None:
    with pytest.raises(FileNotFoundError, match="no-such-file"):
        asset_path("resources", "no-such-file.png")
    with pytest.raises(ValueError):
        asset_path("secrets", "x")


def test_every_python_package_is_listed_in_pyproject() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    mapping = {"forms": "desktop_app.forms", "reports": "desktop_app.reports", "resources": "desktop_app.resources"}
    found = set()
    for init in ROOT.glob("**/__init__.py"):
        rel = init.parent.relative_to(ROOT)
        parts = rel.parts
        if not parts or parts[0] in ("tests", "bench", "installers", "docs", ".venv", "build") or "generated" in parts:
            continue
        top = mapping.get(parts[0], parts[0])
        found.add(".".join([top, *parts[1:]]))
    assert found - listed == set(), "add these packages to [tool.setuptools] packages"


@pytest.mark.slow
def test_installed_wheel_finds_its_assets(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "desktop_app/resources/fonts/wqy-microhei.ttc" in names
    assert "desktop_app/resources/codelists/vocabulary.json" in names
    assert "desktop_app/resources/help/zh_CN/guide.md" in names  # the user guide works offline, installed
    assert "desktop_app/resources/help/images/first_run.png" in names
    assert "desktop_app/storage/migrations/script.py.mako" in names
    assert any(n.startswith("desktop_app/forms/checklists/") for n in names)
    assert "desktop_app/storage/migrations/versions/0002_attachments_settings_append_only_log.py" in names
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    probe = (
        "from desktop_app.assets import asset_path, migrations_dir; "
        "print(asset_path('resources','fonts','wqy-microhei.ttc')); print(migrations_dir())"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(target)!r}); {probe}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env=env,
    ).stdout.split()
    assert out[0].startswith(str(target)) and out[1].startswith(str(target))
    # the packaged app opens a database (migrations and seed data come from the wheel)
    db_file = str(tmp_path / "w.sqlite")
    code = (
        f"import sys; sys.path.insert(0, {str(target)!r}); from desktop_app.cli import main; "
        f"sys.exit(main(['--db', {db_file!r}, 'demo', '--households', '5']))"
    )
    proc = subprocess.run(
        [sys.executable, "-I", "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "FUPIN_DATA_DIR": str(tmp_path / "data")},
    )
    assert proc.returncode == 0, proc.stderr
    assert "5 户" in proc.stdout
