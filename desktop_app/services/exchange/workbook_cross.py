"""The exchange workbook's cross-sheet checks, once every sheet was read (``workbook_in.parse_workbook``): the
links between sheets and against the database (areas, cadres, household numbers, resident IDs on other cards),
and the roster's cadres by name for the merge."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from desktop_app.services.areas import area_code_problem
from desktop_app.services.exchange import columns as C
from desktop_app.services.exchange import typed_rows
from desktop_app.services.exchange.validation import Problem, Report
from desktop_app.services.exchange.workbook_in import HouseholdFact, ParsedWorkbook, spilled_rows
from desktop_app.storage.models import Area, Cadre, Household, Member
from desktop_app.storage.queries import live_rows, table_of


def cross_check(session: Session, parsed: ParsedWorkbook, report: Report) -> dict[str, Any]:
    """Links between sheets and against the database; returns what resolution found (area and cadre ids)."""
    a = table_of(Area).c
    area_rows = session.execute(
        select(a.id, a.code, a.name, a.level, a.parent_id).where(live_rows(table_of(Area)))
    ).all()
    area_by_code = {r.code: r for r in area_rows}
    file_areas = {row.values.get("code"): row for row in parsed.rows.get("area", [])}
    for row in file_areas.values():  # a malformed code or level would become a new area: refuse the file
        wrong = area_code_problem(row.values.get("code"), row.values.get("level"))
        if wrong is not None:
            report.add(Problem(C.AREAS.name, row.number, "代码", str(row.values.get("code") or ""), wrong, None))
    facts = parsed.facts
    numbers: dict[str, HouseholdFact] = {}
    for fact in facts.households:
        number = fact.number
        if number in numbers:
            report.add(Problem(C.HOUSEHOLDS.name, fact.row, "户编号", number, "户编号重复", number, 0))
        numbers[number] = fact
        code = fact.village_code
        if code not in area_by_code and code not in file_areas:
            report.add(Problem(C.HOUSEHOLDS.name, fact.row, "行政村代码", code, "行政村代码不存在", number))
    # Members: the household exists, one person in one household, size matches the active members.
    known_numbers = set(numbers)
    referenced: set[str] = set().union(*facts.children.values()) if facts.children else set()
    in_database = _households_in_database(session, referenced - known_numbers)
    known_numbers |= set(in_database)
    seen_ids: dict[str, tuple[int, str]] = {}
    active_count: dict[str, int] = {}
    for at_row, household, id_number, active in facts.members:
        if household not in known_numbers:
            report.add(
                Problem(C.MEMBERS.name, at_row, "户编号", household, "户编号在“户”表和数据库中都不存在", household)
            )
        if active:
            active_count[household] = active_count.get(household, 0) + 1
        if not id_number:
            continue
        other = seen_ids.get(id_number)
        if other is not None:
            other_number, other_household = other
            message = (
                f"同一人出现在两户：与第{other_number}行（户 {other_household}）身份证号相同"
                if other_household != household
                else f"身份证号与第{other_number}行重复"
            )
            report.add(Problem(C.MEMBERS.name, at_row, "证件号码", idnumber_mask(id_number), message, household))
            mirrored = message.replace(
                f"第{other_number}行（户 {other_household}）", f"第{at_row}行（户 {household}）"
            ).replace(f"第{other_number}行重复", f"第{at_row}行重复")
            report.add(
                Problem(C.MEMBERS.name, other_number, "证件号码", idnumber_mask(id_number), mirrored, other_household)
            )
        else:
            seen_ids[id_number] = (at_row, household)
    _ids_elsewhere(session, facts.member_ids, seen_ids, report)
    _numbers_taken(session, numbers, report)
    for number, fact in numbers.items():
        size = fact.size
        if size is not None and "member" in parsed.present and size != active_count.get(number, 0):
            report.add(
                Problem(
                    C.HOUSEHOLDS.name,
                    fact.row,
                    "家庭人口数",
                    str(size),
                    f"家庭人口数为 {size}，但“成员”表中该户在册成员有 {active_count.get(number, 0)} 人",
                    number,
                )
            )
    for table, spec in (("measure", C.MEASURES), ("procedure_event", C.EVENTS)):
        if not facts.children.get(table, set()) - known_numbers:
            continue  # every row's household is known: no need to read the rows back
        for row in spilled_rows(parsed, table):
            if row.household not in known_numbers:
                report.add(
                    Problem(
                        spec.name,
                        row.number,
                        "户编号",
                        row.household,
                        "户编号在“户”表和数据库中都不存在",
                        row.household,
                    )
                )
    return {"area_by_code": area_by_code, "file_areas": file_areas, "households_in_database": in_database}


def _households_in_database(session: Session, numbers: set[str]) -> dict[str, str]:
    """Household number -> id of the households the other sheets refer to that are on file here only."""
    h = table_of(Household).c
    wanted = list(numbers)
    found: dict[str, str] = {}
    for start in range(0, len(wanted), 900):
        chunk = wanted[start : start + 900]
        found.update(
            (number, hid)
            for hid, number in session.execute(
                select(h.id, h.number).where(h.number.in_(chunk), live_rows(table_of(Household)))
            )
        )
    return found


def _numbers_taken(session: Session, numbers: dict[str, HouseholdFact], report: Report) -> None:
    """A household number the database already gives to another household (another UUID)."""
    h = table_of(Household).c
    keys = list(numbers)
    for start in range(0, len(keys), 900):
        for hid, number in session.execute(
            select(h.id, h.number).where(h.number.in_(keys[start : start + 900]), live_rows(table_of(Household)))
        ):
            fact = numbers[number]
            if hid != fact.id and fact.id == typed_rows.household_id(number):
                fact.id = hid  # a row typed into the file for a household on file here: that household
            elif hid != fact.id:
                report.add(
                    Problem(C.HOUSEHOLDS.name, fact.row, "户编号", number, "户编号已被数据库中的另一户使用", number, 0)
                )


def idnumber_mask(id_number: str) -> str:
    from desktop_app.domain.idnumber import mask

    return mask(id_number)


def _ids_elsewhere(
    session: Session, file_member_ids: set[str], seen: dict[str, tuple[int, str]], report: Report
) -> None:
    """An ID on file in the database for another person record, in a household this file does not carry."""
    if not seen:
        return
    m, h = table_of(Member).c, table_of(Household).c
    ids = list(seen)
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        rows = session.execute(
            select(m.id, m.id_number, h.number)
            .join(Household, h.id == m.household_id)
            .where(
                m.id_number.in_(chunk), live_rows(table_of(Member)), m.active.is_(True), live_rows(table_of(Household))
            )
        ).all()
        for member_id, id_number, number in rows:
            row_number, household = seen[id_number]
            if member_id in file_member_ids or number == household:
                continue
            report.add(
                Problem(
                    C.MEMBERS.name,
                    row_number,
                    "证件号码",
                    idnumber_mask(id_number),
                    f"同一人出现在两户：该身份证号已登记在户 {number}",
                    household,
                )
            )


def cadre_names(session: Session) -> dict[str, list[str]]:
    c = table_of(Cadre).c
    out: dict[str, list[str]] = {}
    for cid, name in session.execute(select(c.id, c.name).where(live_rows(table_of(Cadre)))):
        out.setdefault(name, []).append(cid)
    return out
