"""Property: after any sequence of months worked in posts and months of migrant work (typed again, changed,
set back to not worked), the household's wage lines of each year equal the ledgers' sums computed here
independently, and the record's wage group is their total."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.services import open_database
from desktop_app.services.assistance import WorkEntry, record_post_month, save_work_months
from desktop_app.services.monitoring import income_for
from desktop_app.services.unit_of_work import reading
from tests.assist_posts.helpers import contracted, post, village

MONTHS = [202511, 202512, 202601, 202602, 202603, 202604]
WORKERS = ["王五", "王家1"]  # both of household 0003, which also holds the two posts

post_action = st.tuples(st.just("post"), st.integers(0, 1), st.sampled_from(MONTHS), st.integers(0, 50_000))
work_action = st.tuples(st.just("work"), st.integers(0, 1), st.sampled_from(MONTHS), st.integers(-1, 900_000))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(post_action, work_action), min_size=3, max_size=12))
def test_the_wage_lines_always_equal_the_ledgers(actions: list[tuple[str, int, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "p.sqlite", operator="测试员", device_id="prop")
        try:
            _run(db, actions)
        finally:
            db.close()


def _run(db: object, actions: list[tuple[str, int, int, int]]) -> None:
    v = village(db)
    village_post, township_post = post(db, v, tier="3"), post(db, v, type="02", tier="2")
    holders = [
        contracted(db, village_post, v.members["王家2"], start=date(2025, 10, 8)),
        contracted(db, township_post, v.members["王家1"], start=date(2025, 10, 8)),
    ]
    expected_post: dict[tuple[int, int], int] = {}  # (holder, month) -> subsidy
    expected_work: dict[tuple[int, int], int] = {}  # (worker, month) -> wage (worked)
    done = 0
    for kind, who, month, amount in actions:
        if kind == "post":
            record_post_month(db, holders[who], month, 20, True, "2", amount)
            expected_post[(who, month)] = amount
        else:
            worked = amount >= 0
            entry = WorkEntry(v.members[WORKERS[who]], worked, wage_fen=max(amount, 0) if worked else 0)
            save_work_months(db, month, [entry])
            expected_work[(who, month)] = max(amount, 0) if worked else 0
        done += 1
    assert done == len(actions)  # every generated action is valid: none was refused
    hid = v.households[2]
    with reading(db) as session:
        for year in (2025, 2026):
            record = income_for(session, hid, year)
            village_fen = sum(f for (h, m), f in expected_post.items() if h == 0 and m // 100 == year)
            township_fen = sum(f for (h, m), f in expected_post.items() if h == 1 and m // 100 == year)
            work_fen = sum(f for (_w, m), f in expected_work.items() if m // 100 == year)
            if record is None:
                assert village_fen == township_fen == work_fen == 0
                continue
            lines = {k: int(v["fen"]) for k, v in record.lines.items()}
            assert lines.get("wage_post_village", 0) == village_fen
            assert lines.get("wage_post_township", 0) == township_fen
            assert lines.get("wage_work", 0) == work_fen
            assert record.wage_fen == village_fen + township_fen + work_fen
