"""Open merge conflicts, worded for people, and a person's decision: keep mine, keep theirs, or a new value.

A decision is a local edit: the record changes through the ORM (so the audit hook bumps its version and logs
the field), a ``resolve`` row in the change log records which value was kept and who decided, and the
household's conflict flag is cleared once none of its conflicts is open.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from desktop_app import catalog
from desktop_app.domain import idnumber, labels
from desktop_app.domain.errors import DomainError
from desktop_app.domain.identity import require_signature
from desktop_app.services.households.history import CODE_FIELDS, shown_value
from desktop_app.services.merge import state as ms
from desktop_app.services.merge.households import mark_conflicted_households, refresh_households
from desktop_app.storage.models import ChangeLog, Household, Member
from desktop_app.storage.models_merge import MergeConflict
from desktop_app.storage.queries import table_of
from desktop_app.storage.types import utcnow

KEEP_CHOICES = ("mine", "theirs", "value")
_DELETED_WORDS = {"1": ("已删除", "removed"), "0": ("保留", "kept")}
_ENTITY_FALLBACK = {
    "household": ("户卡", "card"),
    "member": ("成员", "member"),
    "measure": ("帮扶措施", "measure"),
    "procedure_event": ("识别程序", "procedure"),
    "area": ("区划", "area"),
    "cadre": ("帮扶责任人", "cadre"),
}


def field_label(table: str, name: str, lang: str = "zh") -> str:
    if name == "deleted":
        return "删除/保留" if lang != "en" else "removed / kept"
    pair = labels.FIELD_LABELS.get(name)
    return (pair[1] if lang == "en" else pair[0]) if pair else name


def entity_label(table: str, lang: str = "zh") -> str:
    pair = labels.VOCABULARIES["history_entity"].get(table) or _ENTITY_FALLBACK.get(table, (table, table))
    return pair[1] if lang == "en" else pair[0]


def shown(table: str, name: str, value: str | None, lang: str = "zh", *, mask: bool = True) -> str:
    """A stored value as a person reads it (code-list labels, yuan, yes/no)."""
    if value is None:
        return ""
    if name == "deleted":
        pair = _DELETED_WORDS.get(value, (value, value))
        return pair[1] if lang == "en" else pair[0]
    if name == "id_number" and not mask:
        return value
    return shown_value(table, name, value, lang)


@dataclass
class Candidate:
    value: str | None
    shown: str
    sources: str  # who had this value, e.g. "笔记本A、本机"


@dataclass
class ConflictView:
    id: str
    household_id: str | None
    household_number: str
    head_name: str
    table: str
    record_id: str
    record_label: str  # "户卡" or the member's name
    field: str
    field_label: str
    local_value: str | None
    incoming_value: str | None
    base_value: str | None
    local_shown: str
    incoming_shown: str
    base_shown: str
    source: str
    created_at: datetime
    candidates: list[Candidate] = dataclasses.field(default_factory=list)
    resolved_at: datetime | None = None
    resolution: str = ""
    resolved_value: str | None = None
    resolved_by: str = ""

    def as_json(self, *, mask: bool = True) -> dict[str, Any]:
        def safe(value: str | None) -> str | None:
            if mask and self.field == "id_number" and value:
                return idnumber.mask(value)
            return value

        return {
            "id": self.id,
            "household_number": self.household_number,
            "head_name": self.head_name,
            "table": self.table,
            "record_id": self.record_id,
            "record": self.record_label,
            "field": self.field,
            "field_label": self.field_label,
            "mine": safe(self.local_value),
            "theirs": safe(self.incoming_value),
            "base": safe(self.base_value),
            "mine_shown": self.local_shown,
            "theirs_shown": self.incoming_shown,
            "base_shown": self.base_shown,
            "source": self.source,
            "candidates": [{"value": safe(c.value), "shown": c.shown, "sources": c.sources} for c in self.candidates],
            "created_at": self.created_at.isoformat(),
            "resolved_at": self.resolved_at.isoformat() if self.resolved_at else None,
            "resolution": self.resolution or None,
        }


def list_conflicts(
    session: Session,
    *,
    household_id: str | None = None,
    include_resolved: bool = False,
    lang: str = "zh",
    mask: bool = True,
) -> list[ConflictView]:
    c = table_of(MergeConflict).c
    query = select(MergeConflict)
    if household_id is not None:
        query = query.where(c.household_id == household_id)
    if not include_resolved:
        query = query.where(c.resolved_at.is_(None))
    rows = list(session.execute(query).scalars())
    h = table_of(Household).c
    homes = session.execute(select(Household).where(h.id.in_({r.household_id for r in rows if r.household_id})))
    households = {home.id: home for home in homes.scalars()}
    m = table_of(Member).c
    member_rows = session.execute(
        select(m.id, m.name).where(m.id.in_({r.record_id for r in rows if r.table_name == "member"}))
    )
    member_names: dict[str, str] = {r.id: r.name for r in member_rows}
    views = []
    for r in rows:
        home = households.get(r.household_id or "")
        label = member_names.get(r.record_id) if r.table_name == "member" else None
        views.append(
            ConflictView(
                id=r.id,
                household_id=r.household_id,
                household_number=home.number if home else "",
                head_name=home.head_name if home else "",
                table=r.table_name,
                record_id=r.record_id,
                record_label=label or entity_label(r.table_name, lang),
                field=r.field,
                field_label=field_label(r.table_name, r.field, lang),
                local_value=r.local_value,
                incoming_value=r.incoming_value,
                base_value=r.base_value,
                local_shown=shown(r.table_name, r.field, r.local_value, lang, mask=mask),
                incoming_shown=shown(r.table_name, r.field, r.incoming_value, lang, mask=mask),
                base_shown=shown(r.table_name, r.field, r.base_value, lang, mask=mask) if r.base_known else "?",
                source=r.source,
                created_at=r.created_at,
                candidates=[
                    Candidate(
                        value=c["value"],
                        shown=shown(r.table_name, r.field, c["value"], lang, mask=mask),
                        sources="、".join(s["label"] for s in c.get("sources", [])),
                    )
                    for c in r.candidates or []
                ],
                resolved_at=r.resolved_at,
                resolution=r.resolution,
                resolved_value=r.resolved_value,
                resolved_by=r.resolved_by,
            )
        )
    views.sort(key=lambda v: (v.household_number, v.table != "household", v.record_label, v.field, v.id))
    return views


def find_conflict(session: Session, text_id: str) -> MergeConflict:
    """A conflict by its id or a unique prefix of it (at least 6 characters), as the CLI accepts it."""
    text_id = text_id.strip()
    row = session.get(MergeConflict, text_id)
    if row is None and len(text_id) >= 6:
        found = list(
            session.execute(select(MergeConflict).where(table_of(MergeConflict).c.id.startswith(text_id))).scalars()
        )
        if len(found) > 1:
            raise DomainError("conflict_ambiguous", f"冲突编号 {text_id} 不唯一，请输入更长的编号。")
        row = found[0] if found else None
    if row is None:
        raise DomainError("conflict_unknown", f"没有编号为 {text_id} 的冲突。")
    return row


def _decided_value(row: MergeConflict, keep: str, value: Any) -> str | None:
    if keep == "mine":
        return row.local_value
    if keep == "theirs":
        if value is None:
            return row.incoming_value
        wanted = ms.text(value)
        if wanted not in {c["value"] for c in row.candidates or []}:
            raise DomainError("conflict_not_candidate", f"值 {wanted} 不是该冲突中的任何一方。")
        return wanted
    if keep == "value":
        if value is None and row.field != "id_number":
            return None
        column = ms.stored_columns(row.table_name).get(row.field)
        code_list = _code_list(row.table_name, row.field)
        if code_list is not None and isinstance(value, str) and value.strip():
            codes = [code_list.lookup(part) or part.strip() for part in value.replace("、", ",").split(",")]
            value = ",".join(codes)
        if row.field == "deleted":
            return "1" if ms.text(value) in ("1", "是", "已删除", "True", "true") else "0"
        if column is None:
            raise DomainError("conflict_field", f"字段 {row.field} 不能直接修改。")
        try:
            typed = ms.coerce(column, value.strip() if isinstance(value, str) else value)
        except ValueError as exc:
            raise DomainError(
                "conflict_bad_value", f"{field_label(row.table_name, row.field)}：值无法识别（{exc}）"
            ) from exc
        if row.field == "id_number" and typed:
            typed = idnumber.check(str(typed)).normalized
        if code_list and typed and not all(code_list.label(c, "zh") for c in str(typed).split(",")):
            raise DomainError(
                "conflict_bad_code", f"{field_label(row.table_name, row.field)}：代码 {typed} 不在代码表中。"
            )
        return ms.text(typed)
    raise DomainError("conflict_keep", "处理方式应为 mine、theirs 或 value。")


def _code_list(table: str, name: str) -> Any:
    list_id = CODE_FIELDS.get((table, name))
    return catalog.codelists()[list_id] if list_id else None


def resolve_conflict(session: Session, conflict_id: str, *, keep: str, value: Any = None) -> str | None:
    """Decide one open conflict; returns the value kept (text form). Raises DomainError on bad input."""
    operator = require_signature(session.info, "处理冲突")
    row = find_conflict(session, conflict_id)
    if row.resolved_at is not None:
        raise DomainError("conflict_resolved", "该冲突已经处理过。")
    decided = _decided_value(row, keep, value)
    record = session.get(ms.model(row.table_name), row.record_id)
    if record is None:
        raise DomainError("conflict_record", "冲突涉及的记录已不存在。")
    before = ms.text(getattr(record, row.field))
    if decided != before:
        if row.field == "deleted":
            record.deleted = decided == "1"
        else:
            column = ms.stored_columns(row.table_name)[row.field]
            setattr(record, row.field, ms.from_text(column, decided))
    now = utcnow()
    row.resolved_at = now
    row.resolution = keep
    row.resolved_value = decided
    row.resolved_by = operator[:100]
    session.flush()  # the audit hook logs the field change and bumps the record's version
    session.add(
        ChangeLog(
            at=now,
            entity=row.table_name,
            entity_id=row.record_id,
            household_id=row.household_id,
            action="resolve",
            field=row.field,
            old_value=before,
            new_value=decided,
            operator=f"{operator}（处理冲突：{_KEEP_WORDS[keep]}）"[:100],
            device_id=session.info.get("device_id", ""),
            audit_entry=session.info.get("audit_entry"),
        )
    )
    session.flush()
    if row.household_id:
        refresh_households(session, [row.household_id])
        mark_conflicted_households(session, [row.household_id])
    return decided


_KEEP_WORDS = {"mine": "保留本机", "theirs": "采用对方", "value": "改为新值"}


def resolve_many(session: Session, decisions: list[tuple[str, str, Any]]) -> int:
    """Apply several decisions (conflict id, keep, value) in the caller's transaction: all or nothing."""
    for conflict_id, keep, value in decisions:
        resolve_conflict(session, conflict_id, keep=keep, value=value)
    return len(decisions)


def open_conflict_count(session: Session, household_id: str | None = None) -> int:
    from sqlalchemy import func

    c = table_of(MergeConflict).c
    query = select(func.count()).select_from(MergeConflict).where(c.resolved_at.is_(None))
    if household_id is not None:
        query = query.where(c.household_id == household_id)
    return int(session.execute(query).scalar_one())


__all__ = [
    "KEEP_CHOICES",
    "Candidate",
    "ConflictView",
    "find_conflict",
    "list_conflicts",
    "open_conflict_count",
    "resolve_conflict",
    "resolve_many",
]
