"""Users and API tokens: creation, password checks, token lookup.

Passwords are hashed with Werkzeug's salted scrypt; API tokens are random 256-bit
strings of which only the SHA-256 is stored, so a database leak gives neither.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from auditor.errors import UsageError
from auditor.web.models import ApiToken, Role, User, utc_now

TOKEN_PREFIX = "aud_"
MIN_PASSWORD_LENGTH = 12
# Checked against when the e-mail is unknown, so a wrong e-mail takes as long as a
# wrong password and the response time does not reveal which accounts exist.
_DUMMY_HASH = generate_password_hash("not a password of anyone's", method="scrypt")


def create_user(session: Session, email: str, password: str, role: Role) -> User:
    """A new user, or a UsageError saying what is wrong with the input."""
    email = email.strip().casefold()
    if "@" not in email:
        raise UsageError(f"{email!r} is not an e-mail address")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UsageError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    if session.scalar(select(User).where(User.email == email)) is not None:
        raise UsageError(f"a user {email} already exists")
    user = User(email=email, role=role,
                password_hash=generate_password_hash(password, method="scrypt"))
    session.add(user)
    session.flush()
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


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(session: Session, user: User, name: str) -> str:
    """A new API token for `user`; the clear token is returned once and never stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(user=user, name=name, token_hash=_digest(token)))
    session.flush()
    return token


def user_for_token(session: Session, token: str) -> User | None:
    """The active user an API token belongs to, else None."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    digest = _digest(token)
    record = session.scalar(select(ApiToken).where(ApiToken.token_hash == digest))
    # The lookup is by hash; compare again in constant time all the same.
    if record is None or not hmac.compare_digest(record.token_hash, digest):
        return None
    if not record.user.active:
        return None
    record.last_used_at = utc_now()
    return record.user
