"""Precise help as ledgers: pairings, help plans, funds (sources, projects, allocations, disbursements),
microcredit loans and repayments, public-welfare posts (holders, months), monthly migrant work and visits;
the cadre roster gains sex, rank and dates; help measures gain the delivery columns (content, beneficiary,
fund, project, status, result, evidence). No existing data changes: measures already recorded are
"implemented" (status 2) with no content, result or evidence.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fund",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("level", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("document", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("fund", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fund_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_fund_year"), ["year"], unique=False)

    op.create_table(
        "fund_project",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("fund_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("category", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["fund_id"],
            ["fund.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("fund_project", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fund_project_fund_id"), ["fund_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_fund_project_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_fund_project_year"), ["year"], unique=False)

    op.create_table(
        "post",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("village_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("type", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
        sa.Column("tier", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
        sa.Column("funding", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
        sa.Column("monthly_subsidy_fen", sa.BigInteger(), nullable=False),
        sa.Column("places", sa.Integer(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("vacancy_on", sa.Date(), nullable=True),
        sa.Column("document", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["village_id"],
            ["area.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("post", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_post_village_id"), ["village_id"], unique=False)

    op.create_table(
        "fund_allocation",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("fund_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("project_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("village_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=True),
        sa.Column("document", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["fund_id"],
            ["fund.id"],
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["fund_project.id"],
        ),
        sa.ForeignKeyConstraint(
            ["village_id"],
            ["area.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("fund_allocation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fund_allocation_fund_id"), ["fund_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_fund_allocation_project_id"), ["project_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_fund_allocation_village_id"), ["village_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_fund_allocation_year"), ["year"], unique=False)

    op.create_table(
        "help_plan",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("household_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("causes", sa.JSON(), nullable=False),
        sa.Column("risks", sa.JSON(), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("income_target_fen", sa.BigInteger(), nullable=True),
        sa.Column("targets", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=True),
        sa.Column("made_by", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("help_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_help_plan_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_help_plan_year"), ["year"], unique=False)

    op.create_table(
        "pairing",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("household_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("cadre_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("end_reason", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cadre_id"],
            ["cadre.id"],
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("pairing", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pairing_cadre_id"), ["cadre_id"], unique=False)
        batch_op.create_index("ix_pairing_current", ["household_id", "deleted", "role", "ended_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_pairing_household_id"), ["household_id"], unique=False)

    op.create_table(
        "visit",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("household_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("cadre_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("visited_on", sa.Date(), nullable=False),
        sa.Column("found", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("agreed", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("photos", sa.JSON(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cadre_id"],
            ["cadre.id"],
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_cadre_id"), ["cadre_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_visited_on"), ["visited_on"], unique=False)

    op.create_table(
        "loan",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("household_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("member_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("product", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("credit_rating", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=True),
        sa.Column("credit_line_fen", sa.BigInteger(), nullable=True),
        sa.Column("contract_no", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("bank", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("term_months", sa.Integer(), nullable=False),
        sa.Column("rate", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("drawn_on", sa.Date(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("purpose", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("industry", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("renewal_of", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("extended_to", sa.Date(), nullable=True),
        sa.Column("extension_reason", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("settled_on", sa.Date(), nullable=True),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("loan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_loan_contract_no"), ["contract_no"], unique=False)
        batch_op.create_index(batch_op.f("ix_loan_due_on"), ["due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_loan_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_loan_member_id"), ["member_id"], unique=False)
        batch_op.create_index("ix_loan_open", ["deleted", "settled_on", "due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_loan_renewal_of"), ["renewal_of"], unique=False)

    op.create_table(
        "post_holder",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("post_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("household_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("member_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
        sa.Column("applied_on", sa.Date(), nullable=True),
        sa.Column("checked_on", sa.Date(), nullable=True),
        sa.Column("notice_start", sa.Date(), nullable=True),
        sa.Column("notice_end", sa.Date(), nullable=True),
        sa.Column("contract_on", sa.Date(), nullable=True),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("left_reason", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("findings", sa.JSON(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["post.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("post_holder", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_post_holder_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_post_holder_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_post_holder_post_id"), ["post_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_post_holder_stage"), ["stage"], unique=False)

    op.create_table(
        "work_month",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("household_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("member_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("worked", sa.Boolean(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("place", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
        sa.Column("channel", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=True),
        sa.Column("industry", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=True),
        sa.Column("employer", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("wage_fen", sa.BigInteger(), nullable=False),
        sa.Column("transport_subsidy_fen", sa.BigInteger(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["member.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("work_month", schema=None) as batch_op:
        batch_op.create_index("ix_work_month_household", ["household_id", "month", "deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_work_month_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_work_month_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_work_month_month"), ["month"], unique=False)

    op.create_table(
        "disbursement",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("household_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("measure_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("fund_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("project_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("village_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("payee_member_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["fund_id"],
            ["fund.id"],
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
        ),
        sa.ForeignKeyConstraint(
            ["measure_id"],
            ["help_measure.id"],
        ),
        sa.ForeignKeyConstraint(
            ["payee_member_id"],
            ["member.id"],
        ),
        sa.ForeignKeyConstraint(
            ["project_id"],
            ["fund_project.id"],
        ),
        sa.ForeignKeyConstraint(
            ["village_id"],
            ["area.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("disbursement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_disbursement_fund_id"), ["fund_id"], unique=False)
        batch_op.create_index(
            "ix_disbursement_fund_village", ["fund_id", "village_id", "year", "deleted"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_disbursement_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_disbursement_measure_id"), ["measure_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_disbursement_payee_member_id"), ["payee_member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_disbursement_project_id"), ["project_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_disbursement_village_id"), ["village_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_disbursement_year"), ["year"], unique=False)

    op.create_table(
        "loan_repayment",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("loan_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("household_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("principal_fen", sa.BigInteger(), nullable=False),
        sa.Column("interest_fen", sa.BigInteger(), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
        ),
        sa.ForeignKeyConstraint(
            ["loan_id"],
            ["loan.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("loan_repayment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_loan_repayment_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_loan_repayment_loan_id"), ["loan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_loan_repayment_paid_on"), ["paid_on"], unique=False)

    op.create_table(
        "post_month",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("device_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("holder_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("household_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("days_worked", sa.Integer(), nullable=False),
        sa.Column("attendance_ok", sa.Boolean(), nullable=False),
        sa.Column("assessment", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=True),
        sa.Column("subsidy_fen", sa.BigInteger(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(
            ["holder_id"],
            ["post_holder.id"],
        ),
        sa.ForeignKeyConstraint(
            ["household_id"],
            ["household.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("post_month", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_post_month_holder_id"), ["holder_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_post_month_household_id"), ["household_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_post_month_month"), ["month"], unique=False)

    with op.batch_alter_table("cadre", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sex", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True))
        batch_op.add_column(sa.Column("rank", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=True))
        batch_op.add_column(sa.Column("started_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("ended_on", sa.Date(), nullable=True))

    # The three references are added as plain columns with their REFERENCES clause: a batch "move and copy" on
    # SQLite would rebuild the table and write its constraints in no fixed order.
    for name, parent in (("member_id", "member"), ("fund_id", "fund"), ("project_id", "fund_project")):
        column = sa.Column(name, sqlmodel.sql.sqltypes.AutoString(length=36), nullable=True)
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE help_measure ADD COLUMN {name} VARCHAR(36) REFERENCES {parent} (id)")
        else:
            op.add_column("help_measure", column)
            op.create_foreign_key(f"fk_help_measure_{parent}", "help_measure", parent, [name], ["id"])
    with op.batch_alter_table("help_measure", schema=None) as batch_op:
        batch_op.add_column(sa.Column("content", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False, server_default="2")
        )
        batch_op.add_column(sa.Column("result", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("evidence", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.create_index(batch_op.f("ix_help_measure_fund_id"), ["fund_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_help_measure_project_id"), ["project_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("help_measure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_help_measure_project_id"))
        batch_op.drop_index(batch_op.f("ix_help_measure_fund_id"))
        batch_op.drop_column("evidence")
        batch_op.drop_column("result")
        batch_op.drop_column("status")
        batch_op.drop_column("project_id")
        batch_op.drop_column("fund_id")
        batch_op.drop_column("member_id")
        batch_op.drop_column("content")

    with op.batch_alter_table("cadre", schema=None) as batch_op:
        batch_op.drop_column("ended_on")
        batch_op.drop_column("started_on")
        batch_op.drop_column("rank")
        batch_op.drop_column("sex")

    with op.batch_alter_table("post_month", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_post_month_month"))
        batch_op.drop_index(batch_op.f("ix_post_month_household_id"))
        batch_op.drop_index(batch_op.f("ix_post_month_holder_id"))

    op.drop_table("post_month")
    with op.batch_alter_table("loan_repayment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_loan_repayment_paid_on"))
        batch_op.drop_index(batch_op.f("ix_loan_repayment_loan_id"))
        batch_op.drop_index(batch_op.f("ix_loan_repayment_household_id"))

    op.drop_table("loan_repayment")
    with op.batch_alter_table("disbursement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_disbursement_year"))
        batch_op.drop_index(batch_op.f("ix_disbursement_village_id"))
        batch_op.drop_index(batch_op.f("ix_disbursement_project_id"))
        batch_op.drop_index(batch_op.f("ix_disbursement_payee_member_id"))
        batch_op.drop_index(batch_op.f("ix_disbursement_measure_id"))
        batch_op.drop_index(batch_op.f("ix_disbursement_household_id"))
        batch_op.drop_index("ix_disbursement_fund_village")
        batch_op.drop_index(batch_op.f("ix_disbursement_fund_id"))

    op.drop_table("disbursement")
    with op.batch_alter_table("work_month", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_work_month_month"))
        batch_op.drop_index(batch_op.f("ix_work_month_member_id"))
        batch_op.drop_index(batch_op.f("ix_work_month_household_id"))
        batch_op.drop_index("ix_work_month_household")

    op.drop_table("work_month")
    with op.batch_alter_table("post_holder", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_post_holder_stage"))
        batch_op.drop_index(batch_op.f("ix_post_holder_post_id"))
        batch_op.drop_index(batch_op.f("ix_post_holder_member_id"))
        batch_op.drop_index(batch_op.f("ix_post_holder_household_id"))

    op.drop_table("post_holder")
    with op.batch_alter_table("loan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_loan_renewal_of"))
        batch_op.drop_index("ix_loan_open")
        batch_op.drop_index(batch_op.f("ix_loan_member_id"))
        batch_op.drop_index(batch_op.f("ix_loan_household_id"))
        batch_op.drop_index(batch_op.f("ix_loan_due_on"))
        batch_op.drop_index(batch_op.f("ix_loan_contract_no"))

    op.drop_table("loan")
    with op.batch_alter_table("visit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_visited_on"))
        batch_op.drop_index(batch_op.f("ix_visit_household_id"))
        batch_op.drop_index(batch_op.f("ix_visit_cadre_id"))

    op.drop_table("visit")
    with op.batch_alter_table("pairing", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pairing_household_id"))
        batch_op.drop_index("ix_pairing_current")
        batch_op.drop_index(batch_op.f("ix_pairing_cadre_id"))

    op.drop_table("pairing")
    with op.batch_alter_table("help_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_help_plan_year"))
        batch_op.drop_index(batch_op.f("ix_help_plan_household_id"))

    op.drop_table("help_plan")
    with op.batch_alter_table("fund_allocation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fund_allocation_year"))
        batch_op.drop_index(batch_op.f("ix_fund_allocation_village_id"))
        batch_op.drop_index(batch_op.f("ix_fund_allocation_project_id"))
        batch_op.drop_index(batch_op.f("ix_fund_allocation_fund_id"))

    op.drop_table("fund_allocation")
    with op.batch_alter_table("post", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_post_village_id"))

    op.drop_table("post")
    with op.batch_alter_table("fund_project", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fund_project_year"))
        batch_op.drop_index(batch_op.f("ix_fund_project_name"))
        batch_op.drop_index(batch_op.f("ix_fund_project_fund_id"))

    op.drop_table("fund_project")
    with op.batch_alter_table("fund", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fund_year"))
        batch_op.drop_index(batch_op.f("ix_fund_name"))

    op.drop_table("fund")
