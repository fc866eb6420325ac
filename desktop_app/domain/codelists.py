"""Code lists (字典): the values a field may take, as data.

Each value has a stable code that is stored, a Chinese and an English label that are shown, and aliases
that county spreadsheets are known to use. Counties add values without touching Python, so nothing in the
program should branch on a label; rules compare codes.

A list also names the national system's code table it corresponds to (``national_id``: relation 1010, risk type
100A27 …; empty where no id is known) and, where the national system words a value differently from us, the
national label of the value (``national``). A county's own codes are mapped onto ours by
:mod:`desktop_app.domain.county_codes`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop_app.domain.errors import DomainError

_EDGE_SPACE = re.compile(r"^[\s\u3000]+|[\s\u3000]+$")
_INTEGRAL = re.compile(r"^\d+(\.0*)?$")


def _key(text: str) -> str:
    """The form in which imported text is compared: trimmed, full-width folded, case-insensitive."""
    folded = "".join(chr(ord(c) - 0xFEE0) if 0xFF01 <= ord(c) <= 0xFF5E else c for c in text)
    return _EDGE_SPACE.sub("", folded).casefold()


_ALL_SPACE = re.compile(r"[\s\u3000]+")


def loose_key(text: str) -> str:
    """:func:`_key` with every inner space removed too ("技能 培训" = "技能培训"): the tolerant last resort."""
    return _ALL_SPACE.sub("", _key(text))


def key(text: str) -> str:
    """The form in which imported text is compared (public for the county mapping)."""
    return _key(text)


def _bad(message_zh: str, message_en: str) -> DomainError:
    return DomainError("bad_codelist", message_zh, message_en)


@dataclass(frozen=True)
class CodeItem:
    code: str
    zh: str
    en: str
    aliases: tuple[str, ...] = ()
    national: str = ""  # the national system's label, only where it differs from ``zh``

    def label(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh

    def national_label(self) -> str:
        return self.national or self.zh

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CodeItem:
        code = data.get("code")
        if not isinstance(code, str):
            raise _bad(f"代码必须是文本：{data!r}", f"a code must be a string: {data!r}")
        zh = str(data.get("zh", ""))
        national = str(data.get("national", "") or "")
        return cls(
            code=code,
            zh=zh,
            en=str(data.get("en", "") or zh),
            aliases=tuple(data.get("aliases", ())),
            national="" if national == zh else national,
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "zh": self.zh, "en": self.en}
        if self.aliases:
            out["aliases"] = list(self.aliases)
        if self.national:
            out["national"] = self.national
        return out


@dataclass(frozen=True)
class CodeList:
    id: str
    zh: str
    en: str
    items: tuple[CodeItem, ...]
    national_id: str = ""  # the national code table's id (1010, 100A27 …); "" where none is known
    _by_code: dict[str, CodeItem] = field(init=False, repr=False, compare=False)
    _index: dict[str, str] = field(init=False, repr=False, compare=False)
    _labels: dict[str, str] = field(init=False, repr=False, compare=False)
    _loose: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_code: dict[str, CodeItem] = {}
        for item in self.items:
            if item.code in by_code:
                raise _bad(f"代码表 {self.id} 中代码 {item.code} 重复", f"duplicate code {item.code} in list {self.id}")
            by_code[item.code] = item
        # Later writes win: a code beats a label, a label beats an alias, when county data makes them collide.
        index: dict[str, str] = {}
        for item in self.items:
            for alias in item.aliases:
                index[_key(alias)] = item.code
        for item in self.items:
            index[_key(item.en)] = item.code
        for item in self.items:
            if item.national:
                index[_key(item.national)] = item.code
        for item in self.items:
            index[_key(item.zh)] = item.code
        labels = dict(index)  # every label, no code: what a county code must not shadow
        for item in self.items:
            index[_key(item.code)] = item.code
        object.__setattr__(self, "_by_code", by_code)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_labels", labels)
        object.__setattr__(self, "_loose", {_ALL_SPACE.sub("", k): c for k, c in index.items()})

    def item(self, code: str | None) -> CodeItem | None:
        return self._by_code.get(code) if code is not None else None

    def label(self, code: str | None, lang: str = "zh") -> str:
        item = self.item(code)
        return item.label(lang) if item else ""

    def lookup(self, text: str | None) -> str | None:
        """Map what a cadre or a spreadsheet wrote to a code; ``None`` means the value is not known."""
        key = _key(text if text is not None else "")
        found = self._index.get(key)
        if found is not None:
            return found
        if _INTEGRAL.match(key):
            # Excel drops leading zeros and adds ".0": 3 and "3.0" mean code "03".
            number = int(key.split(".")[0])
            for item in self.items:
                if item.code.isdigit() and int(item.code) == number:
                    return item.code
        return None

    def lookup_label(self, folded: str) -> str | None:
        """The code whose label (ours, the national one, English or an alias) is ``folded`` (a :func:`key`)."""
        return self._labels.get(folded)

    def lookup_loose(self, text: str) -> str | None:
        """:meth:`lookup`, and then the same with every inner space ignored."""
        found = self.lookup(text)
        return found if found is not None else self._loose.get(loose_key(text))

    def national_label(self, code: str | None) -> str:
        item = self.item(code)
        return item.national_label() if item else ""

    def codes(self) -> list[str]:
        return [item.code for item in self.items]

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._by_code

    def __iter__(self) -> Iterator[CodeItem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @classmethod
    def from_dict(cls, list_id: str, data: Mapping[str, Any]) -> CodeList:
        items = tuple(CodeItem.from_dict(entry) for entry in data.get("items", ()))
        zh = str(data.get("zh", list_id))
        table = data.get("national_id", "")
        if not isinstance(table, str):
            raise _bad(f"代码表 {list_id} 的国家代码表编号必须是文本：{table!r}", f"list {list_id}: table id not text")
        return cls(id=list_id, zh=zh, en=str(data.get("en", "") or zh), items=items, national_id=table.strip())

    def to_dict(self) -> dict[str, Any]:
        items = [item.to_dict() for item in self.items]
        return {"zh": self.zh, "en": self.en, "national_id": self.national_id, "items": items}

    def with_additions(self, entries: Iterable[Mapping[str, Any]]) -> CodeList:
        """New codes are appended; an existing code keeps its labels and only gains aliases."""
        items = list(self.items)
        position = {item.code: i for i, item in enumerate(items)}
        for entry in entries:
            extra = CodeItem.from_dict(entry)
            if extra.code in position:
                old = items[position[extra.code]]
                aliases = old.aliases + tuple(a for a in extra.aliases if a not in old.aliases)
                items[position[extra.code]] = CodeItem(old.code, old.zh, old.en, aliases, old.national)
            else:
                position[extra.code] = len(items)
                items.append(extra)
        return CodeList(id=self.id, zh=self.zh, en=self.en, items=tuple(items), national_id=self.national_id)


class CodeLists:
    """All code lists of the app, by id."""

    def __init__(self, lists: Iterable[CodeList]) -> None:
        self._lists: dict[str, CodeList] = {}
        for code_list in lists:
            self._lists[code_list.id] = code_list

    def __getitem__(self, list_id: str) -> CodeList:
        try:
            return self._lists[list_id]
        except KeyError:
            raise KeyError(f"unknown code list {list_id!r}") from None

    def __contains__(self, list_id: object) -> bool:
        return list_id in self._lists

    def get(self, list_id: str) -> CodeList | None:
        return self._lists.get(list_id)

    def ids(self) -> list[str]:
        return list(self._lists)

    @staticmethod
    def _lists_of(data: Mapping[str, Any]) -> Mapping[str, Any]:
        lists = data.get("lists", data)
        if not isinstance(lists, Mapping):
            raise _bad("代码表文件格式错误：缺少 lists", "malformed code-list data: no 'lists'")
        return lists

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CodeLists:
        return cls(CodeList.from_dict(list_id, body) for list_id, body in cls._lists_of(data).items())

    def to_dict(self) -> dict[str, Any]:
        return {"format": 1, "lists": {list_id: cl.to_dict() for list_id, cl in self._lists.items()}}

    def merged(self, extra: Mapping[str, Any]) -> CodeLists:
        lists = dict(self._lists)
        for list_id, body in self._lists_of(extra).items():
            if list_id in lists:
                merged = lists[list_id].with_additions(body.get("items", ()))
                table = body.get("national_id")
                if isinstance(table, str) and table.strip() and table.strip() != merged.national_id:
                    # a county may fill in the national table id where the shipped list has none
                    merged = CodeList(merged.id, merged.zh, merged.en, merged.items, national_id=table.strip())
                lists[list_id] = merged
            else:
                lists[list_id] = CodeList.from_dict(list_id, body)
        return CodeLists(lists.values())
