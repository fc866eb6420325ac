"""What goes on the monitoring documents (防止返贫监测), as plain data: labels already in Chinese.

The services fill these from the monitoring cases (``desktop_app.services.printing.monitoring_docs``); the
renderers of ``reports.monitoring`` lay them out. The public lists get only ``MonitorPublicRow``: it has no
field for an ID number, a phone, a bank account, an income or a health condition.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from desktop_app.reports.model import Place


@dataclass(frozen=True)
class MonitorPublicRow:
    """One household on a village notice or announcement: nothing private."""

    name: str
    group: str
    size: int
    category: str  # 监测对象类别 label (no risk types: 因病/因残 would tell of a member's health)
    extra: str = ""  # the removal method on a removal notice


@dataclass(frozen=True)
class MonitorListData:
    kind: str  # monitor-notice | monitor-announcement | removal-notice
    title: str
    intro: str
    objection_text: str
    closing: str  # 特此公示。 / 特此公告。
    place: Place
    issuing_body: str
    issued_on: date | None
    rows: list[MonitorPublicRow]
    extra_title: str = ""  # the column of MonitorPublicRow.extra ("" = not shown)
    contact_text: str = ""
    batch_number: str = ""  # as AnnouncementData (the monitoring lists have no batch number yet)


@dataclass(frozen=True)
class FormMember:
    name: str
    relation: str
    sex: str
    id_number: str  # always masked on these forms
    age: str
    education: str
    health: str
    labour: str
    work: str
    adult: bool


@dataclass(frozen=True)
class MonitorFormData:
    """One household's form: consent (承诺授权书), collection form (信息采集表) or check form (入户核查表)."""

    kind: str
    title: str
    term: str  # 监测对象 / 防止返贫致贫对象
    place: Place
    number: str
    head_name: str
    group: str
    address: str
    facts: list[tuple[str, str]]  # household and case facts, label → value
    members: list[FormMember]
    income: list[tuple[str, str]]  # the year's income record, label → value ("" when none)
    income_year: str
    risks: list[tuple[str, str]] = field(default_factory=list)  # risk label, ticked ("√" / "□")
    checkers: list[str] = field(default_factory=list)
    findings: str = ""
    check_date: date | None = None
    printed_on: date | None = None
