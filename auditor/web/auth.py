"""Signing in and out, and the account page: password change and API tokens.

Sign-in attempts are rate limited per address. Each sign-in starts a server-side
session (see `accounts.py`); signing out ends it for every copy of the cookie.
"""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_user, logout_user
from werkzeug.wrappers import Response

from auditor.errors import UsageError
from auditor.web.accounts import (
    authenticate,
    create_token,
    end_session,
    parse_duration,
    revoke_token,
    set_password,
    start_session,
    visible_tokens,
)
from auditor.web.extensions import (
    ID_RULE,
    SESSION_ID_KEY,
    current_session_id,
    db_session,
    limiter,
    login_required,
    session_lifetimes,
)
from auditor.web.models import utc_now
from auditor.web.security import local_path

blueprint = Blueprint("auth", __name__)
# The expiries offered when creating a token in the browser (the command line takes any).
TOKEN_EXPIRIES = (("30d", "30 days"), ("7d", "7 days"), ("90d", "90 days"),
                  ("365d", "1 year"), ("never", "never"))


def _login_limit() -> str:
    return str(current_app.config["LOGIN_RATE_LIMIT"])


@blueprint.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"],
               error_message="Too many sign-in attempts; wait a minute and try again.")
def login() -> Response | str:
    """The sign-in form; on success, back to where the user was going."""
    if request.method == "POST":
        user = authenticate(db_session(), request.form.get("email", ""),
                            request.form.get("password", ""))
        if user is not None:
            session.clear()  # nothing from before the sign-in carries over
            token = start_session(db_session(), user, session_lifetimes())
            login_user(user)
            session[SESSION_ID_KEY] = token
            return redirect(local_path(request.args.get("next"))
                            or url_for("audits.index"))
        flash("Wrong e-mail or password.", "error")
    return render_template("login.html")


@blueprint.route("/logout", methods=["POST"])
@login_required
def logout() -> Response:
    """Sign out (a POST, so another site cannot sign the user out with a link); the
    session ends server-side, so a copy of the cookie is worthless from now on."""
    token = current_session_id()
    if token:
        end_session(db_session(), token)
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))


def _account_page(new_token: str | None = None, status: int = 200) -> tuple[str, int]:
    return render_template(
        "account.html", tokens=visible_tokens(db_session(), current_user), now=utc_now(),
        expiries=TOKEN_EXPIRIES, new_token=new_token, lifetimes=session_lifetimes()), status


@blueprint.route("/account")
@login_required
def account() -> tuple[str, int]:
    """The password form and the API tokens the user may see (an admin: all)."""
    return _account_page()


@blueprint.route("/account/password", methods=["POST"])
@login_required
@limiter.limit(_login_limit,  # it checks a password too
               error_message="Too many password attempts; wait a minute and try again.")
def change_password() -> Response:
    """A new password; every other session of the user ends."""
    form = request.form
    if authenticate(db_session(), current_user.email, form.get("current", "")) is None:
        flash("The current password is wrong.", "error")
    elif form.get("new", "") != form.get("confirm", ""):
        flash("The new password and its confirmation differ.", "error")
    else:
        try:
            ended = set_password(db_session(), current_user, form.get("new", ""),
                                 keep_session=current_session_id())
        except UsageError as error:
            flash(f"Not changed: {error}.", "error")
        else:
            flash(f"Password changed; {ended} other session(s) signed out.", "info")
    return redirect(url_for("auth.account"))


@blueprint.route("/account/tokens", methods=["POST"])
@login_required
def new_token() -> tuple[str, int]:
    """Create a token for the signed-in user; shown on this page once (never flashed:
    the flash would travel in the cookie)."""
    try:
        expires_in = parse_duration(request.form.get("expires", ""))
        # The user itself, not the proxy: the new row refers to it.
        owner = current_user._get_current_object()
        token = create_token(db_session(), owner, request.form.get("name", ""),
                             expires_in=expires_in)
    except UsageError as error:
        flash(f"No token created: {error}.", "error")
        return _account_page(status=400)
    return _account_page(new_token=token)


@blueprint.route(f"/account/tokens/<{ID_RULE}:token_id>/revoke", methods=["POST"])
@login_required
def revoke(token_id: int) -> Response:
    """Revoke a token: the owner's own, or any for an admin (404 for anyone else)."""
    try:
        record = revoke_token(db_session(), token_id, by=current_user)
    except UsageError:
        abort(404)
    flash(f"Token {record.name!r} revoked; it no longer works.", "info")
    return redirect(url_for("auth.account"))
