"""The warning lists' Qt models, filled from the real services on a real SQLite file, pass pytest-qt's model
tester; the reason filter narrows the 八必访 list and a filter to nothing leaves an empty, valid model."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from desktop_app.services.monitoring import income_warnings, must_visit
from desktop_app.ui.models.monitoring_warnings import ROW_ROLE, IncomeWarningModel, MustVisitModel
from tests.monitor_warn_ui.conftest import BAND, BELOW, ILL, TODAY, VILLAGE


def test_income_warning_model_passes_the_model_tester(qtbot, qtmodeltester, warned, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, _vid, _ids = warned
    model = IncomeWarningModel()
    model.set_rows(income_warnings(db, village_code=VILLAGE, year=2025), Decimal("1.5"))
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.columnCount() == 7
    numbers = [model.index(r, 1).data() for r in range(2)]
    band = numbers.index(BAND)
    assert model.index(band, 5).data() == "8,000.00 – 12,000.00"  # the county's band factor
    assert model.index(band, 3).data(Qt.ItemDataRole.TextAlignmentRole) is not None
    assert model.index(band, 0).data(ROW_ROLE).household_number == BAND
    assert model.household_at(numbers.index(BELOW)) is not None and model.household_at(5) is None
    model.set_rows([], Decimal("1.2"))
    qtmodeltester.check(model)


def test_must_visit_model_passes_the_model_tester_and_filters_by_reason(qtbot, qtmodeltester, warned, lang_zh) -> None:  # type: ignore[no-untyped-def]
    db, _vid, _ids = warned
    model = MustVisitModel()
    model.set_rows(must_visit(db, village_code=VILLAGE, today=TODAY))
    qtmodeltester.check(model)
    assert model.headerData(2, Qt.Orientation.Horizontal) == "必访原因"
    everyone = model.rowCount()
    model.set_reason("illness")
    qtmodeltester.check(model)
    assert [model.index(r, 1).data() for r in range(model.rowCount())] == [ILL]
    model.set_reason("students")
    assert model.rowCount() == 0
    qtmodeltester.check(model)
    model.set_reason("")
    assert model.rowCount() == everyone
