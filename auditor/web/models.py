"""The web service's tables: organisations and their members, users, their sessions and
API tokens, audits and their finding rows, triage states with each finding's history,
monthly summaries, schedules and deliveries, access log.

An audit keeps its redacted result JSON, never the raw upload: uploads live in a
working directory that is deleted when the audit ends (see `jobs.py`).
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


def _values(enum_class: type[enum.Enum]) -> list[str]:
    """Store an enum by its value ("reviewer"), not its Python name ("REVIEWER")."""
    return [str(member.value) for member in enum_class]


def _enum(enum_class: type[enum.Enum], length: int) -> Enum:
    return Enum(enum_class, native_enum=False, length=length, values_callable=_values)


def utc_now() -> datetime:
    """Now, in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored naive in UTC and read back timezone-aware (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        return value.astimezone(UTC).replace(tzinfo=None) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


class Base(DeclarativeBase):
    """The declarative base of every table."""


class Role(enum.StrEnum):
    """What a user may do: admins manage users, reviewers upload and triage, viewers read."""

    ADMIN = "admin"
    REVIEWER = "reviewer"
    VIEWER = "viewer"

    @property
    def can_audit(self) -> bool:
        """Upload, run and triage audits."""
        return self in (Role.ADMIN, Role.REVIEWER)


class Status(enum.StrEnum):
    """An audit job's state; only `done` audits have a report."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"  # by a reviewer, queued or running; no report


# The states of a job that has not ended: it holds its raw uploads, can be cancelled,
# and its page refreshes itself. Every other state is an end.
LIVE = (Status.QUEUED, Status.RUNNING)


class Organisation(Base):
    """A business whose audits, triage, monthly history and schedule are kept apart from
    every other's (see `auditor.web.organisations`)."""

    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class Membership(Base):
    """A user's membership of an organisation: they see its audits and may work on them
    as their role allows."""

    __tablename__ = "memberships"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"),
                                                 primary_key=True, index=True)


