"""Checking a household card before it is saved: every problem at once, each tied to its field and row."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlmodel import Session, col

from desktop_app import catalog
from desktop_app.domain import idnumber
from desktop_app.services.households.forms import (
    HEAD,
    HOUSEHOLD_CODES,
    INCOME_FIELDS,
    LAND_FIELDS,
    MEMBER_CODES,
    FieldError,
    HouseholdForm,
    MemberForm,
)
from desktop_app.storage.models import Area, Cadre, Household, Member
from desktop_app.storage.queries import live

# --- validation ----------------------------------------------------------------------------------------


def _err(errors: list[FieldError], fld: str, member: int | None, code: str, zh: str, en: str, **kw: str) -> None:
    errors.append(FieldError(fld, member, code, zh, en, **kw))


def _member_tag(index: int, member: MemberForm) -> tuple[str, str]:
    name = member.name.strip()
    return (
        f"第{index + 1}位成员{('（' + name + '）') if name else ''}",
        f"member {index + 1}{f' ({name})' if name else ''}",
    )


def check_member_id(raw: str) -> idnumber.IdCheck:
    """The live check the member table runs on every keystroke."""
    return idnumber.check(raw)


def _validate_household(session: Session, form: HouseholdForm, errors: list[FieldError]) -> None:
    lists = catalog.codelists()
    if not form.village_id or session.get(Area, form.village_id) is None:
        _err(errors, "village_id", None, "required", "请选择行政村", "choose the village")
    number = (form.number or "").strip()
    if not number:
        _err(errors, "number", None, "required", "户编号不能为空", "the household number is required")
    else:
        clash = session.execute(
            select(col(Household.id)).where(col(Household.number) == number, col(Household.id) != (form.id or ""))
        ).first()
        if clash:
            _err(
                errors,
                "number",
                None,
                "duplicate_number",
                f"户编号 {number} 已被另一户使用",
                f"household number {number} is already used",
            )
    if form.group_id:
        group = session.get(Area, form.group_id)
        if group is None or group.parent_id != form.village_id:
            _err(
                errors,
                "group_id",
                None,
                "bad_group",
                "村民小组不属于该行政村",
                "the village group is not in this village",
            )
    for fld, list_id in HOUSEHOLD_CODES.items():
        value = getattr(form, fld)
        if value not in (None, "") and value not in lists[list_id]:
            cl = lists[list_id]
            _err(errors, fld, None, "bad_code", f"{cl.zh}的代码无效：{value}", f"invalid {cl.en} code: {value}")
    for code in form.other_causes:
        if code not in lists["cause"]:
            _err(
                errors,
                "other_causes",
                None,
                "bad_code",
                f"致贫原因的代码无效：{code}",
                f"invalid poverty cause code: {code}",
            )
    for fld in ("identification_year", "income_year"):
        year = getattr(form, fld)
        if year is not None and not 2000 <= year <= date.today().year + 1:
            _err(errors, fld, None, "bad_year", f"年度不合理：{year}", f"implausible year: {year}")
    for fld in (*INCOME_FIELDS, *LAND_FIELDS):
        value = getattr(form, fld)
        if value is not None and value < 0:
            _err(errors, fld, None, "negative", "不能为负数", "must not be negative")
    if form.cadre_id and session.get(Cadre, form.cadre_id) is None:
        _err(errors, "cadre_id", None, "bad_cadre", "所选帮扶责任人不存在", "the chosen pairing cadre does not exist")
    if form.new_cadre is not None and not form.new_cadre.name.strip():
        _err(errors, "new_cadre", None, "required", "请填写帮扶责任人姓名", "enter the pairing cadre's name")
    for i, measure in enumerate(form.measures):
        if measure.type not in lists["measure_type"]:
            _err(
                errors, "measure_type", None, "bad_code", f"第{i + 1}条帮扶措施缺少类型", f"measure {i + 1} has no type"
            )
        if measure.year is None:
            _err(
                errors, "measure_year", None, "required", f"第{i + 1}条帮扶措施缺少年度", f"measure {i + 1} has no year"
            )
        if measure.amount_fen < 0:
            _err(
                errors,
                "measure_amount",
                None,
                "negative",
                f"第{i + 1}条帮扶措施金额为负",
                f"measure {i + 1}: negative amount",
            )


def _validate_member(i: int, m: MemberForm, errors: list[FieldError]) -> str | None:
    """Checks one member; returns the normalised ID when it is valid."""
    lists = catalog.codelists()
    tag_zh, tag_en = _member_tag(i, m)
    if not m.name.strip():
        _err(errors, "name", i, "required", f"{tag_zh}：姓名不能为空", f"{tag_en}: the name is required")
    if not m.relation:
        _err(
            errors,
            "relation",
            i,
            "required",
            f"{tag_zh}：请选择与户主关系",
            f"{tag_en}: choose the relation to the head",
        )
    for fld, list_id in MEMBER_CODES.items():
        value = getattr(m, fld)
        if value not in (None, "") and value not in lists[list_id]:
            cl = lists[list_id]
            _err(
                errors,
                fld,
                i,
                "bad_code",
                f"{tag_zh}：{cl.zh}的代码无效：{value}",
                f"{tag_en}: invalid {cl.en} code: {value}",
            )
    if m.disability_grade and m.health != "4":
        _err(
            errors,
            "disability_grade",
            i,
            "grade_without_disability",
            f"{tag_zh}：填写了残疾等级，但健康状况不是“残疾”",
            f"{tag_en}: a disability grade is given but the health status is not disabled",
        )
    if m.months_away is not None and not 0 <= m.months_away <= 12:
        _err(
            errors,
            "months_away",
            i,
            "bad_months",
            f"{tag_zh}：务工时间应在0到12个月之间",
            f"{tag_en}: months away must be 0-12",
        )
    result = idnumber.check(m.id_number or "")
    if not result.valid:
        _err(
            errors,
            "id_number",
            i,
            result.reason_code or "bad_id",
            f"{tag_zh}：{_id_reason(result.reason or '')}",
            f"{tag_en}: ID number: {result.reason_en}",
        )
        return None
    if m.sex and m.sex != result.sex:
        _err(
            errors,
            "sex",
            i,
            "sex_mismatch",
            f"{tag_zh}：性别与身份证号码不符",
            f"{tag_en}: the sex does not match the ID number",
        )
    if m.birth_date and m.birth_date != result.birth_date:
        _err(
            errors,
            "birth_date",
            i,
            "birth_mismatch",
            f"{tag_zh}：出生日期与身份证号码不符",
            f"{tag_en}: the birth date does not match the ID number",
        )
    return result.normalized


def _id_reason(reason: str) -> str:
    """The ID check's reason, named once: some reasons already begin with 身份证号码 (为空, 已被 Excel…)."""
    return reason if reason.startswith("身份证号码") else f"身份证号码{reason}"


