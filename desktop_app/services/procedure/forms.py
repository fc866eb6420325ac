"""The forms a cadre fills at each step, as data (``forms/steps/*.json``) that the UI renders generically.

A county may change labels, defaults or add optional fields by dropping a file with the same ``id`` into
``<data folder>/steps/``; the keys the services read stay the same. ``missing_fields`` names, in Chinese,
every required field left empty, so a form is refused as a whole and never half-saved.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from desktop_app import catalog
from desktop_app.assets import asset_dir
from desktop_app.config import data_dir
from desktop_app.domain.procedure_rules import ProcedureError
from desktop_app.services.settings import county_look_checklists

FIELD_TYPES = (
    "text",
    "multiline",
    "date",
    "int",
    "bool",
    "choice",
    "households",
    "household",
    "votes",
    "multichoice",  # several codes of the field's options (a monitoring clue's risk types)
    "objection",
    "member",
    "looks",  # notes of what the team looked at, one per item of the named "look" checklists (五看, 四看 …)
)
MAX_LOOK_NOTE = 500  # characters of one note


@dataclass(frozen=True)
class Option:
    code: str
    zh: str
    en: str

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class FieldSpec:
    key: str
    type: str
    zh: str
    en: str
    required: bool = False
    default: Any = None
    options: tuple[Option, ...] = ()
    min: int | None = None
    max: int | None = None
    hint_zh: str = ""
    checklists: tuple[str, ...] = ()  # "looks": the checklists whose items get a note each

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class FormSpec:
    id: str
    zh: str
    en: str
    fields: tuple[FieldSpec, ...]
    help_zh: str = ""

    def title(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def field(self, key: str) -> FieldSpec:
        for spec in self.fields:
            if spec.key == key:
                return spec
        raise KeyError(key)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FormSpec:
        form_id = str(data.get("id", ""))
        fields = []
        for raw in data.get("fields", ()):
            kind = str(raw.get("type", ""))
            if kind not in FIELD_TYPES or not raw.get("key"):
                raise ProcedureError(
                    "bad_form",
                    f"表单 {form_id} 的字段 {raw.get('key')!r} 类型无效：{kind}",
                    f"form {form_id}: field {raw.get('key')!r} has an invalid type {kind}",
                )
            named = raw.get("checklists", ())
            if kind == "looks" and (not isinstance(named, list) or not named):
                raise ProcedureError(
                    "bad_form",
                    f"表单 {form_id} 的字段 {raw['key']!r} 须用 checklists 列出查看清单（如 hebei_five_looks）",
                    f"form {form_id}: field {raw['key']!r} must name its look checklists (e.g. hebei_five_looks)",
                )
            fields.append(
                FieldSpec(
                    key=str(raw["key"]),
                    type=kind,
                    zh=str(raw.get("zh", raw["key"])),
                    en=str(raw.get("en", "") or raw.get("zh", raw["key"])),
                    required=bool(raw.get("required", False)),
                    default=raw.get("default"),
                    options=tuple(
                        Option(str(o["code"]), str(o.get("zh", o["code"])), str(o.get("en", o["code"])))
                        for o in raw.get("options", ())
                    ),
                    min=raw.get("min"),
                    max=raw.get("max"),
                    hint_zh=str(raw.get("hint_zh", "")),
                    checklists=tuple(str(c) for c in named) if kind == "looks" else (),
                )
            )
        return cls(
            form_id,
            str(data.get("zh", form_id)),
            str(data.get("en", form_id)),
            tuple(fields),
            str(data.get("help_zh", "")),
        )


@lru_cache(maxsize=1)
def _forms() -> dict[str, FormSpec]:
    found: dict[str, FormSpec] = {}
    for folder in (asset_dir("forms") / "steps", data_dir() / "steps"):
        if folder.is_dir():
            for path in sorted(folder.glob("*.json")):
                with path.open(encoding="utf-8-sig") as handle:
                    spec = FormSpec.from_dict(json.load(handle))
                found[spec.id] = spec
    return found


def form(form_id: str) -> FormSpec:
    try:
        return _forms()[form_id]
    except KeyError:
        raise ProcedureError("form_missing", f"找不到表单 {form_id}", f"form {form_id} not found") from None


def all_forms() -> dict[str, FormSpec]:
    return dict(_forms())


def clear_cache() -> None:
    _forms.cache_clear()


def missing_fields(spec: FormSpec, values: Mapping[str, Any]) -> list[FieldSpec]:
    out = []
    for f in spec.fields:
        value = values.get(f.key)
        if f.required and f.type == "looks":  # every item looked at and noted
            notes = value if isinstance(value, Mapping) else {}
            if any(not str(notes.get(key) or "").strip() for key, _label in look_items(f)):
                out.append(f)
        elif f.required and (value is None or (isinstance(value, str | list | dict | tuple) and not value)):
            if isinstance(value, str) and value.strip():
                continue
            out.append(f)
        elif f.required and isinstance(value, str) and not value.strip():
            out.append(f)
    return out


def look_items(field: FieldSpec, lang: str = "zh") -> list[tuple[str, str]]:
    """(key, label) of every item of a "looks" field: key ``<checklist>.<item>``, label with its checklist."""
    return [(key, label) for _title, items in look_groups(field, lang) for key, label in items]


def look_groups(field: FieldSpec, lang: str = "zh") -> list[tuple[str, list[tuple[str, str]]]]:
    """The checklists of a "looks" field, each (title, [(key, item label)]); an unknown or wrong one is refused."""
    groups = []
    for checklist_id in field.checklists:
        try:
            checklist = catalog.checklist(checklist_id)
        except KeyError:
            checklist = None
        if checklist is None or checklist.kind != "look":
            raise ProcedureError(
                "bad_form",
                f"字段“{field.zh}”所列的查看清单不存在：{checklist_id}",
                f"field '{field.en}' names a look checklist that does not exist: {checklist_id}",
            )
        title = checklist.en if lang == "en" else checklist.zh
        items = [(f"{checklist.id}.{i.code}", i.en if lang == "en" else i.zh) for i in checklist.items]
        groups.append((title, items))
    return groups


def _look_labels(lang: str = "zh") -> dict[str, str]:
    """Every item of every "look" checklist, ``<checklist>.<item>`` → its label, in the checklists' order."""
    return {
        f"{c.id}.{i.code}": i.en if lang == "en" else i.zh
        for c in catalog.checklists()
        if c.kind == "look"
        for i in c.items
    }


