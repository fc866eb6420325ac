"""The conflicts table model (ui/models/conflicts.py) passes Qt's model tester, filled from a real merge conflict."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop_app.services.merge import conflicts_of, merge_database
from desktop_app.storage.models import Household
from desktop_app.ui.models.conflicts import ConflictTableModel
from tests.merge.helpers import clone, ids, make_base


def test_a_model_of_real_conflicts_passes_the_model_tester(qtmodeltester, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    base = make_base(tmp_path / "base.sqlite", households=2, seed=4)
    here, other = clone(base, tmp_path / "here.sqlite", "here"), clone(base, tmp_path / "other.sqlite", "other")
    household = ids(here)[0][0]
    for db, address, note in ((here, "东头", "本机备注"), (other, "西头", "对方备注")):
        with db.transaction() as session:
            home = session.get(Household, household)
            assert home is not None
            home.address, home.note = address, note
    other.close()
    try:
        assert merge_database(here, tmp_path / "other.sqlite").conflicts == 2
        model = ConflictTableModel()
        model.set_rows(conflicts_of(here, mask=False))
        qtmodeltester.check(model)
        assert model.rowCount() == 2 and model.columnCount() == 8
        fields = {model.index(r, model.COL_FIELD).data() for r in range(2)}
        assert fields == {"住址", "备注"}
        address = next(r for r in range(2) if model.index(r, model.COL_FIELD).data() == "住址")
        assert {model.index(address, c).data() for c in (model.COL_MINE, model.COL_THEIRS)} == {"东头", "西头"}
        assert model.index(address, model.COL_SOURCE).data() == "other.sqlite"
        conflict_id = model.index(address, 0).data(model.ConflictIdRole)
        assert conflict_id == model.rows[address].id
        changed: list[int] = []
        model.dataChanged.connect(lambda first, _last, _roles: changed.append(first.column()))
        model.decide(address, "theirs")
        assert changed == [model.COL_DECISION] and model.index(address, model.COL_DECISION).data()
        qtmodeltester.check(model)  # still consistent with a decision marked
        model.set_rows([])
        assert model.rowCount() == 0 and model.decisions == {}
        qtmodeltester.check(model)
        assert model.headerData(0, Qt.Orientation.Horizontal) == "Household"
    finally:
        here.close()
