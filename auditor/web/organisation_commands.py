"""`auditor organisations list|create|add-member|remove-member`: who sees whose audits."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from auditor.errors import UsageError
from auditor.web.commands import INSTANCE_HELP, _accounts_session

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

_INSTANCE = click.option("--instance", type=click.Path(path_type=Path, file_okay=False),
                         help=INSTANCE_HELP)


@click.group()
def organisations() -> None:
    """Manage organisations: each one's audits, triage, monthly reports and schedule are
    seen only by its members (and by admins)."""


@organisations.command("list")
@_INSTANCE
def organisations_list(instance: Path | None) -> int:
    """List the organisations with their members."""
    from auditor.web.organisations import all_organisations, members

    with _accounts_session(instance) as session:
        for organisation in all_organisations(session):
            names = ", ".join(user.email for user in members(session, organisation))
            click.echo(f"{organisation.id}  {organisation.name}: {names or 'no members'}")
    return 0


@organisations.command("create")
@click.argument("name")
@_INSTANCE
def organisations_create(name: str, instance: Path | None) -> int:
    """Create an organisation."""
    from auditor.web.organisations import OrganisationError, create_organisation

    with _accounts_session(instance) as session:
        try:
            organisation = create_organisation(session, name)
        except OrganisationError as error:
            raise UsageError(str(error)) from None
        click.echo(f"created organisation {organisation.id}: {organisation.name}")
    return 0


def _organisation_and_user(session: Session, name: str, email: str) -> tuple[Any, Any]:
    """The named organisation and user, or a UsageError saying which is missing."""
    from auditor.web.accounts import find_user
    from auditor.web.organisations import OrganisationError, find_organisation

    try:
        organisation = find_organisation(session, name)
    except OrganisationError as error:
        raise UsageError(str(error)) from None
    return organisation, find_user(session, email)


@organisations.command("add-member")
@click.argument("name")
@click.argument("email")
@_INSTANCE
def organisations_add_member(name: str, email: str, instance: Path | None) -> int:
    """Make a user a member of an organisation."""
    from auditor.web.organisations import add_member

    with _accounts_session(instance) as session:
        organisation, user = _organisation_and_user(session, name, email)
        added = add_member(session, organisation, user)
        click.echo(f"{user.email} {'is now' if added else 'was already'} a member of "
                   f"{organisation.name}")
    return 0


@organisations.command("remove-member")
@click.argument("name")
@click.argument("email")
@_INSTANCE
def organisations_remove_member(name: str, email: str, instance: Path | None) -> int:
    """End a user's membership of an organisation."""
    from auditor.web.organisations import remove_member

    with _accounts_session(instance) as session:
        organisation, user = _organisation_and_user(session, name, email)
        removed = remove_member(session, organisation, user)
        click.echo(f"{user.email} {'is no longer' if removed else 'was not'} a member of "
                   f"{organisation.name}")
    return 0
