"""Monitoring at county size: two covering indexes for the warning lists (indexes only, no data changed).

- ``ix_member_visit_facts``: the members' 八必访 facts (health, disability, subsistence allowance, school) per
  household, so that the must-visit list groups the members from the index without reading their rows;
- ``ix_income_record_latest``: each household's newest income record and the one before it.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

MEMBER_COLUMNS = [
    "household_id",
    "deleted",
    "active",
    "health",
    "disability_grade",
    "subsistence_allowance",
    "school_status",
    "birth_date",
]


def upgrade() -> None:
    op.create_index("ix_member_visit_facts", "member", MEMBER_COLUMNS, unique=False)
    op.create_index(
        "ix_income_record_latest", "income_record", ["household_id", "deleted", "year", "per_capita_fen"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_income_record_latest", table_name="income_record")
    op.drop_index("ix_member_visit_facts", table_name="member")
