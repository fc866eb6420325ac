"""Tables, database opening, migrations, backups and the audit trail (imports domain only)."""
