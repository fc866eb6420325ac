"""The national system's person sheets as data: one column map per layout (MONITORING.md §10).

A layout file (``resources/layouts/<name>.json``; a county drops its own into ``<data folder>/layouts/``, a
file with a shipped name replaces the shipped layout) names the layout, its Chinese title, the title rows above
the header row, the header row (3 in the national files), how rows are cut (``person``: one row per person
with the household's fields repeated; ``household``: one row per household, its head's; ``work_month``: one
row per person and month) and its columns in order. Each column has its national header, its *source* (what
it carries: ``member.<field>``, ``household.<field>``, ``case.<field>`` of the household's latest monitoring
case, ``measure.<category>`` the values of one help category, ``removal.<key>`` one of the 13 post-removal
fields, ``income.<field>`` of the latest income record, ``work.<field>`` of a work month, ``area.<level>``, or
a derived ``@…`` value) and its value format (domain.layout_values). ``"import": false`` marks a column that
is written but never read back.

Code labels are looked up through :func:`code_label` and :func:`code_of` only, so that national labels can
replace ours in one place.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop_app import catalog
from desktop_app.assets import asset_dir
from desktop_app.config import data_dir
from desktop_app.domain.errors import DomainError
from desktop_app.domain.layout_values import FORMATS
from desktop_app.services.exchange.rosters import header_key

LAYOUTS_FOLDER = "layouts"
ROW_KINDS = ("person", "household", "work_month")
HEADER_SEARCH_ROWS = 10  # the header row is looked for in the first ten rows
EXCHANGE = "exchange"  # the app's own workbook: not a layout file, but a name `fupin export --layout` takes


def code_label(codelist: str, code: str) -> str:
    """The label written for ``code`` of ``codelist`` in a national layout: the national wording (the county's
    own where its county_codes file gives one), else ours."""
    return catalog.national_label(codelist, code)


def code_of(codelist: str, text: str) -> str | None:
    """The code a file's cell names: a national label, one of our labels or aliases, the county's code or
    label, or our code itself (None: unknown)."""
    if codelist not in catalog.codelists():
        return None
    return catalog.parse_code(codelist, text)


@dataclass(frozen=True)
class LayoutColumn:
    header: str
    source: str
    format: str = "text"
    codelist: str | None = None
    imported: bool = True

    @property
    def scope(self) -> str:
        """What the source belongs to: member, household, case, measure, removal, income, work, area or @."""
        return "@" if self.source.startswith("@") else self.source.split(".", 1)[0]

    @property
    def field(self) -> str:
        return self.source.split(".", 1)[1] if "." in self.source else self.source


@dataclass(frozen=True)
class Layout:
    name: str
    title: str
    title_rows: tuple[str, ...]
    header_row: int  # 1-based
    rows: str
    columns: tuple[LayoutColumn, ...]
    household_key: str = "户编号"
    person_key: str = ""
    origin: str = "shipped"  # shipped | county

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "header_row": self.header_row,
            "rows": self.rows,
            "columns": len(self.columns),
            "headers": self.headers,
            "keys": {"household": self.household_key, "person": self.person_key},
            "origin": self.origin,
        }


def _bad(path: Path, why: str) -> DomainError:
    return DomainError("bad_layout", f"版式文件 {path.name} 无效：{why}", f"bad layout file {path.name}: {why}")


def layout_from_dict(data: Any, path: Path, origin: str) -> Layout:
    if not isinstance(data, dict) or not isinstance(data.get("columns"), list) or not data["columns"]:
        raise _bad(path, "缺少 columns（列的清单）")
    name = str(data.get("name") or path.stem)
    columns: list[LayoutColumn] = []
    for number, raw in enumerate(data["columns"], start=1):
        if not isinstance(raw, dict) or not raw.get("header"):
            raise _bad(path, f"第 {number} 列缺少 header（表头）")
        fmt = str(raw.get("format") or "text")
        if fmt not in FORMATS:
            raise _bad(path, f"第 {number} 列“{raw['header']}”的 format “{fmt}”无效（可选：{'、'.join(FORMATS)}）")
        codelist = raw.get("codelist")
        if fmt in ("code", "codes") and (not codelist or codelist not in catalog.codelists()):
            raise _bad(path, f"第 {number} 列“{raw['header']}”缺少有效的 codelist（代码表）")
        columns.append(
            LayoutColumn(
                header=str(raw["header"]),
                source=str(raw.get("source") or ""),
                format=fmt,
                codelist=codelist,
                imported=bool(raw.get("import", True)) and bool(raw.get("source")),
            )
        )
    rows = str(data.get("rows") or "person")
    if rows not in ROW_KINDS:
        raise _bad(path, f"rows “{rows}”无效（可选：{'、'.join(ROW_KINDS)}）")
    header_row = int(data.get("header_row") or 3)
    if not 1 <= header_row <= HEADER_SEARCH_ROWS:
        raise _bad(path, f"header_row 应在 1 到 {HEADER_SEARCH_ROWS} 之间")
    keys = data.get("keys") or {}
    return Layout(
        name=name,
        title=str(data.get("title") or name),
        title_rows=tuple(str(t) for t in data.get("title_rows") or ()),
        header_row=header_row,
        rows=rows,
        columns=tuple(columns),
        household_key=str(keys.get("household") or "户编号"),
        person_key=str(keys.get("person") or ""),
        origin=origin,
    )


@lru_cache(maxsize=1)
def _layouts() -> tuple[Layout, ...]:
    by_name: dict[str, Layout] = {}
    for folder, origin in (
        (asset_dir("resources") / LAYOUTS_FOLDER, "shipped"),
        (data_dir() / LAYOUTS_FOLDER, "county"),
    ):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.json")):
            try:
                data = json.loads(path.read_text(encoding="utf-8-sig"))
            except (OSError, ValueError) as exc:
                raise _bad(path, str(exc)) from exc
            layout = layout_from_dict(data, path, origin)
            by_name[layout.name] = layout
    return tuple(by_name.values())


def all_layouts() -> list[Layout]:
    """The shipped layouts and the county's own (a county file with a shipped name replaces it)."""
    return list(_layouts())


