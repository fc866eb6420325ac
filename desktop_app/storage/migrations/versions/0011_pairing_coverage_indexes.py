"""The county's coverage check from indexes alone (indexes only, no data changed).

- ``ix_cadre_serving``: a cadre's id with its deleted flag and roster dates, so that "is this cadre serving on
  the day" is answered from the index for every pairing and card;
- ``ix_pairing_links``: a household's pairings by role with their state, dates and cadre, so that "does this
  household have a current pairing cadre / contact" reads no pairing row;
- ``ix_pairing_load``: the same facts led by the cadre, so that each cadre's load (how many households it
  looks after on the day) is counted from the index.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

CADRE_COLUMNS = ["id", "deleted", "started_on", "ended_on"]
PAIRING_COLUMNS = ["household_id", "role", "deleted", "ended_on", "started_on", "cadre_id"]
LOAD_COLUMNS = ["cadre_id", "role", "deleted", "ended_on", "started_on", "household_id"]


def upgrade() -> None:
    op.create_index("ix_cadre_serving", "cadre", CADRE_COLUMNS, unique=False)
    op.create_index("ix_pairing_links", "pairing", PAIRING_COLUMNS, unique=False)
    op.create_index("ix_pairing_load", "pairing", LOAD_COLUMNS, unique=False)


def downgrade() -> None:
    op.drop_index("ix_pairing_load", table_name="pairing")
    op.drop_index("ix_pairing_links", table_name="pairing")
    op.drop_index("ix_cadre_serving", table_name="cadre")
