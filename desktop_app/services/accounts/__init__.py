"""Accounts and roles: local accounts (Argon2id), sign-in with lockout and recovery, the county's role table
and the checker it installs into ``services.permissions``, and masking of resident IDs for roles that do not
need them.

Front ends and other packages import from here only. (Filled by the accounts work of issue 14.)
"""
