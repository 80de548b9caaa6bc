"""Users, their sign-in sessions and their API tokens.

Passwords are hashed with Werkzeug's salted scrypt. Session ids and API tokens are
random 256-bit strings of which only the SHA-256 is stored, so a database leak gives
no password, no live session and no token.

Sessions are recorded server-side (`WebSession`): the signed cookie only carries the
session's id, and a cookie signs someone in only while its row exists and is within
its idle and absolute lifetimes. Signing out deletes the row, so a copy of the cookie
taken before stops working; a password change deletes every other session of the user.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from auditor.errors import UsageError
from auditor.web.models import ApiToken, Organisation, Role, User, WebSession, utc_now

TOKEN_PREFIX = "aud_"
MIN_PASSWORD_LENGTH = 12
# Checked against when the e-mail is unknown, so a wrong e-mail takes as long as a
# wrong password and the response time does not reveal which accounts exist.
_DUMMY_HASH = generate_password_hash("not a password of anyone's", method="scrypt")
# A session's last-seen time is written at most this often (and at least ten times per
# idle lifetime), so a self-refreshing job page does not write to the database every
# two seconds.
_TOUCH_INTERVAL = timedelta(seconds=60)
_DURATION = re.compile(r"(\d{1,6})([mhdw])")
_DURATION_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
TOKEN_REQUIRED = "a valid API token is required: send 'Authorization: Bearer <token>'"
_NEW_TOKEN_HINT = "create a new one with `auditor tokens create` or on the Account page"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _timestamp(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


# Passwords ---------------------------------------------------------------------------

def check_password_rules(password: str) -> None:
    """A UsageError when `password` is too weak to be set."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UsageError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")


def create_user(session: Session, email: str, password: str, role: Role, *,
                organisations: Sequence[str] | None = None) -> User:
    """A new user, or a UsageError saying what is wrong with the input.

    The user joins the named `organisations`; with none named, the only organisation of
    an installation that has one (so a single-organisation installation needs no names),
    else none (an admin adds them later).
    """
    email = email.strip().casefold()
    if "@" not in email:
        raise UsageError(f"{email!r} is not an e-mail address")
    check_password_rules(password)
    if session.scalar(select(User).where(User.email == email)) is not None:
        raise UsageError(f"a user {email} already exists")
    from auditor.web.organisations import OrganisationError, add_member, find_organisation

    try:
        joined = ([find_organisation(session, name) for name in organisations]
                  if organisations else _only_organisation(session))
    except OrganisationError as error:
        raise UsageError(str(error)) from None
    user = User(email=email, role=role,
                password_hash=generate_password_hash(password, method="scrypt"))
    session.add(user)
    session.flush()
    for organisation in joined:
        add_member(session, organisation, user)
    return user


def _only_organisation(session: Session) -> list[Organisation]:
    """The installation's organisation when it has exactly one, else none."""
    found = list(session.scalars(select(Organisation).limit(2)))
    return found if len(found) == 1 else []


