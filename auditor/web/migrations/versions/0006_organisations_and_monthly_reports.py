"""organisations and their members; audits, triage and finding history per organisation;
monthly summaries, schedules and deliveries

An installation from before organisations moves into one organisation, "Default
organisation", with every existing user as a member and every audit, triage state and
history entry in it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

DEFAULT_ORGANISATION = "Default organisation"


def upgrade() -> None:
    organisations = op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "memberships",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"]),
        sa.PrimaryKeyConstraint("user_id", "organisation_id"),
    )
    op.create_index("ix_memberships_organisation_id", "memberships", ["organisation_id"])
    connection = op.get_bind()
    connection.execute(organisations.insert().values(
        name=DEFAULT_ORGANISATION, created_at=datetime.now(UTC).replace(tzinfo=None,
                                                                          microsecond=0)))
    default_id = connection.scalar(sa.text("SELECT id FROM organisations WHERE name = :name"),
                                   {"name": DEFAULT_ORGANISATION})
    connection.execute(sa.text(
        "INSERT INTO memberships (user_id, organisation_id) SELECT id, :org FROM users"),
        {"org": default_id})

    for table in ("audits", "finding_events"):
        if connection.dialect.name == "sqlite":
            # SQLite cannot add a NOT NULL column with a foreign key, and rebuilding a
            # table that others reference fails with their foreign keys enforced: the
            # column is added NOT NULL with the default organisation as its default, and
            # the application keeps the reference.
            op.add_column(table, sa.Column("organisation_id", sa.Integer(), nullable=False,
                                           server_default=str(int(default_id))))
            continue
        op.add_column(table, sa.Column("organisation_id", sa.Integer(), nullable=True))
        connection.execute(sa.table(table, sa.column("organisation_id")).update()
                           .values(organisation_id=default_id))
        op.alter_column(table, "organisation_id", existing_type=sa.Integer(), nullable=False)
        op.create_foreign_key(f"fk_{table}_organisation_id_organisations", table,
                              "organisations", ["organisation_id"], ["id"])
    op.create_index("ix_audits_organisation_id", "audits", ["organisation_id"])
    op.create_index("ix_finding_events_organisation_fingerprint", "finding_events",
                    ["organisation_id", "fingerprint"])

    # Triage was unique by fingerprint across the instance; it is unique per organisation
    # now. The table is rebuilt (the old constraint has no portable name to drop).
    op.create_table(
        "triage_by_organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=100), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("conversation_id", sa.String(length=200), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("expires", sa.Date(), nullable=True),
        sa.Column("accepted_by_id", sa.Integer(), nullable=False),
        sa.Column("audit_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("assignee_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"]),
        sa.ForeignKeyConstraint(["accepted_by_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["audit_id"], ["audits.id"]),
        sa.ForeignKeyConstraint(["assignee_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("organisation_id", "fingerprint",
                            name="uq_triage_organisation_fingerprint"),
    )
    names = ("id", "fingerprint", "code", "conversation_id", "kind", "comment", "expires",
             "accepted_by_id", "audit_id", "created_at", "assignee_id")
    old = sa.table("triage", *(sa.column(name) for name in names))
    new = sa.table("triage_by_organisation", sa.column("organisation_id"),
                   *(sa.column(name) for name in names))
    connection.execute(new.insert().from_select(
        ["organisation_id", *names],
        sa.select(sa.literal(default_id), *(old.c[name] for name in names))))
    op.drop_table("triage")
    op.rename_table("triage_by_organisation", "triage")
    if connection.dialect.name == "postgresql":
        # The copied ids came with the rows; the serial's sequence must start after them.
        connection.execute(sa.text(
            "SELECT setval(pg_get_serial_sequence('triage', 'id'), "
            "COALESCE((SELECT MAX(id) FROM triage), 0) + 1, false)"))

    op.create_table(
        "monthly_summaries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("audit_id", sa.Integer(), nullable=True),
        sa.Column("summary_json", sa.Text(), nullable=False),
        sa.Column("result_json", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"]),
        sa.ForeignKeyConstraint(["audit_id"], ["audits.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("organisation_id", "month",
                            name="uq_monthly_summaries_organisation_month"),
    )
    op.create_table(
        "monthly_schedules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("day_of_month", sa.Integer(), nullable=False),
        sa.Column("recipients", sa.JSON(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"]),
        sa.ForeignKeyConstraint(["updated_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("organisation_id"),
    )
    op.create_table(
        "monthly_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("trigger", sa.String(length=10), nullable=False),
        sa.Column("schedule_key", sa.String(length=40), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("recipients", sa.JSON(), nullable=False),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("claimed_by", sa.String(length=200), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"]),
        sa.ForeignKeyConstraint(["requested_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("schedule_key"),
    )
    op.create_index("ix_monthly_deliveries_organisation_id", "monthly_deliveries",
                    ["organisation_id"])


def downgrade() -> None:
    op.drop_index("ix_monthly_deliveries_organisation_id", table_name="monthly_deliveries")
    op.drop_table("monthly_deliveries")
    op.drop_table("monthly_schedules")
    op.drop_table("monthly_summaries")
    with op.batch_alter_table("triage") as batch:
        batch.drop_constraint("uq_triage_organisation_fingerprint", type_="unique")
        batch.drop_column("organisation_id")
        batch.create_unique_constraint("uq_triage_fingerprint", ["fingerprint"])
    op.drop_index("ix_finding_events_organisation_fingerprint", table_name="finding_events")
    op.drop_index("ix_audits_organisation_id", table_name="audits")
    for table in ("finding_events", "audits"):
        with op.batch_alter_table(table) as batch:
            if op.get_bind().dialect.name != "sqlite":
                batch.drop_constraint(f"fk_{table}_organisation_id_organisations",
                                      type_="foreignkey")
            batch.drop_column("organisation_id")
    op.drop_index("ix_memberships_organisation_id", table_name="memberships")
    op.drop_table("memberships")
    op.drop_table("organisations")
