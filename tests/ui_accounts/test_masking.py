"""Masked resident IDs on screens: a township reviewer sees the card's IDs masked and cannot edit them;
"Show full resident ID" on a member row shows the full one and is recorded (id.unmask); the administrator
sees full IDs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain import idnumber
from tests.ui_accounts.conftest import ADMIN, ADMIN_PASSWORD, TOWNSHIP, TOWNSHIP_PASSWORD


@pytest.fixture
def recorded() -> Iterator[list[tuple[str, str | None, dict[str, object]]]]:
    """What every committed unit of work was about (action, subject, details): the audit chain's input."""
    from desktop_app.services.unit_of_work import BEFORE_COMMIT, UnitOfWork

    seen: list[tuple[str, str | None, dict[str, object]]] = []

    def hook(work: UnitOfWork) -> None:
        seen.append((work.action, work.subject, dict(work.details)))

    BEFORE_COMMIT.append(hook)
    yield seen
    BEFORE_COMMIT.remove(hook)


def _first_card(window, qtbot):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.model.rowCount() > 0)
    window.open_household(window.model.household_id(0))
    qtbot.waitUntil(lambda: getattr(window, "card_dialog", None) is not None and window.card_dialog.isVisible())
    return window.card_dialog


def test_township_sees_masked_ids_and_reveals_one_on_record(county, make_window, lang_zh, qtbot, recorded):
    from desktop_app.services.accounts import change_password, may_see_full_ids, sign_in
    from desktop_app.ui.models.members import COL

    sign_in(county, TOWNSHIP, "given-by-admin-1")
    change_password(county, "given-by-admin-1", TOWNSHIP_PASSWORD)
    assert not may_see_full_ids(county)
    window = make_window(county)
    assert window.operator_label.text() == "李明（乡镇审核）"
    card = _first_card(window, qtbot)
    card.tabs.setCurrentWidget(card.members)
    model, view = card.members.model, card.members.view
    shown = model.index(0, COL["id_number"]).data()
    assert shown and "*" in shown and len(shown) == 18  # 530102********1234
    assert not (model.flags(model.index(0, COL["id_number"])) & Qt.ItemFlag.ItemIsEditable)
    assert model.flags(model.index(0, COL["name"])) & Qt.ItemFlag.ItemIsEditable  # only the masked cell
    view.setCurrentIndex(model.index(0, COL["name"]))
    assert view.edit(model.index(0, COL["id_number"])) is False  # no editor opens on it

    assert view.reveal_action.isVisible() and view.reveal_action.text() == "显示完整身份证号"
    assert view.reveal_action in view.actions()  # in the row's context menu
    recorded.clear()
    view.reveal_action.trigger()
    box = view.reveal_box
    assert box is not None and box.isVisible()
    member = model.members()[0]
    full = box.text().split("：", 1)[1]
    assert idnumber.check(full).valid and idnumber.mask(full) == shown
    assert box.text().startswith(member.name)
    assert ("id.unmask", member.id) in [(action, subject) for action, subject, _ in recorded]
    assert all(full not in str(details) for _, _, details in recorded)  # the ID itself is never recorded
    box.close()
    card.close()


def test_administrator_sees_full_ids(county, make_window, lang_zh, qtbot):
    from desktop_app.services.accounts import sign_in
    from desktop_app.ui.models.members import COL

    sign_in(county, ADMIN, ADMIN_PASSWORD)
    window = make_window(county)
    card = _first_card(window, qtbot)
    model = card.members.model
    shown = model.index(0, COL["id_number"]).data()
    assert "*" not in shown and idnumber.check(shown).valid
    assert model.flags(model.index(0, COL["id_number"])) & Qt.ItemFlag.ItemIsEditable
    card.close()
