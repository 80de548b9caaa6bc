"""`auditor serve`, `auditor users create` and `auditor tokens create`."""

from __future__ import annotations

from pathlib import Path

import click

from auditor.errors import UsageError

INSTANCE_HELP = ("The instance folder (database, uploads, policies). "
                 "[default: $AUDITOR_INSTANCE, else ./instance]")


def _app(instance: Path | None):  # type: ignore[no-untyped-def]  # Flask is imported lazily
    from auditor.web import create_app

    return create_app({"INSTANCE_PATH": str(instance)} if instance else None)


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

    app = _app(instance)
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
@click.option("--instance", type=click.Path(path_type=Path, file_okay=False), help=INSTANCE_HELP)
def users_create(email: str, role: str, password: str, instance: Path | None) -> int:
    """Create an account (the password is stored as a salted scrypt hash)."""
    from auditor.web.accounts import create_user
    from auditor.web.models import Role

    app = _app(instance)
    with app.extensions["auditor.database"].session() as session:
        user = create_user(session, email, password, Role(role))
        click.echo(f"created {user.email} ({user.role.value})")
    return 0


@click.group()
def tokens() -> None:
    """Manage API tokens for scripts and CI."""


@tokens.command("create")
@click.argument("email")
@click.option("--name", default="ci", show_default=True, help="What the token is for.")
@click.option("--instance", type=click.Path(path_type=Path, file_okay=False), help=INSTANCE_HELP)
def tokens_create(email: str, name: str, instance: Path | None) -> int:
    """Create an API token for a user and print it once (only its hash is kept)."""
    from sqlalchemy import select

    from auditor.web.accounts import create_token
    from auditor.web.models import User

    app = _app(instance)
    with app.extensions["auditor.database"].session() as session:
        user = session.scalar(select(User).where(User.email == email.strip().casefold()))
        if user is None:
            raise UsageError(f"no user {email}; create it with `auditor users create`")
        click.echo(create_token(session, user, name))
    return 0
