"""The settings a county needs, declared as data: key, type, default, scope, label, group.

One settings page renders these declarations and one service stores them, so a new setting is one entry
here. ``machine`` settings live in this computer's ``config.json`` (who is working, language, folders);
``database`` settings live with the county's data in the ``app_setting`` table (checklists, what printing
puts on a notice), so every laptop working on that database prints the same. Stored settings carry
``VERSION``; ``UPGRADES`` turn the values of an older version into the current ones.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.domain.errors import DomainError

VERSION = 1
MACHINE = "machine"
DATABASE = "database"
TYPES = ("text", "choice", "phone", "template", "folder", "number")
TEMPLATE_NAMES = {"县名": "county", "乡镇名": "township", "村名": "village"}  # {村名} in a setting → the area's name


@dataclass(frozen=True)
class SettingSpec:
    key: str
    type: str
    default: str
    scope: str
    zh: str
    en: str
    group_zh: str
    group_en: str
    hint_zh: str = ""
    hint_en: str = ""
    choices: str = ""  # where the choices come from: "checklist:look", "language"
    required: bool = False
    max_length: int = 60

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def group(self, lang: str) -> str:
        return self.group_en if lang == "en" else self.group_zh

    def hint(self, lang: str) -> str:
        return self.hint_en if lang == "en" else self.hint_zh

    def clean(self, value: Any, choices: Sequence[str] = ()) -> str:
        """The value to store, or a DomainError that names the setting and says what is wrong."""
        text = " ".join(str(value if value is not None else "").split())
        if not text:
            if self.required:
                raise _bad(self, "不能为空", "must not be empty")
            return self.default if self.type in ("template", "choice") else ""
        if len(text) > self.max_length:
            raise _bad(self, f"过长（最多 {self.max_length} 字）", f"is too long (at most {self.max_length})")
        if self.type == "choice" and text not in choices:
            raise _bad(self, f"没有“{text}”这一项", f"has no option {text!r}")
        if self.type == "phone" and not re.fullmatch(r"[0-9][0-9 ()\-－—转]{5,24}", text):
            raise _bad(self, f"“{text}”不是电话号码：只能写数字、空格和“-”", f"{text!r} is not a phone number")
        if self.type == "template":
            text = text.replace("｛", "{").replace("｝", "}")  # braces typed with a Chinese input method
            names = re.findall(r"\{([^{}]*)\}", text)
            unknown = [n for n in names if n not in TEMPLATE_NAMES]
            if unknown or text.count("{") != len(names) or text.count("}") != len(names):
                raise _bad(
                    self,
                    "只能用 {村名}、{乡镇名}、{县名} 代入名称",
                    "may only use {村名} (village), {乡镇名} (township) and {县名} (county)",
                )
        if self.type == "number" and not (text.isdigit() and 0 < int(text) <= 1440):
            raise _bad(self, f"应为 1 到 1440 之间的整数，而不是“{text}”", f"must be a whole number, not {text!r}")
        if self.type == "folder" and not Path(text).is_dir():
            raise _bad(self, f"文件夹“{text}”不存在", f"folder {text!r} does not exist")
        return text


def _bad(spec: SettingSpec, zh: str, en: str) -> DomainError:
    return DomainError("bad_setting", f"设置“{spec.zh}”{zh}。", f"Setting '{spec.en}' {en}.")


_WHO = ("操作人员", "Who is working")
_LOOKS = ("核查清单", "Checklists")
_PRINT = ("打印", "Printing")
_FILES = ("界面与文件", "Interface and files")
_LOGIN = ("账户与登录", "Accounts and sign-in")

SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec("operator", "text", "", MACHINE, "姓名", "Name", *_WHO,
                "记入每一条修改、每一个程序步骤和每一次冲突处理", "Written with every change, step and decision",
                required=True, max_length=40),
    SettingSpec("unit", "text", "", MACHINE, "工作队/单位", "Work team / unit", *_WHO,
                "如：和平村驻村工作队", "e.g. the village work team", required=True),
    SettingSpec("checklist.looks", "choice", "hebei_five_looks", DATABASE, "入户查看清单", "Look checklist",
                *_LOOKS, "入户调查逐项记录的内容（五看、四看……）", "What the survey notes item by item",
                choices="checklist:look"),
    SettingSpec("checklist.exclusions", "choice", "hebei_five_not_recorded", DATABASE, "排除清单",
                "Exclusion checklist", *_LOOKS, "户卡“核查清单”页和识别标准所用（如五不录）",
                "Used by the card's checklist tab and the eligibility rules", choices="checklist:exclusion"),
    SettingSpec("checklist.priorities", "choice", "hebei_six_priorities", DATABASE, "优先清单",
                "Priority checklist", *_LOOKS, "如六优先", "e.g. six priorities", choices="checklist:priority"),
    SettingSpec("print.contact_phone", "phone", "", DATABASE, "公示联系电话", "Announcement phone", *_PRINT,
                "公示未填联系电话时印在公示上", "Printed on an announcement that names no phone", max_length=25),
    SettingSpec("print.contact_place", "text", "", DATABASE, "公示受理地点", "Announcement place", *_PRINT,
                "如：村委会办公室", "e.g. the village committee office"),
    SettingSpec("print.village_body", "template", "{村名}村民委员会", DATABASE, "村级签发单位",
                "Village issuing body", *_PRINT, "{村名} 代入村名", "{村名} becomes the village name"),
    SettingSpec("print.township_body", "template", "{乡镇名}人民政府", DATABASE, "乡镇签发单位",
                "Township issuing body", *_PRINT, "{乡镇名} 代入乡镇名", "{乡镇名} becomes the township name"),
    SettingSpec("print.county_body", "template", "{县名}扶贫开发领导小组办公室", DATABASE, "县级签发单位",
                "County issuing body", *_PRINT, "{县名} 代入县名", "{县名} becomes the county name"),
    SettingSpec("accounts.max_failures", "number", "5", DATABASE, "连续输错几次后锁定", "Lock after failures",
                *_LOGIN, "连续输错密码达到此次数后锁定账户（3–20）", "Wrong passwords before the account locks (3–20)",
                max_length=4),
    SettingSpec("accounts.lock_minutes", "number", "15", DATABASE, "锁定分钟数", "Lock minutes", *_LOGIN,
                "锁定后多少分钟可以再试；管理员重置密码即可提前解锁", "Minutes before a locked account may try again",
                max_length=4),
    SettingSpec("language", "choice", "zh_CN", MACHINE, "界面语言", "Language", *_FILES,
                "重新启动程序后生效", "Takes effect when the program is started again", choices="language"),
    SettingSpec("export_folder", "folder", "", MACHINE, "默认导出文件夹", "Default export folder", *_FILES,
                "导出 Excel 时文件选择框先打开这里", "Where the export's file chooser opens", max_length=400),
)  # fmt: skip

BY_KEY: dict[str, SettingSpec] = {s.key: s for s in SETTINGS}


def spec(key: str) -> SettingSpec:
    try:
        return BY_KEY[key]
    except KeyError:
        raise DomainError("bad_setting", f"没有名为 {key} 的设置。", f"No setting named {key}.") from None


def defaults(scope: str) -> dict[str, str]:
    return {s.key: s.default for s in SETTINGS if s.scope == scope}


def _v0_to_v1(values: dict[str, str]) -> dict[str, str]:
    """Version 0 had no declared settings (only operator and language): blanks become the defaults."""
    return {key: value for key, value in values.items() if value != ""}


UPGRADES: Mapping[int, Callable[[dict[str, str]], dict[str, str]]] = {0: _v0_to_v1}


def upgrade(values: Mapping[str, str], version: int) -> dict[str, str]:
    """Stored values of ``version`` as values of ``VERSION`` (unknown keys of a newer app are kept)."""
    current = dict(values)
    while version < VERSION:
        current = UPGRADES[version](current)
        version += 1
    return current


def fill(template: str, *, county: str = "", township: str = "", village: str = "") -> str:
    """A template setting with the area names put in."""
    names = {"county": county, "township": township, "village": village}
    return re.sub(r"\{([^{}]*)\}", lambda m: names.get(TEMPLATE_NAMES.get(m.group(1), ""), m.group(0)), template)