def validate(session: Session, form: HouseholdForm) -> list[FieldError]:
    """Every problem on the card, in the order the card shows its fields."""
    errors: list[FieldError] = []
    _validate_household(session, form, errors)
    if not form.members:
        _err(
            errors,
            "members",
            None,
            "no_members",
            "至少需要录入一位家庭成员（户主）",
            "enter at least one member (the head)",
        )
    seen: dict[str, int] = {}
    ids: dict[str, int] = {}
    for i, m in enumerate(form.members):
        normalized = _validate_member(i, m, errors)
        if normalized is None:
            continue
        if normalized in seen:
            tag_zh, tag_en = _member_tag(i, m)
            _err(
                errors,
                "id_number",
                i,
                "duplicate_in_household",
                f"{tag_zh}：身份证号码与第{seen[normalized] + 1}位成员重复",
                f"{tag_en}: same ID number as member {seen[normalized] + 1}",
            )
        else:
            seen[normalized] = i
            if m.active:
                ids[normalized] = i
    heads = [i for i, m in enumerate(form.members) if m.active and m.relation == HEAD]
    if form.members and len(heads) != 1:
        zh = "没有户主：请把一位成员的与户主关系设为“户主”" if not heads else f"户主只能有一位，现有{len(heads)}位"
        en = (
            "no head: set one member's relation to head" if not heads else f"there must be one head, found {len(heads)}"
        )
        _err(errors, "relation", heads[1] if len(heads) > 1 else None, "head_count", zh, en)
    if ids:
        _check_other_households(session, form, ids, errors)
    return errors


def _check_other_households(
    session: Session, form: HouseholdForm, ids: dict[str, int], errors: list[FieldError]
) -> None:
    # Two indexed lookups (members by ID, then their households by id) rather than one join: with a join
    # SQLite prefers the household search index and scans every household (0.3 s at county size).
    holders = session.execute(
        select(col(Member.id_number), col(Member.household_id)).where(
            col(Member.id_number).in_(list(ids)),
            live(Member),
            col(Member.active).is_(True),
            col(Member.household_id) != (form.id or ""),
        )
    ).all()
    if not holders:
        return
    households = {
        hh_id: (number, head)
        for hh_id, number, head in session.execute(
            select(col(Household.id), col(Household.number), col(Household.head_name)).where(
                col(Household.id).in_({h for _i, h in holders}),
                live(Household),
            )
        ).all()
    }
    rows = [(id_number, h, *households[h]) for id_number, h in holders if h in households]
    for id_number, hh_id, hh_number, head in rows:
        i = ids[id_number]
        tag_zh, tag_en = _member_tag(i, form.members[i])
        masked = idnumber.mask(id_number)
        _err(
            errors,
            "id_number",
            i,
            "used_elsewhere",
            f"{tag_zh}：身份证号码 {masked} 已登记在户编号 {hh_number}（户主 {head}）中，一人只能在一户",
            f"{tag_en}: ID number {masked} is already on household {hh_number} (head {head}); one person, one card",
            other_household_id=hh_id,
            other_household_number=hh_number,
        )
