"""The household search index: one lower-case text per household that a substring search can match.

``household.search_text`` holds, separated by spaces, the household number and, for the head and every
member, the name, its pinyin initials (张三丰 → zsf), its full pinyin (zhangsanfeng) and the resident ID.
A search term matches when it is a substring of that text, so `zs`, `sanfeng`, `张三`, `5329` and the last
digits of an ID all work with one indexed-free scan that stays fast at county size (see bench/bench_gui.py).

Every code path that creates households or changes names, IDs or numbers calls ``refresh_search_index``
for the households it touched before its transaction commits. The index is derived data: it is written
with Core (no change-log rows, no version bump), so recomputing it never looks like a user's edit.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from sqlalchemy import Connection, bindparam, select, update
from sqlmodel import Session

from desktop_app.storage.models import Household, Member
from desktop_app.storage.queries import chunks, live_rows, table_of

_CHUNK = 2000
_SEPARATOR = " "


@lru_cache(maxsize=20000)
def _char_readings(char: str) -> tuple[str, ...]:
    """Pinyin readings of one character without tones (ü written v and u); () for non-Chinese characters."""
    if not ("\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"):
        return ()
    from pypinyin import Style, pinyin

    readings: list[str] = []
    for reading in pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")[0]:
        for variant in (reading, reading.replace("v", "u")):
            if variant and variant not in readings:
                readings.append(variant)
    return tuple(readings)


@lru_cache(maxsize=200000)
def name_keys(name: str) -> tuple[str, ...]:
    """Search keys of a person's name: the name, pinyin initials and full pinyin (lower case).

    The first character is a surname and may have several readings (曾 zeng/ceng, 单 shan/dan): all of them
    are kept for it; the other characters use their most common reading, which keeps the text short.
    """
    clean = normalize_query(name).replace(_SEPARATOR, "")
    if not clean:
        return ()
    first_options: list[str] = []
    rest_full = ""
    rest_initials = ""
    for index, char in enumerate(clean):
        readings = _char_readings(char)
        if index == 0:
            first_options = list(readings[:3]) if readings else [char]
            continue
        reading = readings[0] if readings else char
        rest_full += reading
        rest_initials += reading[0]
    keys = [clean]
    for first in first_options:
        for key in (first[0] + rest_initials, first + rest_full):
            if key not in keys:
                keys.append(key)
    return tuple(keys)


def normalize_query(text: str) -> str:
    """Full-width letters and digits to ASCII, lower case, inner runs of spaces to one space, trimmed."""
    folded = unicodedata.normalize("NFKC", text or "").lower()
    return " ".join(folded.split())


def search_terms(query: str) -> list[str]:
    """The terms a query must all match (split on spaces); empty when there is nothing to search."""
    return [term for term in normalize_query(query).split(_SEPARATOR) if term]


def build_search_text(number: str, head_name: str, members: Iterable[tuple[str, str | None]]) -> str:
    """The index text of one household from its number, head name and (name, resident ID) pairs."""
    parts: list[str] = []
    seen: set[str] = set()

    def add(token: str) -> None:
        if token and token not in seen:
            seen.add(token)
            parts.append(token)

    add(normalize_query(number).replace(_SEPARATOR, ""))
    for key in name_keys(head_name):
        add(key)
    for name, id_number in members:
        for key in name_keys(name):
            add(key)
        if id_number:
            add(normalize_query(id_number).replace(_SEPARATOR, ""))
    return _SEPARATOR.join(parts)


def refresh_search_index(session: Session, household_ids: Iterable[str] | None = None) -> int:
    """Recompute ``search_text`` for the given households (None = all) in the session's transaction.

    Returns the number of households updated. Works in chunks with plain column selects and Core
    ``executemany`` updates, so all 100,000 households of a county take seconds, not minutes.
    """
    return refresh_search_index_on(session.connection(), household_ids)


def refresh_search_index_on(conn: Connection, household_ids: Iterable[str] | None = None) -> int:
    """``refresh_search_index`` on a bare connection (migrations use it to fill the new column)."""
    h = table_of(Household)
    m = table_of(Member)
    if household_ids is None:
        batches: Iterable[list[str] | None] = [None]
    else:
        wanted = list(dict.fromkeys(household_ids))
        if not wanted:
            return 0
        batches = chunks(wanted, _CHUNK)
    stmt = update(h).where(h.c.id == bindparam("hid")).values(search_text=bindparam("text"))
    updated = 0
    for batch in batches:
        households_q = select(h.c.id, h.c.number, h.c.head_name, h.c.search_text)
        members_q = (
            select(m.c.household_id, m.c.name, m.c.id_number)
            .where(live_rows(m))
            .order_by(m.c.household_id, m.c.sort_order)
        )
        if batch is not None:
            households_q = households_q.where(h.c.id.in_(batch))
            members_q = members_q.where(m.c.household_id.in_(batch))
        people: dict[str, list[tuple[str, str | None]]] = {}
        for household_id, name, id_number in conn.execute(members_q):
            people.setdefault(household_id, []).append((name or "", id_number))
        changes: list[dict[str, str]] = []
        for household_id, number, head_name, current in conn.execute(households_q):
            text = build_search_text(number or "", head_name or "", people.get(household_id, ()))
            if text != current:
                changes.append({"hid": household_id, "text": text})
        for part in chunks(changes, _CHUNK):
            conn.execute(stmt, part)
        updated += len(changes)
    return updated


def refresh_stale_search_text(session: Session) -> int:
    """Fill the search text of households that have none (after the upgrade that added the column)."""
    h = table_of(Household)
    stale = [row[0] for row in session.connection().execute(select(h.c.id).where(h.c.search_text == ""))]
    return refresh_search_index(session, stale) if stale else 0


def member_hits(conn: Connection, household_ids: Iterable[str], query: str) -> dict[str, str]:
    """For households a search found through a member other than the head: household id → that member's name.

    The list shows the head of each household; when the term matched someone else (a spouse's name, a child's
    ID), the cadre needs to see whom it found. Only the households asked for are read (one page of the list).
    """
    terms = search_terms(query)
    wanted = list(dict.fromkeys(household_ids))
    if not terms or not wanted:
        return {}
    h = table_of(Household)
    m = table_of(Member)
    hits: dict[str, str] = {}
    for chunk in chunks(wanted, _CHUNK):
        heads = {
            row.id: set(name_keys(row.head_name))
            for row in conn.execute(select(h.c.id, h.c.head_name).where(h.c.id.in_(chunk)))
        }
        rows = conn.execute(
            select(m.c.household_id, m.c.name, m.c.id_number)
            .where(m.c.household_id.in_(chunk), live_rows(m))
            .order_by(m.c.household_id, m.c.sort_order)
        )
        for household_id, name, id_number in rows:
            if household_id in hits:
                continue
            head_keys = heads.get(household_id, set())
            keys = set(name_keys(name))
            if keys == head_keys:
                continue  # the head's own row
            id_key = normalize_query(id_number or "").replace(_SEPARATOR, "")
            for term in terms:
                in_member = any(term in key for key in keys) or (id_key and term in id_key)
                if in_member and not any(term in key for key in head_keys):
                    hits[household_id] = name
                    break
    return hits
