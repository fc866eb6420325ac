"""What the plans, measures and funds use cases share: the county's measure rules, evidence photos kept as the
household's attachments by hash, and finding a household or a village by what a person types."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, or_, select

from desktop_app import catalog
from desktop_app.domain.assistance import AssistError
from desktop_app.domain.funds import RULES, MeasureRules, parse_measure_rules
from desktop_app.services.assistance.rules import load_rules, save_rules
from desktop_app.services.households import AttachmentError, add_attachment
from desktop_app.services.monitoring.cases import find_household
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area, Attachment, Household, Member
from desktop_app.storage.models_assist import Fund, FundProject

SHA_LENGTH = 64


def measure_rules_of(session: Session) -> MeasureRules:
    return parse_measure_rules(load_rules(session, RULES))


def measure_rules(db: Database) -> MeasureRules:
    """The county's rules for measures and funds (shipped file with this database's values on top)."""
    with reading(db) as session:
        return measure_rules_of(session)


def change_measure_rules(db: Database, changes: Mapping[str, Any]) -> MeasureRules:
    """Save some top-level keys of the county's measure rules; refused (nothing saved) when the result is bad."""
    with writing(db, "assist.measure_rules") as work:
        parse_measure_rules({**load_rules(work.session, RULES), **changes})
        return parse_measure_rules(save_rules(work.session, RULES, changes))


def household(session: Session, key: str) -> Household:
    """A living household by its id or number (a Chinese error when there is none)."""
    return find_household(session, key)


def _is_sha(text: str) -> bool:
    return len(text) == SHA_LENGTH and all(c in "0123456789abcdef" for c in text)


def _file_hash(text: str) -> str:
    """The sha256 of a file (empty when it cannot be read: ``add_attachment`` then says why)."""
    try:
        with Path(text).expanduser().open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return ""


def _has_attachment(session: Session, household_id: str, sha: str) -> bool:
    found = session.exec(
        select(Attachment.id).where(
            Attachment.household_id == household_id, Attachment.sha256 == sha, col(Attachment.deleted).is_(False)
        )
    ).first()
    return found is not None


def evidence_hashes(session: Session, household_id: str, items: Sequence[str], note: str) -> list[str]:
    """The sha256 of each evidence item: a hash of one of the household's attachments, or a file path that is
    stored as a new attachment of the household (same photo twice: stored once). Unknown items are refused."""
    out: list[str] = []
    for item in items:
        text = str(item).strip()
        if not text:
            continue
        sha = text.lower() if _is_sha(text.lower()) else _file_hash(text)
        if not _has_attachment(session, household_id, sha):
            if _is_sha(text.lower()):
                raise AssistError("no_evidence", f"本户没有这张照片：{text[:12]}…", f"no attachment {text[:12]}")
            try:
                source = Path(text).expanduser()
                sha = add_attachment(session, household_id=household_id, source=source, note=note).sha256
            except AttachmentError as exc:
                raise AssistError("no_evidence", f"照片无法保存：{exc}", f"photo not stored: {exc}") from exc
        if sha not in out:
            out.append(sha)
    return out


def member_of(session: Session, household_id: str, member: str | None) -> str | None:
    """The living member of the household that ``member`` names (its id or its name); None stays None."""
    key = (member or "").strip()
    if not key:
        return None
    rows = session.exec(
        select(Member).where(
            Member.household_id == household_id,
            col(Member.deleted).is_(False),
            or_(Member.id == key, Member.name == key),
        )
    ).all()
    if len(rows) != 1:
        raise AssistError("bad_member", f"受益人不是本户成员：{key}", f"not a member of this household: {key}")
    return rows[0].id


def code_of(kind: str, text: str | None, what: str) -> str:
    """The code a label or code names in list ``kind`` (refused with ``what`` named)."""
    code = catalog.parse_label(kind, (text or "").strip())
    if code is None or code not in catalog.codelists()[kind]:
        raise AssistError(f"bad_{kind}", f"{what}无效：{text}", f"unknown {kind}: {text}")
    return code


@dataclass(frozen=True)
class VillageRef:
    id: str
    code: str
    name: str


def find_village(db: Database, text: str) -> VillageRef:
    """A village by its code, id or (unique) name — what ``--village`` takes."""
    key = text.strip()
    live_village = (Area.level == "village", col(Area.deleted).is_(False))
    with reading(db) as session:
        rows = session.exec(select(Area).where(*live_village, or_(Area.code == key, Area.id == key))).all()
        rows = rows or session.exec(select(Area).where(*live_village, Area.name == key)).all()
        found = [VillageRef(a.id, a.code, a.name) for a in rows]
    if not found:
        raise AssistError("village_missing", f"找不到行政村“{key}”；请检查行政村代码或名称", f"no village {key}")
    if len(found) > 1:
        codes = "、".join(sorted(v.code for v in found))
        raise AssistError("village_ambiguous", f"有 {len(found)} 个行政村名为“{key}”（代码：{codes}），请改用代码", key)
    return found[0]


def village_names(session: Session, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = session.exec(select(Area.id, Area.name).where(col(Area.id).in_(sorted(ids)))).all()
    return {i: n for i, n in rows}


def fund_and_project(
    session: Session, fund_id: str | None, project_id: str | None
) -> tuple[Fund | None, FundProject | None]:
    """The living fund and project these ids name (a project alone names its fund); refused when unknown or
    when the project belongs to another fund."""
    project = None
    if project_id:
        project = session.get(FundProject, project_id)
        if project is None or project.deleted:
            raise AssistError("no_project", "找不到这个项目", "no such project")
        fund_id = fund_id or project.fund_id
    fund = None
    if fund_id:
        fund = session.get(Fund, fund_id)
        if fund is None or fund.deleted:
            raise AssistError("no_fund", "找不到这个资金来源", "no such fund")
    if project is not None and fund is not None and project.fund_id != fund.id:
        raise AssistError("project_fund", f"项目“{project.name}”不属于资金“{fund.name}”", "project of another fund")
    return fund, project
