"""Backups a village can restore: SQLite's online backup API into a chosen folder, verified, rotated;
restore with checks; pg_dump/pg_restore for a server. (Filled by the backup work of issue 14.)

Front ends and other packages import from here only.
"""
