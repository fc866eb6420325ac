"""Accounts on the PostgreSQL server: the same sign-in, failure count and login at open."""

from __future__ import annotations

import pytest

from desktop_app.services import accounts as acc
from desktop_app.services import allowed, open_database


@pytest.mark.postgres
def test_sign_in_on_postgresql(pg_server) -> None:
    url = pg_server.create_database()
    db = open_database(url, device_id="pg-device")
    acc.create_first_admin(db, "王芳", "县扶贫办", "Admin-pass-1")
    acc.add_user(db, "李强", "township", password="township-pw-1", area_code=None)
    db.close()
    with pytest.raises(acc.LoginRequired):
        open_database(url)
    db = open_database(url, user="李强", password=lambda: "township-pw-1")
    assert db.identity.role == "township" and acc.must_change_password(db)
    with pytest.raises(acc.SignInError, match="账户名或密码不正确"):
        acc.sign_in(db, "王芳", "wrong-password")
    acc.sign_in(db, "王芳", "Admin-pass-1")
    users = {u.name: u for u in acc.list_users(db)}
    assert users["王芳"].last_login_at is not None and users["李强"].must_change
    acc.sign_in(db, "李强", "township-pw-1")
    acc.change_password(db, "township-pw-1", "township-pw-2")
    assert allowed(db, "procedure.township_review") and not allowed(db, "household.save")
    assert not acc.may_see_full_ids(db)
    db.close()
