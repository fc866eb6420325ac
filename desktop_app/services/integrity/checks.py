"""`fupin check`: is the database sound? Every invariant the data must keep, each broken one told in Chinese.

The app and the merge keep these invariants; a database can still break them through a bug, an old
version, a copy made half-way through a write or a hand edit with an SQLite tool. The check states each
one it can test and lists the records that break it (resident IDs masked). Read-only: it never repairs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, func, select, text
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from desktop_app.domain.idnumber import mask
from desktop_app.services.unit_of_work import reading
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area, Attachment, Household, Measure, Member, ProcedureEvent
from desktop_app.storage.queries import live, table_of


@dataclass
class Problem:
    kind: str
    message: str


@dataclass
class IntegrityReport:
    checks: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


_TABLE_NAMES = {
    "area": "地区",
    "household": "户",
    "member": "成员",
    "measure": "帮扶措施",
    "procedure_event": "识别程序记录",
    "attachment": "附件",
    "cadre": "帮扶干部",
    "batch": "批次",
    "batch_household": "批次中的户",
    "objection": "异议",
}
# foreign keys that the checks below state in their own words (the raw foreign-key line would repeat them)
_EXPLAINED = {
    ("member", "household"),
    ("measure", "household"),
    ("procedure_event", "household"),
    ("attachment", "household"),
    ("household", "area"),
    ("area", "area"),
}


def check_database(session: Session, *, limit: int = 50) -> IntegrityReport:
    report = IntegrityReport()
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        result = [row[0] for row in session.execute(text("PRAGMA integrity_check")).all()]
        report.checks.append("存储结构（SQLite 完整性检查）")
        if result != ["ok"]:
            report.problems += [Problem("integrity", f"存储结构损坏：{line}") for line in result[:limit]]
        fk_rows = session.execute(text("PRAGMA foreign_key_check")).all()
        report.checks.append("表之间的引用（外键）")
        fk_rows = [r for r in fk_rows if (r[0], r[2]) not in _EXPLAINED]
        for table, rowid, parent, _fk in fk_rows[:limit]:
            report.problems.append(
                Problem(
                    "foreign_key",
                    f"“{_TABLE_NAMES.get(table, table)}”表第 {rowid} 行引用的"
                    f"“{_TABLE_NAMES.get(parent, parent)}”记录不存在",
                )
            )
    else:
        report.checks.append(f"表之间的引用（外键由 {dialect} 服务器保证）")
    _ids(session, report, limit)
    _orphans(session, report, limit)
    _areas(session, report, limit)
    _sizes(session, report, limit)
    return report


def _add(report: IntegrityReport, kind: str, messages: Iterable[str], limit: int) -> None:
    for n, message in enumerate(messages):
        if n == limit:
            report.problems.append(Problem(kind, f"……（同类问题较多，只列出前 {limit} 个）"))
            return
        report.problems.append(Problem(kind, message))


_LIVE_MEMBER = (
    live(Member),
    col(Member.active).is_(True),
    col(Member.id_number).is_not(None),
    col(Member.id_number) != "",
)


def _ids(session: Session, report: IntegrityReport, limit: int) -> None:
    """One person, one card; and on that card once."""
    h, m = Household, Member
    living = (*_LIVE_MEMBER, live(h))
    report.checks.append("同一身份证号只登记在一户")
    duplicates = session.execute(
        select(col(m.id_number))
        .join(h, col(h.id) == col(m.household_id))
        .where(*living)
        .group_by(col(m.id_number))
        .having(func.count(func.distinct(col(m.household_id))) > 1)
        .order_by(col(m.id_number))
        .limit(limit + 1)
    ).scalars()

    def numbers_of(id_number: str) -> str:
        query = (
            select(col(h.number))
            .join(m, col(m.household_id) == col(h.id))
            .where(col(m.id_number) == id_number, *living)
        )
        return "、".join(sorted(set(session.execute(query).scalars())))

    _add(
        report,
        "duplicate_id",
        (f"身份证号 {mask(i or '')} 同时登记在多户：{numbers_of(i or '')}" for i in duplicates),
        limit,
    )
    report.checks.append("同一户中没有重复的身份证号")
    twice = session.execute(
        select(col(h.number), col(m.id_number), func.count())
        .join(h, col(h.id) == col(m.household_id))
        .where(*_LIVE_MEMBER, live(h))
        .group_by(col(h.number), col(m.id_number))
        .having(func.count() > 1)
        .order_by(col(h.number), col(m.id_number))
        .limit(limit + 1)
    ).all()
    _add(
        report,
        "duplicate_in_household",
        (f"户 {number} 中身份证号 {mask(i or '')} 登记了 {n} 次（同一人重复）" for number, i, n in twice),
        limit,
    )


def _orphans(session: Session, report: IntegrityReport, limit: int) -> None:
    """Records of a household that is missing or deleted (a deleted household's records are deleted too)."""
    h = table_of(Household).c
    for model, name in (
        (Member, "成员"),
        (Measure, "帮扶措施"),
        (ProcedureEvent, "识别程序记录"),
        (Attachment, "附件"),
    ):
        t = table_of(model).c
        report.checks.append(f"{name}都属于存在且未删除的户")
        missing = session.execute(
            select(t.household_id, func.count())
            .select_from(table_of(model))
            .outerjoin(Household, col(h.id) == t.household_id)
            .where(live(t), col(h.id).is_(None))
            .group_by(t.household_id)
            .order_by(t.household_id)
            .limit(limit + 1)
        ).all()
        _add(report, "orphan", (f"{n} 条{name}所属的户（记录编号 {hid}）不存在" for hid, n in missing), limit)
        tombstoned = session.execute(
            select(h.number, func.count())
            .select_from(table_of(model))
            .join(Household, col(h.id) == t.household_id)
            .where(live(t), col(h.deleted).is_(True))
            .group_by(h.number)
            .order_by(h.number)
            .limit(limit + 1)
        ).all()
        _add(
            report,
            "tombstone",
            (f"户 {number} 已删除，但其 {n} 条{name}仍未删除（删除记录不一致）" for number, n in tombstoned),
            limit,
        )


def _areas(session: Session, report: IntegrityReport, limit: int) -> None:
    """Every household in a village (and group) that exists; every area under a parent that exists."""
    h = table_of(Household).c
    village, group = aliased(Area), aliased(Area)
    report.checks.append("每户所在的行政村和村民小组存在且未删除")
    rows = session.execute(
        select(
            h.number, col(h.village_id), col(village.id), col(village.deleted), col(village.level), col(village.name)
        )
        .outerjoin(village, col(village.id) == col(h.village_id))
        .where(live(h), func.coalesce(village.deleted, True).is_(True) | (village.level != "village"))
        .order_by(h.number)
        .limit(limit + 1)
    ).all()

    def village_problem(r: Any) -> str:
        if r[2] is None:
            return f"户 {r.number} 所在的行政村（记录编号 {r.village_id}）不存在"
        if r[3]:
            return f"户 {r.number} 所在的行政村“{r.name}”已删除"
        return f"户 {r.number} 登记的行政村“{r.name}”不是行政村"

    _add(report, "area", (village_problem(r) for r in rows), limit)
    rows = session.execute(
        select(
            h.number,
            col(h.group_id),
            col(group.id),
            col(group.deleted),
            col(group.parent_id),
            col(h.village_id),
            col(group.name),
        )
        .outerjoin(group, col(group.id) == col(h.group_id))
        .where(
            live(h),
            col(h.group_id).is_not(None),
            func.coalesce(group.deleted, True).is_(True) | (group.parent_id != col(h.village_id)),
        )
        .order_by(h.number)
        .limit(limit + 1)
    ).all()

    def group_problem(r: Any) -> str:
        if r[2] is None:
            return f"户 {r.number} 所在的村民小组（记录编号 {r.group_id}）不存在"
        if r[3]:
            return f"户 {r.number} 所在的村民小组“{r.name}”已删除"
        return f"户 {r.number} 的村民小组“{r.name}”不在该户所在的行政村下"

    _add(report, "area", (group_problem(r) for r in rows), limit)
    child, parent = aliased(Area), aliased(Area)
    report.checks.append("每个地区的上级地区存在且未删除")
    rows = session.execute(
        select(col(child.code), col(child.name), col(child.parent_id), col(parent.id), col(parent.name))
        .outerjoin(parent, col(parent.id) == col(child.parent_id))
        .where(
            live(child),
            col(child.parent_id).is_not(None),
            func.coalesce(parent.deleted, True).is_(True),
        )
        .order_by(child.code)
        .limit(limit + 1)
    ).all()
    _add(
        report,
        "area",
        (
            f"地区 {code} {name} 的上级地区"
            + (f"“{pname}”已删除" if pid is not None else f"（记录编号 {parent_id}）不存在")
            for code, name, parent_id, pid, pname in rows
        ),
        limit,
    )


def _sizes(session: Session, report: IntegrityReport, limit: int) -> None:
    report.checks.append("家庭人口数与在册成员人数一致")
    counts = (
        select(col(Member.household_id), func.count().label("n"))
        .where(live(Member), col(Member.active).is_(True))
        .group_by(col(Member.household_id))
        .subquery()
    )
    mismatched = session.execute(
        select(col(Household.number), col(Household.size), func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.household_id == col(Household.id))
        .where(and_(live(Household), col(Household.size) != func.coalesce(counts.c.n, 0)))
        .order_by(col(Household.number))
        .limit(limit + 1)
    ).all()
    _add(
        report, "size", (f"户 {number} 登记人数 {size} 与在册成员 {n} 人不符" for number, size, n in mismatched), limit
    )


def check_of(db: Database, *, limit: int = 50) -> IntegrityReport:
    """:func:`check_database` on one read snapshot (``fupin check``)."""
    with reading(db) as session:
        return check_database(session, limit=limit)
