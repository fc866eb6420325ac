"""Writing the ledger sheets of the exchange workbook (format version 2; layout in ``columns_assist``).

A household's ledgers go with the household (the export's village or township); allocations and posts with
their village; funds and projects, the county's reference lists, always whole. Names read out beside the
hidden ids (借款人, 资金来源, 岗位 …) are looked up here, and so are the labels of the JSON columns (a plan's
causes and items, a measure's values, the number of photos).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Select, select
from sqlmodel import Session

from desktop_app import catalog
from desktop_app.assets import asset_path
from desktop_app.domain.assistance import yuan
from desktop_app.services.exchange import columns as C
from desktop_app.services.exchange import columns_assist as CA
from desktop_app.storage.models import AppSetting, Area, Cadre, Household, Member, Synced
from desktop_app.storage.models_assist import (
    Disbursement,
    Fund,
    FundAllocation,
    FundProject,
    HelpPlan,
    Loan,
    LoanRepayment,
    Pairing,
    Post,
    PostHolder,
    PostMonth,
    Visit,
    WorkMonth,
)
from desktop_app.storage.models_monitoring import HelpMeasure
from desktop_app.storage.queries import live_rows, table_of

MODELS: dict[str, type[Synced]] = {
    "fund": Fund,
    "fund_project": FundProject,
    "fund_allocation": FundAllocation,
    "pairing": Pairing,
    "help_plan": HelpPlan,
    "help_measure": HelpMeasure,
    "disbursement": Disbursement,
    "loan": Loan,
    "loan_repayment": LoanRepayment,
    "post": Post,
    "post_holder": PostHolder,
    "post_month": PostMonth,
    "work_month": WorkMonth,
    "visit": Visit,
}

# a name read out beside a hidden id: pseudo-field -> (the id column, the table it names, the column shown)
_NAMES: dict[str, tuple[str, type[Synced], str]] = {
    "@village_name": ("village_id", Area, "name"),
    "@village_code": ("village_id", Area, "code"),
    "@member_name": ("member_id", Member, "name"),
    "@payee_name": ("payee_member_id", Member, "name"),
    "@cadre_name": ("cadre_id", Cadre, "name"),
    "@fund_name": ("fund_id", Fund, "name"),
    "@project_name": ("project_id", FundProject, "name"),
    "@contract_no": ("loan_id", Loan, "contract_no"),
    "@post_name": ("post_id", Post, "name"),
}


def _labels(list_id: str, codes: Any) -> str:
    return "、".join(catalog.label(list_id, str(c)) for c in codes or [])


def _items(items: Any) -> str:
    """A plan's planned measures read out: 产业帮扶：种植核桃（3000.00 元）；…"""
    parts = []
    for item in items or []:
        if not isinstance(item, dict):
            continue
        text = catalog.label("help_category", item.get("category"))
        if item.get("content"):
            text += f"：{item['content']}"
        if isinstance(item.get("amount_fen"), int) and item["amount_fen"]:
            text += f"（{yuan(item['amount_fen'])} 元）"
        parts.append(text)
    return "；".join(parts)


# derived text computed from the row's own values
_READ_OUT: dict[str, Callable[[Any], Any]] = {
    "@causes": lambda r: _labels("cause", r["causes"]),
    "@risks": lambda r: _labels("monitor_risk", r["risks"]),
    "@items": lambda r: _items(r["items"]),
    "@values": lambda r: _labels(f"help_{r['category']}", r["values"]),
    "@evidence_count": lambda r: str(len(r["evidence"] or [])),
    "@photo_count": lambda r: str(len(r["photos"] or [])),
}


def product_names(session: Session) -> dict[str, str]:
    """Loan product key -> its name: the shipped products (forms/loan_products.json) or the county's own list
    (``app_setting`` assistance.loan_products, whose ``products`` replace the shipped ones)."""
    products: Any = []
    try:
        with open(asset_path("forms", "loan_products.json"), encoding="utf-8") as handle:
            products = json.load(handle).get("products", [])
    except (OSError, ValueError, AttributeError):
        products = []
    saved = session.get(AppSetting, "assistance.loan_products")
    try:
        own = json.loads(saved.value) if saved is not None and saved.value.strip() else {}
    except ValueError:
        own = {}
    if isinstance(own, dict) and isinstance(own.get("products"), list):
        products = own["products"]
    return {str(p["key"]): str(p.get("name") or p["key"]) for p in products if isinstance(p, dict) and "key" in p}


def _name_query(spec: C.SheetSpec, field: str, t: Any) -> Any:
    """The scalar subquery of a name shown beside a hidden id (post months reach theirs through the holder)."""
    if spec.table == "post_month" and field in ("@post_name", "@member_name"):
        ph = table_of(PostHolder)
        target = table_of(Post) if field == "@post_name" else table_of(Member)
        link = ph.c.post_id if field == "@post_name" else ph.c.member_id
        return select(target.c.name).where(target.c.id == link, ph.c.id == t.c.holder_id).scalar_subquery()
    id_col, model, shown = _NAMES[field]
    target = table_of(model)
    return select(target.c[shown]).where(target.c.id == t.c[id_col]).scalar_subquery()


