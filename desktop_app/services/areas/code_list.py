"""Importing a county's list of statistical area codes (代码, 名称, 级别, 上级代码) from .xlsx or .csv.

The whole file is checked first — every code, level, name and parent, duplicates within the file, clashes
with the areas already here — and any problem (named by its row) means nothing is written. A checked list
adds the missing areas (parents first), renames the areas whose name changed, and corrects the codes the
app generated for areas a roster named (``code_provisional``: the same level, parent and name).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from desktop_app.domain import group_names
from desktop_app.domain.errors import DomainError
from desktop_app.domain.text_encoding import decode_text
from desktop_app.services.areas.manage import LEVEL_ZH, PARENT_LEVEL, level_key
from desktop_app.services.areas.planning import UNNAMED_COUNTY
from desktop_app.services.areas.registry import area_code_problem
from desktop_app.services.progress import Progress
from desktop_app.services.unit_of_work import reading, writing
from desktop_app.storage.database import Database
from desktop_app.storage.models import Area
from desktop_app.storage.queries import table_of

HEADERS = {
    "code": ("代码", "区划代码", "统计用区划代码", "行政区划代码", "code"),
    "name": ("名称", "区划名称", "单位名称", "name"),
    "level": ("级别", "层级", "区划级别", "类别", "level"),
    "parent": ("上级代码", "上级区划代码", "上级", "parent"),
}
_ACCEPTED = {group_names.clean(h).lower(): fld for fld, names in HEADERS.items() for h in names}
MAX_ROWS = 100_000
_ORDER = {level: n for n, level in enumerate(("county", "township", "village", "group"))}


@dataclass
class AreaListResult:
    """What an area-code list did (or, with ``problems``, why nothing was written)."""

    file: str
    added: int = 0
    renamed: int = 0
    corrected: int = 0  # provisional codes replaced by the county's
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def applied(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "applied": self.applied,
            "added": self.added,
            "renamed": self.renamed,
            "corrected": self.corrected,
            "unchanged": self.unchanged,
            "problems": self.problems,
        }


@dataclass
class _Row:
    row: int
    code: str
    name: str
    level: str
    parent: str


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return group_names.clean(str(value))


def read_rows(path: Path) -> list[tuple[int, list[Any]]]:
    """(spreadsheet row, cells) of the first sheet of an .xlsx or of a .csv (UTF-8, UTF-8 with BOM or GBK)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text, _encoding = decode_text(path.read_bytes())  # UTF-8 with or without BOM, else GBK; mixed: named
        return [(n, list(r)) for n, r in enumerate(csv.reader(io.StringIO(text)), start=1)]
    if suffix not in (".xlsx", ".xlsm"):
        raise DomainError("area_list_format", f"区划代码表应为 .xlsx 或 .csv 文件，而不是“{path.suffix}”")
    from openpyxl import load_workbook  # type: ignore[import-untyped]  # openpyxl ships no type information

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a damaged or foreign file: one clear line
        raise DomainError("area_list_unreadable", f"无法读取区划代码表 {path.name}：{exc}") from exc
    try:
        sheet = book.worksheets[0]
        rows = []
        for n, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if n > MAX_ROWS:
                raise DomainError("area_list_big", f"区划代码表超过 {MAX_ROWS} 行")
            rows.append((n, list(values)))
        return rows
    finally:
        book.close()


def parse_rows(rows: list[tuple[int, list[Any]]], problems: list[str]) -> list[_Row]:
    header: dict[str, int] | None = None
    out: list[_Row] = []
    for n, cells in rows:
        if header is None:
            found = {_ACCEPTED[k]: c for c, v in enumerate(cells) if (k := _text(v).lower()) in _ACCEPTED}
            if {"code", "name", "level"} <= set(found):
                header = found
            elif n >= 10:
                break
            continue
        values = {f: _text(cells[c]) if c < len(cells) else "" for f, c in header.items()}
        if not any(values.values()):
            continue
        out.append(_Row(n, values["code"], values["name"], values.get("level", ""), values.get("parent", "")))
    if header is None:
        problems.append("没有找到区划代码表的表头（前 10 行中需要“代码”“名称”“级别”三列，另可有“上级代码”）")
    return out


