"""The seven monitoring documents, built from a real database and read back from the PDF."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from desktop_app import catalog
from tests.monitor_print.conftest import TODAY, MonitorVillage
from tests.reports.conftest import ID_PATTERN, pdf_fonts, pdf_text

PUBLIC = ("monitor-notice", "monitor-announcement", "removal-notice")
HEALTH_WORDS = [item.zh for item in catalog.codelists()["health"].items if item.code != "1"]
# risk types that tell of a member's illness or disability: on internal forms only
HEALTH_RISKS = [catalog.label("monitor_risk", code) for code in ("01", "02")]


def render(db: Any, tmp_path: Path, kind: str, **selection: Any) -> str:
    from desktop_app.services.printing import render_document, resolve_selection, save_pdf

    chosen = resolve_selection(db, kind, **selection)
    document = render_document(db, chosen, today=TODAY)
    out = tmp_path / f"{kind}.pdf"
    save_pdf(out, document.pdf)
    assert document.pages >= 1
    return pdf_text(out).replace(" ", "")


def first_line(text: str) -> str:
    return next(line for line in text.splitlines() if line.strip())


@pytest.mark.parametrize("kind", ["consent", "collection-form", "check-form"])
def test_household_forms_name_the_term_of_the_case_year(
    monitor_db: Any, monitor_village: MonitorVillage, tmp_path: Path, kind: str
) -> None:
    from desktop_app.domain.documents import PRINT_KIND_LABELS

    label = PRINT_KIND_LABELS[kind][0]
    old = render(monitor_db, tmp_path, kind, household=monitor_village.numbers[monitor_village.cases_2025[0]])
    assert f"防止返贫监测对象{label}" in old and "防止返贫致贫对象" not in old
    assert "内部资料" in first_line(old)
    assert not ID_PATTERN.search(old)  # members' IDs are masked on these forms
    if kind != "check-form":  # the forms that list the members show their IDs masked
        assert re.search(r"\d{6}\*{8}\d{3}[\dX]", old)
    new = render(monitor_db, tmp_path, kind, household=monitor_village.numbers[monitor_village.cases_2026[0]])
    assert f"防止返贫致贫对象{label}" in new and "监测对象" not in new.replace("防止返贫致贫对象", "")


def test_consent_has_a_signature_and_fingerprint_row_per_member(
    monitor_db: Any, monitor_village: MonitorVillage, tmp_path: Path
) -> None:
    from sqlalchemy import select

    from desktop_app.storage.models import Household, Member

    number = monitor_village.numbers[monitor_village.cases_2025[1]]
    text = render(monitor_db, tmp_path, "consent", household=number)
    assert "承诺事项" in text and "授权事项" in text and "手印" in text and "代签人" in text
    with monitor_db.session() as session:
        names = session.execute(
            select(Member.name).join(Household, Household.id == Member.household_id).where(Household.number == number)
        ).scalars()
        names = list(names)
    assert len(names) >= 2 and all(name in text for name in names)


def test_collection_form_shows_the_year_record_and_ticks_the_risks(
    monitor_db: Any, monitor_village: MonitorVillage, tmp_path: Path
) -> None:
    text = render(
        monitor_db, tmp_path, "collection-form", household=monitor_village.numbers[monitor_village.cases_2025[0]]
    )
    assert "家庭收入情况（2024年度）" in text
    assert "5,600.00元" in text and "23,500.00元" in text  # per-capita income, out-of-pocket spending
    assert "√因病" in text and "√因务工就业不稳" in text.replace("\n", "") and "□因学" in text
    assert "患有大病" in text  # an internal form may say it; the notices never do
    assert "采集人签字" in text


def test_check_form_carries_what_the_home_check_recorded(
    monitor_db: Any, monitor_village: MonitorVillage, tmp_path: Path
) -> None:
    text = render(monitor_db, tmp_path, "check-form", household=monitor_village.numbers[monitor_village.cases_2025[0]])
    assert "李建国" in text and "王芳" in text and "核查人签字（不少于两人）" in text
    assert "家中主要劳动力患病" in text and "8,700.00元" in text
    assert "2025年6月3日" in text  # the date of the home check
    assert "住房安全有保障是" in text and "饮水安全有保障否" in text


def test_a_household_without_a_case_gets_a_blank_form_of_the_current_term(
    monitor_db: Any, monitor_village: MonitorVillage, tmp_path: Path
) -> None:
    text = render(monitor_db, tmp_path, "collection-form", household=monitor_village.fresh_number)
    assert "防止返贫致贫对象信息采集表" in text and "线索来源" not in text and "□因病" in text


def assert_public(text: str, monitor_village: MonitorVillage) -> None:
    assert "内部资料" not in text
    assert not ID_PATTERN.search(text)
    assert "贫困户" not in text
    for secret in monitor_village.secrets:
        assert secret not in text, secret
    for word in HEALTH_WORDS + HEALTH_RISKS:
        assert word not in text, word


def test_village_notice_of_2026_names_the_category_and_nothing_private(
    monitor_db: Any, monitor_village: MonitorVillage, tmp_path: Path
) -> None:
    text = render(monitor_db, tmp_path, "monitor-notice", village=monitor_village.code)
    assert f"{monitor_village.name}2026年拟纳入防止返贫致贫对象名单公示" in text
    assert "边缘易致贫户" in text and "脱贫不稳定户" in text and "风险类型" not in text
    for case_id in monitor_village.cases_2026:
        assert monitor_village.heads[case_id] in text
    assert "公示期为2026年11月26日至2026年12月1日" in text and "特此公示" in text
    assert_public(text, monitor_village)


def test_village_notice_of_2025_cases_says_monitoring_object(
    monitor_db: Any, monitor_village: MonitorVillage, tmp_path: Path
) -> None:
    text = render(monitor_db, tmp_path, "monitor-notice", case_ids=monitor_village.cases_2025)
    assert "2025年拟纳入防止返贫监测对象名单公示" in text and "防止返贫致贫对象" not in text
    assert "突发严重困难户" in text and "因自然灾害" not in text  # the category, never the risk types
    assert_public(text, monitor_village)


def test_announcement_is_issued_in_the_township_name(
    monitor_db: Any, monitor_village: MonitorVillage, tmp_path: Path
) -> None:
    text = render(monitor_db, tmp_path, "monitor-announcement", village=monitor_village.code)
    assert "2025年防止返贫监测对象名单公告" in text and "特此公告" in text
    assert "人民政府" in text.split("特此公告")[1] and "村民委员会" not in text
    assert all(monitor_village.heads[c] in text for c in monitor_village.cases_2025)
    assert_public(text, monitor_village)


def test_removal_notice_lists_the_method(monitor_db: Any, monitor_village: MonitorVillage, tmp_path: Path) -> None:
    text = render(monitor_db, tmp_path, "removal-notice", village=monitor_village.code)
    assert "拟消除风险名单公示" in text and "帮扶消除" in text and "消除方式" in text
    assert monitor_village.heads[monitor_village.removal[0]] in text
    assert "合计：1户" in text
    assert_public(text, monitor_village)


def test_removal_announcement_once_the_county_approved(
    monitor_db: Any, monitor_village: MonitorVillage, tmp_path: Path
) -> None:
    text = render(monitor_db, tmp_path, "removal-notice", case_ids=monitor_village.removed)
    assert "2026年防止返贫监测对象风险消除名单公告" in text and "自然消除" in text and "特此公告" in text
    assert "人民政府" in text.split("特此公告")[1] and "拟消除" not in text
    assert_public(text, monitor_village)


def test_minutes_of_the_latest_meeting_and_of_a_removal_meeting(
    monitor_db: Any, monitor_village: MonitorVillage, tmp_path: Path
) -> None:
    text = render(monitor_db, tmp_path, "monitor-minutes", village=monitor_village.code)
    assert "防止返贫致贫对象纳入民主评议会议记录" in text and "2026年11月25日" in text
    assert "村委会会议室" in text and "评议通过2户" in text
    removal = render(monitor_db, tmp_path, "monitor-minutes", case_ids=monitor_village.removal)
    assert "防止返贫监测对象风险消除民主评议会议记录" in removal and "2026年10月10日" in removal


def test_the_county_terminology_year_decides_the_title(
    monitor_db: Any, monitor_village: MonitorVillage, tmp_path: Path
) -> None:
    from desktop_app.storage.models import AppSetting

    with monitor_db.transaction() as session:
        session.add(AppSetting(key="monitoring.rules", value=json.dumps({"terminology_from_year": 2025})))
    text = render(monitor_db, tmp_path, "monitor-announcement", village=monitor_village.code)
    assert "2025年防止返贫致贫对象名单公告" in text


@pytest.mark.parametrize("kind", ["consent", "check-form", *PUBLIC, "monitor-minutes"])
def test_fonts_are_embedded(monitor_db: Any, monitor_village: MonitorVillage, tmp_path: Path, kind: str) -> None:
    from desktop_app.services.printing import print_to_file, resolve_selection

    where = {"household": monitor_village.numbers[monitor_village.cases_2025[0]]}
    if kind in PUBLIC or kind == "monitor-minutes":
        where = {"village": monitor_village.code}
    out = tmp_path / f"{kind}.pdf"
    assert print_to_file(monitor_db, resolve_selection(monitor_db, kind, **where), out) >= 1
    fonts = pdf_fonts(out)
    assert fonts and all(row[-5] == "yes" for row in fonts)  # the "emb" column
