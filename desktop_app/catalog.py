"""The shipped reference data (code lists, checklists, seed poverty lines) plus a county's additions.

This is the one place that reads those files, so the domain stays free of I/O and tests can point the
app at other data. A county adds codes or checklists by dropping ``codelists.local.json`` or
``checklists/*.json`` into the data folder (``FUPIN_DATA_DIR`` or the per-user data folder); shipped
codes are never renumbered by that, so stored records keep their meaning.

A county's own codes for our lists (``county_codes.json`` or ``county_codes.csv`` in the data folder, see
docs/codelists.md) are read here too; :func:`national_label`, :func:`parse_code` and :func:`parse_codes` are
what the exporters and importers of the national layouts use.
"""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop_app.assets import asset_dir, asset_path
from desktop_app.config import data_dir  # one data folder (config); county files are read from it
from desktop_app.domain import labels as domain_labels
from desktop_app.domain.codelists import CodeLists
from desktop_app.domain.county_codes import CountyCodes, ParsedCodes, resolve, split_multi
from desktop_app.domain.eligibility import Checklist, PovertyLine
from desktop_app.domain.errors import DomainError

LOCAL_CODELISTS = "codelists.local.json"
LOCAL_GROUP_ALIASES = "group_aliases.local.json"  # a county's own village-group aliases (data folder)
COUNTY_CODES_JSON = "county_codes.json"
COUNTY_CODES_CSV = "county_codes.csv"
# The headers of a county mapping CSV (the first four are required, 县名称 may be left out).
COUNTY_CSV_HEADERS = ("代码表", "县代码", "本系统代码", "县名称")


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
    county_codes.cache_clear()
    _parse_cached.cache_clear()
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


# --- national tables and the county's own codes -------------------------------------------------------------


def national_id(kind: str) -> str:
    """The national code table a list corresponds to (``relation`` → "1010"); "" where none is known."""
    code_list = codelists().get(kind)
    return code_list.national_id if code_list is not None else ""


def national_label(kind: str, code: str | None) -> str:
    """The label the national system's files use for ``code``: the county's wording (county_codes file),
    else the national label of the shipped list, else ours (:func:`label`). "" for no code; an unknown code
    is returned as it is."""
    if code is None or code == "":
        return ""
    code_list = codelists().get(kind)
    if code_list is not None and code in code_list:
        county = county_codes().get(kind)
        if county is not None and code in county.national:
            return county.national[code]
        return code_list.national_label(code)
    return label(kind, code)


def join_national(kind: str, codes: Iterable[str] | str | None, separator: str = ",") -> str:
    """A multi-select value as the national files write it: "其他,技能培训" (stored codes comma-joined or a list)."""
    if codes is None:
        return ""
    parts = codes.split(",") if isinstance(codes, str) else list(codes)
    return separator.join(national_label(kind, c) for c in parts if c)


def parse_code(kind: str, text: str | None) -> str | None:
    """Our code for what a file wrote: our code, our label (either language) or an alias, the national label,
    the county's code or label (county_codes file), full-width or spaced spellings ("之　子", "０３").
    None when nothing matches. Lists that are procedure vocabularies read as :func:`parse_label` does."""
    if text is None:
        return None
    return _parse_cached(kind, text if isinstance(text, str) else str(text))


@lru_cache(maxsize=65536)  # a county sheet repeats a few hundred distinct values a million times
def _parse_cached(kind: str, text: str) -> str | None:
    code_list = codelists().get(kind)
    if code_list is None:
        return domain_labels.parse(kind, text) if domain_labels.known(kind) else None
    return resolve(code_list, county_codes().get(kind), text)


def parse_codes(kind: str, text: str | None) -> ParsedCodes:
    """A multi-select cell ("其他,技能培训"; also joined by "，", "、", ";" or "；"): the codes in order, each
    once, and the parts that map to nothing (for the importer to report)."""
    codes: list[str] = []
    unknown: list[str] = []
    for part in split_multi(text):
        code = parse_code(kind, part)
        if code is None:
            unknown.append(part)
        elif code not in codes:
            codes.append(code)
    return ParsedCodes(tuple(codes), tuple(unknown))


@lru_cache(maxsize=1)
def county_codes() -> CountyCodes:
    """The county's mapping from the data folder (empty without one). A broken file raises DomainError with
    every problem named, on every call, and none of it is used."""
    folder = data_dir()
    found = [folder / name for name in (COUNTY_CODES_JSON, COUNTY_CODES_CSV) if (folder / name).is_file()]
    if not found:
        return CountyCodes()
    if len(found) > 1:
        raise DomainError(
            "bad_county_codes",
            f"数据文件夹 {folder} 中同时有 {COUNTY_CODES_JSON} 和 {COUNTY_CODES_CSV}：请只保留一个县代码对照文件",
            "both county_codes.json and county_codes.csv are present",
        )
    return load_county_codes(found[0])


def load_county_codes(path: str | Path) -> CountyCodes:
    """Read and check a county mapping file (.json or .csv) against the code lists, without installing it."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return CountyCodes.from_rows(_county_csv_rows(path), codelists(), source=path.name)
    return CountyCodes.from_dict(_read_json(path), codelists(), source=path.name)


def _county_csv_rows(path: Path) -> list[tuple[str, str, str, str, str]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DomainError("bad_data_file", f"无法读取数据文件 {path}：{exc}", f"cannot read {path}: {exc}") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030", errors="replace")  # a county CSV saved by Excel on Chinese Windows
    reader = csv.reader(io.StringIO(text))
    header = [h.strip() for h in next(reader, [])]
    missing = [h for h in COUNTY_CSV_HEADERS[:3] if h not in header]
    if missing:
        raise DomainError(
            "bad_county_codes",
            f"县代码对照文件 {path.name} 缺少列：{'、'.join(missing)}（应有列：{'、'.join(COUNTY_CSV_HEADERS)}）",
            f"county code mapping {path.name}: missing columns {missing}",
        )
    at = [header.index(h) if h in header else None for h in COUNTY_CSV_HEADERS]
    rows = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        got = [cells[i] if i is not None and i < len(cells) else "" for i in at]
        rows.append((f"第 {number} 行", got[0], got[1], got[2], got[3]))
    return rows
