"""Job leases: which runner holds an audit job, and until when.

A runner claims a job by writing its id and a lease expiry into the job's row with a
conditional UPDATE whose WHERE repeats what makes a job claimable (queued, or running
under an expired lease: its runner died). Of two runners racing for one row, exactly
one updates it (rowcount 1). On PostgreSQL the candidates are first read with
`SELECT ... FOR UPDATE SKIP LOCKED`, so runners on several hosts pick different jobs
instead of queueing on the same row; SQLite ignores the clause and lets one writer
in at a time anyway.

Every claim counts as an attempt. A claim is (runner id, attempt number), and every
later write of the job (progress, result, failure) is conditional on it: a runner that
lost its lease to another cannot write over the other's work. Times are the runners'
clocks (UTC), so hosts sharing a database keep their clocks in sync (NTP); a lease of a
minute tolerates seconds of drift.

Cancelling a job is one conditional update too: a running job's runner then finds its
claim gone at its next write, stops, and deletes the uploads (`was_cancelled` tells
a cancelled job from one taken over).
"""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, exists, or_, select, update

from auditor.web.database import Database
from auditor.web.models import LIVE, Audit, Status


class LeaseLost(Exception):
    """This runner's claim on a job was taken over; it must stop writing the job."""


@dataclass(frozen=True, slots=True)
class Claim:
    """A runner's hold on one job: the job, who holds it, and which attempt this is."""

    audit_id: int
    runner_id: str
    attempt: int
    work_dir: Path | None  # None: the job never had uploads saved
    policy_name: str


@dataclass(frozen=True, slots=True)
class Claimed:
    """What one claiming round took: jobs to run, and jobs given up after too many attempts."""

    to_run: tuple[Claim, ...] = ()
    given_up: tuple[Claim, ...] = ()


def runner_identity() -> str:
    """A runner id unique across hosts and restarts: host, process id, random part."""
    return f"{socket.gethostname()[:150]}:{os.getpid()}:{secrets.token_hex(4)}"


def now() -> datetime:
    """Now, in UTC, to the microsecond (leases in tests last a second or two)."""
    return datetime.now(UTC)


def claimable(at: datetime) -> ColumnElement[bool]:
    """Queued, or running under a lease that expired at `at` (or never had one: a job
    left by a version without leases)."""
    return or_(Audit.status == Status.QUEUED,
               and_(Audit.status == Status.RUNNING,
                    or_(Audit.lease_expires_at.is_(None), Audit.lease_expires_at < at)))


def claimable_exists(database: Database) -> bool:
    """True when some job waits for a runner."""
    with database.engine.connect() as connection:
        return bool(connection.scalar(select(exists().where(claimable(now())))))


def claim_jobs(database: Database, runner_id: str, *, limit: int, lease_seconds: float,
               max_attempts: int, give_up_reason: str) -> Claimed:
    """Claim up to `limit` claimable jobs, oldest first, for `runner_id`.

    A job already tried `max_attempts` times is not run again: it is marked failed with
    `give_up_reason` and returned in `given_up`, so the caller deletes its uploads.
    """
    if limit <= 0:
        return Claimed()
    at = now()
    to_run: list[Claim] = []
    given_up: list[Claim] = []
    with database.engine.begin() as connection:
        candidates = connection.execute(
            select(Audit.id, Audit.attempts, Audit.work_dir, Audit.policy_name)
            .where(claimable(at)).order_by(Audit.id).limit(limit)
            .with_for_update(skip_locked=True)).all()
        for audit_id, attempts, work_dir, policy_name in candidates:
            claim = Claim(audit_id, runner_id, attempts + 1,
                          Path(work_dir) if work_dir else None, policy_name)
            # The same condition again, and the attempt count seen: a compare-and-swap.
            unchanged = and_(Audit.id == audit_id, Audit.attempts == attempts, claimable(at))
            if attempts >= max_attempts:
                values: dict[str, Any] = {
                    "status": Status.FAILED, "error": give_up_reason, "finished_at": at,
                    "claimed_by": runner_id, "lease_expires_at": None}
            else:
                values = {"status": Status.RUNNING, "attempts": attempts + 1,
                          "claimed_by": runner_id, "started_at": at, "heartbeat_at": at,
                          "lease_expires_at": at + timedelta(seconds=lease_seconds),
                          "progress_done": 0}
            taken = connection.execute(update(Audit).where(unchanged).values(**values))
            if taken.rowcount == 1:
                (given_up if attempts >= max_attempts else to_run).append(claim)
    return Claimed(tuple(to_run), tuple(given_up))


def _held(claim: Claim) -> ColumnElement[bool]:
    """The job is still running under this very claim."""
    return and_(Audit.id == claim.audit_id, Audit.status == Status.RUNNING,
                Audit.claimed_by == claim.runner_id, Audit.attempts == claim.attempt)


def renew(database: Database, claims: list[Claim], lease_seconds: float) -> list[Claim]:
    """Extend the leases of `claims` (the heartbeat); the claims found lost."""
    at, lost = now(), []
    with database.engine.begin() as connection:
        for claim in claims:
            renewed = connection.execute(update(Audit).where(_held(claim)).values(
                heartbeat_at=at, lease_expires_at=at + timedelta(seconds=lease_seconds)))
            if renewed.rowcount != 1:
                lost.append(claim)
    return lost


def write_held(database: Database, claim: Claim, *,
               also: Callable[[Connection], object] | None = None, **values: Any) -> bool:
    """Write `values` into the job if `claim` still holds it, and then run `also` in the
    same transaction (the finding rows of a result); False when the claim was lost."""
    with database.engine.begin() as connection:
        held = connection.execute(
            update(Audit).where(_held(claim)).values(**values)).rowcount == 1
        if held and also is not None:
            also(connection)
        return held


def cancel(database: Database, audit_id: int, reason: str) -> Status | None:
    """End a queued or running job as cancelled, with `reason`; the state it was in, or
    None when it had already ended (or does not exist)."""
    with database.engine.begin() as connection:
        for state in LIVE:  # queued first: one claimed meanwhile is then running
            ended = connection.execute(
                update(Audit).where(Audit.id == audit_id, Audit.status == state).values(
                    status=Status.CANCELLED, error=reason, finished_at=now(),
                    lease_expires_at=None))
            if ended.rowcount == 1:
                return state
    return None


def was_cancelled(database: Database, audit_id: int) -> bool:
    """Whether the job was cancelled (rather than taken over by another runner)."""
    with database.engine.connect() as connection:
        return connection.scalar(select(Audit.status).where(Audit.id == audit_id)) \
            is Status.CANCELLED


def release(database: Database, claim: Claim) -> None:
    """Hand back a claimed job that never started (the runner is stopping): queued again,
    and the attempt not counted."""
    with database.engine.begin() as connection:
        connection.execute(update(Audit).where(_held(claim)).values(
            status=Status.QUEUED, attempts=claim.attempt - 1, claimed_by=None,
            lease_expires_at=None, heartbeat_at=None, started_at=None))


def active_work_dirs(database: Database) -> set[Path]:
    """The upload folders of jobs not finished yet (never swept)."""
    with database.engine.connect() as connection:
        rows = connection.scalars(select(Audit.work_dir).where(
            Audit.status.in_(LIVE))).all()
    return {Path(row) for row in rows if row}
