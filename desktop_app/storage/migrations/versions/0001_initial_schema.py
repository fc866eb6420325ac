"""First schema: areas, cadres, households, members, poverty lines, measures, events, change log.

Revision ID: 0001
Revises:
Create Date: 2026-11-22 20:03:29.634372
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "area",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("level", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("parent_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["area.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("area", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_area_code"), ["code"], unique=True)
        batch_op.create_index(batch_op.f("ix_area_level"), ["level"], unique=False)
        batch_op.create_index(batch_op.f("ix_area_parent_id"), ["parent_id"], unique=False)

    op.create_table(
        "cadre",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("unit", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("cadre", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cadre_name"), ["name"], unique=False)

    op.create_table(
        "change_log",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("entity", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("entity_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("household_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("field", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("old_value", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("new_value", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("operator", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_change_log_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_change_log_entity_id"), ["entity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_change_log_household_id"), ["household_id"], unique=False)

    op.create_table(
        "poverty_line",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("region_code", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("standard", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("editable", sa.Boolean(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year", "region_code", "standard", name="uq_poverty_line"),
    )
    with op.batch_alter_table("poverty_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_poverty_line_year"), ["year"], unique=False)

    op.create_table(
        "household",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("village_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("group_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("number", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("head_name", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("address", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("bank_name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("bank_account", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("attribute", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
        sa.Column("standard", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("identification_year", sa.Integer(), nullable=True),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("exit_year", sa.Integer(), nullable=True),
        sa.Column("main_cause", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
        sa.Column("other_causes", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("arable_land_mu", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("forest_land_mu", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("grassland_mu", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("housing_area_m2", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("housing_grade", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=True),
        sa.Column("safe_water", sa.Boolean(), nullable=True),
        sa.Column("electricity", sa.Boolean(), nullable=True),
        sa.Column("road_distance_km", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("road_type", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=True),
        sa.Column("livestock", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("income_year", sa.Integer(), nullable=True),
        sa.Column("income_wage_fen", sa.BigInteger(), nullable=False),
        sa.Column("income_business_fen", sa.BigInteger(), nullable=False),
        sa.Column("income_property_fen", sa.BigInteger(), nullable=False),
        sa.Column("income_transfer_fen", sa.BigInteger(), nullable=False),
        sa.Column("production_costs_fen", sa.BigInteger(), nullable=False),
        sa.Column("per_capita_income_fen", sa.BigInteger(), nullable=True),
        sa.Column("medical_expense_fen", sa.BigInteger(), nullable=False),
        sa.Column("disaster_loss_fen", sa.BigInteger(), nullable=False),
        sa.Column("food_ok", sa.Boolean(), nullable=True),
        sa.Column("clothing_ok", sa.Boolean(), nullable=True),
        sa.Column("education_ok", sa.Boolean(), nullable=True),
        sa.Column("medical_ok", sa.Boolean(), nullable=True),
        sa.Column("housing_ok", sa.Boolean(), nullable=True),
        sa.Column("guarantee_notes", sa.JSON(), nullable=False),
        sa.Column("checklist_answers", sa.JSON(), nullable=False),
        sa.Column("cadre_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("conflict", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cadre_id"],
            ["cadre.id"],
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["area.id"],
        ),
        sa.ForeignKeyConstraint(
            ["village_id"],
            ["area.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_household_attribute"), ["attribute"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_cadre_id"), ["cadre_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_group_id"), ["group_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_head_name"), ["head_name"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_main_cause"), ["main_cause"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_number"), ["number"], unique=True)
        batch_op.create_index(batch_op.f("ix_household_per_capita_income_fen"), ["per_capita_income_fen"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_stage"), ["stage"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_household_village_id"), ["village_id"], unique=False)

    op.create_table(
        "measure",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("household_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("type", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
        sa.Column("content", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("funds_source", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("result", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("delivered", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("measure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_measure_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_measure_year"), ["year"], unique=False)

    op.create_table(
        "member",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("household_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
        sa.Column("id_number", sqlmodel.sql.sqltypes.AutoString(length=18), nullable=True),
        sa.Column("relation", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=True),
        sa.Column("sex", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("ethnicity", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=True),
        sa.Column("education", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=True),
        sa.Column("school_status", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=True),
        sa.Column("health", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=True),
        sa.Column("disability_grade", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=True),
        sa.Column("labour", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=True),
        sa.Column("work_status", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=True),
        sa.Column("months_away", sa.Integer(), nullable=True),
        sa.Column("medical_insurance", sa.Boolean(), nullable=True),
        sa.Column("serious_illness_insurance", sa.Boolean(), nullable=True),
        sa.Column("pension_insurance", sa.Boolean(), nullable=True),
        sa.Column("subsistence_allowance", sa.Boolean(), nullable=True),
        sa.Column("is_public_official", sa.Boolean(), nullable=False),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("joined_on", sa.Date(), nullable=True),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("left_reason", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_member_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_member_id_number"), ["id_number"], unique=False)
        batch_op.create_index(batch_op.f("ix_member_name"), ["name"], unique=False)

    op.create_table(
        "procedure_event",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("household_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("batch_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("step", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("outcome", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("procedure_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_procedure_event_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_procedure_event_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_procedure_event_step"), ["step"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("procedure_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_procedure_event_step"))
        batch_op.drop_index(batch_op.f("ix_procedure_event_household_id"))
        batch_op.drop_index(batch_op.f("ix_procedure_event_batch_id"))

    op.drop_table("procedure_event")
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_member_name"))
        batch_op.drop_index(batch_op.f("ix_member_id_number"))
        batch_op.drop_index(batch_op.f("ix_member_household_id"))

    op.drop_table("member")
    with op.batch_alter_table("measure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_measure_year"))
        batch_op.drop_index(batch_op.f("ix_measure_household_id"))

    op.drop_table("measure")
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_household_village_id"))
        batch_op.drop_index(batch_op.f("ix_household_status"))
        batch_op.drop_index(batch_op.f("ix_household_stage"))
        batch_op.drop_index(batch_op.f("ix_household_per_capita_income_fen"))
        batch_op.drop_index(batch_op.f("ix_household_number"))
        batch_op.drop_index(batch_op.f("ix_household_main_cause"))
        batch_op.drop_index(batch_op.f("ix_household_head_name"))
        batch_op.drop_index(batch_op.f("ix_household_group_id"))
        batch_op.drop_index(batch_op.f("ix_household_cadre_id"))
        batch_op.drop_index(batch_op.f("ix_household_attribute"))

    op.drop_table("household")
    with op.batch_alter_table("poverty_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_poverty_line_year"))

    op.drop_table("poverty_line")
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_log_household_id"))
        batch_op.drop_index(batch_op.f("ix_change_log_entity_id"))
        batch_op.drop_index(batch_op.f("ix_change_log_at"))

    op.drop_table("change_log")
    with op.batch_alter_table("cadre", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cadre_name"))

    op.drop_table("cadre")
    with op.batch_alter_table("area", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_area_parent_id"))
        batch_op.drop_index(batch_op.f("ix_area_level"))
        batch_op.drop_index(batch_op.f("ix_area_code"))

    op.drop_table("area")
