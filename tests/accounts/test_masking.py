"""Masked resident IDs per role on the list, the card, an exported workbook and a printed card; the events
of export, print and unmasking; an area-bound account; who signs every change and step."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from desktop_app.domain.errors import DomainError
from desktop_app.domain.idnumber import mask
from desktop_app.services import PermissionDenied, unit_of_work
from desktop_app.services import accounts as acc
from desktop_app.services.exchange import export_to_file
from desktop_app.services.households import HouseholdFilter, list_first_page, load_card, open_card, save_card
from desktop_app.services.printing import print_to_file, resolve_selection
from desktop_app.services.procedure import perform_step
from desktop_app.storage.models import ChangeLog, Member, ProcedureEvent
from tests.accounts.conftest import ID_HILL, ID_RIVER

FULL = {"member": True, "captain": True, "township": False, "county_admin": True, "auditor": False}


@pytest.fixture
def events() -> Iterator[list[tuple[str, str | None, dict[str, Any]]]]:
    """(action, subject, details) of every unit of work committed during the test."""
    seen: list[tuple[str, str | None, dict[str, Any]]] = []

    def hook(work: unit_of_work.UnitOfWork) -> None:
        seen.append((work.action, work.subject, dict(work.details)))

    unit_of_work.BEFORE_COMMIT.append(hook)
    yield seen
    unit_of_work.BEFORE_COMMIT.remove(hook)


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("role", acc.ROLE_KEYS)
def test_ids_on_the_list_card_export_and_print_follow_the_role(role, county, open_as, tmp_path, events) -> None:
    db = open_as(role)
    home = county["homes"]["河边村"]
    full = FULL[role]
    assert acc.may_see_full_ids(db) is full
    shown = ID_RIVER if full else mask(ID_RIVER)
    # the list never carries an ID (names only), for every role
    page = list_first_page(db, HouseholdFilter())
    assert page.total == 2 and ID_RIVER not in repr(page.rows) and mask(ID_RIVER) not in repr(page.rows)
    assert [m.id_number for m in open_card(db, home).form.members] == [shown]
    assert [m.id_number for m in load_card(db, home).members] == [shown]
    if role == "auditor":  # the seed gives the auditor neither exports nor prints
        with pytest.raises(PermissionDenied, match="导出 Excel"):
            export_to_file(db, tmp_path / "x.xlsx")
        with pytest.raises(PermissionDenied, match="打印扶贫手册"):
            print_to_file(db, resolve_selection(db, "card", household=home), tmp_path / "x.pdf")
        assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "x.pdf").exists()
        return
    out = tmp_path / "export.xlsx"
    export_to_file(db, out)
    sheet = openpyxl.load_workbook(out, read_only=True)["成员"]
    cells = {str(c) for row in sheet.iter_rows(values_only=True) for c in row if c}
    assert (ID_RIVER in cells) is full and (mask(ID_RIVER) in cells) is not full
    assert (ID_HILL in cells) is full
    pdf = tmp_path / "card.pdf"
    pages = print_to_file(db, resolve_selection(db, "card", household=home), pdf)
    text = _pdf_text(pdf)
    assert (ID_RIVER in text) is full and (mask(ID_RIVER) in text) is not full
    exported = [d for a, _s, d in events if a == "exchange.export"]
    printed = [(s, d) for a, s, d in events if a == "print.card"]
    assert exported == [
        {
            "kind": "exchange",
            "file": "export.xlsx",
            "area": exported[0]["area"],
            "rows": exported[0]["rows"],
            "masked": not full,
            "protected": False,
        }
    ]
    assert exported[0]["rows"]["members"] == 2
    assert printed == [
        (
            home,
            {
                "kind": "card",
                "village": county["areas"]["河边村"],
                "pages": pages,
                "masked": not full,
                "output": "file",
            },
        )
    ]
    assert ID_RIVER not in repr(events)  # an event names no ID


def test_a_masked_card_cannot_be_saved_over_the_real_ids(county, open_as) -> None:
    admin = open_as("county_admin")
    acc.set_permission(admin, "township", "household.save", True)
    township = open_as("township")
    form = load_card(township, county["homes"]["河边村"])
    form.phone = "13800001111"
    with pytest.raises(DomainError, match=r"李大山的身份证号是隐藏显示的（含 \*），不能保存"):
        save_card(township, form)
    with admin.session() as session:
        assert session.execute(select(Member.id_number)).scalars().all().count(ID_RIVER) == 1


def test_reveal_id_is_recorded_with_the_member_and_refused_without_the_permission(county, open_as, events) -> None:
    township = open_as("township")
    member_id = load_card(township, county["homes"]["河边村"]).members[0].id
    assert member_id is not None
    assert acc.reveal_id(township, member_id) == ID_RIVER
    unmasked = [(s, d) for a, s, d in events if a == "id.unmask"]
    assert unmasked == [(member_id, {"household": county["homes"]["河边村"]})]
    admin = open_as("county_admin")
    acc.set_permission(admin, "township", "id.unmask", False)
    with pytest.raises(PermissionDenied, match="显示某人的完整身份证号"):
        acc.reveal_id(open_as("township"), member_id)


def test_an_area_bound_account_acts_only_on_its_area(county, open_as) -> None:
    admin = open_as("county_admin")
    acc.add_user(admin, "河边队员", "member", password="river-pass-1", area_code="532300100201")
    with pytest.raises(DomainError, match="没有代码为"):
        acc.add_user(admin, "无区域", "member", password="river-pass-1", area_code="999")
    river = open_as("county_admin")
    acc.sign_in(river, "河边队员", "river-pass-1")
    acc.change_password(river, "river-pass-1", "river-pass-2")
    mine = load_card(river, county["homes"]["河边村"])
    mine.phone = "13800002222"
    save_card(river, mine)
    theirs = load_card(river, county["homes"]["山后村"])
    theirs.phone = "13800003333"
    with pytest.raises(PermissionDenied, match="不能处理山后村"):
        save_card(river, theirs)
    on = date(2026, 3, 1)
    with pytest.raises(PermissionDenied, match="不能处理山后村"):
        perform_step(river, county["homes"]["山后村"], "application", {"on_date": on, "applicant": "户主"}, today=on)


def test_every_change_and_step_is_signed_by_the_account(county, open_as) -> None:
    db = open_as("county_admin")  # 王芳
    home = county["homes"]["河边村"]
    form = load_card(db, home)
    form.phone = "13800004444"
    save_card(db, form)
    on = date(2026, 3, 1)
    perform_step(db, home, "application", {"on_date": on, "applicant": "户主", "how": "self"}, today=on)
    with db.session() as session:
        phone = session.execute(
            select(ChangeLog.operator).where(ChangeLog.household_id == home, ChangeLog.field == "phone")
        ).scalar_one()
        step = session.execute(
            select(ProcedureEvent.actor).where(
                ProcedureEvent.household_id == home, ProcedureEvent.step == "application"
            )
        ).scalar_one()
    assert phone == "王芳" and step == "王芳"
