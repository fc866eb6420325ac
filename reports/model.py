"""What goes on each printed document, as plain data (labels already in Chinese, dates as dates).

The services fill these from the database (``desktop_app.services.printing.render``); the renderers lay them out.
Public documents get only what their dataclass holds: there is no field for an ID number, an income or a
health condition on ``PublicRow``, so they cannot leak onto a notice board by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Place:
    county: str = ""
    township: str = ""
    village: str = ""
    village_code: str = ""


@dataclass(frozen=True)
class PublicRow:
    """One household on a public list: nothing private."""

    name: str
    group: str
    size: int
    attribute: str
    cause: str
    identification_year: int | None = None
    exit_year: int | None = None


@dataclass(frozen=True)
class AnnouncementData:
    kind: str  # the batch kind: village_announcement, township_announcement, county_notice, exit_…
    title: str
    intro: str
    objection_text: str
    place: Place
    start: date | None
    end: date | None
    issuing_body: str
    issued_on: date | None
    rows: list[PublicRow]
    batch_number: str = ""
    contact_text: str = ""  # objection telephone and address, on a line of their own
    exit: bool = False  # exit lists show the identification and exit years instead of the cause


@dataclass(frozen=True)
class Section:
    title: str
    pairs: list[tuple[str, str]]


@dataclass(frozen=True)
class CardData:
    place: Place
    number: str
    head_name: str
    sections: list[Section]  # household basics, living conditions, income, causes, pairing cadre
    member_columns: list[str]
    members: list[list[str]]
    plan: list[list[str]]  # year, type, content, amount, funds source, period
    delivered: list[list[str]]  # date, type, content, amount, result
    income_followup: list[list[str]]  # year, per-capita income, line, above the line
    exit_record: list[tuple[str, str]]
    history: list[list[str]]  # date, step, outcome, who
    cadre_name: str = ""
    printed_on: date | None = None


@dataclass(frozen=True)
class RegisterMember:
    name: str
    id_number: str
    relation: str
    sex: str
    age: str
    ethnicity: str
    education: str
    health: str
    labour: str
    work: str


@dataclass(frozen=True)
class RegisterHousehold:
    number: str
    group: str
    head_name: str
    attribute: str
    cause: str
    status: str
    size: int
    identification_year: str
    phone: str
    members: list[RegisterMember]


@dataclass(frozen=True)
class RegisterData:
    place: Place
    households: list[RegisterHousehold]
    printed_on: date

    @property
    def member_count(self) -> int:
        return sum(len(h.members) for h in self.households)


@dataclass(frozen=True)
class VoteRow:
    name: str
    group: str
    size: int
    votes_for: int | None
    votes_against: int | None
    votes_abstain: int | None
    result: str


@dataclass(frozen=True)
class MinutesData:
    title: str
    place: Place
    meeting_date: date | None
    location: str
    chair: str
    recorder: str
    expected: int | None
    present: int | None
    attendees: list[str]
    guests: list[str]
    rows: list[VoteRow]
    rule_text: str = ""
    note: str = ""


@dataclass(frozen=True)
class ObjectionRow:
    household: str
    group: str
    raised_by: str
    contact: str
    raised_on: date | None
    content: str
    investigator: str
    finding: str
    decision: str
    action: str
    decided_on: date | None
    decided_by: str
    informed: str
    status: str


@dataclass(frozen=True)
class ObjectionsData:
    title: str
    place: Place
    batch_title: str
    start: date | None
    end: date | None
    objections: list[ObjectionRow]


@dataclass(frozen=True)
class GroupCount:
    group: str
    counts: dict[str, int]  # status label -> households


@dataclass(frozen=True)
class WallChartData:
    place: Place
    year: int
    statuses: list[str]  # status labels in display order
    groups: list[GroupCount]
    households: list[list[str]]  # name, group, size, attribute, cause, cadre, status
    plan: list[list[str]]  # name, year, type, content, cadre
    delivered: list[list[str]]  # name, date, type, content, result
    progress: list[list[str]]  # group, registered, in poverty, pre-exit, exited, returned, exit rate
    printed_on: date = field(default_factory=date.today)
