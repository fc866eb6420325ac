"""The card's measure model (一户一策), filled from a real saved card, passes pytest-qt's model tester; its
columns are the declared measure fields, amounts show in yuan and a typed amount is stored in fen."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop_app.domain import fields
from desktop_app.domain.idnumber import make_id
from desktop_app.services import households
from desktop_app.services.demo import load_demo
from desktop_app.storage.models import Area
from desktop_app.ui.models.measures import MeasureModel, column_of


def _card_with_a_measure(db) -> str:
    load_demo(db, households=2, villages=1, seed=7)
    with db.session() as session:
        village_id = session.execute(select(Area.id).where(Area.level == "village")).scalars().first()
    form = households.open_card(db, None, village_id=village_id).form
    form.members = [
        households.MemberForm(name="李文", id_number=make_id("530102", date(1975, 4, 5), 13), relation="01")
    ]
    form.measures = [
        households.MeasureForm(
            year=2019, type="02", content="扶贫小额信贷", amount_fen=5_000_000, start_date=date(2019, 3, 1)
        )
    ]
    return households.save_card(db, form)


def test_measure_model_of_a_saved_card_passes_the_model_tester(qtbot, qtmodeltester, sqlite_db) -> None:
    household_id = _card_with_a_measure(sqlite_db)
    model = MeasureModel()
    model.set_measures(households.load_card(sqlite_db, household_id).measures)
    qtmodeltester.check(model)
    assert model.columnCount() == len(fields.MEASURE_FIELDS)
    assert model.rowCount() == 1
    assert model.index(0, column_of("content")).data() == "扶贫小额信贷"
    assert model.index(0, column_of("amount_fen")).data() == "50,000.00"
    assert model.index(0, column_of("start_date")).data() == "2019-03-01"


def test_a_typed_amount_is_kept_in_fen_and_a_new_row_passes_the_tester(qtbot, qtmodeltester, sqlite_db) -> None:
    household_id = _card_with_a_measure(sqlite_db)
    model = MeasureModel()
    model.set_measures(households.load_card(sqlite_db, household_id).measures)
    assert model.setData(model.index(0, column_of("amount_fen")), "1234.5", Qt.ItemDataRole.EditRole)
    assert model.rows[0].amount_fen == 123_450
    assert not model.setData(model.index(0, column_of("start_date")), "not a date", Qt.ItemDataRole.EditRole)
    row = model.add()
    assert model.rows[row].year == date.today().year
    qtmodeltester.check(model)
