"""The shipped reference data (code lists, checklists, seed poverty lines) plus a county's additions.

This is the one place that reads those files, so the domain stays free of I/O and tests can point the
app at other data. A county adds codes or checklists by dropping ``codelists.local.json`` or
``checklists/*.json`` into the data folder (``FUPIN_DATA_DIR`` or the per-user data folder); shipped
codes are never renumbered by that, so stored records keep their meaning.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop_app.assets import asset_dir, asset_path
from desktop_app.config import data_dir  # one data folder (config); county files are read from it
from desktop_app.domain import labels as domain_labels
from desktop_app.domain.codelists import CodeLists
from desktop_app.domain.eligibility import Checklist, PovertyLine
from desktop_app.domain.errors import DomainError

LOCAL_CODELISTS = "codelists.local.json"
LOCAL_GROUP_ALIASES = "group_aliases.local.json"  # a county's own village-group aliases (data folder)


def _read_json(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8-sig") as handle:
            return json.load(handle)
    except (OSError, ValueError) as exc:
        raise DomainError(
            "bad_data_file", f"无法读取数据文件 {path}：{exc}", f"cannot read data file {path}: {exc}"
        ) from exc


@lru_cache(maxsize=1)
def codelists() -> CodeLists:
    lists = CodeLists.from_dict(_read_json(asset_path("resources", "codelists", "vocabulary.json")))
    local = data_dir() / LOCAL_CODELISTS
    if local.is_file():
        lists = lists.merged(_read_json(local))
    return lists


@lru_cache(maxsize=1)
def _checklists() -> tuple[Checklist, ...]:
    by_id: dict[str, Checklist] = {}
    folders = [asset_dir("forms") / "checklists", data_dir() / "checklists"]
    for folder in folders:  # a county file with a shipped id replaces the shipped checklist
        if folder.is_dir():
            for path in sorted(folder.glob("*.json")):
                checklist = Checklist.from_dict(_read_json(path))
                by_id[checklist.id] = checklist
    return tuple(by_id.values())


def checklists() -> list[Checklist]:
    return list(_checklists())


def checklist(checklist_id: str) -> Checklist:
    for item in _checklists():
        if item.id == checklist_id:
            return item
    raise KeyError(f"unknown checklist {checklist_id!r}")


@lru_cache(maxsize=1)
def _seed_rows() -> tuple[dict[str, Any], ...]:
    data = _read_json(asset_path("resources", "codelists", "poverty_lines.json"))
    return tuple(data["lines"])


def seed_poverty_lines() -> list[dict[str, Any]]:
    """Rows for storage to seed its editable poverty-line table; copies, so callers may change them."""
    return copy.deepcopy(list(_seed_rows()))


@lru_cache(maxsize=1)
def _monitoring_rows() -> tuple[dict[str, Any], ...]:
    return tuple(_read_json(asset_path("resources", "codelists", "monitoring_lines.json"))["lines"])


def seed_monitoring_lines() -> list[dict[str, Any]]:
    """The shipped monitoring lines (only the national 2021 one) for a new database; copies."""
    return copy.deepcopy(list(_monitoring_rows()))


@lru_cache(maxsize=1)
def income_lines() -> dict[str, Any]:
    """The county's income worksheet lines (``forms/income_lines.json``): groups, lines, extras."""
    data: dict[str, Any] = _read_json(asset_path("forms", "income_lines.json"))
    return data


def seed_lines() -> list[PovertyLine]:
    return [PovertyLine.from_dict(row) for row in _seed_rows()]


@lru_cache(maxsize=1)
def group_aliases() -> tuple[dict[str, str], tuple[str, ...]]:
    """(alias → canonical name, group-name suffixes): the shipped ``group_aliases.json`` with the county's
    ``group_aliases.local.json`` from the data folder over it (its aliases win, its suffixes are added)."""
    shipped = _read_json(asset_path("resources", "codelists", "group_aliases.json"))
    aliases = dict(shipped.get("aliases", {}))
    suffixes = list(shipped.get("suffixes", []))
    local = data_dir() / LOCAL_GROUP_ALIASES
    if local.is_file():
        own = _read_json(local)
        aliases.update(own.get("aliases", {}))
        suffixes += [s for s in own.get("suffixes", []) if s not in suffixes]
    return {str(k): str(v) for k, v in aliases.items()}, tuple(str(s) for s in suffixes)


def clear_cache() -> None:
    codelists.cache_clear()
    group_aliases.cache_clear()
    _checklists.cache_clear()
    _seed_rows.cache_clear()
    _monitoring_rows.cache_clear()
    income_lines.cache_clear()


def label(kind: str, code: str | None, lang: str = "zh") -> str:
    """The one label lookup for a code shown to a person: a code list of the card (``sex``, ``stage``…,
    county additions included) or a procedure vocabulary of :mod:`desktop_app.domain.labels` (``step``,
    ``outcome``, ``batch_result``…). "" for no code; an unknown code is returned as it is."""
    lang = "en" if lang == "en" else "zh"
    code_list = codelists().get(kind)
    if code_list is not None and code is not None and code in code_list:
        return code_list.label(code, lang)
    if domain_labels.known(kind):
        return domain_labels.label(kind, code, lang)
    return code or ""


def parse_label(kind: str, text: str | None) -> str | None:
    """The code a label or the code itself names (what :func:`label` wrote, in either language)."""
    code_list = codelists().get(kind)
    if code_list is not None:
        found = code_list.lookup(text)
        if found is not None:
            return found
    return domain_labels.parse(kind, text) if domain_labels.known(kind) else None
