"""The change log of one household, worded for people: who changed what, when, old → new.

Codes are shown with their code-list labels, money in yuan, yes/no as words, and resident IDs and bank
accounts masked, because the history is shown on screen and printed with the card.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlmodel import Session, col

from desktop_app import catalog
from desktop_app.domain import fields, idnumber, labels
from desktop_app.domain.eligibility import GUARANTEE_LABELS
from desktop_app.domain.money import format_yuan
from desktop_app.storage.models import Area, Batch, Cadre, ChangeLog, Measure, Member, ProcedureEvent
from desktop_app.storage.models_accounts import AuditEntry
from desktop_app.storage.queries import table_of

# The vocabularies live in one place (desktop_app.domain.labels); these names stay for the merge screens.
ENTITY_LABELS: Mapping[str, tuple[str, str]] = labels.VOCABULARIES["history_entity"]
ACTION_LABELS: Mapping[str, tuple[str, str]] = labels.VOCABULARIES["history_action"]
FIELD_LABELS: Mapping[str, tuple[str, str]] = labels.FIELD_LABELS
# Fields whose stored value is a code of a code list, and yes/no fields: from the declaration (domain.fields).
CODE_FIELDS: Mapping[tuple[str, str], str] = fields.coded_fields()
BOOL_FIELDS = fields.yes_no_fields() | {"deleted"}
MASKED_FIELDS = {"id_number", "bank_account"}
JSON_FIELDS = {"data", "guarantee_notes", "checklist_answers", "look_notes"}


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    operator: str
    action: str  # create, update, delete
    entity: str
    record_label: str  # the member's name, the measure's type…
    field: str
    field_label_zh: str
    field_label_en: str
    old_zh: str
    new_zh: str
    old_en: str
    new_en: str

    def describe(self, lang: str = "zh") -> str:
        """One line: 成员 张三 · 民族：汉族 → 白族 (an empty side reads （空）)."""
        entity = labels.label("history_entity", self.entity, lang)
        who = f"{entity} {self.record_label}".strip()
        if self.action == "create" or not self.field:
            return f"{labels.label('history_action', self.action, lang)} {who}"
        if self.field == "reason":  # 迁移：家中建了新房（由第1村民小组迁至第2村民小组）
            act = labels.label("history_action", self.action, lang)
            return f"{act}{': ' if lang == 'en' else '：'}{self.new_en if lang == 'en' else self.new_zh}"
        label = self.field_label_en if lang == "en" else self.field_label_zh
        old, new = (self.old_en, self.new_en) if lang == "en" else (self.old_zh, self.new_zh)
        colon = ": " if lang == "en" else "："
        return f"{who} · {label}{colon}{old or labels.empty(lang)} → {new or labels.empty(lang)}"


def shown_value(entity: str, field: str, value: str | None, lang: str = "zh") -> str:
    """A change-log value as a person reads it: labels for codes, yuan for fen, masked IDs, details read out."""
    if value is None or value == "":
        return ""
    if field in MASKED_FIELDS:
        return idnumber.mask(value) if field == "id_number" else "*" * max(0, len(value) - 4) + value[-4:]
    list_id = CODE_FIELDS.get((entity, field))
    if list_id:
        return "、".join(catalog.label(list_id, code, lang) for code in value.split(","))
    vocabulary = labels.ENTITY_FIELD_VOCABULARY.get((entity, field))
    if vocabulary:
        return labels.label(vocabulary, value, lang)
    if field in BOOL_FIELDS:
        return catalog.label("yes_no", "1" if value == "1" else "0", lang)
    if field in JSON_FIELDS:
        return _json_text(value, lang)
    if field.endswith("_fen"):
        try:
            return format_yuan(int(value))
        except ValueError:
            return value
    return value


def _json_text(value: str, lang: str) -> str:
    """Details stored as JSON, read out ("实到 19；赞成 18"); nested answers as their texts."""
    try:
        data = json.loads(value)
    except ValueError:
        return value
    if not isinstance(data, dict):
        return "、".join(str(v) for v in data) if isinstance(data, list) else str(data)
    text = labels.data_text(data, lang)
    if text:
        return text
    parts = []
    for key, item in data.items():
        if isinstance(item, str | int) and not isinstance(item, bool) and str(item).strip():
            name = GUARANTEE_LABELS.get(key, ("", ""))[1 if lang == "en" else 0]
            parts.append(f"{name}：{item}" if name else str(item))
        elif isinstance(item, bool):
            name = GUARANTEE_LABELS.get(key, ("", ""))[1 if lang == "en" else 0]
            if name:
                parts.append(f"{name}：{catalog.label('yes_no', '1' if item else '0', lang)}")
    return ("; " if lang == "en" else "；").join(parts)


_REF_FIELDS = {"cadre_id", "village_id", "group_id", "batch_id"}


def _ref_names(session: Session, ids: set[str]) -> dict[str, str]:
    """Names of the cadres, areas and batches a record points at, so the history shows names, not ids."""
    if not ids:
        return {}
    found = dict(session.execute(select(col(Cadre.id), col(Cadre.name)).where(col(Cadre.id).in_(ids))).all())
    found.update(session.execute(select(col(Area.id), col(Area.name)).where(col(Area.id).in_(ids))).all())
    found.update(session.execute(select(col(Batch.id), col(Batch.number)).where(col(Batch.id).in_(ids))).all())
    return found


def _decided_updates(rows: list[ChangeLog]) -> set[str]:
    """Ids of the plain field updates that a conflict decision wrote with its own "resolve" row.

    Deciding a conflict changes the field (the audit hook logs an update, which merging needs) and records the
    decision; the cadre reads one line for one decision, so the update beside its decision is not shown again.
    """
    decisions = {
        (r.entity, r.entity_id, r.field, r.old_value, r.new_value): r.at for r in rows if r.action == "resolve"
    }
    hidden: set[str] = set()
    for r in rows:
        at = decisions.get((r.entity, r.entity_id, r.field, r.old_value, r.new_value))
        if r.action == "update" and at is not None and abs((r.at - at).total_seconds()) < 60:
            hidden.add(r.id)
    return hidden


def _copied() -> Any:
    a = table_of(AuditEntry).c
    return select(a.id).where(a.copied_by != "")


def household_history(session: Session, household_id: str, *, limit: int = 2000) -> list[HistoryEntry]:
    """Newest first."""
    rows = (
        session.execute(
            select(ChangeLog)
            .where(col(ChangeLog.household_id) == household_id)
            # rows of audit entries a merge copied from another database describe that database's writes;
            # this database's own rows of the merge show what it received
            .where(or_(col(ChangeLog.audit_entry).is_(None), col(ChangeLog.audit_entry).not_in(_copied())))
            .order_by(col(ChangeLog.at).desc(), col(ChangeLog.entity), col(ChangeLog.field))
            .limit(limit)
        )
        .scalars()
        .all()
    )
    member_ids = {r.entity_id for r in rows if r.entity == "member"}
    measure_ids = {r.entity_id for r in rows if r.entity == "measure"}
    names = (
        dict(session.execute(select(col(Member.id), col(Member.name)).where(col(Member.id).in_(member_ids))).all())
        if member_ids
        else {}
    )
    measure_types = (
        dict(session.execute(select(col(Measure.id), col(Measure.type)).where(col(Measure.id).in_(measure_ids))).all())
        if measure_ids
        else {}
    )
    event_ids = {r.entity_id for r in rows if r.entity == "procedure_event"}
    steps = (
        dict(
            session.execute(
                select(col(ProcedureEvent.id), col(ProcedureEvent.step)).where(col(ProcedureEvent.id).in_(event_ids))
            ).all()
        )
        if event_ids
        else {}
    )
    types = catalog.codelists()["measure_type"]
    refs = {v for r in rows if r.field in _REF_FIELDS for v in (r.old_value, r.new_value) if v}
    ref_names = _ref_names(session, refs)
    decided = _decided_updates(list(rows))
    entries = []
    for r in rows:
        if r.field == "sort_order" or r.id in decided:
            continue
        record = names.get(r.entity_id, "") if r.entity == "member" else ""
        if r.entity == "measure":
            record = types.label(measure_types.get(r.entity_id), "zh")
        elif r.entity == "procedure_event":
            record = labels.label("step", steps.get(r.entity_id), "zh")
        label_zh = labels.field_label(r.entity, r.field, "zh") if r.field else ""
        label_en = labels.field_label(r.entity, r.field, "en") if r.field else ""
        if r.field == "reason":
            act_zh, act_en = (labels.label("history_action", r.action, lang) for lang in ("zh", "en"))
            label_zh, label_en = f"{act_zh}原因", f"reason ({act_en})"
        entries.append(
            HistoryEntry(
                at=r.at,
                operator=r.operator,
                action=r.action,
                entity=r.entity,
                record_label=record,
                field=r.field,
                field_label_zh=label_zh,
                field_label_en=label_en,
                old_zh=ref_names.get(r.old_value or "") or shown_value(r.entity, r.field, r.old_value, "zh"),
                new_zh=ref_names.get(r.new_value or "") or shown_value(r.entity, r.field, r.new_value, "zh"),
                old_en=ref_names.get(r.old_value or "") or shown_value(r.entity, r.field, r.old_value, "en"),
                new_en=ref_names.get(r.new_value or "") or shown_value(r.entity, r.field, r.new_value, "en"),
            )
        )
    return entries
