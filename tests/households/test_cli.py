"""``fupin household``: the same actions from the command line, with Chinese refusals and exit code 2."""

from __future__ import annotations

from sqlalchemy import select

from desktop_app.cli import main
from desktop_app.storage.models import Household
from tests.households.test_household_actions import WANG, ZHANG


def test_household_commands(sqlite_db, one_village, add_household, capsys) -> None:
    add_household(WANG, group="第1村民小组")
    add_household(ZHANG)
    db = sqlite_db.url
    assert (
        main(["--db", db, "household", "move", "5323001002010001", "--to", "532300100201003", "--reason", "搬家"]) == 0
    )
    assert "已迁至 第3村民小组" in capsys.readouterr().out
    code = main(
        [
            "--db",
            db,
            "household",
            "split",
            "5323001002010001",
            "--members",
            "王小明，赵小芳",
            "--head",
            "王小明",
            "--reason",
            "分家",
        ]
    )
    assert code == 0 and "新户编号 5323001002010003" in capsys.readouterr().out
    assert main(["--db", db, "household", "remove", "5323001002010002", "--reason", " "]) == 2
    assert "请写明原因" in capsys.readouterr().err
    assert main(["--db", db, "household", "merge", "5323001002010001", "5323001002010002", "--reason", "一家"]) == 0
    with sqlite_db.session() as s:
        rows = dict(s.execute(select(Household.number, Household.size).where(Household.deleted.is_(False))).all())
    assert rows == {"5323001002010001": 4, "5323001002010003": 2}
