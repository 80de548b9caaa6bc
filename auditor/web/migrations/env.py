"""Alembic's entry point: runs migrations on the connection the app hands over."""

from __future__ import annotations

from alembic import context

from auditor.web.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - the app always passes its connection
    raise RuntimeError("run migrations through auditor.web.database.migrate")
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=True)  # batch mode: SQLite cannot ALTER most columns
with context.begin_transaction():
    context.run_migrations()
