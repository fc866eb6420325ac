"""County rosters (人员明细): one row per person, header names that vary between counties and years.

Each column is matched by any of its accepted names (VOCABULARY.md), ignoring spaces, full-width brackets and
a trailing colon. A household is the group of rows with the same household number, or, without that column,
a head's row (与户主关系 = 户主) and the rows after it in the same village group. Rosters carry no record ids:
people are matched by resident ID and households by number in ``roster_merge.apply_roster``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from desktop_app.services.areas import AreaNeed, AreaPlan, apply_area_plan, plan_areas
from desktop_app.services.exchange import cells
from desktop_app.services.exchange import columns as C
from desktop_app.services.exchange.reader import Book, SheetData
from desktop_app.services.exchange.roster_merge import RosterPerson, apply_roster
from desktop_app.services.exchange.structure import RowsFacts, check_structure
from desktop_app.services.exchange.validation import Problem, Report, shown_value
from desktop_app.services.merge import MergeResult
from desktop_app.storage.models import Household, Member
from desktop_app.storage.queries import live_rows, table_of

# field -> (accepted headers, kind, code list, target): target "m" member field, "h" household field, "" other
FIELDS: dict[str, tuple[tuple[str, ...], str, str | None, str]] = {
    "@county": (("县", "县（市、区）", "县区"), C.KEYTEXT, None, ""),
    "@township": (("乡镇", "乡（镇）", "乡镇（街道）"), C.KEYTEXT, None, ""),
    "@village": (("行政村", "村", "村（社区）"), C.KEYTEXT, None, ""),
    "@group": (("村民小组", "组", "自然村"), C.KEYTEXT, None, ""),
    "@number": (("户编号", "户号", "家庭编号"), C.KEYTEXT, None, ""),
    # area codes, when the roster has them: new areas get these instead of generated codes (services.areas)
    "@county_code": (("县代码", "县（市、区）代码"), C.KEYTEXT, None, ""),
    "@township_code": (("乡镇代码", "乡（镇）代码"), C.KEYTEXT, None, ""),
    "@village_code": (("行政区划代码", "行政村代码", "村代码", "村（社区）代码", "区划代码"), C.KEYTEXT, None, ""),
    "@group_code": (("村民小组代码", "组代码"), C.KEYTEXT, None, ""),
    "head_name": (("户主姓名", "户主"), C.KEYTEXT, None, "h"),
    "name": (("姓名", "成员姓名"), C.KEYTEXT, None, "m"),
    "id_number": (("证件号码", "身份证号", "身份证号码", "公民身份号码"), C.IDNUM, None, "m"),
    "sex": (("性别",), C.CODE, "sex", "m"),
    "relation": (("与户主关系",), C.CODE, "relation", "m"),
    "ethnicity": (("民族",), C.CODE, "ethnicity", "m"),
    "education": (("文化程度",), C.CODE, "education", "m"),
    "school_status": (("在校生状况", "在校生情况"), C.CODE, "school_status", "m"),
    "health": (("健康状况",), C.CODE, "health", "m"),
    "labour": (("劳动技能", "劳动能力"), C.CODE, "labour", "m"),
    "work_status": (("务工状况", "务工情况"), C.CODE, "work_status", "m"),
    "months_away": (("务工时间（月）", "务工时间"), C.INT, None, "m"),
    "medical_insurance": (("是否参加新型农村合作医疗", "是否参加城乡居民基本医疗保险"), C.BOOL, None, "m"),
    "serious_illness_insurance": (("是否参加大病保险",), C.BOOL, None, "m"),
    "pension_insurance": (("是否参加城乡居民基本养老保险",), C.BOOL, None, "m"),
    "subsistence_allowance": (("是否享受低保", "是否低保"), C.BOOL, None, "m"),
    "attribute": (("贫困户属性", "户属性"), C.CODE, "attribute", "h"),
    "main_cause": (("主要致贫原因", "致贫原因"), C.CODE, "cause", "h"),
    "size": (("人数", "家庭人口数", "家庭人口"), C.INT, None, "h"),
    "per_capita_income_fen": (("人均纯收入", "人均纯收入（元）", "家庭年人均纯收入"), C.MONEY, None, "h"),
    "identification_year": (("识别年度", "建档立卡年度"), C.INT, None, "h"),
    "standard": (("识别标准",), C.CODE, "standard", "h"),
    "status": (("脱贫状态", "贫困状态"), C.CODE, "poverty_status", "h"),
    "exit_year": (("脱贫年度",), C.INT, None, "h"),
    "phone": (("联系电话", "电话"), C.KEYTEXT, None, "m"),
}
_BRACKETS = str.maketrans({"（": "(", "）": ")", "【": "(", "】": ")", "［": "(", "］": ")"})
_SPACES = re.compile(r"[\s\u3000]+")


def header_key(text: Any) -> str:
    """Spaces, bracket width and a trailing colon do not matter when matching a header."""
    key = _SPACES.sub("", cells.cell_text(text)).translate(_BRACKETS)
    return key.rstrip("：:")


_ACCEPTED = {header_key(name): fld for fld, (names, *_rest) in FIELDS.items() for name in names}


@dataclass
class RosterHousehold:
    key: str  # household number, or the head's ID when the roster has no number column
    number: str
    rows: list[int] = field(default_factory=list)  # spreadsheet rows
    people: list[dict[str, Any]] = field(default_factory=list)
    household_fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class ParsedRoster:
    sheet: str
    headers: dict[int, str]  # column -> field
    households: dict[str, RosterHousehold] = field(default_factory=dict)
    layout: str = ""  # the national layout the sheet was recognised as (services.exchange.layout_import)
    not_imported: list[str] = field(default_factory=list)  # headers of the layout's columns not read
    area_plan: AreaPlan | None = None  # the areas the roster names that the database lacks (services.areas)
    relinked: dict[str, str] = field(default_factory=dict)  # file's 户编号 → the number here of the head's household
    cases: dict[str, dict[str, Any]] = field(default_factory=dict)  # household key -> monitoring values (layout_cases)
    work_months: list[tuple[str, str, int, dict[str, Any]]] = field(
        default_factory=list
    )  # number, ID, month (layout_work)


def _find_header(sheet: SheetData) -> tuple[int, dict[int, str]] | None:
    best: tuple[int, dict[int, str]] | None = None
    for r, row in enumerate((sheet.rows or [])[:15]):
        found: dict[int, str] = {}
        for c, value in enumerate(row):
            fld = _ACCEPTED.get(header_key(value))
            if fld and fld not in found.values():
                found[c] = fld
        if "name" in found.values() and "id_number" in found.values() and (best is None or len(found) > len(best[1])):
            best = (r, found)
    return best


def parse_roster(session: Session, book: Book, report: Report, *, create_areas: bool = False) -> ParsedRoster:
    """Read and check the roster; the areas it names that the database lacks are planned (``area_plan``) and,
    without ``create_areas``, listed in one blocking problem."""
    for sheet in book.sheets:
        if not sheet.visible:
            continue
        found = _find_header(book.loaded(sheet))
        if found is not None:
            return parse_rows(session, sheet, found[0], found[1], report, create_areas=create_areas)
    report.add(
        Problem(
            book.sheets[0].name if book.sheets else "",
            None,
            "",
            "",
            "不是本程序的交换文件，也没有找到花名册的表头（至少需要“姓名”和“证件号码/身份证号”两列）",
        )
    )
    return ParsedRoster(sheet="", headers={})


FieldTable = dict[str, tuple[tuple[str, ...], str, str | None, str]]


def parse_rows(
    session: Session,
    sheet: SheetData,
    header_row: int,
    headers: dict[int, str],
    report: Report,
    *,
    fields: FieldTable = FIELDS,
    readers: dict[str, Any] | None = None,
    constants: dict[str, Any] | None = None,
    repeated_persons: bool = False,
    create_areas: bool = False,
) -> ParsedRoster:
    """Households and people of ``sheet`` below ``header_row``; ``headers`` maps a column to a field of
    ``fields``. A national layout (layout_import) passes its own field table, cell ``readers`` per field,
    ``constants`` every row has (a household sheet's rows are heads) and ``repeated_persons`` (a work-month
    sheet lists a person once a month: the repeats are the same person, not duplicates). With
    ``create_areas`` the villages and groups the database lacks are planned for creation (the user agreed)."""
    parsed = ParsedRoster(sheet=sheet.name, headers=headers)
    rows = sheet.rows or []
    cols = {
        c: C.Col(cells.cell_text(rows[header_row][c]).strip(), f, fields[f][1], fields[f][2])
        for c, f in headers.items()
    }
    spec = C.SheetSpec(sheet.name, "roster", tuple(cols.values()))
    number_col = next((c for c, f in headers.items() if f == "@number"), None)
    check_structure(sheet, spec, cols, report, RowsFacts(rows, number_col))
    fields_present = set(headers.values())
    current: RosterHousehold | None = None
    current_place: tuple[str, str] = ("", "")
    seen_ids: dict[str, tuple[int, str]] = {}
    first_place: dict[str, tuple[str, str]] = {}
    custom = readers or {}
    cell_readers = {c: cells.remembered(custom.get(col.field) or cells.fast_reader(col)) for c, col in cols.items()}
    member_fields = [f for f in fields_present | set(constants or ()) if fields.get(f, ("", "", "", ""))[3] == "m"]
    household_only = [f for f in fields_present | set(constants or ()) if fields.get(f, ("", "", "", ""))[3] == "h"]
    for r in range(header_row + 1, len(rows)):
        raw = rows[r]
        if all(cells.is_blank(v) for v in raw):
            continue
        values: dict[str, Any] = {}
        problems: list[Problem] = []
        for c, col in cols.items():
            value = raw[c] if c < len(raw) else None
            try:
                values[col.field] = cell_readers[c](value)
            except cells.CellError as exc:
                problems.append(
                    Problem(
                        sheet.name, r + 1, col.header, shown_value(value, is_id=col.kind == C.IDNUM), str(exc), None, c
                    )
                )
        for fld, message in (("name", "必填项“姓名”为空"), ("id_number", "必填项“证件号码”为空")):
            if fld == "id_number" and values.get("@person_number"):
                continue  # matched by its 人编号 to a person already here (_match_person_numbers), or reported
            if not values.get(fld) and not any(p.col_index == _col_of(headers, fld) for p in problems):
                problems.append(
                    Problem(sheet.name, r + 1, _header_of(cols, fld), "", message, None, _col_of(headers, fld))
                )
        if constants:
            values.update(constants)
        place = (values.get("@village") or "", values.get("@group") or "")
        if "@number" in fields_present:
            key = values.get("@number") or ""
            if not key:
                problems.append(Problem(sheet.name, r + 1, _header_of(cols, "@number"), "", "必填项“户编号”为空", None))
        elif values.get("relation") == "01" or current is None or place != current_place:
            key = values.get("id_number") or f"第{r + 1}行"
        else:
            key = current.key
        household = parsed.households.get(key)
        if household is None:
            household = RosterHousehold(key=key, number=values.get("@number") or "")
            parsed.households[key] = household
        if household.rows and place != first_place.setdefault(key, place):
            problems.append(
                Problem(sheet.name, r + 1, _header_of(cols, "@village"), " ".join(place).strip(),
                        "同一户各行的行政村或村民小组不一致", None, _col_of(headers, "@village"))
            )  # fmt: skip
        first_place.setdefault(key, place)
        current, current_place = household, place
        for p in problems:
            p.household = key or f"第{r + 1}行"
            report.add(p)
        if repeated_persons and seen_ids.get(values.get("id_number") or "", (0, ""))[1] == key:
            continue  # the same person again (another month of a work-month sheet)
        household.rows.append(r + 1)
        member = {f: values.get(f) for f in member_fields}
        member["@row"] = r + 1
        household.people.append(member)
        if not household.household_fields or values.get("relation") == "01":
            hf = {f: values[f] for f in household_only if values.get(f) is not None}
            hf["@place"] = (values.get("@township") or "", place[0], place[1], r + 1)
            hf["@codes"] = tuple(values.get(f) or "" for f in _PLACE_CODES)
            if values.get("relation") == "01" or "head_name" not in hf:
                hf.setdefault("head_name", values.get("name"))
                if values.get("phone"):
                    hf["phone"] = values["phone"]
            household.household_fields.update(hf)
        id_number = values.get("id_number")
        if id_number:
            other = seen_ids.get(id_number)
            if other is not None and other[1] != key:
                for row_no, hh in ((r + 1, key), other):
                    report.add(
                        Problem(sheet.name, row_no, _header_of(cols, "id_number"), cells_mask(id_number),
                                "同一人出现在两户：身份证号在本文件的两户中重复", hh, _col_of(headers, "id_number"))
                    )  # fmt: skip
            elif other is not None:
                report.add(
                    Problem(sheet.name, r + 1, _header_of(cols, "id_number"), cells_mask(id_number),
                            f"身份证号与第{other[0]}行重复", key, _col_of(headers, "id_number"))
                )  # fmt: skip
            else:
                seen_ids[id_number] = (r + 1, key)
    _check_households(session, parsed, cols, headers, seen_ids, report, create_areas)
    _match_person_numbers(session, parsed, cols, headers, report)
    return parsed


def cells_mask(id_number: str) -> str:
    from desktop_app.domain.idnumber import mask

    return mask(id_number)


def _col_of(headers: dict[int, str], fld: str) -> int | None:
    return next((c for c, f in headers.items() if f == fld), None)


def _header_of(cols: dict[int, C.Col], fld: str) -> str:
    return next((col.header for col in cols.values() if col.field == fld), FIELDS[fld][0][0])


_PLACE_CODES = ("@county", "@county_code", "@township_code", "@village_code", "@group_code")


def _need(hf: dict[str, Any]) -> AreaNeed:
    township, village, group, _row = hf["@place"]
    county, county_code, township_code, village_code, group_code = hf.get("@codes", ("",) * 5)
    return AreaNeed(village, group, township, county, village_code, group_code, township_code, county_code)


def _resolve_places(
    session: Session, parsed: ParsedRoster, cols: dict[int, C.Col], report: Report, create_areas: bool
) -> None:
    """Each household's village and group (matched by code, name and group number), the missing areas planned:
    listed in one problem without ``create_areas``, else created by :func:`apply` before the households."""
    needs = {key: _need(hh.household_fields) for key, hh in parsed.households.items()}
    plan = plan_areas(session, [n for n in needs.values() if n.village or n.village_code])
    parsed.area_plan = plan
    for key, hh in parsed.households.items():
        hf, need = hh.household_fields, needs[key]
        first_row = hf["@place"][3]
        if not need.village and not need.village_code:
            report.add(Problem(parsed.sheet, first_row, _header_of(cols, "@village"), "", "必填项“行政村”为空", key))
        elif need in plan.problems:
            column = "@group" if "小组" in plan.problems[need] else "@village"
            value = need.group if column == "@group" else need.village
            report.add(Problem(parsed.sheet, first_row, _header_of(cols, column), value, plan.problems[need], key))
        else:
            place = plan.places[need]
            hf["village_id"] = place.village_id
            hf["@village_code"] = place.village_code
            if need.group:
                hf["group_id"] = place.group_id
    if not plan.empty and not create_areas:
        report.add(
            Problem(
                parsed.sheet,
                None,
                "",
                "",
                plan.message() + "。确认新建后再导入（命令行加 --create-areas；程序中在导入时确认）",
            )
        )


def _check_households(
    session: Session,
    parsed: ParsedRoster,
    cols: dict[int, C.Col],
    headers: dict[int, str],
    seen_ids: dict[str, tuple[int, str]],
    report: Report,
    create_areas: bool,
) -> None:
    sheet = parsed.sheet
    if "@village" in headers.values() or "@village_code" in headers.values():
        _resolve_places(session, parsed, cols, report, create_areas)
    m, h = table_of(Member).c, table_of(Household).c
    where_now: dict[str, str] = {}
    ids = list(seen_ids)
    for start in range(0, len(ids), 900):
        for id_number, number in session.execute(
            select(m.id_number, h.number)
            .join(Household, h.id == m.household_id)
            .where(
                m.id_number.in_(ids[start : start + 900]),
                live_rows(table_of(Member)),
                m.active.is_(True),
                live_rows(table_of(Household)),
            )
        ):
            where_now[id_number] = number
    known_numbers = _known_numbers(session, [hh.number for hh in parsed.households.values() if hh.number])
    next_seq: dict[str, int] = {}
    for key, hh in parsed.households.items():
        hf = hh.household_fields
        first_row = hf.pop("@place", ("", "", "", hh.rows[0]))[3]
        hf.pop("@codes", None)
        size = hf.get("size")
        if size is not None and size != len(hh.people):
            report.add(
                Problem(sheet, first_row, _header_of(cols, "size"), str(size),
                        f"家庭人口数为 {size}，但本文件中该户有 {len(hh.people)} 行成员", key)
            )  # fmt: skip
        # The household number: as given, or the number of the household that already holds the head.
        head_id = next((p.get("id_number") for p in hh.people if p.get("relation") == "01"), None)
        if not hh.number:
            hh.number = where_now.get(head_id or key, "")
            if not hh.number and hf.get("@village_code"):
                hh.number = _new_number(session, hf["@village_code"], next_seq)
        elif hh.number not in known_numbers and where_now.get(head_id or ""):
            # a 户编号 this database does not know, whose head is here in another household: the same household
            # (renumbered by the county's system); it keeps its number here, and the outcome lists the pair
            parsed.relinked[hh.number] = where_now[head_id or ""]
            hh.number = where_now[head_id or ""]
        for person in hh.people:
            id_number = person.get("id_number")
            elsewhere = where_now.get(id_number or "")
            if elsewhere and hh.number and elsewhere != hh.number:
                report.add(
                    Problem(sheet, person["@row"], _header_of(cols, "id_number"), cells_mask(id_number or ""),
                            f"同一人出现在两户：该身份证号已登记在户 {elsewhere}", key, _col_of(headers, "id_number"))
                )  # fmt: skip


def _match_person_numbers(
    session: Session, parsed: ParsedRoster, cols: dict[int, C.Col], headers: dict[int, str], report: Report
) -> None:
    """A person without an ID in the file is matched by 人编号 — the household's number and the person's place
    in it, as the national system and our export write them — to a person already here (``@member_id``);
    one that names nobody here is a problem (an ID is needed for a new person)."""
    wanted = sorted(
        {hh.number for hh in parsed.households.values() for p in hh.people if not p.get("id_number") and hh.number}
    )
    m, h = table_of(Member), table_of(Household)
    here: dict[str, list[Any]] = {}
    for start in range(0, len(wanted), 900):
        query = (
            select(h.c.number, m.c.id, m.c.id_number)
            .join(h, h.c.id == m.c.household_id)
            .where(h.c.number.in_(wanted[start : start + 900]), live_rows(m), live_rows(h))
            .order_by(h.c.number, m.c.sort_order, m.c.name)
        )
        for row in session.execute(query):
            here.setdefault(row.number, []).append(row)
    for key, hh in parsed.households.items():
        in_file = {p.get("id_number") for p in hh.people if p.get("id_number")}
        taken: set[str] = set()
        for person in hh.people:
            number = person.get("@person_number") or ""
            if person.get("id_number") or not number:
                continue
            place = next((number[len(p) :] for p in (key, hh.number) if p and number.startswith(p)), "")
            members = here.get(hh.number, [])
            why = f"证件号码为空，且人编号“{number}”在本系统中没有对应的人：新成员须填写证件号码"
            if len(place) == 2 and place.isdigit() and 1 <= int(place) <= len(members):
                found = members[int(place) - 1]
                if found.id not in taken and (not found.id_number or found.id_number not in in_file):
                    taken.add(found.id)
                    person["@member_id"] = found.id
                    continue
                why = f"证件号码为空，人编号“{number}”对应的人在本文件中已有一行：请填写证件号码"
            report.add(
                Problem(parsed.sheet, person["@row"], _header_of(cols, "id_number"), "", why, key,
                        _col_of(headers, "id_number"))
            )  # fmt: skip


def _known_numbers(session: Session, numbers: list[str]) -> set[str]:
    h = table_of(Household)
    known: set[str] = set()
    for start in range(0, len(numbers), 900):
        part = numbers[start : start + 900]
        known.update(session.execute(select(h.c.number).where(h.c.number.in_(part), live_rows(h))).scalars())
    return known


def _new_number(session: Session, village_code: str, next_seq: dict[str, int]) -> str:
    if village_code not in next_seq:
        h = table_of(Household).c
        top = session.execute(
            select(func.max(h.number)).where(
                h.number.like(f"{village_code}%"), func.length(h.number) == len(village_code) + 4
            )
        ).scalar()
        next_seq[village_code] = int(top[-4:]) + 1 if top and top[-4:].isdigit() else 1
    seq = next_seq[village_code]
    next_seq[village_code] = seq + 1
    return f"{village_code}{seq:04d}"


def apply(session: Session, roster: ParsedRoster, skip: set[str], *, source_label: str) -> MergeResult:
    if roster.area_plan is not None and not roster.area_plan.empty:  # agreed to (else the plan was refused)
        apply_area_plan(session, roster.area_plan)
    people: list[Any] = []
    for key, hh in roster.households.items():
        if key in skip:
            continue
        household_fields = {k: v for k, v in hh.household_fields.items() if not k.startswith("@")}
        for person in hh.people:
            member_fields = {k: v for k, v in person.items() if not k.startswith("@") and v is not None}
            people.append(
                RosterPerson(
                    household_number=hh.number,
                    id_number=person.get("id_number") or "",
                    member_fields=member_fields,
                    household_fields=household_fields,
                    member_id=person.get("@member_id"),
                )
            )
    return apply_roster(session, people, source_label=source_label)