def find_user(session: Session, email: str) -> User:
    """The user with this e-mail, or a UsageError saying how to create one."""
    user = session.scalar(select(User).where(User.email == email.strip().casefold()))
    if user is None:
        raise UsageError(f"no user {email}; create it with `auditor users create`")
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with this e-mail and password, else None."""
    user = session.scalar(select(User).where(User.email == email.strip().casefold()))
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(user.password_hash, password) or not user.active:
        return None
    return user


def set_password(session: Session, user: User, password: str, *,
                 keep_session: str | None = None) -> int:
    """Give `user` a new password and end their sessions but `keep_session` (the one
    that made the change, if any); the number of sessions ended."""
    check_password_rules(password)
    user.password_hash = generate_password_hash(password, method="scrypt")
    return end_sessions(session, user, keep=keep_session)


# Sessions ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SessionLifetimes:
    """How long a sign-in lasts: `idle` without a request, `absolute` in all."""

    idle: timedelta = timedelta(minutes=30)
    absolute: timedelta = timedelta(hours=12)

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SessionLifetimes:
        """From the app settings `SESSION_IDLE_SECONDS` and `SESSION_ABSOLUTE_SECONDS`."""
        return cls(idle=timedelta(seconds=int(config["SESSION_IDLE_SECONDS"])),
                   absolute=timedelta(seconds=int(config["SESSION_ABSOLUTE_SECONDS"])))

    def expired(self, record: WebSession, now: datetime) -> bool:
        """Whether `record` is past either lifetime at `now`."""
        return (now - record.last_seen_at >= self.idle
                or now - record.created_at >= self.absolute)


def start_session(session: Session, user: User, lifetimes: SessionLifetimes) -> str:
    """Record a new session for `user`; its id, for the cookie (never stored in clear).

    Sessions past their lifetimes, anyone's, are deleted on the way: they can no
    longer sign anyone in, and the table stays as small as the live sessions.
    """
    now = utc_now()
    session.execute(delete(WebSession).where(or_(
        WebSession.last_seen_at <= now - lifetimes.idle,
        WebSession.created_at <= now - lifetimes.absolute)))
    token = secrets.token_urlsafe(32)
    session.add(WebSession(user=user, token_hash=_digest(token), created_at=now,
                           last_seen_at=now))
    session.flush()
    return token


def session_user(session: Session, token: str, lifetimes: SessionLifetimes) -> User | None:
    """The active user whose live session `token` is, else None (and an expired
    session is deleted). Marks the session as seen now."""
    digest = _digest(token)
    record = session.scalar(select(WebSession).where(WebSession.token_hash == digest))
    if record is None or not hmac.compare_digest(record.token_hash, digest):
        return None
    now = utc_now()
    if lifetimes.expired(record, now):
        session.delete(record)
        return None
    if not record.user.active:
        return None
    if now - record.last_seen_at >= min(_TOUCH_INTERVAL, lifetimes.idle / 10):
        record.last_seen_at = now
    return record.user


def end_session(session: Session, token: str) -> None:
    """End one session (signing out)."""
    session.execute(delete(WebSession).where(WebSession.token_hash == _digest(token)))


def end_sessions(session: Session, user: User, *, keep: str | None = None) -> int:
    """End every session of `user` but `keep`; how many were ended."""
    statement = delete(WebSession).where(WebSession.user_id == user.id)
    if keep is not None:
        statement = statement.where(WebSession.token_hash != _digest(keep))
    return int(session.execute(statement).rowcount or 0)  # type: ignore[attr-defined]


# API tokens --------------------------------------------------------------------------

def parse_duration(text: str) -> timedelta | None:
    """`30d`, `12h`, `90m` or `2w` as a timedelta; "" or "never" as None (no expiry)."""
    text = text.strip().casefold()
    if text in ("", "never"):
        return None
    match = _DURATION.fullmatch(text)
    if match is None or int(match.group(1)) == 0:
        raise UsageError(f"{text!r} is not a duration: give a number and a unit, e.g. 90m, "
                         "12h, 30d or 2w (or 'never')")
    return timedelta(**{_DURATION_UNITS[match.group(2)]: int(match.group(1))})


def create_token(session: Session, user: User, name: str, *,
                 expires_in: timedelta | None = None) -> str:
    """A new API token for `user`, valid for `expires_in` (None: until revoked); the
    clear token is returned once and never stored."""
    name = name.strip()
    if not name:
        raise UsageError("give the token a name that says what it is for")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = utc_now()
    session.add(ApiToken(user=user, name=name[:100], token_hash=_digest(token), created_at=now,
                         expires_at=now + expires_in if expires_in is not None else None))
    session.flush()
    return token


@dataclass(frozen=True, slots=True)
class TokenCheck:
    """What an `Authorization: Bearer` token is worth: its user, or why it is refused."""

    user: User | None
    problem: str = ""


def check_token(session: Session, token: str) -> TokenCheck:
    """The token's user if it is live, else the reason it is refused (for the 401)."""
    record = None
    if token.startswith(TOKEN_PREFIX):
        digest = _digest(token)
        record = session.scalar(select(ApiToken).where(ApiToken.token_hash == digest))
        # The lookup is by hash; compare again in constant time all the same.
        if record is not None and not hmac.compare_digest(record.token_hash, digest):
            record = None
    if record is None:
        return TokenCheck(None, TOKEN_REQUIRED)
    now = utc_now()
    state = record.state(now)
    if state == "revoked" and record.revoked_at is not None:
        return TokenCheck(None, f"this API token was revoked at "
                                f"{_timestamp(record.revoked_at)}; {_NEW_TOKEN_HINT}")
    if state == "expired" and record.expires_at is not None:
        return TokenCheck(None, f"this API token expired at {_timestamp(record.expires_at)}; "
                                f"{_NEW_TOKEN_HINT}")
    if not record.user.active:
        return TokenCheck(None, "this API token's user is deactivated")
    record.last_used_at = now
    return TokenCheck(record.user)


def user_for_token(session: Session, token: str) -> User | None:
    """The active user a live API token belongs to, else None."""
    return check_token(session, token).user


def visible_tokens(session: Session, viewer: User | None) -> list[ApiToken]:
    """The tokens `viewer` may see and revoke: an admin (or the command line, None)
    every token, anyone else their own; oldest first."""
    statement = select(ApiToken).order_by(ApiToken.id)
    if viewer is not None and viewer.role is not Role.ADMIN:
        statement = statement.where(ApiToken.user_id == viewer.id)
    return list(session.scalars(statement))


def revoke_token(session: Session, token_id: int, *, by: User | None) -> ApiToken:
    """Revoke a token that `by` may see (None: the command line); a UsageError for
    any other id, so that nobody learns which ids exist."""
    record = session.get(ApiToken, token_id)
    if record is None or (by is not None and by.role is not Role.ADMIN
                          and record.user_id != by.id):
        raise UsageError(f"no API token {token_id}; `auditor tokens list` shows them")
    if record.revoked_at is None:
        record.revoked_at = utc_now()
    return record