def ledger_query(spec: C.SheetSpec, villages: list[str] | None) -> tuple[Select[Any], list[str]]:
    """The rows of one ledger sheet in scope, and the key of each column in the result."""
    t = table_of(MODELS[spec.table])
    h = table_of(Household)
    picked: list[Any] = []
    keys: list[str] = []
    for col in spec.columns:
        if col.field == "@hash" or col.field in _READ_OUT or col.field == "@product_name":
            keys.append(col.field)
            continue
        if col.field == "@household_number":
            picked.append(h.c.number.label("h_number"))
        elif col.field == "@head_name":
            picked.append(h.c.head_name.label("h_head"))
        elif col.field.startswith("@"):
            picked.append(_name_query(spec, col.field, t).label(col.field[1:]))
        else:
            picked.append(t.c[col.field])
        keys.append(picked[-1].key)
    for name in ("causes", "risks", "items", "category", "values", "evidence", "photos", "product"):
        if name in t.c and name not in keys:
            picked.append(t.c[name])  # what the read-out texts need
    stmt = select(*picked).where(live_rows(t))
    if "household_id" in t.c and spec.table not in CA.VILLAGE_TABLES:
        stmt = stmt.select_from(t).join(h, h.c.id == t.c.household_id).where(live_rows(h))
        if villages is not None:
            stmt = stmt.where(h.c.village_id.in_(villages))
        stmt = stmt.order_by(h.c.number, t.c.id)
    elif spec.table in CA.VILLAGE_TABLES:
        if villages is not None:
            stmt = stmt.where(t.c.village_id.in_(villages))
        stmt = stmt.order_by(t.c.village_id, t.c.id)
    else:
        stmt = stmt.order_by(t.c.year, t.c.name, t.c.id)
    return stmt, keys


def ledger_rows(session: Session, spec: C.SheetSpec, villages: list[str] | None) -> Iterator[list[Any]]:
    """Each row of the sheet as the values the writer takes (field values as stored, names read out)."""
    stmt, keys = ledger_query(spec, villages)
    read_out = dict(_READ_OUT)
    if "@product_name" in keys:
        names = product_names(session)
        read_out["@product_name"] = lambda r: names.get(r["product"], r["product"])
    for row in session.execute(stmt.execution_options(yield_per=5000)):
        mapping = row._mapping
        yield [None if key == "@hash" else read_out[key](mapping) if key in read_out else mapping[key] for key in keys]


def write_ledgers(
    session: Session, writer: Callable[[C.SheetSpec], Any], villages: list[str] | None, step: Callable[[str], None]
) -> dict[str, int]:
    """Every ledger sheet written; the number of rows of each table."""
    counts: dict[str, int] = {}
    for spec in CA.LEDGER_SHEETS:
        w = writer(spec)
        for n, values in enumerate(ledger_rows(session, spec, villages), start=1):
            w.write(values)
            if n % 5000 == 0:
                step(spec.name)
        step(spec.name)
        counts[spec.table] = w.finish()
    return counts


def cadre_references(villages: list[str] | None) -> list[Select[Any]]:
    """The cadres a ledger of the exported households names (pairings, visits): their roster rows go too."""
    h = table_of(Household)
    out = []
    for model in (Pairing, Visit):
        t = table_of(model)
        q = select(t.c.cadre_id).join(h, h.c.id == t.c.household_id).where(live_rows(t), live_rows(h))
        out.append(q.where(h.c.village_id.in_(villages)) if villages is not None else q)
    return out


def ledger_tombstones(session: Session, villages: list[str] | None) -> Iterator[list[Any]]:
    """Deleted ledger records in scope as tombstone rows (table, household id, record keys)."""
    h = table_of(Household)
    sync = ("id", "version", "device_id", "created_at", "updated_at")
    for table, model in MODELS.items():
        t = table_of(model)
        stmt = select(*(t.c[k] for k in sync), *([t.c.household_id] if "household_id" in t.c else []))
        stmt = stmt.where(t.c.deleted.is_(True))
        if villages is not None and table in CA.VILLAGE_TABLES:
            stmt = stmt.where(t.c.village_id.in_(villages))
        elif villages is not None and "household_id" in t.c:
            stmt = stmt.join(h, h.c.id == t.c.household_id).where(h.c.village_id.in_(villages), live_rows(h))
        for r in session.execute(stmt.order_by(t.c.id)):
            household = r.household_id if "household_id" in t.c else None
            yield [table, household, r.id, r.version, r.device_id, r.updated_at, None]
