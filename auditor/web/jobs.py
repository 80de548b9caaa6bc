"""Background audits: a job table in the database, worked off by the serving processes.

Only a serving process runs jobs (`AuditRunner.start`, called by `auditor serve` and the
app factory unless RUN_JOBS is off); admin commands never do. Each runner polls the
database for claimable jobs (queued, or running under an expired lease: a dead runner's
job) every JOB_POLL_SECONDS, and a submit in its own process wakes it at once. It claims
a job with a lease (see `leases.py`) that a heartbeat renews every JOB_HEARTBEAT_SECONDS,
so several server processes, or hosts sharing one PostgreSQL database, never run a job
twice, and a job whose runner died is taken over once its lease (JOB_LEASE_SECONDS)
expires. Each claim is an attempt; after MAX_ATTEMPTS the job is given up.

A job's progress (conversations audited of the total) is written as it goes, so the
page can poll it and the reviewer can leave and come back. The result is stored in
the same transaction that marks the job done: a half report is never served. Raw
uploads are deleted when the job reaches any end - done, failed, given up - or, with
a retention, by the sweep once they are older than it; what is kept is the redacted
result.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Collection
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from auditor.errors import AuditorError
from auditor.policy import Policy, load_policy
from auditor.redaction import redact
from auditor.web.database import Database
from auditor.web.finding_store import overview_of, store_new_result
from auditor.web.leases import (
    Claim,
    LeaseLost,
    active_work_dirs,
    claim_jobs,
    claimable_exists,
    now,
    release,
    renew,
    runner_identity,
    was_cancelled,
    write_held,
)
from auditor.web.models import Status
from auditor.web.uploads import remove_work_dir

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 3
TRANSCRIPTS, DECISIONS = "transcripts", "decisions"
GIVEN_UP = (f"Given up after {MAX_ATTEMPTS} attempts: the server running this audit stopped "
            "each time; upload the files again.")
UPLOADS_GONE = ("The server stopped during this audit and its uploads are gone; upload "
                "the files again.")
INTERNAL_ERROR = "an internal error stopped the audit"
SWEEP_EVERY_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class JobSettings:
    """How audits run: worker threads, leases, polling, upload retention, folders."""

    workers: int = 1
    retention_seconds: int = 0
    policies_dir: Path | None = None
    uploads_dir: Path | None = None
    lease_seconds: float = 60.0
    heartbeat_seconds: float = 15.0
    poll_seconds: float = 5.0
    # A Dask scheduler's address: conversations are judged on that cluster.
    scheduler: str | None = None


class _Progress:
    """run_audit's progress bar, written to the job's row at most twice a second.

    Each write is conditional on the claim: when another runner took the job over,
    the write raises LeaseLost, which ends this run of the audit.
    """

    def __init__(self, database: Database, claim: Claim, total: int) -> None:
        self._database, self._claim = database, claim
        self._done, self._total, self._written_at = 0, total, 0.0
        self._write(force=True)

    def update(self, n: int = 1) -> None:
        self._done += n
        self._write(force=False)

    def close(self) -> None:
        self._write(force=True)

    def _write(self, *, force: bool) -> None:
        moment = time.monotonic()
        if not force and moment - self._written_at < 0.5:
            return
        self._written_at = moment
        # A resumed job may report more than once; keep the total honest.
        if not write_held(self._database, self._claim, progress_done=self._done,
                          progress_total=max(self._total, self._done)):
            raise LeaseLost(self._claim.audit_id)


class _Unshown:
    """A progress bar the job's row does not show."""

    def update(self, n: int = 1) -> None:
        """Nothing to show."""

    def close(self) -> None:
        """Nothing to close."""


