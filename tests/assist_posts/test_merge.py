"""Two laptops typing the same village's months: the months merge (one id per member and month), a month typed
on both keeps one row, and the wage lines summed again after the merge hold both laptops' wages."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop_app.services import open_database
from desktop_app.services.assistance import WorkEntry, household_work, recompute_wages, save_work_months
from desktop_app.services.merge import merge_database
from desktop_app.services.monitoring import income_sheet
from tests.assist_posts.helpers import village


def test_work_months_of_two_laptops_merge_and_the_wages_follow(tmp_path: Path) -> None:
    here_path, there_path = tmp_path / "here.sqlite", tmp_path / "there.sqlite"
    here = open_database(here_path, operator="甲", device_id="laptop-1")
    v = village(here)
    here.close()
    shutil.copy(here_path, there_path)
    there = open_database(there_path, operator="乙", device_id="laptop-2")
    save_work_months(there, 202604, [WorkEntry(v.members["张家2"], True, wage_fen=300_000, channel="2")])
    save_work_months(there, 202605, [WorkEntry(v.members["张家1"], True, wage_fen=100_000)])
    there.close()
    here = open_database(here_path, operator="甲", device_id="laptop-1")
    try:
        save_work_months(here, 202604, [WorkEntry(v.members["张家1"], True, wage_fen=420_000, channel="3")])
        save_work_months(here, 202605, [WorkEntry(v.members["张家1"], True, wage_fen=100_000)])  # the same on both
        merge_database(here, there_path)
        months = sorted((r.name, r.month, r.wage_fen) for r in household_work(here, v.households[0], 2026))
        assert months == [("张家1", 202604, 420_000), ("张家1", 202605, 100_000), ("张家2", 202604, 300_000)]
        assert recompute_wages(here, 2026) >= 1
        lines = {ln.key: ln.fen for ln in income_sheet(here, v.households[0], 2026).lines}
        assert lines["wage_work"] == 820_000
        assert recompute_wages(here, 2026) == 0  # already in step: nothing written
    finally:
        here.close()
