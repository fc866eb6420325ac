"""``fupin gui`` on a database with accounts: without a dialog (``--quit-after-ms``) it needs ``--user`` and
``FUPIN_PASSWORD``, exits 2 with one line otherwise, and starts signed in with them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.ui_accounts.conftest import ADMIN, ADMIN_PASSWORD


def _gui(db_path: Path, data: Path, *extra: str, password: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FUPIN_DATA_DIR": str(data)}
    env.pop("FUPIN_PASSWORD", None)
    if password is not None:
        env["FUPIN_PASSWORD"] = password
    command = [sys.executable, "-m", "desktop_app", "--db", str(db_path), *extra, "gui", "--quit-after-ms", "200"]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def test_gui_start_on_a_database_with_accounts(county, db_path, tmp_path):
    county.close()
    data = tmp_path / "gui-data"
    refused = _gui(db_path, data)
    assert refused.returncode == 2
    lines = [line for line in refused.stderr.splitlines() if line.strip()]
    assert lines[-1].startswith("错误：") and "--user" in lines[-1]
    wrong = _gui(db_path, data, "--user", ADMIN, password="not-it")
    assert wrong.returncode == 2 and "密码" in wrong.stderr
    started = _gui(db_path, data, "--user", ADMIN, password=ADMIN_PASSWORD)
    assert started.returncode == 0, started.stderr[-2000:]
    assert ADMIN_PASSWORD not in started.stderr + started.stdout
