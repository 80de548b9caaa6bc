"""finding rows for the findings list; triage states, assignees and each finding's history

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audits") as batch:
        batch.add_column(sa.Column("overview_json", sa.Text(), nullable=True))
        batch.add_column(sa.Column("findings_indexed", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
    with op.batch_alter_table("triage") as batch:
        batch.add_column(sa.Column("assignee_id", sa.Integer(), nullable=True))
        batch.create_foreign_key("fk_triage_assignee_id_users", "users", ["assignee_id"],
                                 ["id"])
    op.create_table(
        "finding_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=100), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("audit_id", sa.Integer(), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("from_value", sa.String(length=254), nullable=True),
        sa.Column("to_value", sa.String(length=254), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["audit_id"], ["audits.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_finding_events_fingerprint", "finding_events", ["fingerprint"])
    op.create_index("ix_finding_events_at", "finding_events", ["at"])
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("audit_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=100), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("check", sa.String(length=100), nullable=False),
        sa.Column("pack", sa.String(length=20), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("severity_rank", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(length=200), nullable=True),
        sa.Column("turn_index", sa.Integer(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("evidence_text", sa.Text(), nullable=False),
        sa.Column("channel", sa.String(length=64), nullable=True),
        sa.Column("language", sa.String(length=64), nullable=True),
        sa.Column("region", sa.String(length=64), nullable=True),
        sa.Column("blocks_gate", sa.Boolean(), nullable=False),
        sa.Column("is_new", sa.Boolean(), nullable=True),
        sa.Column("suppressed", sa.Boolean(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["audit_id"], ["audits.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("audit_id", "position"),
    )
    op.create_index("ix_findings_audit_fingerprint", "findings", ["audit_id", "fingerprint"])
    op.create_index("ix_findings_audit_code", "findings", ["audit_id", "code", "position"])
    op.create_index("ix_findings_audit_severity", "findings",
                    ["audit_id", "severity_rank", "position"])
    op.create_index("ix_findings_audit_conversation", "findings",
                    ["audit_id", "conversation_id", "turn_index"])


def downgrade() -> None:
    op.drop_table("findings")
    op.drop_index("ix_finding_events_at", table_name="finding_events")
    op.drop_index("ix_finding_events_fingerprint", table_name="finding_events")
    op.drop_table("finding_events")
    with op.batch_alter_table("triage") as batch:
        batch.drop_constraint("fk_triage_assignee_id_users", type_="foreignkey")
        batch.drop_column("assignee_id")
    with op.batch_alter_table("audits") as batch:
        batch.drop_column("findings_indexed")
        batch.drop_column("overview_json")
