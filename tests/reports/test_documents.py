"""Every document printed for the demo village and read back as a reader would see it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.domain.money import format_yuan
from tests.reports.conftest import ARTIFACTS, ID_PATTERN, RARE_NAME, Village, page_count, pdf_fonts, pdf_pages
from tests.reports.conftest import pdf_text as pdf_text_all


def flat(text: str) -> str:
    """Text without any white space: pdftotext spreads or drops the spaces of laid-out lines."""
    return re.sub(r"\s+", "", text)


PUBLIC = ("announcement", "notice", "exit-announcement", "wallchart")
# The batches the tests made (the demo data may hold procedure batches of its own).
BATCH_OF = {
    "announcement": "village_announcement",
    "notice": "county_notice",
    "exit-announcement": "exit_announcement",
    "minutes": "evaluation",
    "objections": "village_announcement",
}
ALL_KINDS = ("announcement", "notice", "exit-announcement", "card", "register", "minutes", "objections", "wallchart")


@pytest.fixture(scope="module")
def documents(village: Village, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from desktop_app.services import open_database, printing

    folder = tmp_path_factory.mktemp("printed")
    db = open_database(village.db_path, operator="测试员", device_id="test-device")
    out: dict[str, Path] = {}
    try:
        for kind in ALL_KINDS:
            selection = printing.resolve_selection(
                db,
                kind,
                village=village.code,
                household=village.rare_household_number if kind == "card" else None,
                batch=village.batches.get(BATCH_OF.get(kind, "")),
            )
            out[kind] = folder / f"{kind}.pdf"
            printing.print_to_file(db, selection, out[kind])
    finally:
        db.close()
    return out


def _incomes(village: Village) -> list[str]:
    from sqlalchemy import select

    from desktop_app.services import open_database
    from desktop_app.storage.models import Household

    db = open_database(village.db_path, operator="测试员", device_id="test-device")
    try:
        with db.session() as session:
            rows = session.execute(select(Household.per_capita_income_fen, Household.income_wage_fen)).all()
    finally:
        db.close()
    return [format_yuan(v) for row in rows for v in row if v]


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_every_document_embeds_its_font_and_numbers_its_pages(documents: dict[str, Path], kind: str) -> None:
    path = documents[kind]
    fonts = pdf_fonts(path)
    assert fonts, "no fonts at all"
    assert all("WenQuanYiMicroHei" in row[0] or "DroidSans" in row[0] for row in fonts), fonts
    assert all(row[-5] == "yes" for row in fonts), f"a font is not embedded: {fonts}"  # the 'emb' column
    pages = pdf_pages(path)
    total = page_count(path)
    assert len(pages) == total
    for number, text in enumerate(pages, start=1):
        assert f"第{number}页共{total}页" in flat(text)


@pytest.mark.parametrize("kind", PUBLIC)
def test_public_documents_carry_no_id_number_and_no_income(
    documents: dict[str, Path], village: Village, kind: str
) -> None:
    text = "".join(pdf_pages(documents[kind]))
    assert not ID_PATTERN.search(text.replace(" ", "")), "a full resident ID number on a public document"
    for figure in _incomes(village):
        assert figure not in text, f"an income figure {figure} on a public document"
    for word in ("人均纯收入", "身份证", "健康状况", "长期慢性病", "患有大病", "银行"):
        assert word not in text


def test_announcement_lists_the_batch_with_period_and_objection_contact(
    documents: dict[str, Path], village: Village
) -> None:
    pages = pdf_pages(documents["announcement"])
    layout = "".join(pages)
    text = flat(layout)
    names = village.listed["village_announcement"]
    assert f"{village.name}2019年拟识别建档立卡贫困户名单公示" in text
    for name in names:
        if name != RARE_NAME:
            assert name in text
    assert f"合计：{len(names)}户" in text
    assert "公示期为2019年5月6日至2019年5月12日" in text
    assert "于2019年5月12日前" in text and "0872-5123456" in text
    assert f"{village.name}村民委员会" in text and "（盖章）" in text
    assert _row_numbers(layout) == list(range(1, len(names) + 1))  # one row per household, in order
    assert len(pages) >= 2
    for page in pages[1:]:  # the header row repeats on every page that continues the table
        if _row_numbers(page):
            assert re.search(r"序号\s+户主姓名\s+村民小组\s+家庭人口", page)


# a list row as pdftotext lays it out: number, head's name, village group; a name wrapped in its cell leaves
# the number and the group on a line of their own, between the name's lines
LIST_ROW = re.compile(r"^\s*(\d+)\s+(?:\S+\s+)?第\d+村民小组", flags=re.M)


def _row_numbers(layout: str) -> list[int]:
    return [int(n) for n in LIST_ROW.findall(layout)]


def test_notice_and_exit_announcement(documents: dict[str, Path], village: Village) -> None:
    notice = flat("".join(pdf_pages(documents["notice"])))
    assert "2019年建档立卡贫困户名单公告" in notice and "特此公告" in notice
    assert f"合计：{len(village.listed['county_notice'])}户" in notice
    exit_text = flat("".join(pdf_pages(documents["exit-announcement"])))
    assert "拟退出贫困户名单公示" in exit_text and "脱贫年度" in exit_text
    assert f"合计：{len(village.listed['exit_announcement'])}户" in exit_text


def test_register_is_internal_with_full_ids_one_row_per_member(documents: dict[str, Path], village: Village) -> None:
    pages = pdf_pages(documents["register"])
    assert len(pages) > 1
    for page in pages:
        assert "内部资料" in page
        assert re.search(r"序号\s+户编号\s+村民小组", page), "the header row is missing on a page"
    ids = ID_PATTERN.findall("".join(pages))
    assert len(ids) == village.members  # every member, with the full number
    assert f"共{village.registered}户{village.members}人" in flat(pages[0])


def test_card_has_every_section_in_order_and_both_signatures(documents: dict[str, Path]) -> None:
    text = flat("".join(pdf_pages(documents["card"])))
    sections = [
        "一、家庭基本情况",
        "二、家庭成员情况",
        "三、生产生活条件",
        "四、家庭收入情况",
        "五、致贫原因",
        "六、帮扶责任人",
        "七、帮扶计划",
        "八、帮扶措施落实情况",
        "九、年度收入跟踪",
        "十、脱贫退出记录",
    ]
    positions = [text.find(s) for s in sections]
    assert all(p >= 0 for p in positions), dict(zip(sections, positions, strict=True))
    assert positions == sorted(positions)
    assert "户主签字" in text and "帮扶责任人签字" in text
    assert "白岩乡大坪子" in text and "那一家" in text  # the long address wraps instead of being cut
    assert ID_PATTERN.search(text.replace(" ", ""))  # the household's own card shows the members' IDs


@pytest.mark.parametrize("kind", ["card", "announcement", "register"])
def test_rare_characters_are_drawn_with_the_shipped_fallback_font(documents: dict[str, Path], kind: str) -> None:
    """Whatever fonts the machine has: the name with a CJK Extension A character is printed as it is written,
    its character drawn with the shipped Droid Sans Fallback (embedded), never as a box or a code."""
    text = flat("".join(pdf_pages(documents[kind])))
    assert RARE_NAME in text and "〔U+" not in text
    fonts = pdf_fonts(documents[kind])
    assert any("DroidSansFallback" in row[0] and row[-5] == "yes" for row in fonts), fonts


def test_without_any_fallback_font_rare_characters_print_as_codes_to_complete_by_hand(
    village: Village, tmp_path: Path
) -> None:
    """FUPIN_FALLBACK_FONT=none (a machine whose installation lost the fallback font behaves the same): the
    character is printed as 〔U+3400〕, the list still has one row per household in order."""
    copy = tmp_path / "village.sqlite"
    shutil.copy(village.db_path, copy)
    out = tmp_path / "announcement.pdf"
    env = {**os.environ, "FUPIN_FALLBACK_FONT": "none", "FUPIN_DATA_DIR": str(tmp_path / "data")}
    command = [sys.executable, "-m", "desktop_app", "--db", str(copy), "print", "announcement"]
    command += ["--village", village.code, "--batch", village.batches["village_announcement"], "--out", str(out)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    layout = "".join(pdf_pages(out))
    text = flat(layout)
    assert "欧阳〔U+3400〕" in text and RARE_NAME not in text  # the name wraps in its cell here
    assert _row_numbers(layout) == list(range(1, len(village.listed["village_announcement"]) + 1))
    assert all("WenQuanYiMicroHei" in row[0] for row in pdf_fonts(out))


def test_minutes_show_meeting_votes_and_signature_space(documents: dict[str, Path], village: Village) -> None:
    layout = "".join(pdf_pages(documents["minutes"]))
    text = flat(layout)
    assert "民主评议会议记录" in text and "内部资料" in text
    for label in ("会议时间", "2019年5月6日", "村委会会议室", "李建国", "王芳", "应到人数", "实到人数"):
        assert label in text
    assert "张伟" in text and "驻村工作队赵刚" in text
    assert len(re.findall(r"\b18\s+3\s+1\s+通过", layout)) == len(village.listed["evaluation"])
    assert f"评议通过{len(village.listed['evaluation'])}户" in text
    assert "参会人员签字" in text and "主持人签字" in text and "记录人签字" in text


def test_objection_record_is_internal_and_complete(documents: dict[str, Path]) -> None:
    text = flat("".join(pdf_pages(documents["objections"])))
    assert "内部资料" in text and "异议处理记录" in text
    for words in ("周某某", "13912345678", "小轿车", "车辆登记在其亲属名下", "异议不成立", "已告知", "2019年5月10日"):
        assert words in text


def test_wallchart_has_the_chart_and_four_tables(documents: dict[str, Path], village: Village) -> None:
    pages = pdf_pages(documents["wallchart"])
    text = flat("".join(pages))
    assert "各村民小组贫困户户数" in flat(pages[0]) and "第1村民小组" in flat(pages[0])
    for title in ("表一：贫困户基本情况表", "表二：帮扶计划表", "表三：帮扶措施落实表", "表四：脱贫进度表"):
        assert title in text
    last = pages[-1]
    total = re.search(r"合计\s+(\d+)", last)
    assert total and int(total.group(1)) == village.registered


# What a reader sees at the top of page one of each document (its title), and whether it is printed across.
FIRST_PAGE = {
    "announcement": ("拟识别建档立卡贫困户名单公示", False),
    "notice": ("建档立卡贫困户名单公告", False),
    "exit-announcement": ("拟退出贫困户名单公示", False),
    "card": ("扶贫手册", False),
    "register": ("建档立卡贫困户花名册", True),
    "minutes": ("民主评议会议记录", False),
    "objections": ("异议处理记录", False),
    "wallchart": ("各村民小组贫困户户数", True),
}
PNG_DPI = 60


def test_page_one_of_each_kind_as_png_for_review(documents: dict[str, Path]) -> None:
    """Page one of every document as a PNG (kept for review): an A4 page at the DPI asked, ink on it, its title."""
    from PySide6.QtGui import QImage

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    a4 = (round(210 / 25.4 * PNG_DPI), round(297 / 25.4 * PNG_DPI))  # 496 × 702 pixels at 60 dpi
    for kind, path in documents.items():
        prefix = ARTIFACTS / kind
        for old in ARTIFACTS.glob(f"{kind}-*.png"):
            old.unlink()
        subprocess.run(
            ["pdftoppm", "-r", str(PNG_DPI), "-png", "-f", "1", "-l", "1", str(path), str(prefix)], check=True
        )
        produced = sorted(ARTIFACTS.glob(f"{kind}-*1.png"))
        assert len(produced) == 1, kind
        image = QImage(str(produced[0]))
        assert not image.isNull(), kind
        title, across = FIRST_PAGE[kind]
        size = (image.width(), image.height())
        expected = (a4[1], a4[0]) if across else a4
        assert all(abs(got - want) <= 1 for got, want in zip(size, expected, strict=True)), (kind, size, expected)
        # ink: enough dark pixels for a title, a table or a chart (a blank page has none)
        dark = sum(
            1
            for y in range(0, image.height(), 2)
            for x in range(0, image.width(), 2)
            if image.pixelColor(x, y).lightness() < 128
        )
        assert dark > 500, (kind, dark)
        assert title in flat(pdf_text_all(path, 1, 1)), kind


def test_absurdly_long_text_in_a_row_never_breaks_the_document(tmp_path: Path) -> None:
    from desktop_app.reports.model import AnnouncementData, Place, PublicRow
    from desktop_app.reports.public import AnnouncementRenderer

    long_name = "张" * 3000
    rows = [PublicRow(name=long_name, group="第1村民小组", size=3, attribute="一般贫困户", cause="因病")]
    rows += [
        PublicRow(name=f"李{i}", group="第2村民小组", size=2, attribute="一般贫困户", cause="缺资金") for i in range(5)
    ]
    data = AnnouncementData(
        kind="village_announcement",
        title="测试公示",
        intro="说明",
        objection_text="异议",
        place=Place(village="和平村"),
        start=None,
        end=None,
        issuing_body="和平村村民委员会",
        issued_on=None,
        rows=rows,
    )
    out = tmp_path / "long.pdf"
    pages = AnnouncementRenderer(data).render(out)
    text = flat(pdf_text_all(out))
    assert pages >= 1 and "余下从略" in text and "李4" in text
