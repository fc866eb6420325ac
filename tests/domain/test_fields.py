"""The fields of cards, members and measures are declared once (domain.fields) and every part reads them: the
declaration matches the tables, and the forms, the history, the labels and the exchange sheets follow it."""

from __future__ import annotations

import dataclasses

import pytest

from desktop_app.domain import fields, labels
from desktop_app.services import households
from desktop_app.services.exchange import columns
from desktop_app.storage.models import Household, Measure, Member

# Columns every synchronised record has, and derived or link columns that are not fields of the card.
_NOT_FIELDS = {"id", "created_at", "updated_at", "version", "device_id", "deleted", "household_id", "search_text"}


@pytest.mark.parametrize(
    ("model", "entity", "extra"),
    [(Household, "household", set()), (Member, "member", {"sort_order"}), (Measure, "measure", set())],
)
def test_the_declaration_names_every_column_of_the_table(model, entity, extra) -> None:
    table_columns = set(model.__table__.c.keys()) - _NOT_FIELDS - extra
    assert table_columns == {spec.name for spec in fields.RECORD_FIELDS[entity]}


def test_a_measure_field_reaches_the_form_the_sheet_the_labels_and_the_history() -> None:
    form_fields = {f.name for f in dataclasses.fields(households.MeasureForm)} - {"id"}
    sheet_fields = {c.field for c in columns.MEASURES.data_fields()} - {"household_id"}
    for spec in fields.MEASURE_FIELDS:
        assert spec.name in form_fields
        assert spec.name in sheet_fields
        assert labels.field_label("measure", spec.name) == spec.zh
        assert labels.field_label("measure", spec.name, "en") == spec.en
    assert households.MEASURE_FIELDS == tuple(spec.name for spec in fields.MEASURE_FIELDS)


def test_coded_and_yes_no_fields_are_shown_by_their_labels_in_the_history() -> None:
    assert households.shown_value("measure", "type", "02") == "小额信贷"
    assert households.shown_value("member", "relation", "01") == "户主"
    assert households.shown_value("measure", "delivered", "1") == "是"
    assert households.shown_value("household", "safe_water", "0") == "否"


def test_a_new_measure_starts_with_the_declared_defaults() -> None:
    measure = households.MeasureForm()
    for spec in fields.MEASURE_FIELDS:
        assert getattr(measure, spec.name) == spec.initial()
    assert measure.delivered is False and measure.amount_fen == 0 and measure.year is None
