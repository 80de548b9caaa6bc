"""The organisations page: each user's organisations; for admins, creating them and
managing their members."""

from __future__ import annotations

from functools import wraps
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from auditor.errors import UsageError
from auditor.web.accounts import find_user
from auditor.web.extensions import ID_RULE, db_session, login_required
from auditor.web.models import Organisation, Role, User
from auditor.web.organisations import (
    OrganisationError,
    add_member,
    create_organisation,
    member_organisations,
    members,
    remove_member,
)

blueprint = Blueprint("organisations", __name__)


def admin_required(view: Any) -> Any:
    """Only admins manage organisations (403 for anyone else)."""
    @wraps(view)
    @login_required
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_user.role is not Role.ADMIN:
            abort(403, "Only admins manage organisations.")
        return view(*args, **kwargs)
    return wrapped


@blueprint.route("/organisations")
@login_required
def index() -> str:
    """The organisations the user sees, with their members (admins: all, and forms)."""
    session = db_session()
    listed = member_organisations(session, current_user)
    return render_template("organisations.html", organisations=[
        (organisation, members(session, organisation)) for organisation in listed])


@blueprint.route("/organisations", methods=["POST"])
@admin_required
def create() -> Response:
    """Create an organisation."""
    try:
        organisation = create_organisation(db_session(), request.form.get("name", ""))
    except OrganisationError as error:
        flash(f"{error}.", "error")
    else:
        flash(f"Organisation {organisation.name} created.", "info")
    return redirect(url_for("organisations.index"))


def _organisation(organisation_id: int) -> Organisation:
    found = db_session().get(Organisation, organisation_id)
    if found is None:
        abort(404)
    return found


@blueprint.route(f"/organisations/<{ID_RULE}:organisation_id>/members", methods=["POST"])
@admin_required
def add(organisation_id: int) -> Response:
    """Add a user (by e-mail address) to an organisation."""
    organisation = _organisation(organisation_id)
    try:
        user = find_user(db_session(), request.form.get("email", ""))
    except UsageError as error:
        flash(f"{error}.", "error")
    else:
        added = add_member(db_session(), organisation, user)
        flash(f"{user.email} {'is now' if added else 'was already'} a member of "
              f"{organisation.name}.", "info")
    return redirect(url_for("organisations.index"))


@blueprint.route(f"/organisations/<{ID_RULE}:organisation_id>/members/<{ID_RULE}:user_id>"
                 "/remove", methods=["POST"])
@admin_required
def remove(organisation_id: int, user_id: int) -> Response:
    """End a user's membership of an organisation."""
    organisation = _organisation(organisation_id)
    user = db_session().get(User, user_id)
    if user is None:
        abort(404)
    remove_member(db_session(), organisation, user)
    flash(f"{user.email} is no longer a member of {organisation.name}.", "info")
    return redirect(url_for("organisations.index"))
