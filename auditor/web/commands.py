"""`auditor serve`, `auditor users create|set-password` and `auditor tokens
create|list|revoke` (`auditor organisations` is in `organisation_commands`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

INSTANCE_HELP = ("The instance folder (database, uploads, policies). "
                 "[default: $AUDITOR_INSTANCE, else ./instance]")


# Flask is imported lazily, hence no return type.
def _app(instance: Path | None, *, run_jobs: bool):  # type: ignore[no-untyped-def]
    """The app; `run_jobs` False for admin commands, which must never claim an audit job
    of a running server (they return as soon as their own work is done)."""
    from auditor.web import create_app

    config: dict[str, object] = {"INSTANCE_PATH": str(instance)} if instance else {}
    if not run_jobs:
        config["RUN_JOBS"] = False
    return create_app(config)


@contextmanager
def _accounts_session(instance: Path | None) -> Iterator[Session]:
    """A database session for an account command, committed on success; the command's
    connections are closed after it (it runs no jobs)."""
    database = _app(instance, run_jobs=False).extensions["auditor.database"]
    try:
        with database.session() as session:
            yield session
    finally:
        database.engine.dispose()


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on (0.0.0.0 for every interface).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 256),
              help="Request threads (audits run on their own worker threads).")
@click.option("--instance", type=click.Path(path_type=Path, file_okay=False), help=INSTANCE_HELP)
def serve(host: str, port: int, threads: int, instance: Path | None) -> int:
    """Run the web service under the waitress WSGI server.

    The database is SQLite in the instance folder unless AUDITOR_DATABASE_URL names
    another (e.g. postgresql+psycopg://user@host/db); it is migrated at start.
    Create the first account with `auditor users create`.
    """
    import waitress

    app = _app(instance, run_jobs=True)
    click.echo(f"serving on http://{host}:{port} (instance {app.instance_path})")
    waitress.serve(app, host=host, port=port, threads=threads, ident="auditor")
    return 0


@click.group()
def users() -> None:
    """Manage the web service's accounts."""


@users.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice(["admin", "reviewer", "viewer"]), default="reviewer",
              show_default=True, help="admin manages users; reviewer uploads and triages; "
                                      "viewer reads reports.")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              envvar="AUDITOR_NEW_PASSWORD",
              help="Asked for when not given ($AUDITOR_NEW_PASSWORD also works).")
@click.option("--organisation", "organisation_names", multiple=True, metavar="NAME",
              help="An organisation the user joins; repeat for several. [default: the only "
                   "organisation, when there is one]")
@click.option("--instance", type=click.Path(path_type=Path, file_okay=False), help=INSTANCE_HELP)
def users_create(email: str, role: str, password: str, organisation_names: tuple[str, ...],
                 instance: Path | None) -> int:
    """Create an account (the password is stored as a salted scrypt hash)."""
    from auditor.web.accounts import create_user
    from auditor.web.models import Role
    from auditor.web.organisations import member_organisations

    with _accounts_session(instance) as session:
        user = create_user(session, email, password, Role(role),
                           organisations=organisation_names or None)
        joined = ", ".join(o.name for o in member_organisations(session, user)
                           ) if user.role is not Role.ADMIN else "every organisation"
        click.echo(f"created {user.email} ({user.role.value}); sees {joined or 'nothing yet'}")
    return 0


@users.command("set-password")
@click.argument("email")
@click.option("--password", prompt="New password", hide_input=True, confirmation_prompt=True,
              envvar="AUDITOR_NEW_PASSWORD",
              help="Asked for when not given ($AUDITOR_NEW_PASSWORD also works).")
@click.option("--instance", type=click.Path(path_type=Path, file_okay=False), help=INSTANCE_HELP)
def users_set_password(email: str, password: str, instance: Path | None) -> int:
    """Set a user's password and sign out every session of theirs (API tokens stay
    valid: revoke them with `auditor tokens revoke`)."""
    from auditor.web.accounts import find_user, set_password

    with _accounts_session(instance) as session:
        user = find_user(session, email)
        ended = set_password(session, user, password)
        click.echo(f"password of {user.email} changed; {ended} session(s) signed out")
    return 0


@click.group()
def tokens() -> None:
    """Manage API tokens for scripts and CI."""


@tokens.command("create")
@click.argument("email")
@click.option("--name", default="ci", show_default=True, help="What the token is for.")
@click.option("--expires-in", default="never", show_default=True, metavar="DURATION",
              help="How long it works: 90m, 12h, 30d, 2w, or never.")
@click.option("--instance", type=click.Path(path_type=Path, file_okay=False), help=INSTANCE_HELP)
def tokens_create(email: str, name: str, expires_in: str, instance: Path | None) -> int:
    """Create an API token for a user and print it once (only its hash is kept)."""
    from auditor.web.accounts import create_token, find_user, parse_duration

    lifetime = parse_duration(expires_in)  # a typo fails before anything is opened
    with _accounts_session(instance) as session:
        click.echo(create_token(session, find_user(session, email), name, expires_in=lifetime))
    return 0


@tokens.command("list")
@click.option("--user", "email", metavar="EMAIL", help="Only this user's tokens.")
@click.option("--instance", type=click.Path(path_type=Path, file_okay=False), help=INSTANCE_HELP)
def tokens_list(email: str | None, instance: Path | None) -> int:
    """List API tokens: id, user, name, created, last used, expires, state (never the
    token itself, which is not kept)."""
    from auditor.web.accounts import find_user, visible_tokens
    from auditor.web.models import utc_now

    with _accounts_session(instance) as session:
        records = visible_tokens(session, None)
        if email:
            owner = find_user(session, email)
            records = [record for record in records if record.user_id == owner.id]
        now = utc_now()
        click.echo("id\tuser\tname\tcreated\tlast used\texpires\tstate")
        for record in records:
            click.echo("\t".join([str(record.id), record.user.email, record.name,
                                  _when(record.created_at), _when(record.last_used_at),
                                  _when(record.expires_at), record.state(now)]))
    return 0


@tokens.command("revoke")
@click.argument("token_id", metavar="ID", type=int)
@click.option("--instance", type=click.Path(path_type=Path, file_okay=False), help=INSTANCE_HELP)
def tokens_revoke(token_id: int, instance: Path | None) -> int:
    """Revoke an API token by its id (from `auditor tokens list`); it stops working at
    once and stays in the list as revoked."""
    from auditor.web.accounts import revoke_token

    with _accounts_session(instance) as session:
        record = revoke_token(session, token_id, by=None)
        click.echo(f"revoked token {record.id} ({record.name}) of {record.user.email}")
    return 0


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment is not None else "-"
