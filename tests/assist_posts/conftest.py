"""The accounts tests' county with one account per role, for the screens that follow the role table."""

from tests.accounts.conftest import cheap_argon2, county, open_as  # noqa: F401  (fixtures used here too)