class AuditRunner:
    """Claims audit jobs from the database and runs them on worker threads.

    Created with every app, so a submit can wake it; it does nothing until `start`.
    """

    def __init__(self, database: Database, settings: JobSettings) -> None:
        self._database, self._settings = database, settings
        self.runner_id = runner_identity()
        self._pool = ThreadPoolExecutor(max_workers=settings.workers,
                                        thread_name_prefix="audit")
        self._lock = threading.Lock()
        self._held: dict[int, Claim] = {}
        self._lost: set[int] = set()
        self._claiming = False
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._poller: threading.Thread | None = None
        self._heart: threading.Thread | None = None
        self._futures: set[Future[None]] = set()
        self._swept_at = 0.0

    def start(self) -> None:
        """Start claiming jobs: a poller thread and a heartbeat thread (daemons)."""
        if self._poller is not None:
            return
        self._poller = threading.Thread(target=self._poll, name="audit-poller", daemon=True)
        self._poller.start()
        self._heart = threading.Thread(target=self._heartbeat, name="audit-heartbeat",
                                       daemon=True)
        self._heart.start()

    def submit(self, audit_id: int) -> None:
        """A job was saved as `queued`: look for it now rather than at the next poll.

        Without a started runner the job waits for a serving process to claim it.
        """
        log.debug("audit %s submitted", audit_id)
        self._wake.set()

    def idle(self) -> bool:
        """True when this process holds no job and is not claiming one."""
        with self._lock:
            return not self._held and not self._claiming

    def wait(self, timeout: float = 120.0) -> bool:
        """Block until no job waits to be claimed and this process holds none (for tests
        and the load script); False on timeout."""
        deadline = time.monotonic() + timeout
        # The database first: a job claimed after this check is held (or being claimed)
        # by the time idle() looks.
        while claimable_exists(self._database) or not self.idle():
            if time.monotonic() > deadline:
                return False
            self._wake.set()
            time.sleep(0.05)
        return True

    def shutdown(self, wait_seconds: float = 0.0) -> bool:
        """Stop claiming; jobs not started yet are handed back, running ones finish
        (their leases renewed until then) or are taken over after a crash.

        With `wait_seconds`, wait that long for running jobs to finish and the heartbeat
        to stop, so the database can be closed with no connection in use; True when
        every thread of this runner has ended.
        """
        deadline = time.monotonic() + wait_seconds
        self._stopping.set()
        self._wake.set()
        if self._poller is not None and self._poller is not threading.current_thread():
            self._poller.join(timeout=10)
        self._pool.shutdown(wait=False, cancel_futures=True)
        if wait_seconds <= 0:
            return False
        with self._lock:
            running = list(self._futures)
        wait_futures(running, timeout=max(0.0, deadline - time.monotonic()))
        if self._heart is not None and self._heart is not threading.current_thread():
            self._heart.join(timeout=max(0.0, deadline - time.monotonic()))
        return all(f.done() for f in running) and not (self._heart and self._heart.is_alive())

    def sweep(self) -> None:
        """Delete raw uploads older than the retention, except those of unfinished jobs."""
        uploads_dir = self._settings.uploads_dir
        if uploads_dir is None or self._settings.retention_seconds <= 0:
            return
        self._swept_at = time.monotonic()
        sweep_uploads(uploads_dir, self._settings.retention_seconds,
                      keep=active_work_dirs(self._database))

    def _poll(self) -> None:
        self._sweep_logged()
        while not self._stopping.is_set():
            self._wake.clear()  # before claiming: a submit from now on wakes the next round
            try:
                self._claim_free_slots()
                if time.monotonic() - self._swept_at >= SWEEP_EVERY_SECONDS:
                    self._sweep_logged()
            except Exception:  # the database may be away for a moment: retry next round
                log.exception("claiming audit jobs failed; retrying")
            self._wake.wait(self._settings.poll_seconds)

    def _claim_free_slots(self) -> None:
        with self._lock:
            free = self._settings.workers - len(self._held)
            if free <= 0 or self._stopping.is_set():
                return
            self._claiming = True
        try:
            claimed = claim_jobs(self._database, self.runner_id, limit=free,
                                 lease_seconds=self._settings.lease_seconds,
                                 max_attempts=MAX_ATTEMPTS, give_up_reason=GIVEN_UP)
            with self._lock:
                self._held.update((claim.audit_id, claim) for claim in claimed.to_run)
            for claim in claimed.to_run:
                log.info("audit %s claimed by %s (attempt %s)", claim.audit_id,
                         self.runner_id, claim.attempt)
                try:
                    future = self._pool.submit(self._run_logged, claim)
                except RuntimeError:  # shut down meanwhile: another runner will take it
                    release(self._database, claim)
                    self._let_go(claim)
                    continue
                with self._lock:
                    self._futures.add(future)
                future.add_done_callback(partial(self._handed_back_if_cancelled, claim))
            for claim in claimed.given_up:
                log.warning("audit %s given up after %s attempts", claim.audit_id,
                            MAX_ATTEMPTS)
                self.discard_uploads(claim.work_dir)
        finally:
            with self._lock:
                self._claiming = False

    def _handed_back_if_cancelled(self, claim: Claim, future: Future[None]) -> None:
        with self._lock:
            self._futures.discard(future)
        if future.cancelled():  # the runner stopped before the job started
            release(self._database, claim)
            self._let_go(claim)

    def _heartbeat(self) -> None:
        while True:
            if self._stopping.is_set():  # renewing the leases of jobs still finishing
                time.sleep(self._settings.heartbeat_seconds)
            else:  # woken by a shutdown, to end at once if nothing is held
                self._stopping.wait(self._settings.heartbeat_seconds)
            with self._lock:
                claims = [c for c in self._held.values() if c.audit_id not in self._lost]
            if self._stopping.is_set() and not claims:
                return
            try:
                lost = renew(self._database, claims, self._settings.lease_seconds)
            except Exception:  # keep beating: a missed renewal is not yet a lost lease
                log.exception("renewing the leases of audit jobs failed; retrying")
                continue
            for claim in lost:
                log.warning("audit %s: the lease of %s was taken over; its result will "
                            "not be written", claim.audit_id, self.runner_id)
                with self._lock:
                    self._lost.add(claim.audit_id)

    def _run_logged(self, claim: Claim) -> None:
        try:
            self._run(claim)
        except LeaseLost:
            if was_cancelled(self._database, claim.audit_id):
                log.info("audit %s: stopped, it was cancelled", claim.audit_id)
                self.discard_uploads(claim.work_dir)
            else:
                log.warning("audit %s: stopped, another runner holds it now", claim.audit_id)
        except Exception:  # never let a job die silently: it is marked failed below
            log.exception("audit %s failed unexpectedly", claim.audit_id)
            self._fail(claim, INTERNAL_ERROR)
        finally:
            self._let_go(claim)

    def _let_go(self, claim: Claim) -> None:
        with self._lock:
            self._held.pop(claim.audit_id, None)
            self._lost.discard(claim.audit_id)
        self._wake.set()  # a worker is free: claim the next job now

    def _run(self, claim: Claim) -> None:
        from auditor.monthly.run import MonthAudit, audit_months
        from auditor.pipeline import audit_loaded, load_for_audit, run_audit
        from auditor.registry import Registry
        from auditor.web.monthly_store import keeps_months, store_months

        work_dir = claim.work_dir
        if work_dir is None or not work_dir.is_dir():
            self._fail(claim, UPLOADS_GONE)
            return
        try:
            policy = self._policy(claim.policy_name)
            with self._database.session() as session:
                from auditor.web.models import Audit
                from auditor.web.triage import triage_suppressions

                organisation_id = session.scalar(select(Audit.organisation_id).where(
                    Audit.id == claim.audit_id)) or 0
                policy = replace(policy, suppressions=(
                    *policy.suppressions, *triage_suppressions(session, organisation_id)))
                monthly = keeps_months(session, organisation_id)
            transcripts = _exports(work_dir / TRANSCRIPTS)
            decisions = _exports(work_dir / DECISIONS)
            registry = Registry.from_entry_points()
            months: list[MonthAudit] = []
            if monthly:
                # An organisation with a monthly schedule keeps each calendar month too,
                # from the same reading, so every conversation is held.
                loaded = load_for_audit(transcripts, decisions, policy=policy)
                result = audit_loaded(loaded, policy=policy, registry=registry,
                                      progress=self._progress_factory(claim),
                                      transcripts_given=bool(transcripts),
                                      scheduler=self._settings.scheduler)
                months = list(audit_months(loaded, policy=policy, registry=registry,
                                           now=result.created_at,
                                           transcripts_given=bool(transcripts)))
            else:
                result = run_audit(transcripts, decisions=decisions, policy=policy,
                                   registry=registry, progress=self._progress_factory(claim),
                                   scheduler=self._settings.scheduler)
        except AuditorError as error:
            self._fail(claim, redact(str(error)).replace(str(work_dir) + "/", ""))
            return
        document = _with_upload_names(result.to_dict(), work_dir)
        summary = document["summary"]
        def store(connection: Connection) -> None:
            store_new_result(claim.audit_id, document, connection)
            store_months(connection, organisation_id, claim.audit_id, months)

        written = write_held(
            self._database, claim, also=store,
            result_json=json.dumps(document, ensure_ascii=False),
            overview_json=overview_of(document), findings_indexed=True,
            overall_score=summary["overall_score"], grade=summary["grade"],
            passed=summary["passed"], findings_count=summary["findings"],
            verdict=summary["verdict"], status=Status.DONE, finished_at=now(),
            lease_expires_at=None)
        if not written:
            raise LeaseLost(claim.audit_id)
        self.discard_uploads(work_dir)

    def _progress_factory(self, claim: Claim) -> Callable[[int, str], _Progress | _Unshown]:
        from auditor.pipeline import COUNTING

        # The job's row shows the judging; the quick count before it would make the
        # bar fill up, then start again.
        return lambda total, description: (_Unshown() if description == COUNTING
                                           else _Progress(self._database, claim, total))

    def _policy(self, name: str) -> Policy:
        if name == "default" or self._settings.policies_dir is None:
            return Policy()
        return load_policy(self._settings.policies_dir / f"{name}.toml")

    def _fail(self, claim: Claim, message: str) -> None:
        """Mark the job failed and delete its uploads, if this claim still holds it (or
        the job was cancelled meanwhile: its uploads go all the same)."""
        if write_held(self._database, claim, status=Status.FAILED, error=message,
                      finished_at=now(), lease_expires_at=None) \
                or was_cancelled(self._database, claim.audit_id):
            self.discard_uploads(claim.work_dir)

    def discard_uploads(self, work_dir: Path | None) -> None:
        """Delete an ended job's raw uploads now, or with a retention leave them to the
        sweep (which deletes this job's when their time is up)."""
        if self._settings.retention_seconds <= 0:
            if work_dir is not None:
                remove_work_dir(work_dir)
        else:  # kept for a while: this one stays, older ones go
            self.sweep()

    def _sweep_logged(self) -> None:
        try:
            self.sweep()
        except Exception:  # a sweep that fails is tried again at the next round
            log.exception("sweeping old uploads failed")