def clear_cache() -> None:
    _layouts.cache_clear()


def layout(name: str) -> Layout:
    for item in _layouts():
        if item.name == name:
            return item
    names = "、".join([EXCHANGE, *(item.name for item in _layouts())])
    raise DomainError("unknown_layout", f"没有名为“{name}”的版式（可选：{names}）", f"no layout named {name}")


@dataclass
class Recognised:
    layout: Layout
    header_row: int  # 0-based row index in the sheet
    columns: dict[int, LayoutColumn]  # sheet column -> layout column
    unknown: dict[int, str]  # sheet column -> header text not in the layout
    missing: list[str]  # layout headers not found


def recognise(rows: list[list[Any]]) -> Recognised | None:
    """The layout whose headers a row of the first ten matches best (at least 80 % of its headers, its
    household key among them). A header repeated in the layout (风险是否已消除) is matched by position: its
    first occurrence in the sheet to the first in the layout, and so on."""
    best: tuple[float, int, Recognised] | None = None
    for r, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        texts = [header_key(v) for v in row]
        present = {t for t in texts if t}
        if len(present) < 3:
            continue
        for item in _layouts():
            wanted = [header_key(h) for h in item.headers]
            found = sum(1 for h in set(wanted) if h in present)
            share = found / len(set(wanted))
            if share < 0.8 or header_key(item.household_key) not in present:
                continue
            matched = _match(item, texts)
            score = (share, found)
            if best is None or score > best[:2]:
                best = (share, found, _recognised(item, r, row, texts, matched))
    return best[2] if best is not None else None


def _match(item: Layout, texts: list[str]) -> dict[int, LayoutColumn]:
    queues: dict[str, list[LayoutColumn]] = {}
    for col in item.columns:
        queues.setdefault(header_key(col.header), []).append(col)
    matched: dict[int, LayoutColumn] = {}
    for c, text in enumerate(texts):
        queue = queues.get(text)
        if queue:
            matched[c] = queue.pop(0)
    return matched


def _recognised(item: Layout, r: int, row: list[Any], texts: list[str], matched: dict[int, LayoutColumn]) -> Recognised:
    unknown = {c: str(row[c]).strip() for c, t in enumerate(texts) if t and c not in matched}
    got = {id(col) for col in matched.values()}
    missing = [col.header for col in item.columns if id(col) not in got]
    return Recognised(layout=item, header_row=r, columns=matched, unknown=unknown, missing=missing)
