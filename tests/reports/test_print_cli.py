"""``fupin print`` from the command line: what it writes, and the clear errors when the selection is wrong."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop_app.cli import main
from tests.reports.conftest import Village, make_batch, page_count, pdf_text


def run(capsys: pytest.CaptureFixture[str], db: object, *args: str) -> tuple[int, str, str]:
    code = main(["--db", db.url, "print", *args])  # type: ignore[attr-defined]
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_print_by_village_code_and_name(village_db: object, village: Village, tmp_path: Path, capsys) -> None:
    out = tmp_path / "公示.pdf"
    code, stdout, _ = run(capsys, village_db, "announcement", "--village", village.code, "--out", str(out))
    assert code == 0 and "已生成公示名单" in stdout
    assert page_count(out) >= 1
    by_name = tmp_path / "register.pdf"
    code, stdout, _ = run(capsys, village_db, "register", "--village", village.name, "--out", str(by_name))
    assert code == 0 and "内部资料" in pdf_text(by_name, 1, 1)


def test_batch_by_its_number(village_db, village: Village, tmp_path: Path, capsys) -> None:
    out = tmp_path / "minutes.pdf"
    code, _, _ = run(capsys, village_db, "minutes", "--batch", "2019-evaluation", "--out", str(out))
    assert code == 0 and "民主评议会议记录" in pdf_text(out).replace(" ", "")


def test_card_by_household_number(village_db: object, village: Village, tmp_path: Path, capsys) -> None:
    out = tmp_path / "card.pdf"
    code, _, _ = run(capsys, village_db, "card", "--household", village.household_number, "--out", str(out))
    assert code == 0 and village.household_number in pdf_text(out)


def test_announcement_uses_the_latest_batch_of_the_village(
    village_db, village: Village, tmp_path: Path, capsys
) -> None:
    from sqlalchemy import select

    from desktop_app.storage.models import Household

    with village_db.transaction() as session:
        households = list(
            session.execute(select(Household).where(Household.village_id == village.village_id)).scalars()
        )[70:73]
        make_batch(
            session,
            "township_announcement",
            village.village_id,
            households,
            number="2019-乡镇",
            start_date=date(2030, 6, 1),
            end_date=date(2030, 6, 7),
        )
        names = [h.head_name for h in households]
    out = tmp_path / "latest.pdf"
    code, _, _ = run(capsys, village_db, "announcement", "--village", village.code, "--out", str(out))
    text = pdf_text(out).replace(" ", "")
    assert code == 0 and all(name in text for name in names)
    assert "合计：3户" in text and "2030年6月7日" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["card"], "打印扶贫手册需要指定户"),
        (["card", "--household", "9999"], "找不到户“9999”"),
        (["register", "--village", "不存在村"], "找不到行政村“不存在村”"),
        (["register", "--village", "532999001000"], "是乡镇"),
        (["minutes", "--batch", "no-such-batch"], "找不到批次"),
    ],
)
def test_wrong_selection_is_one_clear_chinese_line(village_db, tmp_path: Path, capsys, args, message) -> None:
    out = tmp_path / "x.pdf"
    code, stdout, stderr = run(capsys, village_db, *args, "--out", str(out))
    assert code == 2
    assert stderr.startswith("错误：") and message in stderr and "Traceback" not in stderr
    assert not out.exists() and not list(tmp_path.glob("*.part"))


def test_batch_of_the_wrong_kind_is_refused(village_db, village: Village, tmp_path: Path, capsys) -> None:
    evaluation = village.batches["evaluation"]
    code, _, stderr = run(capsys, village_db, "announcement", "--batch", evaluation, "--out", str(tmp_path / "a.pdf"))
    assert code == 2 and "民主评议批次，不能打印为公示名单" in stderr


def test_village_without_batches_and_ambiguous_names(village_db, village: Village, tmp_path: Path, capsys) -> None:
    from desktop_app.storage.models import Area

    with village_db.transaction() as session:
        township = session.get(Area, session.get(Area, village.village_id).parent_id)
        for code in ("532999001098", "532999001099"):
            session.add(Area(code=code, name="重名村", level="village", parent_id=township.id))
    code, _, stderr = run(capsys, village_db, "register", "--village", "重名村", "--out", str(tmp_path / "r.pdf"))
    assert code == 2 and "有 2 个行政村名为“重名村”" in stderr and "532999001098" in stderr
    code, _, stderr = run(
        capsys, village_db, "exit-announcement", "--village", "532999001099", "--out", str(tmp_path / "e.pdf")
    )
    assert code == 2 and "还没有退出公示批次" in stderr
    code, _, stderr = run(capsys, village_db, "register", "--village", "532999001099", "--out", str(tmp_path / "r.pdf"))
    assert code == 2 and "还没有建档立卡户" in stderr


def test_empty_batch_list_is_refused(village_db, village: Village, tmp_path: Path, capsys) -> None:
    with village_db.transaction() as session:
        empty = make_batch(session, "exit_notice", village.village_id, [], number="空批次")
    code, _, stderr = run(capsys, village_db, "notice", "--batch", empty, "--out", str(tmp_path / "n.pdf"))
    assert code == 2 and "名单为空" in stderr


def test_bad_output_paths(village_db, village: Village, tmp_path: Path, capsys) -> None:
    code, _, stderr = run(capsys, village_db, "register", "--village", village.code, "--out", str(tmp_path / "a.txt"))
    assert code == 2 and ".pdf" in stderr
    missing = tmp_path / "no" / "such" / "folder.pdf"
    code, _, stderr = run(capsys, village_db, "register", "--village", village.code, "--out", str(missing))
    assert code == 2 and "文件夹不存在" in stderr


def test_a_failure_while_rendering_keeps_the_old_file_and_leaves_no_half_pdf(
    village_db, village: Village, tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop_app.reports.register import RegisterRenderer

    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "register.pdf"
    out.write_bytes(b"%PDF-1.4 the earlier register\n")

    def broken_story(self):  # type: ignore[no-untyped-def]
        raise OSError("disk full")

    monkeypatch.setattr(RegisterRenderer, "story", broken_story)
    code, _, stderr = run(capsys, village_db, "register", "--village", village.code, "--out", str(out))
    assert code == 2 and "无法写入" in stderr and "disk full" in stderr
    assert out.read_bytes() == b"%PDF-1.4 the earlier register\n"
    assert [p.name for p in folder.iterdir()] == ["register.pdf"]


def test_announcement_on_both_databases(db, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """The same queries on SQLite and on PostgreSQL."""
    from sqlalchemy import select

    from desktop_app.services.demo.households import generate_demo
    from desktop_app.storage.models import Area, Household

    with db.transaction() as session:
        generate_demo(session, households=20, villages=1, seed=5)
    with db.transaction() as session:
        village = session.execute(select(Area).where(Area.level == "village")).scalar_one()
        households = list(session.execute(select(Household).order_by(Household.number)).scalars())[:8]
        batch_id = make_batch(session, "village_announcement", village.id, households)
        names = [h.head_name for h in households]
    out = tmp_path / "a.pdf"
    status, _, _ = run(capsys, db, "announcement", "--batch", batch_id, "--out", str(out))
    text = pdf_text(out).replace(" ", "")
    assert status == 0 and all(name in text for name in names) and "合计：8户" in text


def test_objection_record_for_a_village_is_of_its_latest_announcement_with_objections(
    village_db, village: Village, tmp_path: Path, capsys
) -> None:
    from sqlalchemy import select

    from desktop_app.storage.models import Household

    with village_db.transaction() as session:  # a later announcement without objections
        households = list(
            session.execute(select(Household).where(Household.village_id == village.village_id)).scalars()
        )[80:82]
        make_batch(session, "exit_announcement", village.village_id, households, start_date=date(2031, 1, 1))
    out = tmp_path / "objections.pdf"
    code, _, _ = run(capsys, village_db, "objections", "--village", village.code, "--out", str(out))
    assert code == 0 and "小轿车" in pdf_text(out)


def test_the_only_village_is_used_when_none_is_named(village_db, village: Village, tmp_path: Path, capsys) -> None:
    from desktop_app.storage.models import Area

    out = tmp_path / "register.pdf"
    code, _, _ = run(capsys, village_db, "register", "--out", str(out))
    assert code == 0 and village.name in pdf_text(out, 1, 1)
    with village_db.transaction() as session:
        township = session.get(Area, village.village_id).parent_id
        session.add(Area(code="532999001096", name="第二村", level="village", parent_id=township))
    code, _, stderr = run(capsys, village_db, "register", "--out", str(tmp_path / "r2.pdf"))
    assert code == 2 and "需要指定行政村" in stderr
    code, _, stderr = run(capsys, village_db, "announcement", "--out", str(tmp_path / "a2.pdf"))
    assert code == 2 and "需要指定批次或行政村" in stderr