class User(Base):
    """A person who signs in; the password is stored as a salted scrypt hash."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    role: Mapped[Role] = mapped_column(_enum(Role, 16))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    tokens: Mapped[list[ApiToken]] = relationship(back_populates="user")

    # Flask-Login's user protocol.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return str(self.id)


class ApiToken(Base):
    """A token for scripts and CI; only its SHA-256 is stored, the token is shown once.

    A token is never deleted: revoking it stamps `revoked_at`, so the list keeps
    showing what existed and when it stopped working.
    """

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # None: never
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(back_populates="tokens")

    def state(self, now: datetime) -> str:
        """"active", "expired" or "revoked" at `now`."""
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= now:
            return "expired"
        return "active"


class WebSession(Base):
    """A signed-in browser session, recorded server-side so that it can be ended.

    The session cookie carries a random id of which only the SHA-256 is stored here;
    a cookie whose row is gone (signed out, password changed) or past its idle or
    absolute lifetime signs nobody in.
    """

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    user: Mapped[User] = relationship()


class Audit(Base):
    """One audit job and, once done, its redacted result."""

    __tablename__ = "audits"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    status: Mapped[Status] = mapped_column(_enum(Status, 16), default=Status.QUEUED,
                                           index=True)  # runners poll by status
    policy_name: Mapped[str] = mapped_column(String(100), default="default")
    # The uploaded file names (as given, for the history list) and the working directory.
    input_names: Mapped[list[str]] = mapped_column(JSON, default=list)
    work_dir: Mapped[str | None] = mapped_column(String(500))
    progress_done: Mapped[int] = mapped_column(Integer, default=0)
    progress_total: Mapped[int] = mapped_column(Integer, default=0)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    overall_score: Mapped[float | None] = mapped_column()
    # "A".."F", or "N/A" when the audit has no score or is inconclusive.
    grade: Mapped[str | None] = mapped_column(String(8))
    passed: Mapped[bool | None] = mapped_column()
    # passed, failed or inconclusive (auditor.gate), for the history list.
    verdict: Mapped[str | None] = mapped_column(String(16))
    findings_count: Mapped[int | None] = mapped_column(Integer)
    # Deferred: a result may be tens of megabytes, and most pages need only the
    # overview (summary, checks) and the finding rows.
    result_json: Mapped[str | None] = mapped_column(Text, deferred=True)
    overview_json: Mapped[str | None] = mapped_column(Text)
    findings_indexed: Mapped[bool] = mapped_column(default=False, server_default=false())
    # The runner that claimed the job last (host:pid:random) and its lease (see leases.py);
    # `attempts` counts the claims.
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    created_by: Mapped[User] = relationship()
    organisation: Mapped[Organisation] = relationship()


class TriageKind(enum.StrEnum):
    """A finding's triage state. False positives and accepted risks are suppressed from
    later audits; the others only record the review."""

    OPEN = "open"
    CONFIRMED = "confirmed"
    FALSE_POSITIVE = "false_positive"
    ACCEPTED_RISK = "accepted_risk"
    FIXED = "fixed"

    @property
    def suppresses(self) -> bool:
        """True for the states that set the finding aside in later audits."""
        return self in SUPPRESSING

    @property
    def label(self) -> str:
        """The state as people read it ("false positive")."""
        return self.value.replace("_", " ")


SUPPRESSING = frozenset({TriageKind.FALSE_POSITIVE, TriageKind.ACCEPTED_RISK})


class Triage(Base):
    """A finding's current triage in one organisation, by fingerprint (so it carries
    over to the organisation's later audits of the same inputs): its state, the latest
    justification, who set it, the assignee. A false positive or accepted risk is a
    suppression, as in the CLI policy. Every change is also a `FindingEvent`."""

    __tablename__ = "triage"
    __table_args__ = (UniqueConstraint("organisation_id", "fingerprint",
                                       name="uq_triage_organisation_fingerprint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    fingerprint: Mapped[str] = mapped_column(String(100))
    code: Mapped[str] = mapped_column(String(20))
    conversation_id: Mapped[str | None] = mapped_column(String(200))
    kind: Mapped[TriageKind] = mapped_column(_enum(TriageKind, 20))
    comment: Mapped[str] = mapped_column(Text)
    expires: Mapped[date | None] = mapped_column(Date)
    accepted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    audit_id: Mapped[int | None] = mapped_column(ForeignKey("audits.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    accepted_by: Mapped[User] = relationship(foreign_keys=[accepted_by_id])
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])


class FindingEvent(Base):
    """One entry of a finding's history: a state change, an assignment or a comment,
    who made it, when and why. The audit trail and the comment thread."""

    __tablename__ = "finding_events"
    __table_args__ = (Index("ix_finding_events_organisation_fingerprint", "organisation_id",
                            "fingerprint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    fingerprint: Mapped[str] = mapped_column(String(100), index=True)
    code: Mapped[str] = mapped_column(String(20))
    audit_id: Mapped[int | None] = mapped_column(ForeignKey("audits.id"))
    # None: the service itself (a fixed finding found again is reopened).
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, index=True)
    action: Mapped[str] = mapped_column(String(20))  # state, assignee or comment
    from_value: Mapped[str | None] = mapped_column(String(254))
    to_value: Mapped[str | None] = mapped_column(String(254))
    text: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User | None] = relationship()


class FindingRow(Base):
    """One finding of a finished audit, as the findings list filters and shows it
    (see `auditor.web.finding_store`)."""

    __tablename__ = "findings"
    __table_args__ = (
        UniqueConstraint("audit_id", "position"),
        Index("ix_findings_audit_fingerprint", "audit_id", "fingerprint"),
        Index("ix_findings_audit_code", "audit_id", "code", "position"),
        Index("ix_findings_audit_severity", "audit_id", "severity_rank", "position"),
        Index("ix_findings_audit_conversation", "audit_id", "conversation_id", "turn_index"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id"))
    position: Mapped[int] = mapped_column(Integer)  # in the result: most severe first
    fingerprint: Mapped[str] = mapped_column(String(100))
    code: Mapped[str] = mapped_column(String(20))
    check: Mapped[str] = mapped_column(String(100))
    pack: Mapped[str] = mapped_column(String(20))
    severity: Mapped[str] = mapped_column(String(10))
    severity_rank: Mapped[int] = mapped_column(Integer)
    conversation_id: Mapped[str | None] = mapped_column(String(200))
    turn_index: Mapped[int | None] = mapped_column(Integer)
    message: Mapped[str] = mapped_column(Text)
    evidence_text: Mapped[str] = mapped_column(Text)
    channel: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str | None] = mapped_column(String(64))
    region: Mapped[str | None] = mapped_column(String(64))
    blocks_gate: Mapped[bool] = mapped_column()
    is_new: Mapped[bool | None] = mapped_column()  # None: no earlier audit of these inputs
    # Set aside by a suppression in this audit: listed only when asked for by state.
    suppressed: Mapped[bool] = mapped_column(default=False)
    # Message, redacted evidence and conversation id, case-folded in Python (SQLite's
    # lower() folds ASCII only): what the list's search matches.
    search_text: Mapped[str] = mapped_column(Text, default="")


class AccessEntry(Base):
    """Who viewed or downloaded which report, when, in which format, from where."""

    __tablename__ = "access_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    audit_id: Mapped[int] = mapped_column(ForeignKey("audits.id"))
    action: Mapped[str] = mapped_column(String(20))
    report_format: Mapped[str] = mapped_column(String(10))
    remote_addr: Mapped[str | None] = mapped_column(String(64))


class MonthlySummaryRow(Base):
    """One organisation's month, as an audit covering it summarised it
    (`auditor.monthly.summary.MonthSummary`), with the month's result JSON whose digest
    the report's footer prints. A later audit covering the month replaces it."""

    __tablename__ = "monthly_summaries"
    __table_args__ = (UniqueConstraint("organisation_id", "month",
                                       name="uq_monthly_summaries_organisation_month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    audit_id: Mapped[int | None] = mapped_column(ForeignKey("audits.id"))
    summary_json: Mapped[str] = mapped_column(Text)
    result_json: Mapped[str | None] = mapped_column(Text, deferred=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class MonthlySchedule(Base):
    """When an organisation's monthly report is e-mailed, and to whom."""

    __tablename__ = "monthly_schedules"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), unique=True)
    day_of_month: Mapped[int] = mapped_column(Integer)  # 1-28: every month has it
    recipients: Mapped[list[str]] = mapped_column(JSON, default=list)
    enabled: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    organisation: Mapped[Organisation] = relationship()


class MonthlyDelivery(Base):
    """One sending of a monthly report: by the schedule (at most once per organisation
    and month, whichever server process claims it first: `schedule_key` is unique) or by
    hand; its outcome, sent or failed with the reason."""

    __tablename__ = "monthly_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    month: Mapped[str] = mapped_column(String(7))
    trigger: Mapped[str] = mapped_column(String(10))  # schedule or manual
    # "<organisation id>:<month>" for the schedule's delivery; None for one by hand.
    schedule_key: Mapped[str | None] = mapped_column(String(40), unique=True)
    status: Mapped[str] = mapped_column(String(10))  # sending, sent or failed
    reason: Mapped[str | None] = mapped_column(Text)
    recipients: Mapped[list[str]] = mapped_column(JSON, default=list)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
