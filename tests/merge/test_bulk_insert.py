"""The merge's SQLite fast path stores exactly what Core's bind processors would, and its ids are uuid4 texts."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine

from desktop_app.services.merge import engine as merge
from desktop_app.services.merge import state as ms
from desktop_app.services.merge.records import OrderedIds
from desktop_app.storage import bulk
from desktop_app.storage.models import ChangeLog

VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    1,
    2,
    1.0,
    1.5,
    "x",
    "",
    Decimal("1.50"),
    {},
    {"a": "中"},
    [],
    [1],
    {"b": None},
    date(1, 1, 1),
    date(999, 2, 3),
    date(2024, 2, 29),
    datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
    datetime(2024, 1, 2, 3, 4, 5, 6, tzinfo=UTC),
    datetime(5, 1, 2, tzinfo=UTC),
    datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    datetime(2024, 1, 2, 3, 4, 5, 7, tzinfo=timezone(timedelta(hours=8))),
    datetime(2024, 6, 2, 3, 4, 5, 7, tzinfo=ZoneInfo("Asia/Shanghai")),
    datetime(2024, 1, 2),
    datetime(2024, 1, 2, fold=1, tzinfo=UTC),
]


def _outcome(convert: Any, value: Any) -> tuple[str, Any, Any]:
    try:
        out = convert(value)
    except Exception as exc:  # noqa: BLE001 - the same error is the point
        return ("error", type(exc), str(exc))
    return ("ok", type(out), out)


def test_column_converters_store_what_the_bind_processors_store() -> None:
    dialect = create_engine("sqlite://").dialect
    tables = [model.__table__ for model in ms.TABLES.values()] + [ChangeLog.__table__]  # type: ignore[attr-defined]
    for table in tables:
        for column in table.columns:
            convert, _conversion = bulk.column_converter(column, dialect)
            process = column.type.dialect_impl(dialect).bind_processor(dialect)
            for value in VALUES:
                fast = _outcome(lambda v: list(convert([v, v]))[1] if convert else v, value)  # noqa: B023
                core = _outcome(process or (lambda v: v), value)
                assert fast == core, (table.name, column.name, value)


def test_change_log_ids_are_unique_time_ordered_uuid7_texts() -> None:
    series = OrderedIds()
    ids = [series.next() for _ in range(5000)]  # several batches
    assert len(set(ids)) == len(ids)
    assert ids == sorted(ids)  # each after the one before: appended to the primary-key index
    for text in ids:
        parsed = uuid.UUID(text)
        assert str(parsed) == text
        assert parsed.version == 7
        assert parsed.variant == uuid.RFC_4122
        assert abs(int(text[:8] + text[9:13], 16) / 1000 - time.time()) < 60  # its milliseconds: now
    later = OrderedIds(series.ms + 1)
    assert later.next() > ids[-1]  # the next merge's rows come after this one's
    full = OrderedIds(series.ms)
    full.counter = (1 << 28) - 3
    last = [full.next() for _ in range(2000)]  # the counter runs out: the next millisecond goes on
    assert last == sorted(last) and len(set(last)) == len(last)


def test_a_large_merge_gets_a_larger_page_cache_and_gives_it_back(sqlite_db: Any) -> None:
    with sqlite_db.transaction() as session:
        conn = session.connection()
        before = conn.exec_driver_sql("PRAGMA cache_size").scalar()
        with merge._page_cache(session, merge.CHUNK - 1):
            assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == before  # a small merge: unchanged
        with merge._page_cache(session, merge.CHUNK):
            assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -merge.MERGE_PAGE_CACHE_KIB
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == before


def test_a_large_merge_pauses_the_cycle_collector_and_restores_it() -> None:
    import gc

    assert gc.isenabled()
    with merge._no_cycle_collection(merge.CHUNK - 1):
        assert gc.isenabled()  # a small merge: left alone
    try:
        with merge._no_cycle_collection(merge.CHUNK):
            assert not gc.isenabled()
            raise KeyError("boom")
    except KeyError:
        pass
    assert gc.isenabled()
    gc.disable()
    try:
        with merge._no_cycle_collection(merge.CHUNK):
            pass
        assert not gc.isenabled()  # off before: stays off
    finally:
        gc.enable()
