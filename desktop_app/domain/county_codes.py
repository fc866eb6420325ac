"""A county's own codes mapped onto ours, and the one tolerant reading of a coded value.

The national system and each county's copy of it number some values differently from this program (a
county writes 与户主关系 "1" for our "01", or "3" for our "04"). The county says so in a data file
(``county_codes.json`` or ``.csv`` in the data folder, read by :mod:`desktop_app.catalog`); this module
checks that file as a whole — an unknown list, an unknown target code, a county code mapped twice are all
reported together, and nothing of a broken file is used — and reads values with it.

Reading order (:func:`resolve`): our labels (Chinese, national, English, aliases), then the county's codes
and labels, then our codes (and "3" / "3.0" for "03"), then the same with every inner space ignored.
County codes come before our codes because a county file's bare number is the county's number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop_app.domain.codelists import CodeList, CodeLists, key, loose_key
from desktop_app.domain.errors import DomainError

_INTEGRAL = re.compile(r"^\d+(\.0*)?$")
# What joins the values of a multi-select cell: the national export's comma, and what clerks type instead.
MULTI_SEPARATORS = re.compile(r"[,，、;；]")
MAX_SHOWN_PROBLEMS = 10


@dataclass(frozen=True)
class CountyEntry:
    """One line of the county's file: where it is (for messages), the county's code and label, our code."""

    where: str
    county_code: str
    code: str
    county_label: str = ""


@dataclass(frozen=True)
class CountyList:
    list_id: str
    entries: tuple[CountyEntry, ...]
    national: Mapping[str, str] = field(default_factory=dict)  # our code -> national label in this county
    _index: dict[str, str] = field(init=False, repr=False, compare=False)
    _loose: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, str] = {}
        for entry in self.entries:
            if entry.county_label:
                index[key(entry.county_label)] = entry.code
        for entry in self.entries:
            code = key(entry.county_code)
            index[code] = entry.code
            if code.isdigit():
                index.setdefault(str(int(code)), entry.code)  # "01" is also reached as 1 or 1.0
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_loose", {re.sub(r"[\s\u3000]+", "", k): c for k, c in index.items()})

    def lookup(self, folded: str) -> str | None:
        found = self._index.get(folded)
        if found is None and _INTEGRAL.match(folded):
            found = self._index.get(str(int(folded.split(".")[0])))
        return found

    def lookup_loose(self, text: str) -> str | None:
        return self._loose.get(loose_key(text))


class CountyCodes:
    """Every list the county maps, by our list id; empty when the county has no file."""

    def __init__(self, lists: Iterable[CountyList] = (), *, county: str = "", source: str = "") -> None:
        self.lists = {item.list_id: item for item in lists}
        self.county = county
        self.source = source

    def get(self, list_id: str) -> CountyList | None:
        return self.lists.get(list_id)

    def __iter__(self) -> Iterator[CountyList]:
        return iter(self.lists.values())

    def __len__(self) -> int:
        return len(self.lists)

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[tuple[str, str, str, str, str]],
        lists: CodeLists,
        *,
        national: Mapping[str, Mapping[str, str]] | None = None,
        county: str = "",
        source: str = "",
    ) -> CountyCodes:
        """``rows`` are (where, list, county code, our code or label, county label). The list is named by our
        id, its Chinese name or its national table id. Raises one DomainError naming every problem."""
        problems: list[str] = []
        by_list: dict[str, list[CountyEntry]] = {}
        seen: dict[tuple[str, str], str] = {}  # (list, folded county code or label) -> where it was first mapped
        for where, list_ref, county_code, target, county_label in rows:
            code_list = find_list(lists, list_ref)
            if code_list is None:
                problems.append(f"{where}：没有代码表“{list_ref}”（可写代码表编号、中文名称或国家代码表编号）")
                continue
            county_code, county_label = county_code.strip(), county_label.strip()
            if not county_code:
                problems.append(f"{where}：县代码为空")
                continue
            code = code_list.lookup(target) if target.strip() else None
            if code is None:
                problems.append(f"{where}：代码表“{code_list.zh}”中没有代码“{target.strip()}”")
                continue
            texts = [(county_code, "县代码")]
            if county_label and key(county_label) != key(county_code):
                texts.append((county_label, "县名称"))
            for text, what in texts:
                folded = key(text)
                first = seen.get((code_list.id, folded))
                if first is not None:
                    problems.append(f"{where}：{what}“{text}”在代码表“{code_list.zh}”中重复对照（{first}已对照）")
                else:
                    seen[(code_list.id, folded)] = where
            by_list.setdefault(code_list.id, []).append(CountyEntry(where, county_code, code, county_label))
        labels: dict[str, dict[str, str]] = {}
        for list_ref, mapping in (national or {}).items():
            code_list = find_list(lists, list_ref)
            if code_list is None:
                problems.append(f"国家标签：没有代码表“{list_ref}”")
                continue
            for target, text in mapping.items():
                code = code_list.lookup(target)
                if code is None:
                    problems.append(f"国家标签：代码表“{code_list.zh}”中没有代码“{target}”")
                elif not str(text).strip():
                    problems.append(f"国家标签：代码表“{code_list.zh}”代码“{target}”的标签为空")
                else:
                    labels.setdefault(code_list.id, {})[code] = str(text).strip()
        if problems:
            shown = problems[:MAX_SHOWN_PROBLEMS]
            more = f"；另有 {len(problems) - len(shown)} 个问题" if len(problems) > len(shown) else ""
            raise DomainError(
                "bad_county_codes",
                f"县代码对照文件 {source} 有 {len(problems)} 个问题，未使用其中任何对照：" + "；".join(shown) + more,
                f"county code mapping {source}: {len(problems)} problem(s), nothing of it used",
            )
        ids = list(by_list) + [i for i in labels if i not in by_list]
        return cls(
            (CountyList(i, tuple(by_list.get(i, ())), labels.get(i, {})) for i in ids), county=county, source=source
        )

    @classmethod
    def from_dict(cls, data: Any, lists: CodeLists, *, source: str = "") -> CountyCodes:
        """The JSON form: {"county": …, "lists": {LIST: {"codes": [{"county_code", "code", "county_label"}],
        "national_labels": {CODE: LABEL}}}}."""
        if not isinstance(data, Mapping) or not isinstance(data.get("lists"), Mapping):
            raise DomainError(
                "bad_county_codes",
                f"县代码对照文件 {source} 格式错误：缺少 lists",
                f"county code mapping {source}: no 'lists'",
            )
        rows: list[tuple[str, str, str, str, str]] = []
        national: dict[str, dict[str, str]] = {}
        for list_ref, body in data["lists"].items():
            entries = body.get("codes", ()) if isinstance(body, Mapping) else None
            if not isinstance(entries, list):
                rows.append((f"代码表“{list_ref}”", str(list_ref), "", "", ""))  # reported as a problem below
                continue
            for n, entry in enumerate(entries, start=1):
                entry = entry if isinstance(entry, Mapping) else {}
                where = f"代码表“{list_ref}”第 {n} 条"
                rows.append(
                    (
                        where,
                        str(list_ref),
                        str(entry.get("county_code", "") or ""),
                        str(entry.get("code", "") or ""),
                        str(entry.get("county_label", "") or ""),
                    )
                )
            labels = body.get("national_labels", {})
            if isinstance(labels, Mapping) and labels:
                national[str(list_ref)] = {str(k): str(v) for k, v in labels.items()}
        return cls.from_rows(rows, lists, national=national, county=str(data.get("county", "") or ""), source=source)


def find_list(lists: CodeLists, ref: str) -> CodeList | None:
    """A code list by our id, its Chinese name or its national table id."""
    ref = ref.strip()
    found = lists.get(ref)
    if found is not None:
        return found
    for list_id in lists.ids():
        code_list = lists[list_id]
        if ref and (ref == code_list.zh or ref == code_list.national_id):
            return code_list
    return None


def resolve(code_list: CodeList, county: CountyList | None, text: str | None) -> str | None:
    """Our code for ``text`` (see the module's reading order); None when nothing matches."""
    folded = key(text or "")
    if not folded:
        return None
    found = code_list.lookup_label(folded)
    if found is None and county is not None:
        found = county.lookup(folded)
    if found is None:
        found = code_list.lookup(folded)
    if found is None:
        found = code_list.lookup_loose(folded)
    if found is None and county is not None:
        found = county.lookup_loose(folded)
    return found


@dataclass(frozen=True)
class ParsedCodes:
    """A multi-select cell read: the codes in order (each once) and the parts nothing could map."""

    codes: tuple[str, ...]
    unknown: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.unknown


def split_multi(text: str | None) -> list[str]:
    """The non-blank parts of a multi-select cell ("其他,技能培训", "其他、技能培训", "其他；技能培训")."""
    return [part.strip(" \u3000\t") for part in MULTI_SEPARATORS.split(text or "") if part.strip(" \u3000\t")]
