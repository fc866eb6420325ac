"""Run the county's rules over the database (or a file before import) and say per household what to fix.

A finding names the village, household number and head, the rule, its message with the particulars (a
member by name and masked ID, the empty fields, the places), the field and what to fix; it never holds a full
ID number. Findings the exemption list accepts are left out unless asked for.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import asdict, dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop_app import catalog
from desktop_app.assets import asset_path
from desktop_app.domain.idnumber import mask
from desktop_app.domain.monitoring_rules import MonitorRules
from desktop_app.domain.quality import Hit, QualityRule, compile_rules, evaluate_compiled
from desktop_app.errors import mask_sensitive
from desktop_app.services.monitoring import monitor_rules as county_monitor_rules
from desktop_app.services.progress import Progress, tick
from desktop_app.services.quality.exemptions import exempted_pairs
from desktop_app.services.quality.facts import households, read_facts
from desktop_app.services.quality.rules import load_rules
from desktop_app.services.unit_of_work import reading
from desktop_app.storage.database import Database


@dataclass(frozen=True)
class QualityFinding:
    household_id: str
    village_code: str
    village_name: str
    household_number: str
    head_name: str
    rule_id: str
    message: str  # Chinese: the rule's message with the particulars
    field: str
    fix: str
    message_en: str = ""
    fix_en: str = ""
    exempted: bool = False

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@lru_cache(maxsize=1)
def _field_labels() -> dict[str, str]:
    """Chinese names of the post-removal fields, from the removal check's step form."""
    try:
        with open(asset_path("forms", "steps", "monitor_removal_check.json"), encoding="utf-8") as handle:
            form = json.load(handle)
    except (OSError, ValueError):
        return {}
    return {f["key"]: str(f.get("zh", f["key"])).replace("（分）", "") for f in form.get("fields", [])}


def _who(hit: Hit) -> str:
    m = hit.member
    if m is None:
        return ""
    return f"成员{m.name}（{mask(m.id_number)}）" if m.id_number else f"成员{m.name}"


def detail(rule: QualityRule, hit: Hit) -> str:
    """The particulars of one hit, in Chinese (labels from the code lists)."""
    kind = rule.kind
    if kind == "removal_fields":
        labels = _field_labels()
        return "未填：" + "、".join(labels.get(k, k) for k in hit.items)
    if kind in ("measures_not_implemented", "removal_too_soon", "no_development") and hit.number is not None:
        return f"规定{hit.number}个月"
    if kind == "subsistence_mismatch":
        return (
            "有最低生活保障措施，但没有成员享受低保"
            if hit.items == ("measure",)
            else "有成员享受低保，但没有最低生活保障措施"
        )
    if kind == "age_school_stage":
        stage = catalog.label("school_status", hit.items[0]) if hit.items else ""
        return f"{_who(hit)}{hit.number}周岁，在校生状况为{stage}"
    if kind == "outside_work_village_post":
        status = catalog.label("work_status", hit.items[0]) if hit.items else ""
        return f"{_who(hit)}务工状况为{status}，在村级公益岗位"
    if kind == "work_place_level":
        return f"{_who(hit)}务工地点：" + "、".join(p or "（空）" for p in hit.items)
    return ""


def _finding(row: Any, rule: QualityRule, hit: Hit, exempted: bool) -> QualityFinding:
    extra = detail(rule, hit)
    return QualityFinding(
        household_id=row.id,
        village_code=row.village_code,
        village_name=row.village_name,
        household_number=row.number,
        head_name=row.head_name,
        rule_id=rule.id,
        message=f"{rule.message}（{extra}）" if extra else rule.message,
        field=hit.field,
        fix=rule.fix,
        message_en=rule.message_en,
        fix_en=rule.fix_en,
        exempted=exempted,
    )


