"""Batches (evaluation meetings, announcements, notices, look-back rounds), their lists and objections.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 20:08:18.850174
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "batch",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("village_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("place", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("chair", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("recorder", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("attendees_expected", sa.Integer(), nullable=True),
        sa.Column("attendees_present", sa.Integer(), nullable=True),
        sa.Column("attendees", sa.JSON(), nullable=False),
        sa.Column("guests", sa.JSON(), nullable=False),
        sa.Column("issuing_body", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("objection_phone", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("objection_address", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["village_id"],
            ["area.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("batch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_batch_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_batch_number"), ["number"], unique=False)
        batch_op.create_index(batch_op.f("ix_batch_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_batch_village_id"), ["village_id"], unique=False)

    op.create_table(
        "batch_household",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("batch_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("household_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("votes_for", sa.Integer(), nullable=True),
        sa.Column("votes_against", sa.Integer(), nullable=True),
        sa.Column("votes_abstain", sa.Integer(), nullable=True),
        sa.Column("result", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["batch.id"],
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("batch_id", "household_id", name="uq_batch_household"),
    )
    with op.batch_alter_table("batch_household", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_batch_household_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_batch_household_household_id"), ["household_id"], unique=False)

    op.create_table(
        "objection",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("batch_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("household_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("raised_by", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("contact", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("content", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("investigator", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("finding", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("decision", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decided_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("objector_informed", sa.Boolean(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["batch.id"],
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("objection", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_objection_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_objection_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_objection_status"), ["status"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("objection", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_objection_status"))
        batch_op.drop_index(batch_op.f("ix_objection_household_id"))
        batch_op.drop_index(batch_op.f("ix_objection_batch_id"))

    op.drop_table("objection")
    with op.batch_alter_table("batch_household", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_batch_household_household_id"))
        batch_op.drop_index(batch_op.f("ix_batch_household_batch_id"))

    op.drop_table("batch_household")
    with op.batch_alter_table("batch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_batch_village_id"))
        batch_op.drop_index(batch_op.f("ix_batch_status"))
        batch_op.drop_index(batch_op.f("ix_batch_number"))
        batch_op.drop_index(batch_op.f("ix_batch_kind"))

    op.drop_table("batch")
