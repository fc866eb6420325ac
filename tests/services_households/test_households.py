"""The household card service on SQLite and PostgreSQL: save, refuse, keep derived fields, history."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from desktop_app.domain.idnumber import make_id, mask
from desktop_app.services.demo.households import generate_demo
from desktop_app.services.households import records as hh
from desktop_app.storage.models import Area, ChangeLog, Household, Member


def _village(db) -> Area:
    with db.transaction() as session:
        generate_demo(session, households=3, villages=1, seed=7)
    with db.session() as session:
        return session.execute(select(Area).where(Area.level == "village")).scalars().first()


def _family(form: hh.HouseholdForm) -> hh.HouseholdForm:
    people = [
        ("王大山", "01", date(1970, 3, 4), 11),
        ("李秀英", "02", date(1972, 8, 9), 22),
        ("王小明", "03", date(2001, 1, 15), 31),
        ("王小红", "04", date(2004, 6, 30), 42),
    ]
    for name, relation, birth, seq in people:
        form.members.append(
            hh.MemberForm(name=name, id_number=make_id("530102", birth, seq), relation=relation, ethnicity="01")
        )
    form.attribute = "1"
    form.main_cause = "01"
    form.income_year = 2019
    form.income_wage_fen = 800_000
    form.income_transfer_fen = 200_000
    form.production_costs_fen = 100_000
    return form


def _count(db, model) -> int:
    with db.session() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def _new(db, village: Area) -> str:
    with db.transaction() as session:
        form = _family(hh.new_household_form(session, village.id))
        return hh.save_household(session, form)


def test_new_card_gets_next_number_and_saves_derived_fields(db) -> None:
    village = _village(db)
    with db.session() as session:
        form = hh.new_household_form(session, village.id)
        numbers = session.execute(select(Household.number)).scalars().all()
    assert form.number.startswith(village.code) and len(form.number) == len(village.code) + 4
    assert form.number not in numbers
    assert int(form.number[-4:]) == max(int(n[-4:]) for n in numbers) + 1
    household_id = _new(db, village)
    with db.session() as session:
        row = session.get(Household, household_id)
        assert (row.head_name, row.size, row.per_capita_income_fen) == ("王大山", 4, 225_000)
        loaded = hh.load_household(session, household_id)
        assert [m.name for m in loaded.members] == ["王大山", "李秀英", "王小明", "王小红"]
        # sex and birth date come from the ID when they were left empty
        assert loaded.members[1].id_number == make_id("530102", date(1972, 8, 9), 22)
        logged = session.execute(
            select(func.count()).select_from(ChangeLog).where(ChangeLog.household_id == household_id)
        ).scalar_one()
    assert logged >= 5  # the card and its four members were recorded as created


def test_invalid_id_is_refused_with_its_reason_and_nothing_is_written(db) -> None:
    village = _village(db)
    before = (_count(db, Household), _count(db, Member), _count(db, ChangeLog))
    with db.transaction() as session:
        form = _family(hh.new_household_form(session, village.id))
        good = form.members[2].id_number
        form.members[2].id_number = good[:17] + ("0" if good[17] != "0" else "1")
        with pytest.raises(hh.HouseholdInvalid) as caught:
            hh.save_household(session, form)
    errors = caught.value.errors
    assert [(e.field, e.member, e.code) for e in errors] == [("id_number", 2, "bad_check_digit")]
    assert f"最后一位应为 {good[17]}" in errors[0].message_zh and "王小明" in errors[0].message_zh
    assert "户卡未保存" in str(caught.value)
    assert (_count(db, Household), _count(db, Member), _count(db, ChangeLog)) == before


def test_one_person_one_card(db) -> None:
    village = _village(db)
    first = _new(db, village)
    with db.session() as session:
        number = session.get(Household, first).number
        form = hh.new_household_form(session, village.id)
        form.members.append(
            hh.MemberForm(name="张三", id_number=make_id("530102", date(1980, 1, 1), 51), relation="01")
        )
        form.members.append(
            hh.MemberForm(name="李秀英", id_number=make_id("530102", date(1972, 8, 9), 22), relation="02")
        )
        errors = hh.validate(session, form)
    assert [(e.code, e.member, e.other_household_id, e.other_household_number) for e in errors] == [
        ("used_elsewhere", 1, first, number)
    ]
    assert number in errors[0].message_zh and "一人只能在一户" in errors[0].message_zh
    assert mask(form.members[1].id_number) in errors[0].message_zh
    assert form.members[1].id_number not in errors[0].message_zh  # never the full number

    with db.session() as session:
        form = hh.load_household(session, first)
        form.members.append(hh.MemberForm(name="王二", id_number=form.members[3].id_number.lower(), relation="04"))
        codes = [(e.code, e.member) for e in hh.validate(session, form)]
    assert codes == [("duplicate_in_household", 4)]


def test_head_count_codes_and_id_consistency(db) -> None:
    village = _village(db)
    with db.session() as session:
        form = _family(hh.new_household_form(session, village.id))
        form.members[1].relation = "01"
        form.attribute = "9"
        form.members[2].sex = "2"  # the ID says male
        form.members[3].ethnicity = "XX"
        codes = {(e.field, e.member, e.code) for e in hh.validate(session, form)}
        assert codes == {
            ("attribute", None, "bad_code"),
            ("sex", 2, "sex_mismatch"),
            ("ethnicity", 3, "bad_code"),
            ("relation", 1, "head_count"),
        }
        form = _family(hh.new_household_form(session, village.id))
        form.members[0].relation = "03"
        form.members[1].name = " "
        errors = hh.validate(session, form)
    assert {(e.field, e.code) for e in errors} == {("relation", "head_count"), ("name", "required")}
    assert any("没有户主" in e.message_zh for e in errors)


def test_edit_remove_member_and_history(db) -> None:
    village = _village(db)
    household_id = _new(db, village)
    with db.transaction() as session:
        form = hh.load_household(session, household_id)
        form.members[1].ethnicity = "14"
        removed = form.members.pop(3)
        hh.save_household(session, form)
    with db.session() as session:
        row = session.get(Household, household_id)
        assert (row.size, row.per_capita_income_fen) == (3, 300_000)
        tomb = session.get(Member, removed.id)
        assert tomb.deleted is True and tomb.name == "王小红"
        assert [m.name for m in hh.load_household(session, household_id).members] == ["王大山", "李秀英", "王小明"]
        history = hh.household_history(session, household_id)
    lines = [e.describe("zh") for e in history]
    assert "成员 李秀英 · 民族：汉族 → 白族" in lines
    assert "成员 王小红 · 删除：否 → 是" in lines
    assert "户卡 · 家庭人口数：4 → 3" in lines
    assert any(line.startswith("新建 成员 王大山") for line in lines)
    assert all(e.operator == "测试员" for e in history)
    assert history[0].at >= history[-1].at
    assert "Member 李秀英 · ethnicity: Han → Bai".lower() in [e.describe("en").lower() for e in history]


def test_history_masks_ids_and_shows_money_in_yuan(db) -> None:
    village = _village(db)
    household_id = _new(db, village)
    with db.transaction() as session:
        form = hh.load_household(session, household_id)
        old_id = form.members[0].id_number
        form.members[0].id_number = make_id("530102", date(1970, 3, 4), 13)
        form.income_wage_fen = 900_050
        hh.save_household(session, form)
    with db.session() as session:
        lines = [e.describe() for e in hh.household_history(session, household_id)]
    assert f"成员 王大山 · 身份证号码：{mask(old_id)} → {mask(form.members[0].id_number)}" in lines
    assert "户卡 · 工资性收入：8,000.00 → 9,000.50" in lines
    assert not any(old_id in line for line in lines)


def test_income_assessment_against_the_years_line(db) -> None:
    village = _village(db)
    with db.session() as session:
        form = _family(hh.new_household_form(session, village.id))
        result = hh.income_assessment(session, form)
        assert result is not None
        assert (result.per_capita_fen, result.line.amount_fen, result.margin_fen) == (225_000, 374_700, -149_700)
        assert result.below_line
        form.income_wage_fen = 2_000_000
        result = hh.income_assessment(session, form)
        assert result.margin_fen == 525_000 - 374_700 and not result.below_line and result.marginal
        form.income_year = 1999
        assert hh.income_assessment(session, form).line is None
        form.members.clear()
        assert hh.income_assessment(session, form) is None


def test_new_cadre_and_measures_are_saved(db) -> None:
    village = _village(db)
    household_id = _new(db, village)
    with db.transaction() as session:
        form = hh.load_household(session, household_id)
        form.new_cadre = hh.CadreForm(name="赵干部", unit="县农业农村局", phone="13800000000")
        form.measures.append(hh.MeasureForm(year=2019, type="02", content="小额信贷 5 万元", amount_fen=5_000_000))
        form.guarantees["food"] = True
        form.guarantee_notes["food"] = "粮食自给"
        hh.save_household(session, form)
    with db.transaction() as session:
        form = hh.load_household(session, household_id)
        assert [c.label for c in hh.cadre_choices(session) if c.id == form.cadre_id] == ["赵干部"]
        assert [(m.type, m.amount_fen) for m in form.measures] == [("02", 5_000_000)]
        assert form.guarantees["food"] is True and form.guarantee_notes == {"food": "粮食自给"}
        form.measures.clear()
        hh.save_household(session, form)
    with db.session() as session:
        assert hh.load_household(session, household_id).measures == []
        lines = [e.describe() for e in hh.household_history(session, household_id)]
    assert "户卡 · 帮扶责任人：（空） → 赵干部" in lines
    assert "帮扶措施 小额信贷 · 删除：否 → 是" in lines


def test_a_stale_card_never_removes_a_member_added_meanwhile(db) -> None:
    village = _village(db)
    household_id = _new(db, village)
    with db.session() as session:
        stale = hh.load_household(session, household_id)  # the card is open on screen
    with db.transaction() as session:  # meanwhile the procedure records a birth
        session.add(
            Member(
                household_id=household_id,
                name="王小宝",
                id_number=make_id("530102", date(2019, 5, 5), 61),
                relation="07",
                sex="1",
                birth_date=date(2019, 5, 5),
            )
        )
    with db.transaction() as session:
        stale.members.pop(3)  # the cadre removes 王小红 on the stale card and saves
        hh.save_household(session, stale)
    with db.session() as session:
        names = [m.name for m in hh.load_household(session, household_id).members]
        row = session.get(Household, household_id)
    assert sorted(names) == sorted(["王大山", "李秀英", "王小明", "王小宝"])
    assert (row.size, row.per_capita_income_fen) == (4, 225_000)


def test_a_saved_card_is_found_by_name_id_and_pinyin_initials(db) -> None:
    from desktop_app.services.households.listing import HouseholdFilter, fetch_rows

    village = _village(db)
    household_id = _new(db, village)

    def found(query: str) -> list[str]:
        with db.engine.connect() as conn:
            return [row.id for row in fetch_rows(conn, HouseholdFilter(query=query))]

    id_number = make_id("530102", date(2004, 6, 30), 42)  # 王小红's
    for query in ("王大山", "wds", "wxh", id_number[-6:]):
        assert found(query) == [household_id], query
    with db.transaction() as session:
        form = hh.load_household(session, household_id)
        form.members[3].name = "王晓丽"
        hh.save_household(session, form)
    assert found("wxh") == [] and found("wxl") == [household_id]


def test_disability_grade_needs_a_disabled_member(db) -> None:
    village = _village(db)
    with db.session() as session:
        form = _family(hh.new_household_form(session, village.id))
        form.members[0].disability_grade = "2"
        form.members[0].health = "1"
        assert [(e.member, e.code) for e in hh.validate(session, form)] == [(0, "grade_without_disability")]
        form.members[0].health = "4"
        assert hh.validate(session, form) == []


def test_history_names_every_change_log_action_in_chinese_and_english() -> None:
    from datetime import UTC, datetime

    for action, zh, en in (("create", "新建", "created"), ("resolve", "处理合并冲突", "merge conflict resolved")):
        entry = hh.HistoryEntry(
            at=datetime.now(UTC),
            operator="测试员",
            action=action,
            entity="household",
            record_label="",
            field="",
            field_label_zh="",
            field_label_en="",
            old_zh="",
            new_zh="",
            old_en="",
            new_en="",
        )
        assert entry.describe().startswith(zh) and entry.describe("en").startswith(en)
