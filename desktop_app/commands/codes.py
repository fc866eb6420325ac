"""``fupin codes …``: the code lists with their national table ids, and the county's own codes for them.

``list [--list ID] [--json]`` shows every list (its id, Chinese name, national table id, each code with our
label, the national label where it differs, and the county's codes mapped onto it); ``check FILE`` reads a
county mapping file (.json or .csv) and says whether it can be used, without installing it.
"""

from __future__ import annotations

import argparse
import json
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser("codes", help="代码表：国家代码表编号、代码与标签、本县代码对照")
    actions = p.add_subparsers(dest="codes_action", metavar="ACTION", required=True)
    s = actions.add_parser("list", help="列出代码表（编号、国家代码表编号、代码、标签、本县代码）")
    s.add_argument("--list", dest="list_id", metavar="ID", help="只列出这个代码表（编号、中文名称或国家代码表编号）")
    s.add_argument("--json", action="store_true", help="以 JSON 输出")
    s.set_defaults(func=cmd_list, needs_db=False)
    s = actions.add_parser("check", help="检查县代码对照文件（.json 或 .csv），不安装")
    s.add_argument("file", metavar="FILE", help="县代码对照文件")
    s.set_defaults(func=cmd_check, needs_db=False)


def _lists(list_ref: str | None) -> list[dict[str, Any]]:
    from desktop_app import catalog
    from desktop_app.domain.county_codes import find_list
    from desktop_app.errors import CliError

    lists = catalog.codelists()
    county = catalog.county_codes()
    if list_ref:
        found = find_list(lists, list_ref)
        if found is None:
            raise CliError(f"没有代码表“{list_ref}”：请用 fupin codes list 查看全部代码表")
        chosen = [found]
    else:
        chosen = [lists[i] for i in lists.ids()]
    out = []
    for code_list in chosen:
        mapped = county.get(code_list.id)
        by_code: dict[str, list[dict[str, str]]] = {}
        for entry in mapped.entries if mapped is not None else ():
            by_code.setdefault(entry.code, []).append({"code": entry.county_code, "label": entry.county_label})
        out.append(
            {
                "id": code_list.id,
                "zh": code_list.zh,
                "en": code_list.en,
                "national_id": code_list.national_id,
                "items": [
                    {
                        "code": item.code,
                        "zh": item.zh,
                        "en": item.en,
                        "national": catalog.national_label(code_list.id, item.code),
                        "county": by_code.get(item.code, []),
                    }
                    for item in code_list
                ],
            }
        )
    return out


def cmd_list(args: argparse.Namespace, _db: Any) -> int:
    from desktop_app import catalog

    lists = _lists(args.list_id)
    county = catalog.county_codes()
    if args.json:
        print(json.dumps({"county": county.county, "county_file": county.source, "lists": lists}, ensure_ascii=False))
        return 0
    if county.source:
        print(f"本县代码对照：{county.source}（{county.county or '未写县名'}，{len(county)} 个代码表）")
    for body in lists:
        print(f"{body['id']}  {body['zh']}  国家代码表：{body['national_id'] or '（无）'}")
        for item in body["items"]:
            national = f"  国家标签：{item['national']}" if item["national"] != item["zh"] else ""
            county_text = "、".join(c["code"] + (f"（{c['label']}）" if c["label"] else "") for c in item["county"])
            mapped = f"  本县：{county_text}" if county_text else ""
            print(f"    {item['code']}  {item['zh']}{national}{mapped}")
    return 0


def cmd_check(args: argparse.Namespace, _db: Any) -> int:
    from desktop_app import catalog

    county = catalog.load_county_codes(args.file)  # a broken file raises one Chinese line (exit 2)
    entries = sum(len(item.entries) for item in county)
    print(f"{args.file}：可以使用，{len(county)} 个代码表、{entries} 个县代码对照。")
    return 0
