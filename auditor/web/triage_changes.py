"""Changing a finding's triage: its state, its assignee, its comment thread, on one
finding or on many at once, every change written to the finding's history.

A triage is kept by fingerprint, so a decision carries over to later audits of the same
inputs; false positives and accepted risks become suppressions there. The web form, the
bulk form and the API all change triage through `change_triage` and `add_comment`, so the
rules (a state change needs a reason; an expiry only for a suppression) and the audit
trail are the same whichever way a change comes in.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from auditor.web.finding_list import storable_text, triage_of
from auditor.web.models import (
    Audit,
    FindingEvent,
    FindingRow,
    Triage,
    TriageKind,
    User,
    utc_now,
)

__all__ = ["MAX_COMMENT_CHARS", "NO_ONE", "TriageChange", "TriageError", "add_comment",
           "change_triage", "history", "parse_change", "reviewer_text"]

MAX_COMMENT_CHARS = 4000
NO_ONE = "-"  # the assignee a form sends to unassign (the API sends "")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CHUNK = 500  # fingerprints per IN (...) query


class TriageError(ValueError):
    """A triage change that cannot be made; the message says why, for the reviewer."""


@dataclass(frozen=True, slots=True)
class TriageChange:
    """What to change: a new state (None: keep), a new assignee (None: keep; "" to
    unassign), the reason, and for a suppression an optional expiry."""

    state: TriageKind | None
    assignee: str | None
    reason: str
    expires: date | None = None


def parse_change(session: Session, *, state: str | None, assignee: str | None,
                 reason: str | None, expires: str | None,
                 organisation_id: int | None = None) -> TriageChange:
    """A change from form or JSON fields, checked; TriageError says what is wrong. An
    assignee must be a reviewer or admin who sees `organisation_id`'s audits."""
    for name, value in (("state", state), ("assignee", assignee), ("expires", expires)):
        if value is not None and not storable_text(value.strip()):
            raise TriageError(f"{name} holds a control character or text that is not UTF-8")
    kind = None
    if state:
        try:
            kind = TriageKind(state)
        except ValueError:
            raise TriageError(f"unknown state {state!r}; use one of "
                              f"{', '.join(k.value for k in TriageKind)}") from None
    reason_text = reviewer_text(reason)
    if kind is not None and not reason_text:
        raise TriageError("say why: a change of state needs a reason")
    until = None
    if expires:
        if kind is None or not kind.suppresses:
            raise TriageError("an expiry applies only to a false positive or accepted risk")
        try:
            if not _ISO_DATE.fullmatch(expires):
                raise ValueError(expires)
            until = date.fromisoformat(expires)
        except ValueError:
            raise TriageError("the expiry must be a date (YYYY-MM-DD)") from None
        if until < utc_now().date():
            raise TriageError("the expiry is in the past")
    who = None if assignee is None else assignee.strip().lower()
    if who == NO_ONE:
        who = ""
    if who:
        user = session.scalar(select(User).where(func.lower(User.email) == who))
        if user is None or not user.active or not user.role.can_audit or (
                organisation_id is not None and not _sees(session, user, organisation_id)):
            raise TriageError(f"{who} is not a reviewer here; assign a reviewer or admin")
    if kind is None and who is None:
        raise TriageError("choose a state or an assignee")
    return TriageChange(kind, who, reason_text, until)


def _sees(session: Session, user: User, organisation_id: int) -> bool:
    """Whether `user` sees the organisation's audits."""
    from auditor.web.organisations import organisation_ids

    ids = organisation_ids(session, user)
    return ids is None or organisation_id in ids


def _organisation_of(session: Session, audit_id: int) -> int:
    """The organisation an audit belongs to."""
    found = session.scalar(select(Audit.organisation_id).where(Audit.id == audit_id))
    if found is None:
        raise TriageError(f"no audit {audit_id}")
    return found


