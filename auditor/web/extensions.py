"""The Flask extensions and per-request helpers every blueprint shares."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

import flask_login
from flask import abort, current_app, g, request
from flask import session as cookie_session
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import Session

from auditor.web.accounts import (
    TOKEN_REQUIRED,
    SessionLifetimes,
    TokenCheck,
    check_token,
    session_user,
)
from auditor.web.database import Database
from auditor.web.jobs import AuditRunner
from auditor.web.models import User

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "Sign in to see the audits."
# The key of the server-side session id in the (signed) session cookie.
SESSION_ID_KEY = "sid"
csrf = CSRFProtect()
limiter = Limiter(get_remote_address, storage_uri="memory://")

# Ids the database's INTEGER column holds (PostgreSQL's is 32-bit): a larger one in a
# URL is an unknown record (404), never an overflow in the database driver.
MAX_ID = 2**31 - 1
ID_RULE = f"int(min=1, max={MAX_ID})"  # the URL converter for ids: "/audits/<{ID_RULE}:id>"

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


def session_lifetimes() -> SessionLifetimes:
    """The configured idle and absolute lifetimes of a sign-in."""
    return SessionLifetimes.from_config(current_app.config)


def current_session_id() -> str | None:
    """The server-side session id this request's cookie carries, if any."""
    value = cookie_session.get(SESSION_ID_KEY)
    return value if isinstance(value, str) else None


def _load_user(user_id: str) -> User | None:
    """The signed-in user: only while the cookie's server-side session lives (not
    signed out, not past its lifetimes, password unchanged) and the user is active."""
    token = current_session_id()
    user = session_user(db_session(), token, session_lifetimes()) if token else None
    if user is None or user.get_id() != user_id:
        # The sign-in is dropped from the cookie; anything else in it (the CSRF token
        # of a form being rendered) stays.
        for key in (SESSION_ID_KEY, "_user_id", "_fresh"):
            cookie_session.pop(key, None)
        return None
    return user


login_manager.user_loader(_load_user)


def token_check() -> TokenCheck:
    """What this request's API token (`Authorization: Bearer <token>`) is worth.
    Independent of any session cookie: the API accepts tokens only."""
    if "token_check" not in g:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        g.token_check = (check_token(db_session(), token.strip())
                         if scheme.lower() == "bearer" else TokenCheck(None, TOKEN_REQUIRED))
    return cast(TokenCheck, g.token_check)


def token_user() -> User | None:
    """The user this request's live API token belongs to, or None."""
    return token_check().user


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


def _size(count: int) -> str:
    """A byte count in the unit it was most likely set in."""
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if count >= size and count % size == 0:
            return f"{count // size} {unit}"
    return f"{count:,} bytes"


def too_large_message() -> str:
    """Why this request got a 413, naming the limit and the setting that raises it.

    Werkzeug answers 413 both for a request over `MAX_CONTENT_LENGTH` and for a form
    field over `MAX_FORM_MEMORY_SIZE` (or too many parts); the declared length tells
    which (a chunked request, with none, can only have hit the first).
    """
    config = current_app.config
    limit = config.get("MAX_CONTENT_LENGTH")
    length = request.content_length
    if limit is not None and (length is None or length > int(limit)):
        return (f"The upload is larger than the {_size(int(limit))} limit of a whole request "
                "(AUDITOR_MAX_CONTENT_LENGTH); upload fewer or smaller files at a time.")
    return (f"A form field is larger than the {_size(int(config['MAX_FORM_MEMORY_SIZE']))} "
            f"limit, or the form has more than {config['MAX_FORM_PARTS']} parts; send the "
            "exports as files.")
