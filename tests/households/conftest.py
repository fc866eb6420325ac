"""A fresh database set up as the welcome dialog does it: one county, township and village with 5 groups."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from desktop_app.services.areas.registry import AreaInput, set_up_work_area
from desktop_app.services.households import records as hh
from desktop_app.storage.models import Area
from tests.ui_card.conftest import FAMILY, answer_next_box, chinese_ui, type_text  # noqa: F401
from tests.ui_shell.conftest import make_window, ui_state  # noqa: F401


@pytest.fixture
def one_village(sqlite_db) -> dict[str, str]:
    """Area ids by name: 河边村 and its groups 第1村民小组 … 第5村民小组 (the first-day database)."""
    with sqlite_db.transaction() as session:
        set_up_work_area(
            session,
            county=AreaInput("532300000000", "禄丰县"),
            township=AreaInput("532300100000", "中村乡"),
            village=AreaInput("532300100201", "河边村"),
            groups=5,
        )
    with sqlite_db.session() as session:
        return dict(session.execute(select(Area.name, Area.id)).all())  # type: ignore[arg-type]


@pytest.fixture
def add_household(sqlite_db, one_village) -> Callable[..., str]:
    """Put a household on file through the card service: ``members`` are (name, ID, relation code)."""

    def make(members: list[tuple[str, str, str]], *, village: str = "河边村", group: str | None = None) -> str:
        with sqlite_db.transaction() as session:
            form = hh.new_household_form(session, one_village[village], one_village.get(group or ""))
            for name, id_number, relation in members:
                form.members.append(hh.MemberForm(name=name, id_number=id_number, relation=relation, ethnicity="01"))
            form.income_wage_fen = 600_000
            return hh.save_household(session, form)

    return make
