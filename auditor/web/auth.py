"""Signing in and out. Sign-in attempts are rate limited per address."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import login_user, logout_user
from werkzeug.wrappers import Response

from auditor.web.accounts import authenticate
from auditor.web.extensions import db_session, limiter, login_required

blueprint = Blueprint("auth", __name__)


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
            login_user(user)
            target = request.args.get("next", "")
            # Only same-site paths: an open redirect would help phishing.
            if not target.startswith("/") or target.startswith("//"):
                target = url_for("audits.index")
            return redirect(target)
        flash("Wrong e-mail or password.", "error")
    return render_template("login.html")


@blueprint.route("/logout", methods=["POST"])
@login_required
def logout() -> Response:
    """Sign out (a POST, so another site cannot sign the user out with a link)."""
    logout_user()
    return redirect(url_for("auth.login"))
