"""``fupin cadres|pairing|visits``: the cadres roster, pairings and monitoring contacts, the coverage check and
visits (issue 16, part A).

Households are named by number (户编号), cadres by id or (unique) name, villages by code or name. A refusal
exits 2 with the Chinese reason and writes nothing; ``pairing check`` and ``visits check`` exit 1 when they
list something. ``--json`` prints codes and ISO dates; the text output shows labels.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop_app.commands.argparse_zh import day as _day

if TYPE_CHECKING:
    from desktop_app.services import Database

GROUPS = {
    "cadres": "帮扶干部名册：新增、修改、列出（姓名、性别、派出单位、职级、电话、帮扶起止）",
    "pairing": "结对帮扶：结对或更换帮扶责任人、监测联系人，结束结对，列出，覆盖检查，规则",
    "visits": "走访记录：登记（可附照片）、列出、年度走访次数检查",
}


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _cadre_options(p: argparse.ArgumentParser, *, required_name: bool) -> None:
    if required_name:
        p.add_argument("name", metavar="NAME", help="姓名")
    else:
        p.add_argument("--name", help="姓名")
    p.add_argument("--sex", help="性别：男 / 女（或代码 1 / 2）")
    p.add_argument("--unit", help="派出单位")
    p.add_argument("--rank", help="职级：县处级领导、科级领导、一般干部、驻村工作队员、村干部、其他（或代码）")
    p.add_argument("--title", help="职务")
    p.add_argument("--phone", help="联系电话")
    p.add_argument("--from", dest="started_on", type=_day, metavar="DATE", help="帮扶开始日期 YYYY-MM-DD")
    p.add_argument("--to", dest="ended_on", type=_day, metavar="DATE", help="帮扶结束日期 YYYY-MM-DD")
    p.add_argument("--note", help="备注")


def _village(p: argparse.ArgumentParser) -> None:
    p.add_argument("--village", metavar="CODE_OR_NAME", help="行政村代码或名称（默认全部）")


def register(sub: Any) -> None:
    groups = {name: sub.add_parser(name, help=text) for name, text in GROUPS.items()}
    actions = {name: g.add_subparsers(dest="action", metavar="ACTION", required=True) for name, g in groups.items()}

    s = actions["cadres"].add_parser("add", help="在名册中新增一名帮扶干部")
    _cadre_options(s, required_name=True)
    s.set_defaults(func=cmd_cadre_add, needs_db=True)
    s = actions["cadres"].add_parser("update", help="修改一名帮扶干部（只改给出的项）")
    s.add_argument("cadre", metavar="CADRE", help="干部编号或姓名")
    _cadre_options(s, required_name=False)
    s.set_defaults(func=cmd_cadre_update, needs_db=True)
    s = actions["cadres"].add_parser("list", help="列出名册：职级、帮扶户数与上限")
    s.add_argument("--json", action="store_true", help="以 JSON 输出")
    s.set_defaults(func=cmd_cadre_list, needs_db=True)

    s = actions["pairing"].add_parser("set", help="为一户结对帮扶责任人或监测联系人（原结对于前一天结束并保留）")
    s.add_argument("household", metavar="HOUSEHOLD", help="户编号")
    s.add_argument("cadre", metavar="CADRE", help="干部编号或姓名")
    s.add_argument("--role", default="cadre", help="cadre 帮扶责任人（默认）或 contact 监测联系人")
    s.add_argument("--from", dest="started_on", type=_day, metavar="DATE", help="结对开始日期（默认今天）")
    s.add_argument("--note", default="", help="备注")
    s.set_defaults(func=cmd_pair_set, needs_db=True)
    s = actions["pairing"].add_parser("end", help="结束一户当前的结对")
    s.add_argument("household", metavar="HOUSEHOLD", help="户编号")
    s.add_argument("--role", default="cadre", help="cadre 帮扶责任人（默认）或 contact 监测联系人")
    s.add_argument("--on", dest="ended_on", type=_day, metavar="DATE", help="结束日期（默认今天）")
    s.add_argument("--reason", required=True, help="结束原因（如 干部调离、户已清退）")
    s.set_defaults(func=cmd_pair_end, needs_db=True)
    s = actions["pairing"].add_parser("list", help="一户的结对历史，或各户当前的帮扶责任人和监测联系人")
    s.add_argument("--household", metavar="HOUSEHOLD", help="户编号（给出则列出该户全部结对记录）")
    _village(s)
    s.add_argument("--json", action="store_true", help="以 JSON 输出")
    s.set_defaults(func=cmd_pair_list, needs_db=True)
    s = actions["pairing"].add_parser("check", help="覆盖检查：无帮扶责任人的户、无监测联系人的监测户、超过上限的干部")
    _village(s)
    s.add_argument("--on", type=_day, metavar="DATE", help="按此日期检查（默认今天）")
    s.add_argument("--json", action="store_true", help='以 JSON 输出：{"uncovered": [...], "over_limit": [...]}')
    s.set_defaults(func=cmd_pair_check, needs_db=True)
    s = actions["pairing"].add_parser("rules", help="查看或修改县里的结对帮扶规则")
    s.add_argument(
        "--set", action="append", default=[], metavar="KEY=JSON", help='如 visits_per_year=6 或 limits={"1": 3}'
    )
    s.set_defaults(func=cmd_pair_rules, needs_db=True)

    s = actions["visits"].add_parser("add", help="登记一次走访")
    s.add_argument("household", metavar="HOUSEHOLD", help="户编号")
    s.add_argument("--date", dest="visited_on", type=_day, metavar="DATE", help="走访日期（默认今天）")
    s.add_argument("--cadre", metavar="CADRE", help="走访干部编号或姓名（默认本户当前的帮扶责任人）")
    s.add_argument("--found", required=True, help="发现的情况")
    s.add_argument("--agreed", default="", help="商定的事项")
    s.add_argument("--photo", action="append", default=[], metavar="FILE", help="照片文件（可重复），存为本户附件")
    s.set_defaults(func=cmd_visit_add, needs_db=True)
    s = actions["visits"].add_parser("list", help="一户的走访记录")
    s.add_argument("household", metavar="HOUSEHOLD", help="户编号")
    s.add_argument("--json", action="store_true", help="以 JSON 输出")
    s.set_defaults(func=cmd_visit_list, needs_db=True)
    s = actions["visits"].add_parser("check", help="年度走访次数检查：少于县定最低次数的结对（有则退出码为 1）")
    s.add_argument("--year", type=int, default=date.today().year, help="年度（默认今年）")
    _village(s)
    s.add_argument("--json", action="store_true", help="以 JSON 输出")
    s.set_defaults(func=cmd_visit_check, needs_db=True)


# --- cadres -----------------------------------------------------------------------------------------------


def cmd_cadre_add(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import CadreInput, add_cadre

    data = CadreInput(
        name=args.name,
        sex=args.sex,
        unit=args.unit or "",
        rank=args.rank,
        title=args.title or "",
        phone=args.phone or "",
        started_on=args.started_on,
        ended_on=args.ended_on,
        note=args.note or "",
    )
    cadre_id = add_cadre(db, data)
    print(f"已新增帮扶干部：{args.name.strip()}（编号 {cadre_id}）")
    return 0


def cmd_cadre_update(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import CadreInput, find_cadre, update_cadre

    row = find_cadre(db, args.cadre)
    now: dict[str, Any] = {
        "name": row.name,
        "sex": row.sex,
        "unit": row.unit,
        "rank": row.rank,
        "title": row.title,
        "phone": row.phone,
        "started_on": row.started_on,
        "ended_on": row.ended_on,
        "note": row.note,
    }
    now.update({k: v for k in now if (v := getattr(args, k)) is not None})
    update_cadre(db, row.id, CadreInput(**now))
    print(f"已修改帮扶干部：{now['name']}")
    return 0


def cmd_cadre_list(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import cadre_list

    rows = cadre_list(db)
    if args.json:
        _print_json(
            [
                {
                    "id": r.id,
                    "name": r.name,
                    "sex": r.sex,
                    "unit": r.unit,
                    "rank": r.rank,
                    "title": r.title,
                    "phone": r.phone,
                    "started_on": _iso(r.started_on),
                    "ended_on": _iso(r.ended_on),
                    "households": r.households,
                    "limit": r.limit,
                }
                for r in rows
            ]
        )
        return 0
    for r in rows:
        limit = "不限" if r.limit is None else f"上限 {r.limit} 户"
        flag = "（超过上限）" if r.over_limit else ""
        until = f"至 {r.ended_on}" if r.ended_on else ""
        print(
            f"{r.name}  {r.sex_label}  {r.unit}  {r.rank_label or '未定职级'}  "
            f"帮扶 {r.households} 户，{limit}{flag}  {until}"
        )
    print(f"共 {len(rows)} 名帮扶干部。")
    return 0


# --- pairing ----------------------------------------------------------------------------------------------


def cmd_pair_set(args: argparse.Namespace, db: Database) -> int:
    from desktop_app import catalog
    from desktop_app.services.assistance import find_cadre, pair, role_code

    cadre = find_cadre(db, args.cadre)
    role = role_code(args.role)
    started = args.started_on or date.today()
    pair(db, args.household, cadre.id, role=role, started_on=started, note=args.note)
    print(f"已结对：{args.household} 的{catalog.label('pairing_role', role)}为{cadre.name}（自 {started} 起）")
    return 0


def cmd_pair_end(args: argparse.Namespace, db: Database) -> int:
    from desktop_app import catalog
    from desktop_app.errors import CliError
    from desktop_app.services.assistance import end_pairing, household_pairings, role_code

    role = role_code(args.role)
    label = catalog.label("pairing_role", role)
    current = [p for p in household_pairings(db, args.household) if p.role == role and p.ended_on is None]
    if not current:
        raise CliError(f"{args.household} 当前没有{label}")
    ended = args.ended_on or date.today()
    for row in current:
        end_pairing(db, row.id, ended, args.reason)
        print(f"已结束：{args.household} 与{row.cadre}的{label}结对（{ended}，{args.reason.strip()}）")
    return 0


def cmd_pair_list(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import find_village, household_pairings, village_pairings

    if args.household:
        rows = household_pairings(db, args.household)
        if args.json:
            keys = ("id", "cadre_id", "cadre", "unit", "role", "end_reason", "note", "current")
            _print_json(
                [
                    {k: getattr(r, k) for k in keys} | {"started_on": _iso(r.started_on), "ended_on": _iso(r.ended_on)}
                    for r in rows
                ]
            )
            return 0
        for r in rows:
            span = f"{r.started_on or '（户卡登记）'} 至 {r.ended_on or '今'}"
            why = f"  {r.end_reason}" if r.end_reason else ""
            print(f"{r.role_label}  {r.cadre}  {r.unit}  {span}{'  当前' if r.current else ''}{why}")
        if not rows:
            print("本户没有结对记录。")
        return 0
    village = find_village(db, args.village).id if args.village else None
    listed = village_pairings(db, village)
    if args.json:
        _print_json(
            [
                {"household": r.number, "cadre": r.cadre, "contact": r.contact, "must_cover": r.must_cover}
                for r in listed
            ]
        )
        return 0
    for h in listed:
        contact = f"  监测联系人：{h.contact or '无'}" if h.monitored else ""
        print(f"{h.number}  {h.head_name}  {h.stage_label}  帮扶责任人：{h.cadre or '无'}{contact}")
    print(f"共 {len(listed)} 户。")
    return 0


def cmd_pair_check(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import coverage_check, find_village

    village = find_village(db, args.village).id if args.village else None
    found = coverage_check(db, village, on=args.on)
    if args.json:
        numbers = list(dict.fromkeys(r.number for r in found.uncovered))
        over = [
            {"cadre": r.cadre, "rank": r.rank, "households": r.households, "limit": r.limit} for r in found.over_limit
        ]
        _print_json({"uncovered": numbers, "over_limit": over})
        return 0 if found.ok else 1
    for r in found.uncovered:
        print(f"{r.village}  {r.number}  {r.head_name}  {r.reason}")
    for o in found.over_limit:
        print(f"{o.cadre}（{o.unit}，{o.rank}）帮扶 {o.households} 户，超过上限 {o.limit} 户")
    if found.ok:
        print(f"覆盖检查通过：应覆盖的 {found.must_cover} 户都有帮扶责任人或监测联系人，没有干部超过上限。")
    else:
        print(
            f"应覆盖 {found.must_cover} 户，未覆盖 {len(found.uncovered)} 处，"
            f"超过上限的干部 {len(found.over_limit)} 名。"
        )
    return 0 if found.ok else 1


def cmd_pair_rules(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.errors import CliError
    from desktop_app.services.assistance import pairing_rules, save_pairing_rules

    changes: dict[str, Any] = {}
    for item in args.set:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise CliError(f"应为 KEY=VALUE：{item}")
        try:
            changes[key.strip()] = json.loads(value)
        except ValueError as exc:
            raise CliError(f"{key.strip()} 的值不是有效的 JSON：{value}") from exc
    rules = save_pairing_rules(db, changes) if changes else pairing_rules(db)
    for key, value in rules.items():
        print(f"{key}：{json.dumps(value, ensure_ascii=False)}")
    return 0


# --- visits -----------------------------------------------------------------------------------------------


def cmd_visit_add(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import VisitInput, add_visit, find_cadre, household_pairings

    if args.cadre:
        cadre_id: str | None = find_cadre(db, args.cadre).id
    else:
        current = [p for p in household_pairings(db, args.household) if p.role == "1" and p.current]
        cadre_id = current[0].cadre_id if current else None
    on = args.visited_on or date.today()
    add_visit(db, VisitInput(args.household, cadre_id, on, args.found, args.agreed, tuple(args.photo)))
    photos = f"，照片 {len(args.photo)} 张" if args.photo else ""
    print(f"已登记走访：{args.household}（{on}{photos}）")
    return 0


def cmd_visit_list(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import household_visits

    rows = household_visits(db, args.household)
    if args.json:
        keys = ("id", "cadre_id", "cadre", "found", "agreed", "note")
        _print_json(
            [{k: getattr(r, k) for k in keys} | {"date": _iso(r.visited_on), "photos": list(r.photos)} for r in rows]
        )
        return 0
    for r in rows:
        agreed = f"；商定：{r.agreed}" if r.agreed else ""
        photos = f"（照片 {len(r.photos)} 张）" if r.photos else ""
        print(f"{r.visited_on}  {r.cadre or '—'}  发现：{r.found}{agreed}{photos}")
    print(f"共 {len(rows)} 次走访。")
    return 0


def cmd_visit_check(args: argparse.Namespace, db: Database) -> int:
    from desktop_app.services.assistance import find_village, visit_check

    village = find_village(db, args.village).id if args.village else None
    rows = visit_check(db, args.year, village)
    if args.json:
        _print_json(
            [
                {"household": r.number, "cadre": r.cadre, "role": r.role, "visits": r.visits, "minimum": r.minimum}
                for r in rows
            ]
        )
        return 1 if rows else 0
    for r in rows:
        print(f"{r.number}  {r.head_name}  {r.role_label} {r.cadre}  走访 {r.visits} 次，应至少 {r.minimum} 次")
    print(f"{args.year} 年走访次数全部达到要求。" if not rows else f"{args.year} 年有 {len(rows)} 个结对走访次数不足。")
    return 1 if rows else 0
