"""Each device keeps its own chain: a database merged from three laptops verifies every device's chain in full,
merging again adds nothing but the merge's own entry; the chain on PostgreSQL; concurrent writers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop_app.cli import main
from desktop_app.services import Database, open_database, record
from desktop_app.services.audit import list_entries, verify
from desktop_app.services.demo import load_demo
from desktop_app.services.merge import merge_database
from tests.audit.helpers import edit_card, first_village, new_card, query


def _households(db: Database) -> list[str]:
    assert db.sqlite_path is not None
    return [r[0] for r in query(db.sqlite_path, "SELECT id FROM household ORDER BY number")]


def _laptops(tmp_path: Path) -> list[Path]:
    base = tmp_path / "base.sqlite"
    db = open_database(base, operator="县扶贫办", device_id="base-pc")
    load_demo(db, households=12, seed=4, operator="县扶贫办", device_id="base-pc")
    db.close()
    paths = []
    for i, device in enumerate(("laptop-a", "laptop-b", "laptop-c")):
        path = tmp_path / f"{device}.sqlite"
        shutil.copy(base, path)
        db = open_database(path, operator=f"队员{i}", device_id=device)
        homes = _households(db)
        edit_card(db, homes[i], f"{device} 改的住址")
        edit_card(db, homes[5], f"{device} 也改了这一户")  # the same field on every laptop: a conflict
        record(db, "exchange.export", None, file=f"{device}.xlsx", rows=12)
        db.close()
        paths.append(path)
    return paths


def _chain_lengths(path: Path) -> dict[str, int]:
    return {d: n for d, n in query(path, "SELECT device_id, count(*) FROM audit_entry GROUP BY device_id")}


def test_a_database_merged_from_three_laptops_verifies_every_chain(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b, c = _laptops(tmp_path)
    own = {p.stem: _chain_lengths(p)[p.stem] for p in (a, b, c)}
    county = tmp_path / "county.sqlite"
    shutil.copy(tmp_path / "base.sqlite", county)
    db = open_database(county, operator="县扶贫办", device_id="county-pc")
    for laptop in (a, b, c):
        merge_database(db, laptop)
    report = verify(db)
    assert report.ok, report.lines()
    lengths = _chain_lengths(county)
    # every laptop's chain whole; on ours the three merges (each naming the backup taken before it)
    assert lengths == {"base-pc": 3, "county-pc": 3, **own}
    ours = query(county, "SELECT action, details FROM audit_entry WHERE device_id = 'county-pc' ORDER BY seq")
    assert [a for a, _d in ours] == ["merge.database"] * 3 and all("before-merge" in d for _a, d in ours)
    log_rows = query(county, "SELECT count(*) FROM change_log")[0][0]
    copied_rows = query(
        county,
        "SELECT count(*) FROM change_log WHERE audit_entry IN (SELECT id FROM audit_entry WHERE copied_by != '')",
    )[0][0]
    assert copied_rows > 0  # the laptops' own change-log rows came along, so their digests can be checked

    # merging again copies nothing: only the merge's own entry is new
    merge_database(db, b)
    assert _chain_lengths(county) == {**lengths, "county-pc": 4}
    assert query(county, "SELECT count(*) FROM change_log")[0][0] == log_rows
    # a laptop that merged another laptop carries that chain too; the county already has it
    db.close()
    laptop = open_database(a, operator="队员0", device_id="laptop-a")
    merge_database(laptop, c)
    assert verify(laptop).ok
    laptop.close()
    db = open_database(county, operator="县扶贫办", device_id="county-pc")
    merge_database(db, a)
    assert verify(db).ok
    assert _chain_lengths(county)["laptop-a"] == own["laptop-a"] + 1  # laptop a's merge of c came along
    merges = list_entries(db, action="merge.database")
    assert merges[0].details and '"audit_entries": 1' in merges[0].details
    db.close()
    assert main(["--db", str(county), "audit", "verify"]) == 0
    assert capsys.readouterr().out.strip() == f"审计链完好：5 台设备，{sum(_chain_lengths(county).values()):,} 条记录"

    # a laptop's change-log row altered after the merge is found on the county's copy, named by its device
    row = query(
        county,
        "SELECT id FROM change_log WHERE new_value = 'laptop-b 改的住址' AND audit_entry IN"
        " (SELECT id FROM audit_entry WHERE device_id = 'laptop-b')",
    )[0][0]
    from tests.audit.helpers import shell

    shell(county, "UPDATE change_log SET new_value = '别的住址' WHERE id = ?", params=(row,))
    assert main(["--db", str(county), "audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("设备 laptop-b：变更记录被改动：第 ") and len(out.strip().splitlines()) == 1


def test_history_of_a_merged_household_shows_each_change_once(tmp_path: Path) -> None:
    from desktop_app.services.households import card_history

    a, b, _c = _laptops(tmp_path)
    db = open_database(a, operator="队员0", device_id="laptop-a")
    home = _households(db)[1]  # edited on laptop-b only
    merge_database(db, b)
    changes = [e for e in card_history(db, home) if "laptop-b 改的住址" in str(vars(e))]
    assert len(changes) == 1  # the merge's own row; laptop-b's copied row stays out of the history
    db.close()


def test_pre_chain_rows_are_sealed_once_at_the_first_open_after_the_upgrade(tmp_path: Path) -> None:
    from desktop_app.storage.database import make_engine, to_url, upgrade

    path = tmp_path / "old.sqlite"
    engine = make_engine(to_url(path))
    upgrade(engine, "0006")
    with engine.begin() as conn:
        for i in range(3):
            conn.execute(
                text(
                    "INSERT INTO change_log (id, at, entity, entity_id, action, field, operator, device_id)"
                    " VALUES (:id, '2025-01-01 00:00:00.000000', 'household', :e, 'create', '', '旧', 'old-pc')"
                ),
                {"id": f"0000000{i}", "e": f"h{i}"},
            )
    engine.dispose()
    db = open_database(path, operator="王芳", device_id="laptop-a")
    [seal] = list_entries(db, action="database.seal")
    assert seal.seq == 1 and seal.log_count == 3
    assert verify(db).ok
    db.close()
    db = open_database(path, operator="王芳", device_id="laptop-a")
    assert len(list_entries(db, action="database.seal")) == 1  # once
    db.close()
    from tests.audit.helpers import shell

    shell(path, "UPDATE change_log SET operator = '别人' WHERE id = '00000001'")
    db = open_database(path, operator="王芳", device_id="laptop-a")
    report = verify(db)
    assert not report.ok and "变更记录被改动：第 1 条（database.seal" in report.lines()[0]
    db.close()


@pytest.mark.postgres
def test_chain_on_postgresql(pg_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = open_database(pg_server.create_database(), operator="王芳", device_id="county-server")
    load_demo(db, households=5, seed=2, operator="王芳", device_id="county-server")
    home = new_card(db, first_village(db), "杨光明", 7)
    edit_card(db, home, "村东头 1 号")
    report = verify(db)
    assert report.ok and report.entries == 5  # upgrade, role table seeded, demo, new card, its edit
    with db.engine.begin() as conn:  # an attacker with psql: drop the trigger, change a row
        conn.execute(text("DROP TRIGGER change_log_no_change ON change_log"))
        conn.execute(text("UPDATE change_log SET new_value = '村西头' WHERE new_value = '村东头 1 号'"))
    report = verify(db)
    assert not report.ok and "变更记录被改动：第 5 条（household.save" in report.lines()[0]
    db.close()


def test_two_processes_writing_the_same_file_never_share_a_seq(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "shared.sqlite"
    open_database(path, operator="王芳", device_id="laptop-a").close()
    script = (
        "import sys\n"
        "from desktop_app.services import open_database, record\n"
        "db = open_database(sys.argv[1], operator='王芳', device_id='laptop-a')\n"
        "for i in range(40):\n"
        "    record(db, 'exchange.export', None, n=i)\n"
        "db.close()\n"
    )
    runs = [subprocess.Popen([sys.executable, "-c", script, str(path)]) for _ in range(2)]
    assert [p.wait(120) for p in runs] == [0, 0]
    seqs = [r[0] for r in query(path, "SELECT seq FROM audit_entry WHERE device_id = 'laptop-a' ORDER BY seq")]
    exports = query(path, "SELECT count(*) FROM audit_entry WHERE action = 'exchange.export'")[0][0]
    assert seqs == list(range(1, len(seqs) + 1)) and exports == 80  # one chain, no seq twice, none lost
    db = open_database(path, operator="王芳", device_id="laptop-a")
    assert verify(db).ok
    db.close()
