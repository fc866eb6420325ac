"""``fupin backup`` / ``fupin backups list`` / ``fupin restore`` as real processes, and pg_dump / pg_restore."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import text

from tests.backups.conftest import table_rows


def fupin(db: Path | str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=300,
        input=stdin,
    )


def test_backup_list_and_restore_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite"
    assert fupin(db, "demo", "--households", "8", "--villages", "1").returncode == 0
    saved = table_rows(db)
    made = fupin(db, "backup", "--to", str(tmp_path / "stick"))
    assert made.returncode == 0, made.stderr
    assert "已备份到" in made.stdout and "8 户" in made.stdout
    listed = fupin(db, "backups", "list", "--dir", str(tmp_path / "stick"), "--json")
    rows = json.loads(listed.stdout)
    assert [(r["reason"], r["households"], r["valid"]) for r in rows] == [("manual", 8, True)]
    text_list = fupin(db, "backups", "list", "--dir", str(tmp_path / "stick"))
    assert "手动" in text_list.stdout and "8 户" in text_list.stdout

    con = sqlite3.connect(db)
    con.execute("UPDATE household SET address = '改过的地址'")
    con.commit()
    con.close()
    assert table_rows(db) != saved

    unconfirmed = fupin(db, "restore", rows[0]["file"], stdin="")
    assert unconfirmed.returncode == 2 and "--yes" in unconfirmed.stderr
    restored = fupin(db, "restore", rows[0]["file"], "--yes")
    assert restored.returncode == 0, restored.stderr
    assert "已恢复" in restored.stdout and "恢复前的数据已备份到" in restored.stdout
    assert table_rows(db) == saved

    broken = tmp_path / "stick" / Path(rows[0]["file"]).name
    broken.write_bytes(broken.read_bytes()[:4096])
    refused = fupin(db, "restore", str(broken), "--yes")
    assert refused.returncode == 3
    lines = [line for line in refused.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "不能恢复" in lines[0] and "没有改动" in lines[0]
    assert table_rows(db) == saved


def test_pg_dump_and_pg_restore_on_a_server(pg_server: Any, tmp_path: Path) -> None:
    assert shutil.which("pg_dump") and shutil.which("pg_restore")
    from desktop_app.services import open_database
    from desktop_app.services.backups import create_backup, list_backups, restore_backup
    from desktop_app.services.backups.server import tool_arguments
    from desktop_app.services.demo import load_demo

    url = pg_server.create_database()
    db = open_database(url, operator="测试员", device_id="pg-device")
    try:
        load_demo(db, households=6, villages=1, seed=2)
        made = create_backup(db, "manual", to=tmp_path / "dumps")
        assert made.file.path.suffix == ".dump" and made.file.size > 0
        assert [b.path for b in list_backups(db, tmp_path / "dumps")] == [made.file.path]
        with db.engine.begin() as conn:
            conn.execute(text("UPDATE household SET address = '改过的地址'"))
        restore_backup(db, made.file.path)
        with db.engine.connect() as conn:
            changed = conn.execute(text("SELECT count(*) FROM household WHERE address = '改过的地址'")).scalar()
            total = conn.execute(text("SELECT count(*) FROM household")).scalar()
        assert changed == 0 and total == 6
    finally:
        db.close()
    args, env = tool_arguments("postgresql+psycopg://u:geheim@db.example:5433/county")
    assert "geheim" not in " ".join(args) and env["PGPASSWORD"] == "geheim"
    assert args == ["-h", "db.example", "-p", "5433", "-U", "u", "-d", "county"]
