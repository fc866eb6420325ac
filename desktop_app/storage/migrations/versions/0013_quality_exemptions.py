"""The county's exemption list of data-quality findings (``quality_exemption``). No existing data changes.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quality_exemption",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("rule_id", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("household_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("approved_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["household_id"], ["household.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("quality_exemption", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quality_exemption_rule_id"), ["rule_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_quality_exemption_household_id"), ["household_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("quality_exemption", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quality_exemption_household_id"))
        batch_op.drop_index(batch_op.f("ix_quality_exemption_rule_id"))
    op.drop_table("quality_exemption")
