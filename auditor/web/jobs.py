"""Background audits: a job table in the database, worked off by a thread pool.

A job's progress (conversations audited of the total) is written as it goes, so the
page can poll it and the reviewer can leave and come back. The result is stored in
the same transaction that marks the job done: a half report is never served. At
start, jobs a stopped server left queued or running are resumed when their uploads
are still there, and marked failed with the reason when they are not; none is
silently lost. Raw uploads are deleted when the audit ends (or after the configured
retention); what is kept is the redacted result.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select

from auditor.errors import AuditorError
from auditor.policy import Policy, load_policy
from auditor.redaction import redact
from auditor.web.database import Database
from auditor.web.models import Audit, Status, utc_now
from auditor.web.uploads import remove_work_dir

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 3
TRANSCRIPTS, DECISIONS = "transcripts", "decisions"


@dataclass(frozen=True, slots=True)
class JobSettings:
    """How audits run: worker threads, upload retention, where policies are."""

    workers: int = 1
    retention_seconds: int = 0
    policies_dir: Path | None = None


class _Progress:
    """run_audit's progress bar, written to the job's row at most twice a second."""

    def __init__(self, database: Database, audit_id: int, total: int) -> None:
        self._database, self._audit_id = database, audit_id
        self._done, self._total, self._written_at = 0, total, 0.0
        self._write(force=True)

    def update(self, n: int = 1) -> None:
        self._done += n
        self._write(force=False)

    def close(self) -> None:
        self._write(force=True)

    def _write(self, *, force: bool) -> None:
        now = time.monotonic()
        if not force and now - self._written_at < 0.5:
            return
        self._written_at = now
        with self._database.session() as session:
            audit = session.get(Audit, self._audit_id)
            if audit is not None:
                audit.progress_done, audit.progress_total = self._done, self._total
                # A resumed job may report more than once; keep the total honest.
                audit.progress_total = max(audit.progress_total, audit.progress_done)


class AuditRunner:
    """Runs audit jobs in the background and recovers them after a restart."""

    def __init__(self, database: Database, settings: JobSettings) -> None:
        self._database, self._settings = database, settings
        self._pool = ThreadPoolExecutor(max_workers=settings.workers,
                                        thread_name_prefix="audit")
        self._lock = threading.Lock()
        self._pending: set[int] = set()

    def submit(self, audit_id: int) -> None:
        """Queue a job (already saved as `queued`)."""
        with self._lock:
            self._pending.add(audit_id)
        self._pool.submit(self._run_logged, audit_id)

    def idle(self) -> bool:
        """True when no job is queued or running in this process."""
        with self._lock:
            return not self._pending

    def wait(self, timeout: float = 120.0) -> bool:
        """Block until idle (for tests and the load script); False on timeout."""
        deadline = time.monotonic() + timeout
        while not self.idle():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)
        return True

    def recover(self) -> None:
        """Resume or fail the jobs a stopped server left unfinished."""
        with self._database.session() as session:
            stale = session.scalars(select(Audit).where(
                Audit.status.in_([Status.QUEUED, Status.RUNNING]))).all()
            resume = []
            for audit in stale:
                uploads_left = audit.work_dir and Path(audit.work_dir).is_dir()
                if uploads_left and audit.attempts < MAX_ATTEMPTS:
                    audit.status, audit.progress_done = Status.QUEUED, 0
                    resume.append(audit.id)
                    continue
                audit.status, audit.finished_at = Status.FAILED, utc_now()
                audit.error = ("The server stopped during this audit"
                               + (" and its uploads are gone" if not uploads_left else
                                  f" {audit.attempts} times") + "; upload the files again.")
        for audit_id in resume:
            log.info("resuming audit %s after a restart", audit_id)
            self.submit(audit_id)

    def shutdown(self) -> None:
        """Stop taking jobs; running ones finish (or are resumed at the next start)."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _run_logged(self, audit_id: int) -> None:
        try:
            self._run(audit_id)
        except Exception:  # never let a job die silently: it is marked failed below
            log.exception("audit %s failed unexpectedly", audit_id)
            self._fail(audit_id, "an internal error stopped the audit")
        finally:
            with self._lock:
                self._pending.discard(audit_id)

    def _run(self, audit_id: int) -> None:
        from auditor.pipeline import run_audit

        with self._database.session() as session:
            audit = session.get(Audit, audit_id)
            if audit is None or audit.status not in (Status.QUEUED, Status.RUNNING):
                return
            audit.status, audit.started_at = Status.RUNNING, utc_now()
            audit.attempts += 1
            work_dir, policy_name = Path(audit.work_dir or ""), audit.policy_name
        try:
            policy = self._policy(policy_name)
            with self._database.session() as session:
                from auditor.web.triage import triage_suppressions

                policy = replace(policy, suppressions=(*policy.suppressions,
                                                       *triage_suppressions(session)))
            transcripts = _exports(work_dir / TRANSCRIPTS)
            decisions = _exports(work_dir / DECISIONS)
            result = run_audit(transcripts, decisions=decisions, policy=policy,
                               progress=self._progress_factory(audit_id))
        except AuditorError as error:
            self._fail(audit_id, redact(str(error)).replace(str(work_dir) + "/", ""))
            self._clean(work_dir)
            return
        document = _with_upload_names(result.to_dict(), work_dir)
        summary = document["summary"]
        with self._database.session() as session:
            audit = session.get(Audit, audit_id)
            if audit is None:
                return
            audit.result_json = json.dumps(document, ensure_ascii=False)
            audit.overall_score, audit.grade = summary["overall_score"], summary["grade"]
            audit.passed, audit.findings_count = summary["passed"], summary["findings"]
            audit.verdict = summary["verdict"]
            audit.status, audit.finished_at = Status.DONE, utc_now()
        self._clean(work_dir)

    def _progress_factory(self, audit_id: int) -> Callable[[int, str], _Progress]:
        return lambda total, _description: _Progress(self._database, audit_id, total)

    def _policy(self, name: str) -> Policy:
        if name == "default" or self._settings.policies_dir is None:
            return Policy()
        return load_policy(self._settings.policies_dir / f"{name}.toml")

    def _fail(self, audit_id: int, message: str) -> None:
        with self._database.session() as session:
            audit = session.get(Audit, audit_id)
            if audit is not None:
                audit.status, audit.error, audit.finished_at = Status.FAILED, message, utc_now()

    def _clean(self, work_dir: Path) -> None:
        if self._settings.retention_seconds <= 0:
            remove_work_dir(work_dir)
        else:  # kept for a while: this one stays, older ones go
            sweep_uploads(work_dir.parent, self._settings.retention_seconds)


def sweep_uploads(uploads_dir: Path, retention_seconds: int) -> None:
    """Delete raw uploads older than the retention (run at start and after each audit
    when uploads are kept for a while)."""
    cutoff = time.time() - retention_seconds
    for directory in uploads_dir.glob("*"):
        if directory.is_dir() and directory.stat().st_mtime < cutoff:
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
