"""`fupin check`: is the database sound? Storage integrity, foreign keys, one person on one card."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select, text
from sqlmodel import Session

from desktop_app.domain.idnumber import mask
from desktop_app.storage.models import Household, Member


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


def check_database(session: Session, *, limit: int = 50) -> IntegrityReport:
    report = IntegrityReport()
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        result = [row[0] for row in session.execute(text("PRAGMA integrity_check")).all()]
        report.checks.append("SQLite integrity_check")
        if result != ["ok"]:
            report.problems += [Problem("integrity", f"存储结构损坏：{line}") for line in result[:limit]]
        fk_rows = session.execute(text("PRAGMA foreign_key_check")).all()
        report.checks.append("SQLite foreign_key_check")
        for table, rowid, parent, _fk in fk_rows[:limit]:
            report.problems.append(Problem("foreign_key", f"表 {table} 第 {rowid} 行引用的 {parent} 记录不存在"))
    else:
        report.checks.append(f"{dialect}: foreign keys enforced by the server")

    live_member = (
        Member.deleted.is_(False),  # type: ignore[attr-defined]
        Member.active.is_(True),  # type: ignore[attr-defined]
        Household.deleted.is_(False),  # type: ignore[attr-defined]
        Member.id_number.is_not(None),  # type: ignore[union-attr]
    )
    dup_ids = (
        select(Member.id_number)
        .join(Household, Household.id == Member.household_id)
        .where(*live_member)
        .group_by(Member.id_number)
        .having(func.count(func.distinct(Member.household_id)) > 1)
    )
    report.checks.append("duplicate resident IDs across households")
    duplicates = session.execute(dup_ids.limit(limit)).scalars().all()
    for id_number in duplicates:
        numbers = (
            session.execute(
                select(Household.number)
                .join(Member, Member.household_id == Household.id)
                .where(Member.id_number == id_number, *live_member)
                .order_by(Household.number)
            )
            .scalars()
            .all()
        )
        report.problems.append(
            Problem("duplicate_id", f"身份证号 {mask(id_number or '')} 同时登记在多户：{', '.join(numbers)}")
        )

    report.checks.append("household size matches its members")
    counts = (
        select(Member.household_id, func.count().label("n"))
        .where(Member.deleted.is_(False), Member.active.is_(True))  # type: ignore[attr-defined]
        .group_by(Member.household_id)
        .subquery()
    )
    mismatched = session.execute(
        select(Household.number, Household.size, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.household_id == Household.id)
        .where(Household.deleted.is_(False), Household.size != func.coalesce(counts.c.n, 0))  # type: ignore[attr-defined]
        .limit(limit)
    ).all()
    for number, size, n in mismatched:
        report.problems.append(Problem("size", f"户 {number} 登记人数 {size} 与在册成员 {n} 人不符"))
    return report
