"""The forms a cadre fills at each step, as data (``forms/steps/*.json``) that the UI renders generically.

A county may change labels, defaults or add optional fields by dropping a file with the same ``id`` into
``<data folder>/steps/``; the keys the services read stay the same. ``missing_fields`` names, in Chinese,
every required field left empty, so a form is refused as a whole and never half-saved.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from desktop_app.assets import asset_dir
from desktop_app.domain.procedure_rules import ProcedureError

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
    "objection",
    "member",
)


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
    from desktop_app.catalog import data_dir

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
        if f.required and (value is None or (isinstance(value, str | list | dict | tuple) and not value)):
            if isinstance(value, str) and value.strip():
                continue
            out.append(f)
        elif f.required and isinstance(value, str) and not value.strip():
            out.append(f)
    return out


def require(spec: FormSpec, values: Mapping[str, Any]) -> None:
    """Refuse the whole form when a required field is empty, naming each one."""
    missing = missing_fields(spec, values)
    if missing:
        raise ProcedureError(
            "form_incomplete",
            f"“{spec.zh}”还有必填项未填写：" + "、".join(f.zh for f in missing),
            f"'{spec.en}' has required fields left empty: " + ", ".join(f.en for f in missing),
        )
