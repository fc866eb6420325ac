"""An import killed at any moment leaves the database exactly as it was, and `fupin check` clean."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from desktop_app.cli import main
from desktop_app.services import open_database
from desktop_app.storage.models import Area, Household, Member
from tests.exchange.conftest import export, make_demo


def _digest(path: Path) -> tuple[int, int, str]:
    db = open_database(path)
    try:
        with db.session() as session:
            households = session.execute(select(Household.id, Household.version, Household.number)).all()
            members = session.execute(select(Member.id, Member.version, Member.household_id)).all()
        text = repr(sorted(households)) + repr(sorted(members))
        return len(households), len(members), hashlib.sha1(text.encode()).hexdigest()
    finally:
        db.close()


def test_import_killed_at_random_points_changes_nothing(tmp_path: Path) -> None:
    source = make_demo(tmp_path / "laptop.sqlite", households=120, villages=2)
    with source.session() as session:
        first_village = session.execute(select(Area.id).where(Area.level == "village").order_by(Area.code)).scalar()
    whole = export(source, tmp_path / "county.xlsx")
    part = export(source, tmp_path / "village.xlsx", area_id=first_village)
    source.close()
    target = tmp_path / "target.sqlite"
    assert main(["--db", str(target), "import", str(part)]) == 0
    before = _digest(target)
    assert 0 < before[0] < 120
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "desktop_app", "--db", str(target), "import", str(whole)]
    # How long a full import takes here, to spread the kills over its whole run.
    started = time.perf_counter()
    probe = subprocess.run(cmd + ["--json"], env=env, capture_output=True, timeout=120, cwd=tmp_path)
    full = time.perf_counter() - started
    assert probe.returncode == 0, probe.stderr.decode()
    after_full = _digest(target)
    assert after_full[0] == 120
    # Start again from the state before and kill imports part-way, many times. Each kill must leave either
    # the state before or (when it came after the commit) the complete import: never anything in between.
    _reset(target)
    assert main(["--db", str(target), "import", str(part)]) == 0
    pristine = tmp_path / "pristine.sqlite"
    shutil.copy(target, pristine)
    before = _digest(target)
    rng = random.Random(6)
    interrupted = 0
    for _ in range(8):
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path)
        time.sleep(rng.uniform(0.2, full * 0.7))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        state = _digest(target)
        assert state in (before, after_full)
        assert main(["--db", str(target), "check"]) == 0
        if state == before:
            interrupted += 1
        else:
            _reset(target)
            shutil.copy(pristine, target)
    assert interrupted >= 1
    assert main(["--db", str(target), "import", str(whole)]) == 0
    assert _digest(target) == after_full


def _reset(target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
