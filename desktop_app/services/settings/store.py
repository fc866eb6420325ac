"""Reading and saving the declared settings (``desktop_app.domain.settings``) in their two homes.

Database settings are rows ``setting.<key>`` of ``app_setting`` plus ``settings.version``; machine settings
are fields of ``config.json``. Saving checks every value first and writes nothing when one is refused.
The accessors at the end are what the rest of the app uses: the county's checklists, what printing puts
on an announcement, the export folder.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from desktop_app import catalog
from desktop_app import config as machine_config
from desktop_app.domain import settings as decl
from desktop_app.domain.eligibility import Checklist
from desktop_app.domain.identity import Identity
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import AppSetting

PREFIX = "setting."
VERSION_KEY = "settings.version"
LANGUAGES = (("zh_CN", "中文（简体）"), ("en", "English"))
CHECKLIST_KEYS = {"look": "checklist.looks", "exclusion": "checklist.exclusions", "priority": "checklist.priorities"}


def choices(spec: decl.SettingSpec, lang: str = "zh") -> list[tuple[str, str]]:
    """(value, label) of a choice setting: the checklists of that kind found (shipped and the county's own)."""
    if spec.choices == "language":
        return list(LANGUAGES)
    if spec.choices.startswith("checklist:"):
        kind = spec.choices.split(":", 1)[1]
        return [(c.id, c.en if lang == "en" else c.zh) for c in catalog.checklists() if c.kind == kind]
    return []


def database_values(session: Session) -> dict[str, str]:
    rows = session.exec(select(AppSetting).where(col(AppSetting.key).startswith(PREFIX))).all()
    stored = {row.key.removeprefix(PREFIX): row.value for row in rows}
    version_row = session.get(AppSetting, VERSION_KEY)
    version = int(version_row.value) if version_row and version_row.value.isdigit() else 0
    return {**decl.defaults(decl.DATABASE), **decl.upgrade(stored, version)}


def machine_values(settings: machine_config.Settings | None = None) -> dict[str, str]:
    settings = settings or machine_config.load_settings()
    stored = {key: str(settings.value(key)) for key in machine_config.MACHINE_KEYS}
    return {**decl.defaults(decl.MACHINE), **decl.upgrade(stored, settings.settings_version)}


def all_values(session: Session) -> dict[str, str]:
    return {**machine_values(), **database_values(session)}


def validate(changes: Mapping[str, Any]) -> dict[str, str]:
    """Every value cleaned, or the first refusal (a DomainError naming the setting)."""
    clean: dict[str, str] = {}
    for key, value in changes.items():
        spec = decl.spec(key)
        clean[key] = spec.clean(value, [v for v, _label in choices(spec)])
    if "operator" in clean or "unit" in clean:
        current = machine_config.load_settings()
        Identity.checked(clean.get("operator", current.operator), clean.get("unit", current.unit))
    return clean


def save(session: Session, changes: Mapping[str, Any]) -> machine_config.Settings:
    """Store the changed settings; the database part joins the caller's transaction. Returns the machine's."""
    clean = validate(changes)
    for key, value in clean.items():
        if decl.spec(key).scope == decl.DATABASE:
            row = session.get(AppSetting, PREFIX + key) or AppSetting(key=PREFIX + key)
            row.value = value
            session.add(row)
    version = session.get(AppSetting, VERSION_KEY) or AppSetting(key=VERSION_KEY)
    version.value = str(decl.VERSION)
    session.add(version)
    session.flush()
    return _save_machine(clean)


def _save_machine(clean: Mapping[str, str]) -> machine_config.Settings:
    settings = machine_config.load_settings()
    machine = {k: v for k, v in clean.items() if decl.spec(k).scope == decl.MACHINE}
    if machine or settings.settings_version != decl.VERSION:
        for key, value in machine.items():
            setattr(settings, key, value)
        settings.settings_version = decl.VERSION
        settings.save()
    return settings


def save_identity(identity: Identity) -> machine_config.Settings:
    """Who is working on this machine (first run, the "who are you" question, the settings page)."""
    checked = Identity.checked(identity.name, identity.unit)
    settings = machine_config.load_settings()
    settings.set_identity(checked)
    settings.settings_version = decl.VERSION
    settings.save()
    return settings


# --- what the rest of the app reads ------------------------------------------------------------------------


def county_checklists(session: Session) -> list[Checklist]:
    """The county's look, exclusion and priority checklists (others of those kinds are not used);
    a chosen checklist whose file is missing on this laptop falls back to the shipped default."""
    values = database_values(session)
    known = {c.id: c for c in catalog.checklists()}
    chosen: list[Checklist] = []
    for kind, key in CHECKLIST_KEYS.items():
        wanted = known.get(values[key]) or known.get(decl.spec(key).default)
        if wanted is not None and wanted.kind == kind:
            chosen.append(wanted)
    return chosen + [c for c in known.values() if c.kind not in CHECKLIST_KEYS]


def county_look_checklists(session: Session) -> tuple[str, ...]:
    return tuple(c.id for c in county_checklists(session) if c.kind == "look")


@dataclass(frozen=True)
class PrintDefaults:
    contact_phone: str = ""
    contact_place: str = ""
    village_body: str = "{村名}村民委员会"
    township_body: str = "{乡镇名}人民政府"
    county_body: str = "{县名}扶贫开发领导小组办公室"

    def body(self, level: str, *, county: str = "", township: str = "", village: str = "") -> str:
        template = {"village": self.village_body, "township": self.township_body}.get(level, self.county_body)
        return decl.fill(template, county=county, township=township, village=village)


def print_defaults(session: Session) -> PrintDefaults:
    values = database_values(session)
    return PrintDefaults(
        contact_phone=values["print.contact_phone"],
        contact_place=values["print.contact_place"],
        village_body=values["print.village_body"],
        township_body=values["print.township_body"],
        county_body=values["print.county_body"],
    )


def export_folder() -> str:
    """Where the export's file chooser opens ("" when not set or the folder is gone)."""
    from pathlib import Path

    folder = machine_config.load_settings().export_folder
    return folder if folder and Path(folder).is_dir() else ""


# --- use cases (front ends) --------------------------------------------------------------------------------


def settings_values(db: Database) -> dict[str, str]:
    """Every declared setting's value: this machine's and the county's (the database's)."""
    with reading(db) as session:
        return all_values(session)


def save_settings(db: Database, changes: Mapping[str, Any]) -> machine_config.Settings:
    """Check every changed value, then store them in one unit of work; a refused value (a DomainError naming
    the setting) writes nothing. Returns this machine's settings. Changes of this computer's own settings
    only (language, folders) touch no database and need no role (``settings.save`` is the county's)."""
    if all(decl.spec(key).scope == decl.MACHINE for key in changes):
        return _save_machine(validate(changes))
    with writing(db, "settings.save") as work:
        return save(work.session, changes)


def checklists_of(db: Database) -> list[Checklist]:
    """The county's checklists (see :func:`county_checklists`)."""
    with reading(db) as session:
        return county_checklists(session)


def print_defaults_of(db: Database) -> PrintDefaults:
    """What printing puts on announcements by default (see :func:`print_defaults`)."""
    with reading(db) as session:
        return print_defaults(session)