def clean_looks(notes: Mapping[str, Any] | None) -> dict[str, str]:
    """The notes worth keeping (non-empty, trimmed), every key an item of a "look" checklist; else refused."""
    known = _look_labels()
    clean: dict[str, str] = {}
    for key, value in (notes or {}).items():
        text = str(value or "").strip()
        if not text:
            continue
        if key not in known:
            raise ProcedureError("bad_looks", f"入户查看记录中有未知条目：{key}", f"unknown look item: {key}")
        if len(text) > MAX_LOOK_NOTE:
            raise ProcedureError(
                "bad_looks",
                f"“{known[key]}”的记录过长（{len(text)} 字，最多 {MAX_LOOK_NOTE} 字）",
                f"the note on '{key}' is too long ({len(text)} characters, at most {MAX_LOOK_NOTE})",
            )
        clean[key] = text
    return clean


def describe_looks(notes: Mapping[str, Any] | None, lang: str = "zh") -> list[str]:
    """One line per note, "item: note", in the checklists' own order (the survey's record, for display)."""
    if not notes:
        return []
    colon = ": " if lang == "en" else "："
    return [f"{label}{colon}{notes[key]}" for key, label in _look_labels(lang).items() if notes.get(key)]


def require(spec: FormSpec, values: Mapping[str, Any]) -> None:
    """Refuse the whole form when a required field is empty, naming each one."""
    missing = missing_fields(spec, values)
    if missing:
        raise ProcedureError(
            "form_incomplete",
            f"“{spec.zh}”还有必填项未填写：" + "、".join(f.zh for f in missing),
            f"'{spec.en}' has required fields left empty: " + ", ".join(f.en for f in missing),
        )


def county_form(session: Any, form_id: str) -> FormSpec:
    """The form as this county fills it: its "looks" fields list the county's chosen look checklist
    (setting ``checklist.looks``: 五看 of Hebei by default, 四看 of Guizhou, or the county's own)."""
    spec = form(form_id)
    if not any(f.type == "looks" for f in spec.fields):
        return spec
    looks = county_look_checklists(session)
    fields = tuple(dataclasses.replace(f, checklists=looks) if f.type == "looks" and looks else f for f in spec.fields)
    return dataclasses.replace(spec, fields=fields)
