"""Files a county office would send, built here with openpyxl and csv (never by our own exporter)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl

from desktop_app.domain.idnumber import make_id

COUNTY = "532501000000"
TOWNSHIP = "532501100000"
# (village name, its code in the county's list, township)
VILLAGES = (("东风村", "532501100201"), ("红旗村", "532501100202"), ("向阳村", "532501100203"))
# the same group numbers written five ways, one way per household in turn
GROUP_WRITINGS = ("{n}组", "{zh}组", "第{zh}组", "第{n}村民小组", "{zh}社")
ZH = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五"}


def area_list_rows() -> list[list[Any]]:
    """A county's list of statistical area codes: code, name, level, parent."""
    rows: list[list[Any]] = [["代码", "名称", "级别", "上级代码"]]
    rows.append([COUNTY, "样例县", "县", ""])
    rows.append([TOWNSHIP, "城关镇", "乡镇", COUNTY])
    for name, code in VILLAGES:
        rows.append([int(code), name, "行政村", TOWNSHIP])  # a number cell, as Excel keeps a typed code
        for n in (1, 2):
            rows.append([f"{code}{n:03d}", f"第{n}村民小组", "村民小组", code])
    return rows


def write_xlsx(rows: list[list[Any]], path: Path, *, title_rows: int = 0) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for _ in range(title_rows):
        sheet.append(["样例县统计用区划代码表"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def write_csv(rows: list[list[Any]], path: Path, encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


ROSTER_HEADER = ["乡镇", "行政村", "村民小组", "户主姓名", "姓名", "证件号码", "性别", "与户主关系"]


def roster_rows(households: int = 30, *, with_codes: bool = False) -> tuple[list[list[Any]], dict[str, Any]]:
    """A person-level roster: ``households`` households over the three villages and three groups each, the
    group written a different way per household; returns the rows and what an import must give."""
    header = ROSTER_HEADER + (["行政区划代码"] if with_codes else [])
    rows: list[list[Any]] = [["样例县建档立卡人员花名册"], header]
    expected: dict[str, Any] = {"households": households, "members": 0, "groups": {}}
    for h in range(households):
        village, code = VILLAGES[h % 3]
        number = (h // 3) % 3 + 1
        group = GROUP_WRITINGS[h % 5].format(n=number, zh=ZH[number])
        size = 1 + h % 3
        head = f"户主{h:02d}"
        for k in range(size):
            id_number = make_id("532501", date(1960 + k * 10, 1 + h % 12, 1 + k), 100 + h * 3 + k)
            relation = "户主" if k == 0 else ("配偶" if k == 1 else "子")
            name = head if k == 0 else f"成员{h:02d}{k}"
            row = ["城关镇", village, group, head, name, id_number, "男" if k != 1 else "女", relation]
            rows.append(row + ([f"{code}{number:03d}"] if with_codes else []))
            expected["members"] += 1
        expected["groups"].setdefault((village, number), 0)
        expected["groups"][(village, number)] += 1
    return rows, expected