def sweep_uploads(uploads_dir: Path, retention_seconds: int, *,
                  keep: Collection[Path] = ()) -> None:
    """Delete raw uploads older than the retention, except the folders in `keep`."""
    cutoff = time.time() - retention_seconds
    kept = {path.resolve() for path in keep}
    for directory in uploads_dir.glob("*"):
        if (directory.is_dir() and directory.resolve() not in kept
                and directory.stat().st_mtime < cutoff):
            remove_work_dir(directory)


def _exports(directory: Path) -> list[Path]:
    return [directory] if directory.is_dir() and any(directory.rglob("*")) else []


def _with_upload_names(document: dict[str, Any], work_dir: Path) -> dict[str, Any]:
    """The result with paths shown as uploaded (`transcripts/chats.jsonl`), not as stored."""
    prefix = str(work_dir) + "/"

    def shown(path: Any) -> Any:
        return path.removeprefix(prefix) if isinstance(path, str) else path

    for item in document["run"]["inputs"]:
        item["path"] = shown(item["path"])
    for item in document["skipped"]:
        item["path"] = shown(item["path"])
    for finding in [*document["findings"], *document.get("suppressed", [])]:
        if finding.get("source"):
            finding["source"]["path"] = shown(finding["source"]["path"])
    baseline = document.get("baseline")
    if baseline and baseline.get("path"):
        baseline["path"] = shown(baseline["path"])
    return document
