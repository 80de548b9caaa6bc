"""The Flask extensions and per-request helpers every blueprint shares."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

import flask_login
from flask import abort, current_app, g, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import Session

from auditor.web.accounts import user_for_token
from auditor.web.database import Database
from auditor.web.jobs import AuditRunner
from auditor.web.models import User

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Sign in to see the audits."
csrf = CSRFProtect()
limiter = Limiter(get_remote_address, storage_uri="memory://")

View = TypeVar("View", bound=Callable[..., Any])
# Flask-Login ships no type hints; this keeps the views it wraps typed.
login_required = cast(Callable[[View], View], flask_login.login_required)


def database() -> Database:
    """The app's database."""
    return cast(Database, current_app.extensions["auditor.database"])


def runner() -> AuditRunner:
    """The app's background audit runner."""
    return cast(AuditRunner, current_app.extensions["auditor.runner"])


def db_session() -> Session:
    """This request's session, committed at the end of a successful request."""
    if "db_session" not in g:
        g.db_session = database().sessions()
    return cast(Session, g.db_session)


def close_session(error: BaseException | None) -> None:
    """Commit (or roll back after an error) and close the request's session."""
    session = g.pop("db_session", None)
    if session is None:
        return
    try:
        if error is None:
            session.commit()
        else:
            session.rollback()
    finally:
        session.close()


def _load_user(user_id: str) -> User | None:
    """The signed-in user from the session cookie's id (None once deactivated)."""
    user = db_session().get(User, int(user_id)) if user_id.isdigit() else None
    return user if user is not None and user.active else None


login_manager.user_loader(_load_user)


def token_user() -> User | None:
    """The user this request's API token (`Authorization: Bearer <token>`) belongs to,
    or None. Independent of any session cookie: the API accepts tokens only."""
    if "token_user" not in g:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        g.token_user = (user_for_token(db_session(), token.strip())
                        if scheme.lower() == "bearer" else None)
    return cast(User | None, g.token_user)


def auditing_role_required(view: View) -> View:
    """Uploading and triage: admins and reviewers only; a viewer gets 403."""
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not current_user.is_authenticated:
            return current_app.login_manager.unauthorized()  # type: ignore[attr-defined]
        if not current_user.role.can_audit:
            abort(403, "Viewers can read reports; uploading and triage need a reviewer.")
        return view(*args, **kwargs)
    return cast(View, wrapped)