def check_rows(session: Session, rows: list[_Row], problems: list[str]) -> dict[str, str]:
    """Every row checked against the file and the database; returns code -> level of the file's rows."""
    a = table_of(Area).c
    query = select(a.code, a.level, a.parent_id, a.deleted, a.id)
    existing = {r.code: r for r in session.execute(query)}
    code_of_id = {r.id: r.code for r in existing.values()}
    levels: dict[str, str] = {}
    first: dict[str, int] = {}
    for r in rows:
        level = level_key(r.level)
        if level is None:
            problems.append(f"第 {r.row} 行：级别“{r.level}”不对，应为 县、乡镇、行政村 或 村民小组")
            continue
        problem = area_code_problem(r.code, level)
        if problem:
            problems.append(f"第 {r.row} 行：{problem}（现为“{r.code}”）")
            continue
        if not r.name:
            problems.append(f"第 {r.row} 行：“名称”为空")
        if r.code in first:
            problems.append(f"第 {r.row} 行：代码 {r.code} 与第 {first[r.code]} 行重复")
            continue
        first[r.code] = r.row
        levels[r.code] = level
    for r in rows:
        level = levels.get(r.code)
        if level is None or first.get(r.code) != r.row:
            continue
        wanted = PARENT_LEVEL[level]
        if wanted is None:
            if r.parent:
                problems.append(f"第 {r.row} 行：县没有上级，“上级代码”应为空")
            parent_level = None
        else:
            parent_level = levels.get(r.parent) or (
                existing[r.parent].level if r.parent in existing and not existing[r.parent].deleted else None
            )
            if not r.parent:
                problems.append(f"第 {r.row} 行：{LEVEL_ZH[level]}“{r.name}”缺少“上级代码”")
                continue
            if parent_level is None:
                problems.append(f"第 {r.row} 行：上级代码 {r.parent} 在本表和系统中都不存在")
                continue
            if parent_level != wanted:
                should = f"{LEVEL_ZH[level]}的上级应为{LEVEL_ZH[wanted]}"
                problems.append(f"第 {r.row} 行：{should}，代码 {r.parent} 是{LEVEL_ZH[parent_level]}")
                continue
            prefix = {"township": 6, "village": 9, "group": 12}[level]
            if r.code[:prefix] != r.parent[:prefix]:
                problems.append(f"第 {r.row} 行：代码 {r.code} 应以上级代码的前 {prefix} 位 {r.parent[:prefix]} 开头")
        here = existing.get(r.code)
        if here is not None:
            if here.deleted:
                problems.append(f"第 {r.row} 行：代码 {r.code} 属于已删除的区划，不能再用")
            elif here.level != level or code_of_id.get(here.parent_id or "", "") != r.parent:
                problems.append(f"第 {r.row} 行：代码 {r.code} 在系统中已是另一级别或另一上级下的区划")
    return levels


def apply_rows(session: Session, rows: list[_Row], levels: dict[str, str], result: AreaListResult) -> None:
    by_code = {a.code: a for a in session.scalars(select(Area))}
    for r in sorted((r for r in rows if r.code in levels), key=lambda r: _ORDER[levels[r.code]]):
        if r.code not in levels:
            continue
        level = levels.pop(r.code)  # a code listed twice was refused; pop guards the sort's stability
        parent = by_code.get(r.parent) if r.parent else None
        here = by_code.get(r.code)
        if here is not None:
            if here.name != r.name:
                here.name = r.name
                session.add(here)
                result.renamed += 1
            else:
                result.unchanged += 1
            continue
        same = group_names.group_key if level == "group" else group_names.clean
        guess = next(
            (
                a
                for a in by_code.values()
                if a.code_provisional
                and not a.deleted
                and a.level == level
                and a.parent_id == (parent.id if parent else None)
                and (same(a.name) == same(r.name) or (level == "county" and a.name == UNNAMED_COUNTY))
            ),
            None,
        )
        if guess is not None:  # the county's code for an area a roster named
            del by_code[guess.code]
            guess.code, guess.name, guess.code_provisional = r.code, r.name, False
            session.add(guess)
            by_code[r.code] = guess
            result.corrected += 1
        else:
            area = Area(code=r.code, name=r.name, level=level, parent_id=parent.id if parent else None)
            session.add(area)
            by_code[r.code] = area
            result.added += 1
        session.flush()


def import_area_list(db: Database, path: str | Path, *, progress: Progress | None = None) -> AreaListResult:
    """Check the whole list, then (no problem at all) write it in one unit of work (``areas.import``)."""
    source = Path(path)
    result = AreaListResult(file=source.name)
    if not source.is_file():
        raise DomainError("area_list_missing", f"找不到文件 {source}")
    if progress is not None:
        progress(0, 3, "读取区划代码表")
    rows = parse_rows(read_rows(source), result.problems)
    if result.problems:
        return result
    if progress is not None:
        progress(1, 3, "检查区划代码")
    with reading(db) as session:  # a refused list writes nothing, not even an audit entry
        check_rows(session, rows, result.problems)
    if result.problems:
        return result
    with writing(db, "areas.import") as work:
        if progress is not None:
            progress(2, 3, "写入区划")
        levels = check_rows(work.session, rows, result.problems)  # again, in the writing transaction
        if result.problems:
            raise DomainError("area_list_changed", "区划在检查后被修改：" + result.problems[0])
        apply_rows(work.session, rows, levels, result)
    if progress is not None:
        progress(3, 3, "完成")
    return result
