"""the verdict of an audit, and grades such as N/A

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Batch mode: SQLite cannot alter a column's type in place.
    with op.batch_alter_table("audits") as batch:
        batch.alter_column("grade", existing_type=sa.String(length=2),
                           type_=sa.String(length=8), existing_nullable=True)
        batch.add_column(sa.Column("verdict", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audits") as batch:
        batch.drop_column("verdict")
        batch.alter_column("grade", existing_type=sa.String(length=8),
                           type_=sa.String(length=2), existing_nullable=True)