def check_database(
    db: Database,
    *,
    today: date,
    village: str | None = None,
    rule_id: str | None = None,
    include_exempt: bool = False,
    progress: Progress | None = None,
    monitor_rules: MonitorRules | None = None,
) -> list[QualityFinding]:
    """Every finding of the rules in force in ``today``'s year, by village, household number and rule order."""
    mrules = monitor_rules or county_monitor_rules(db)
    with reading(db) as session:
        rules = [r for r in load_rules(mrules) if rule_id is None or r.id == rule_id]
        tick(progress, 0, 3, "读取户信息")
        rows = households(session, village)
        facts = read_facts(session, rows, everyone=not village)
        tick(progress, 1, 3, "读取豁免清单")
        exempt = exempted_pairs(session)
    tick(progress, 2, 3, "运行规则")
    by_id = {r.id: r for r in rules}
    rule_set = compile_rules(rules, today.year)
    out: list[QualityFinding] = []
    for n, row in enumerate(rows):
        if progress is not None and n % 5000 == 0:
            progress.check()
        for hit in evaluate_compiled(rule_set, facts[row.id], today, mrules):
            exempted = (hit.rule_id, row.id) in exempt
            if exempted and not include_exempt:
                continue
            out.append(_finding(row, by_id[hit.rule_id], hit, exempted))
    tick(progress, 3, 3, "完成")
    return out


def check_file(
    path: str | Path,
    *,
    today: date,
    db: Database | None = None,
    village: str | None = None,
    progress: Progress | None = None,
) -> tuple[list[QualityFinding], list[str]]:
    """Check a file before it is imported: it goes through the ordinary import into a fresh temporary SQLite
    database (holding a copy of ``db``'s areas when given, so that its villages are known), the rules run
    there, and the temporary database is deleted; ``db`` is only read. Returns the findings and the import's
    own problems (as Chinese lines); a file the import refuses gives no findings, only its problems."""
    from desktop_app.services.exchange import import_files
    from desktop_app.services.workspace import open_database  # a fresh database, as a front end opens one

    monitor_rules = None
    areas: list[dict[str, Any]] = []
    if db is not None:
        monitor_rules = county_monitor_rules(db)
        with reading(db) as session:
            areas = _areas(session)
    folder = Path(tempfile.mkdtemp(prefix="fupin-quality-"))
    try:
        temp = open_database(folder / "check.sqlite", operator="quality-check", device_id="quality-check")
        try:
            _copy_areas(temp, areas)
            # areas the file names and the database lacks are created in the temporary copy only
            run = import_files(
                temp, [path], progress=progress, partial=True, unreadable_as_outcome=True, create_areas=True
            )
            problems = [_problem_text(p) for o in run.outcomes for p in o.errors] if not run.applied else []
            problems += [_problem_text(p) for p in run.problems if _problem_text(p) not in problems]
            findings = check_database(temp, today=today, village=village, monitor_rules=monitor_rules)
        finally:
            temp.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return findings, problems


def _problem_text(problem: Any) -> str:
    where = f"第{problem.row}行 " if getattr(problem, "row", None) else ""
    return mask_sensitive(f"{where}{getattr(problem, 'message', problem)}")


def _areas(session: Any) -> list[dict[str, Any]]:
    from sqlalchemy import select
    from sqlmodel import col

    from desktop_app.storage.models import Area

    rows = session.execute(
        select(col(Area.id), col(Area.code), col(Area.name), col(Area.level), col(Area.parent_id)).where(
            col(Area.deleted).is_(False)
        )
    ).all()
    return [dict(id=i, code=c, name=n, level=lv, parent_id=p) for i, c, n, lv, p in rows]


def _copy_areas(temp: Database, areas: list[dict[str, Any]]) -> None:
    if not areas:
        return
    from desktop_app.services.unit_of_work import writing
    from desktop_app.storage.models import Area

    order = {"county": 0, "township": 1, "village": 2, "group": 3}
    with writing(temp, "quality.check_file") as work:
        for row in sorted(areas, key=lambda a: order.get(a["level"], 9)):
            work.session.add(Area(**row))
