"""The database: an engine and session factory per app, migrated by Alembic at start.

SQLite (the default, a file in the instance folder) runs in WAL mode with a busy
timeout, so the background audit threads and the request threads can write at the
same time. Its file (and the -wal, -shm and -journal files SQLite makes beside it,
which take the database file's mode) is readable by the service's user only. Any
SQLAlchemy URL works through `AUDITOR_DATABASE_URL`, PostgreSQL included
(`postgresql+psycopg://...`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from auditor.web.permissions import narrow_if_exists, private_file

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")
# Any constant every process migrating one PostgreSQL database agrees on.
MIGRATION_LOCK = 0x6175646974


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL, a busy timeout and foreign keys."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    _private_sqlite_files(make_url(url).database)
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


def _private_sqlite_files(database: str | None) -> None:
    """Create the database file 0600 before SQLite does (it would use 0644 less the
    umask), and narrow one left wider by an older version, with its companions."""
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    path = Path(database)
    if not path.parent.is_dir():
        return  # SQLite's own error says what is wrong
    private_file(path)
    for suffix in SQLITE_COMPANIONS:
        narrow_if_exists(path.with_name(path.name + suffix))


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to the newest Alembic revision (creating it on first start), or
    to `revision` (tests of a migration start from the one before it)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Servers starting together: one migrates, the others wait, then find the
            # schema current.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                               {"key": MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


class Database:
    """The app's engine and sessions."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success and rolled back on error."""
        session = self.sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
