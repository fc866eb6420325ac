"""Areas created by a roster import without a code in the file: ``area.code_provisional`` marks the generated
code for the county to correct (existing areas keep their codes: false).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN (no table rebuild: households and batches point at area rows)
    op.add_column("area", sa.Column("code_provisional", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    op.drop_column("area", "code_provisional")
