"""The card's member table model, filled from a real saved card, passes pytest-qt's model tester and shows what
the card holds: labels for codes, the derived sex and birth date, a red cell for a bad resident ID."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from desktop_app.domain.idnumber import make_id
from desktop_app.services import households
from desktop_app.services.demo import load_demo
from desktop_app.ui.models.members import COL, INVALID_BRUSH, MemberTableModel


def _saved_card(db) -> str:
    load_demo(db, households=2, villages=1, seed=5)
    form = households.open_card(db, None, village_id=_a_village(db)).form
    form.members = [
        households.MemberForm(name="杨光明", id_number=make_id("530102", date(1968, 5, 6), 11), relation="01"),
        households.MemberForm(
            name="赵春花",
            id_number=make_id("530102", date(1970, 2, 3), 22),
            relation="02",
            sex="2",
            birth_date=date(1970, 2, 3),
        ),
    ]
    return households.save_card(db, form)


def _a_village(db) -> str:
    from sqlalchemy import select

    from desktop_app.storage.models import Area

    with db.session() as session:
        return session.execute(select(Area.id).where(Area.level == "village")).scalars().first()


def test_member_model_of_a_saved_card_passes_the_model_tester(qtbot, qtmodeltester, sqlite_db) -> None:
    household_id = _saved_card(sqlite_db)
    model = MemberTableModel()
    model.set_members(households.load_card(sqlite_db, household_id).members)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.index(0, COL["name"]).data() == "杨光明"
    assert model.index(0, COL["relation"]).data() == "户主"
    assert model.index(1, COL["sex"]).data() == "女"
    assert model.index(1, COL["birth_date"]).data() == "1970-02-03"


def test_member_model_marks_a_bad_resident_id_and_still_passes(qtbot, qtmodeltester, sqlite_db) -> None:
    household_id = _saved_card(sqlite_db)
    model = MemberTableModel()
    model.set_members(households.load_card(sqlite_db, household_id).members)
    row = model.insert_member()
    index = model.index(row, COL["id_number"])
    assert model.setData(index, "123", Qt.ItemDataRole.EditRole)
    assert model.index(row, COL["id_number"]).data(Qt.ItemDataRole.BackgroundRole) == INVALID_BRUSH
    assert model.index(row, COL["id_number"]).data(Qt.ItemDataRole.ToolTipRole)
    qtmodeltester.check(model)
