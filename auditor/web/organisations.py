"""Organisations: whose audits, triage, history and schedules are whose.

Every audit belongs to one organisation, and a user sees the audits of the
organisations they are a member of; admins manage organisations and members and see
every organisation. An audit of another organisation is answered exactly as an audit
that does not exist (404), so ids reveal nothing. Triage and each finding's history are
kept per organisation: one organisation's false positive does not silence another's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import Session

from auditor.web.models import Audit, Membership, Organisation, Role, User

__all__ = ["DEFAULT_ORGANISATION", "OrganisationError", "add_member", "create_organisation",
           "member_organisations", "organisation_ids", "remove_member", "visible_audit",
           "visible_audits"]

# The organisation an installation from before organisations migrates into.
DEFAULT_ORGANISATION = "Default organisation"
MAX_NAME = 100
_NAME = re.compile(r"^[^\x00-\x1f\x7f]{1,100}$")


class OrganisationError(ValueError):
    """A change to organisations that cannot be made, with what to do instead."""


def organisation_ids(session: Session, user: User) -> frozenset[int] | None:
    """The organisations `user` may see: None for an admin (every one)."""
    if user.role is Role.ADMIN:
        return None
    return frozenset(session.scalars(select(Membership.organisation_id)
                                     .where(Membership.user_id == user.id)))


def all_organisations(session: Session) -> list[Organisation]:
    """Every organisation, by name."""
    return list(session.scalars(select(Organisation).order_by(Organisation.name)))


def member_organisations(session: Session, user: User) -> list[Organisation]:
    """The organisations `user` may work in, by name (every one for an admin)."""
    ids = organisation_ids(session, user)
    if ids is None:
        return all_organisations(session)
    return list(session.scalars(select(Organisation).where(Organisation.id.in_(ids))
                                .order_by(Organisation.name)))


def visible_organisation(session: Session, user: User | None,
                         organisation_id: int) -> Organisation | None:
    """The organisation if `user` sees it, else None (the same as no such one)."""
    if user is None:
        return None
    ids = organisation_ids(session, user)
    if ids is not None and organisation_id not in ids:
        return None
    return session.get(Organisation, organisation_id)


def visible_audits(session: Session, user: User) -> Select[Any]:
    """A query of the audits `user` may see."""
    query = select(Audit)
    ids = organisation_ids(session, user)
    return query if ids is None else query.where(Audit.organisation_id.in_(ids))


def visible_audit(session: Session, user: User | None, audit_id: int) -> Audit | None:
    """The audit if `user` may see it, else None (the same as no such audit)."""
    if user is None:
        return None
    audit = session.get(Audit, audit_id)
    if audit is None:
        return None
    ids = organisation_ids(session, user)
    return audit if ids is None or audit.organisation_id in ids else None


def create_organisation(session: Session, name: str) -> Organisation:
    """A new organisation; OrganisationError when the name is taken or unusable."""
    name = " ".join(name.split())
    if not _NAME.match(name):
        raise OrganisationError(f"an organisation's name is 1 to {MAX_NAME} characters "
                                "without control characters")
    if session.scalar(select(Organisation.id).where(Organisation.name == name)) is not None:
        raise OrganisationError(f"an organisation named {name!r} exists already")
    organisation = Organisation(name=name)
    session.add(organisation)
    session.flush()
    return organisation


def find_organisation(session: Session, name: str) -> Organisation:
    """The organisation with this name, or OrganisationError listing the names."""
    found = session.scalar(select(Organisation).where(Organisation.name == " ".join(
        name.split())))
    if found is None:
        names = ", ".join(repr(n) for n in session.scalars(
            select(Organisation.name).order_by(Organisation.name))) or "none yet"
        raise OrganisationError(f"no organisation named {name!r}; there are: {names}")
    return found


def add_member(session: Session, organisation: Organisation, user: User) -> bool:
    """Make `user` a member; False when they already were."""
    exists = session.get(Membership, (user.id, organisation.id))
    if exists is not None:
        return False
    session.add(Membership(user_id=user.id, organisation_id=organisation.id))
    session.flush()
    return True


def remove_member(session: Session, organisation: Organisation, user: User) -> bool:
    """End `user`'s membership; False when they were not a member."""
    result = session.execute(delete(Membership).where(
        Membership.user_id == user.id, Membership.organisation_id == organisation.id))
    return bool(getattr(result, "rowcount", 0))


def members(session: Session, organisation: Organisation) -> Sequence[User]:
    """The organisation's members, by e-mail address."""
    return list(session.scalars(select(User).join(
        Membership, Membership.user_id == User.id).where(
        Membership.organisation_id == organisation.id).order_by(User.email)))