def change_triage(session: Session, user: User, audit_id: int,
                  findings: Sequence[FindingRow | tuple[str, str, str | None]],
                  change: TriageChange) -> int:
    """Apply `change` to each finding (a row, or (fingerprint, code, conversation id));
    the number of findings it changed. Each change is an event in the finding's history."""
    targets = [(f.fingerprint, f.code, f.conversation_id) if isinstance(f, FindingRow) else f
               for f in findings]
    assignee = None
    if change.assignee:
        assignee = session.scalar(select(User).where(func.lower(User.email) == change.assignee))
    now, changed = utc_now(), 0
    organisation_id = _organisation_of(session, audit_id)
    for start in range(0, len(targets), _CHUNK):
        chunk = targets[start:start + _CHUNK]
        existing = triage_of(session, organisation_id, [t[0] for t in chunk])
        for fingerprint, code, conversation_id in chunk:
            row = existing.get(fingerprint)
            if row is None:
                row = Triage(organisation_id=organisation_id, fingerprint=fingerprint,
                             code=code, kind=TriageKind.OPEN, comment="",
                             accepted_by_id=user.id, created_at=now)
                session.add(row)
            if _apply(session, row, user, audit_id, change, assignee, now,
                      conversation_id=conversation_id):
                changed += 1
    session.flush()
    return changed


def _apply(session: Session, row: Triage, user: User, audit_id: int, change: TriageChange,
           assignee: User | None, now: datetime, *, conversation_id: str | None) -> bool:
    events = []
    if change.state is not None and (change.state != row.kind
                                     or change.expires != row.expires):
        events.append(("state", _state_with_expiry(row.kind, row.expires),
                       _state_with_expiry(change.state, change.expires)))
        row.kind, row.comment, row.expires = change.state, change.reason, change.expires
        row.accepted_by_id, row.audit_id, row.created_at = user.id, audit_id, now
        row.conversation_id = conversation_id
    if change.assignee is not None:
        before = row.assignee.email if row.assignee else ""
        after = assignee.email if assignee else ""
        if before != after:
            events.append(("assignee", before, after))
            row.assignee_id = assignee.id if assignee else None
    for action, before_value, after_value in events:
        session.add(FindingEvent(organisation_id=row.organisation_id,
                                 fingerprint=row.fingerprint, code=row.code,
                                 audit_id=audit_id, user_id=user.id, at=now, action=action,
                                 from_value=before_value or None,
                                 to_value=after_value or None, text=change.reason))
    return bool(events)


def reviewer_text(text: str | None) -> str:
    """A reason or comment as kept: trimmed, bounded, and with personal data masked as
    evidence is, since it is shown to every reader, exported, and becomes a later
    report's suppression justification."""
    from auditor.redaction import redact

    # NUL and lone surrogates cannot be stored (PostgreSQL refuses them): dropped and
    # replaced, as nothing a reviewer meant to say is lost with them.
    body = ((text or "").replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
            .strip()[:MAX_COMMENT_CHARS])
    return str(redact(body)) if body else ""


def _state_with_expiry(kind: TriageKind, expires: date | None) -> str:
    return f"{kind.value} until {expires.isoformat()}" if expires else kind.value


def add_comment(session: Session, user: User, audit_id: int, finding: FindingRow,
                text: str) -> FindingEvent:
    """Add a comment to the finding's thread."""
    body = reviewer_text(text)
    if not body:
        raise TriageError("a comment cannot be empty")
    event = FindingEvent(organisation_id=_organisation_of(session, audit_id),
                         fingerprint=finding.fingerprint, code=finding.code,
                         audit_id=audit_id, user_id=user.id, at=utc_now(),
                         action="comment", text=body)
    session.add(event)
    session.flush()
    return event


def history(session: Session, organisation_id: int, fingerprint: str) -> list[FindingEvent]:
    """The finding's history in one organisation, oldest first: state changes,
    assignments and comments."""
    return list(session.scalars(select(FindingEvent).where(
        FindingEvent.organisation_id == organisation_id,
        FindingEvent.fingerprint == fingerprint).order_by(FindingEvent.at, FindingEvent.id)))
