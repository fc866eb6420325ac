"""With accounts, the role table decides who keeps the loan ledger: a work-team member records loans and
repayments, an auditor may not, and only the county administrator changes the products."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from argon2 import PasswordHasher, Type

from desktop_app.services import accounts as acc
from desktop_app.services import open_database
from desktop_app.services.accounts import passwords
from desktop_app.services.assistance import add_loan, loan_list, repay, save_loan_products
from desktop_app.services.permissions import PermissionDenied
from tests.assist_loans.helpers import loan_input, make_db


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1, type=Type.ID))
    monkeypatch.setattr(passwords, "_dummy_hash", None)


def test_the_role_table_decides_who_keeps_the_loan_ledger(tmp_path: Path) -> None:
    path = tmp_path / "county.sqlite"
    db = make_db(path)
    acc.create_first_admin(db, "王芳", "县扶贫办", "Admin-pass-2026")
    acc.add_user(db, "李强", "member", password="initial-pw-1", unit="工作队")
    acc.add_user(db, "孙审计", "auditor", password="initial-pw-1", unit="审计局")
    acc.sign_out(db)
    for name in ("李强", "孙审计"):
        acc.sign_in(db, name, "initial-pw-1")
        acc.change_password(db, "initial-pw-1", "Own-pass-2026")
        acc.sign_out(db)
    data = loan_input(db, "0001")
    db.close()

    member = open_database(path, device_id="t", user="李强", password="Own-pass-2026")
    loan_id = add_loan(member, data)
    repay(member, loan_id, date(2019, 6, 21), 0, 60_694)
    with pytest.raises(PermissionDenied):
        save_loan_products(member, {"groups": {}})
    member.close()

    auditor = open_database(path, device_id="t", user="孙审计", password="Own-pass-2026")
    with pytest.raises(PermissionDenied):
        repay(auditor, loan_id, date(2019, 9, 21), 0, 60_694)
    assert [r.loan_id for r in loan_list(auditor, on=date(2020, 1, 1))] == [loan_id]  # reading is not refused
    auditor.close()
