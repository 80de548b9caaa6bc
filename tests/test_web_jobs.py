"""Audit jobs: claimed under a lease by serving processes only, run once, cleaned up.

The tests with real `auditor serve` processes share one instance folder and one
database (SQLite there, or a PostgreSQL database of the test's own when
AUDITOR_TEST_POSTGRES_URL is set by scripts/with-postgres.sh), with leases of two
seconds so a takeover is quick.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
import zipfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import undefer

from auditor.web import close_app
from auditor.web.accounts import create_token
from auditor.web.database import Database
from auditor.web.jobs import GIVEN_UP, INTERNAL_ERROR, MAX_ATTEMPTS
from auditor.web.leases import Claim, claim_jobs, now
from auditor.web.models import Audit, Status, User
from auditor.web.uploads import UploadLimits, save_uploads
from tests.conftest import DISCLOSURE_FIXTURE, only_organisation
from tests.test_web import PASSWORD, _app, _csrf, _database_url, _signed_in

MakeApp = Callable[..., Flask]
FAST_LEASES = {"JOB_LEASE_SECONDS": 2, "JOB_HEARTBEAT_SECONDS": 0.5, "JOB_POLL_SECONDS": 0.2}
# `auditor serve` with a test hook around the audit: every audit takes
# TEST_AUDIT_SECONDS longer, and the first audit to remove the TEST_STALL_FIRST_AUDIT
# file (one in all processes: the removal is atomic) stalls until the test kills it.
HOOKED_CLI = """
import os, sys, time
import auditor.pipeline as pipeline
from auditor.cli import main

def hooked(audit):
    def audit_hooked(*args, **kwargs):
        marker = os.environ.get("TEST_STALL_FIRST_AUDIT")
        if marker:
            try:
                os.unlink(marker)
            except FileNotFoundError:
                pass
            else:
                time.sleep(600)
        time.sleep(float(os.environ.get("TEST_AUDIT_SECONDS", "0")))
        return audit(*args, **kwargs)
    return audit_hooked

# A job audits through run_audit, or audit_loaded when it keeps each month too.
pipeline.run_audit = hooked(pipeline.run_audit)
pipeline.audit_loaded = hooked(pipeline.audit_loaded)
sys.exit(main(sys.argv[1:]))
"""


# --- several server processes on one instance -------------------------------------------


@dataclass(frozen=True)
class Server:
    """An `auditor serve` process."""

    process: subprocess.Popen[bytes]
    port: int
    log: Path

    def holds(self, audit: Audit) -> bool:
        """Whether this process's runner made the audit's last claim (host:pid:random)."""
        parts = (audit.claimed_by or "").rsplit(":", 2)
        return len(parts) == 3 and parts[1] == str(self.process.pid)

    def alive(self) -> bool:
        """Not killed."""
        return self.process.poll() is None


class Cluster:
    """Two `auditor serve` processes on one instance folder and database, and the
    reviewer's API token. Shared by the tests of this section (a server start costs
    seconds); a test that kills a server leaves the rest to `serving`."""

    def __init__(self, path: Path) -> None:
        self.path, self.url = path, _database_url(path)
        app = _app(path, RUN_JOBS=False)  # migrates, and adds rev@example.com
        self.database: Database = app.extensions["auditor.database"]
        with self.database.session() as session:
            reviewer = session.scalar(select(User).where(User.email == "rev@example.com"))
            assert reviewer is not None
            self.token = create_token(session, reviewer, "jobs test")
        self.stall = path.parent / "stall-first-audit"
        self.servers: list[Server] = []
        self._logs = ExitStack()

    def env(self, **extra: str) -> dict[str, str]:
        """The environment of a process serving or administering the instance."""
        env = {**os.environ, "AUDITOR_INSTANCE": str(self.path), **extra}
        env.update({f"AUDITOR_{key}": str(value) for key, value in FAST_LEASES.items()})
        env["TEST_STALL_FIRST_AUDIT"] = str(self.stall)
        if self.url:
            env["AUDITOR_DATABASE_URL"] = self.url
        return env

    def serving(self, count: int = 2) -> list[Server]:
        """`count` live servers, started together when missing."""
        live = [server for server in self.servers if server.alive()]
        started = [self._start(len(self.servers) + n) for n in range(count - len(live))]
        for server in started:
            _wait_until_serving(server)
        self.servers += started
        return [*live, *started][:count]

    def _start(self, number: int) -> Server:
        port, log = _free_port(), self.path.parent / f"serve-{number}.log"
        output = self._logs.enter_context(log.open("wb"))
        # Every audit half a second longer, so that jobs queue and both servers take some.
        process = subprocess.Popen(
            [sys.executable, "-c", HOOKED_CLI, "serve", "--port", str(port)],
            env=self.env(TEST_AUDIT_SECONDS="0.5"), stdout=output, stderr=subprocess.STDOUT)
        return Server(process, port, log)

    def close(self) -> None:
        """Kill the servers."""
        for server in self.servers:
            if server.alive():
                server.process.kill()
            server.process.wait(timeout=10)
        self._logs.close()
        self.database.engine.dispose()

    def audit(self, audit_id: int) -> Audit:
        """One audit as stored now."""
        with self.database.session() as session:
            audit = session.get(Audit, audit_id, options=[undefer(Audit.result_json)])
            assert audit is not None
            return audit

    def finished(self, ids: list[int]) -> bool:
        """Whether all these audits are done or failed."""
        return all(self.audit(i).status in (Status.DONE, Status.FAILED) for i in ids)

    def end_stalled(self, audit_id: int) -> None:
        """Kill the server stalled on the audit and let a live one finish it, so the
        next test finds idle servers whatever the order the tests run in."""
        for server in self.servers:
            if server.alive() and server.holds(self.audit(audit_id)):
                server.process.kill()
                server.process.wait(timeout=10)
        self.serving(1)
        _until(lambda: self.finished([audit_id]), 60, "the stalled audit was taken over")

    def stalled_audit(self, server: Server) -> int:
        """An audit that stalls in whichever runner claims it (until killed); its id."""
        self.stall.touch()
        audit_id = _submit(server, self.token)
        _until(lambda: not self.stall.exists(), 30, "the stalled audit started")
        return audit_id


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    shared = Cluster(tmp_path_factory.mktemp("cluster") / "instance")
    yield shared
    shared.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_serving(server: Server) -> None:
    deadline = time.monotonic() + 120  # importing the PII vocabularies takes a while
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/login", timeout=2):
                return
        except OSError:
            assert server.alive(), server.log.read_text()
            assert time.monotonic() < deadline, "the server did not answer in 120 s"
            time.sleep(0.2)


def _submit(server: Server, token: str) -> int:
    """POST an audit of the disclosure fixture through the API; its id."""
    boundary = uuid.uuid4().hex
    body = b"".join([
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"transcripts\"; "
        f"filename=\"chats.jsonl\"\r\nContent-Type: application/jsonl\r\n\r\n".encode(),
        DISCLOSURE_FIXTURE.read_bytes(), f"\r\n--{boundary}--\r\n".encode()])
    request = urllib.request.Request(
        f"http://127.0.0.1:{server.port}/api/v1/audits", data=body, method="POST",
        headers={"Authorization": f"Bearer {token}",
                 "Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 202
        return int(json.load(response)["id"])


def _until(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"not within {seconds} s: {what}"
        time.sleep(0.1)


def test_two_servers_on_one_database_run_every_job_exactly_once(cluster: Cluster) -> None:
    servers = cluster.serving(2)
    ids = [_submit(servers[n % 2], cluster.token) for n in range(8)]
    _until(lambda: cluster.finished(ids), 60, "all audits finished")
    audits = [cluster.audit(i) for i in ids]
    for audit in audits:
        assert audit.status is Status.DONE and audit.attempts == 1, audit.error
        assert audit.findings_count and json.loads(audit.result_json or "{}")["findings"]
        assert [server.holds(audit) for server in servers].count(True) == 1
        assert audit.work_dir and not Path(audit.work_dir).exists()
    # Each server ran some of them: the jobs were shared, and none ran twice.
    assert all(any(server.holds(a) for a in audits) for server in servers)


def test_a_killed_runners_job_is_taken_over_once_its_lease_expires(cluster: Cluster) -> None:
    servers = cluster.serving(2)
    audit_id = cluster.stalled_audit(servers[0])
    running = cluster.audit(audit_id)
    holder, other = servers if servers[0].holds(running) else servers[::-1]
    assert running.status is Status.RUNNING and holder.holds(running)
    time.sleep(3)  # longer than a lease: the holder's heartbeat keeps it
    still = cluster.audit(audit_id)
    assert holder.holds(still) and still.attempts == 1 and still.status is Status.RUNNING
    holder.process.send_signal(signal.SIGKILL)
    _until(lambda: cluster.finished([audit_id]), 30, "the other server finished the audit")
    done = cluster.audit(audit_id)
    assert done.status is Status.DONE and done.attempts == 2 and other.holds(done)
    assert done.findings_count and json.loads(done.result_json or "{}")["findings"]
    assert done.work_dir and not Path(done.work_dir).exists()


def test_admin_commands_return_promptly_and_leave_a_running_job_alone(
        cluster: Cluster) -> None:
    audit_id = cluster.stalled_audit(cluster.serving(1)[0])
    before = cluster.audit(audit_id)
    # Were a command to take the job, its audit would last ten minutes.
    env = cluster.env(AUDITOR_NEW_PASSWORD=PASSWORD, TEST_AUDIT_SECONDS="600")
    commands = [["users", "create", "admin@example.com", "--role", "admin"],
                ["tokens", "create", "rev@example.com", "--name", "ops"]]
    started = time.monotonic()
    running = [subprocess.Popen([sys.executable, "-c", HOOKED_CLI, *command], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
               for command in commands]
    outputs = [process.communicate(timeout=120) for process in running]
    elapsed = time.monotonic() - started
    assert [process.returncode for process in running] == [0, 0], outputs
    assert outputs[1][0].decode().strip().startswith("aud_")
    assert elapsed < 90  # their start-up only; before, they waited for the audit
    after = cluster.audit(audit_id)
    assert after.status is Status.RUNNING and after.progress_done == 0
    assert any(server.holds(after) for server in cluster.servers if server.alive())
    assert (after.claimed_by, after.attempts) == (before.claimed_by, 1)
    cluster.end_stalled(audit_id)


# --- one process: the claim, lost leases, the data lifecycle --------------------------------


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[MakeApp]:
    """`_app` on the test's instance folder (or another); stopped and closed at the end."""
    apps: list[Flask] = []

    def make(instance: Path | None = None, **config: Any) -> Flask:
        apps.append(_app(instance or tmp_path / "instance", **config))
        return apps[-1]

    yield make
    for app in apps:
        close_app(app)  # its jobs ended and its connections closed


def test_runners_racing_for_jobs_claim_each_exactly_once(make_app: MakeApp) -> None:
    app = make_app(RUN_JOBS=False)
    database = app.extensions["auditor.database"]
    user_id = _reviewer_id(app)
    with database.session() as session:
        session.add_all([Audit(organisation_id=only_organisation(session),
                               created_by_id=user_id) for _ in range(30)])
    claims: list[Claim] = []
    lock = threading.Lock()

    def runner(number: int) -> None:
        while taken := claim_jobs(database, f"runner-{number}", limit=2, lease_seconds=60,
                                  max_attempts=MAX_ATTEMPTS, give_up_reason="-").to_run:
            with lock:
                claims.extend(taken)

    threads = [threading.Thread(target=runner, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(c.audit_id for c in claims) == list(range(1, 31))
    with database.session() as session:
        rows = session.scalars(select(Audit)).all()
        assert {(a.status, a.attempts) for a in rows} == {(Status.RUNNING, 1)}
        assert {a.id: a.claimed_by for a in rows} == {c.audit_id: c.runner_id for c in claims}


def _stall_audits(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """Audits in this process wait before they start: (set when one waits, set to let
    it go)."""
    import auditor.pipeline

    started, release = threading.Event(), threading.Event()

    def stalled(audit: Callable[..., Any]) -> Callable[..., Any]:
        def waiting(*args: Any, **kwargs: Any) -> Any:
            started.set()
            assert release.wait(30)
            return audit(*args, **kwargs)
        return waiting

    # A job audits through run_audit, or audit_loaded when it keeps each month too.
    for name in ("run_audit", "audit_loaded"):
        monkeypatch.setattr(auditor.pipeline, name, stalled(getattr(auditor.pipeline, name)))
    return started, release


def test_a_runner_that_lost_its_lease_writes_nothing_and_deletes_nothing(
        make_app: MakeApp, monkeypatch: pytest.MonkeyPatch) -> None:
    started, release = _stall_audits(monkeypatch)
    app = make_app(**FAST_LEASES)
    audit_id, work_dir = _queue(app)
    assert started.wait(30)
    with app.extensions["auditor.database"].session() as session:
        audit = session.get(Audit, audit_id)
        assert audit is not None
        audit.claimed_by, audit.attempts = "another-host:1:beef", 2  # taken over
        audit.lease_expires_at = now() + timedelta(minutes=5)
    release.set()
    _wait(app)
    audit = _audit(app, audit_id)
    assert audit.status is Status.RUNNING and audit.claimed_by == "another-host:1:beef"
    assert audit.result_json is None and audit.attempts == 2
    assert work_dir.is_dir()  # the uploads are the other runner's to delete


def _boom(*_args: Any, **_kwargs: Any) -> Any:
    raise RuntimeError("a bug in a check")


@pytest.mark.parametrize(("ending", "expected_status", "expected_error"), [
    pytest.param("done", Status.DONE, None, id="done"),
    pytest.param("auditor error", Status.FAILED, "no such policy file", id="auditor-error"),
    pytest.param("unexpected exception", Status.FAILED, INTERNAL_ERROR, id="unexpected"),
    pytest.param("given up", Status.FAILED, GIVEN_UP, id="given-up"),
])
def test_raw_uploads_are_deleted_at_every_end_of_a_job(
        make_app: MakeApp, monkeypatch: pytest.MonkeyPatch, ending: str,
        expected_status: Status, expected_error: str | None) -> None:
    if ending == "unexpected exception":
        import auditor.pipeline

        monkeypatch.setattr(auditor.pipeline, "run_audit", _boom)
        monkeypatch.setattr(auditor.pipeline, "audit_loaded", _boom)
    app = make_app(**FAST_LEASES)
    if ending == "given up":  # a job whose runners died MAX_ATTEMPTS times
        audit_id, work_dir = _queue(app, status=Status.RUNNING, attempts=MAX_ATTEMPTS)
    else:
        audit_id, work_dir = _queue(app, policy="gone" if ending == "auditor error" else
                                    "default")
    _wait(app)
    audit = _audit(app, audit_id)
    assert audit.status is expected_status
    assert (expected_error in (audit.error or "")) if expected_error else not audit.error
    assert audit.attempts == (MAX_ATTEMPTS if ending == "given up" else 1)
    assert not work_dir.exists()


def _token(app: Flask, email: str = "rev@example.com") -> dict[str, str]:
    with app.extensions["auditor.database"].session() as session:
        user = session.scalar(select(User).where(User.email == email))
        assert user is not None
        return {"Authorization": f"Bearer {create_token(session, user, 'cancel test')}"}


def test_a_cancelled_queued_audit_loses_its_uploads_and_is_never_run(make_app: MakeApp) -> None:
    app = make_app(RUN_JOBS=False, **FAST_LEASES)
    audit_id, work_dir = _queue(app)
    client = _signed_in(app)
    page = client.get(f"/audits/{audit_id}").get_data(as_text=True)
    assert 'id="cancel"' in page
    response = client.post(f"/audits/{audit_id}/cancel",
                           data={"csrf_token": _csrf(client, f"/audits/{audit_id}")})
    assert response.status_code == 302
    audit = _audit(app, audit_id)
    assert audit.status is Status.CANCELLED and audit.error == "Cancelled by rev@example.com."
    assert audit.finished_at is not None and not work_dir.exists()
    page = client.get(f"/audits/{audit_id}").get_data(as_text=True)
    assert "Cancelled by rev@example.com." in page and 'id="cancel"' not in page
    runner = app.extensions["auditor.runner"]
    runner.start()  # a runner from now on does not take it
    time.sleep(1)
    assert runner.wait(10)
    audit = _audit(app, audit_id)
    assert (audit.status, audit.attempts, audit.result_json) == (Status.CANCELLED, 0, None)


def test_a_cancelled_running_audit_stops_writes_no_report_and_loses_its_uploads(
        make_app: MakeApp, monkeypatch: pytest.MonkeyPatch) -> None:
    started, release = _stall_audits(monkeypatch)
    app = make_app(**FAST_LEASES)
    audit_id, work_dir = _queue(app)
    assert started.wait(30)
    response = app.test_client().post(f"/api/v1/audits/{audit_id}/cancel",
                                      headers=_token(app))
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["status"] == "cancelled"
    assert work_dir.is_dir()  # the runner still reads them: it deletes them as it stops
    release.set()
    _wait(app)
    audit = _audit(app, audit_id)
    assert audit.status is Status.CANCELLED and audit.result_json is None
    assert audit.error == "Cancelled by rev@example.com."
    assert not work_dir.exists()


def test_only_a_live_job_is_cancelled_and_only_by_a_reviewer(make_app: MakeApp) -> None:
    app = make_app(**FAST_LEASES)
    done_id, _ = _queue(app)
    _wait(app)
    client = app.test_client()
    response = client.post(f"/api/v1/audits/{done_id}/cancel", headers=_token(app))
    assert response.status_code == 409
    assert response.get_json()["detail"] == f"audit {done_id} had already ended (done)"
    assert _audit(app, done_id).status is Status.DONE
    viewer = _token(app, "view@example.com")
    app.extensions["auditor.runner"].shutdown()
    queued_id, work_dir = _queue(app)
    assert client.post(f"/api/v1/audits/{queued_id}/cancel",
                       headers=viewer).status_code == 403
    browser = _signed_in(app, "view@example.com")
    assert 'id="cancel"' not in browser.get(f"/audits/{queued_id}").get_data(as_text=True)
    assert browser.post(f"/audits/{queued_id}/cancel", data={
        "csrf_token": _csrf(browser, f"/audits/{queued_id}")}).status_code == 403
    assert _audit(app, queued_id).status is Status.QUEUED and work_dir.is_dir()
    assert client.post("/api/v1/audits/999/cancel", headers=_token(app)).status_code == 404


def test_a_job_under_its_last_attempt_still_runs(make_app: MakeApp) -> None:
    app = make_app(**FAST_LEASES)
    audit_id, work_dir = _queue(app, status=Status.RUNNING, attempts=MAX_ATTEMPTS - 1)
    _wait(app)
    audit = _audit(app, audit_id)
    assert audit.status is Status.DONE and audit.attempts == MAX_ATTEMPTS
    assert not work_dir.exists()


def test_with_a_retention_a_failed_jobs_uploads_wait_for_the_sweep(make_app: MakeApp) -> None:
    app = make_app(RETENTION_SECONDS=3600, **FAST_LEASES)
    runner = app.extensions["auditor.runner"]
    failed_id, failed_dir = _queue(app, policy="gone")
    _wait(app)
    assert _audit(app, failed_id).status is Status.FAILED and failed_dir.is_dir()  # kept
    runner.shutdown()
    waiting_id, waiting_dir = _queue(app)  # queued, no runner now: not swept however old
    for directory in (failed_dir, waiting_dir):
        os.utime(directory, (1, 1))
    runner.sweep()
    assert not failed_dir.exists() and waiting_dir.is_dir()
    assert _audit(app, waiting_id).status is Status.QUEUED


def test_an_app_without_the_runner_leaves_jobs_to_the_serving_process(make_app: MakeApp) -> None:
    app = make_app(RUN_JOBS=False, **FAST_LEASES)
    audit_id, work_dir = _queue(app)
    time.sleep(1)  # five polls of a runner, had one been started
    audit = _audit(app, audit_id)
    assert audit.status is Status.QUEUED and audit.claimed_by is None and audit.attempts == 0
    assert work_dir.is_dir()


def _reviewer_id(app: Flask) -> int:
    with app.extensions["auditor.database"].session() as session:
        user = session.scalar(select(User).where(User.email == "rev@example.com"))
        assert user is not None
        return user.id


def _queue(app: Flask, *, policy: str = "default", status: Status = Status.QUEUED,
           attempts: int = 0) -> tuple[int, Path]:
    """An audit of the disclosure fixture, saved as the upload form saves one; a job in
    `status` other than queued has an expired lease, as a dead runner leaves it."""
    uploads = Path(app.config["UPLOADS_DIR"])
    work_dir = Path(tempfile.mkdtemp(prefix="audit-", dir=uploads))
    (work_dir / "transcripts").mkdir()
    shutil.copy(DISCLOSURE_FIXTURE, work_dir / "transcripts" / "chats.jsonl")
    with app.extensions["auditor.database"].session() as session:
        audit = Audit(organisation_id=only_organisation(session),
                      created_by_id=_reviewer_id(app), policy_name=policy, status=status,
                      attempts=attempts, input_names=["chats.jsonl"], work_dir=str(work_dir))
        if status is Status.RUNNING:
            audit.claimed_by, audit.lease_expires_at = "dead:1:0", now() - timedelta(seconds=1)
        session.add(audit)
    app.extensions["auditor.runner"].submit(audit.id)
    return audit.id, work_dir


def _wait(app: Flask) -> None:
    assert app.extensions["auditor.runner"].wait(60), "the audit did not finish"


def _audit(app: Flask, audit_id: int) -> Audit:
    """The audit as stored now, its result loaded too."""
    with app.extensions["auditor.database"].session() as session:
        audit = session.get(Audit, audit_id, options=[undefer(Audit.result_json)])
        assert audit is not None
        return audit


# --- file modes -----------------------------------------------------------------------------


@contextmanager
def _umask(mask: int) -> Iterator[None]:
    previous = os.umask(mask)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_instance_is_private_whatever_the_umask(tmp_path: Path, make_app: MakeApp) -> None:
    instance = tmp_path / "instance"
    with _umask(0):
        app = make_app(instance, RUN_JOBS=False)
    assert _mode(instance) == _mode(Path(app.config["UPLOADS_DIR"])) == 0o700
    assert _mode(instance / "secret_key") == 0o600
    if app.extensions["auditor.database"].engine.dialect.name == "sqlite":
        database = instance / "auditor.sqlite3"
        companions = [database.with_name(database.name + s) for s in ("-wal", "-shm")]
        assert all(path.exists() for path in companions)  # the app's connection is open
        assert {_mode(path) for path in [database, *companions]} == {0o600}


def test_an_instance_made_world_readable_before_is_narrowed(
        tmp_path: Path, make_app: MakeApp) -> None:
    instance = tmp_path / "instance"
    instance.mkdir(mode=0o755)
    for name in ("secret_key", "auditor.sqlite3", "auditor.sqlite3-wal"):
        (instance / name).write_bytes(b"0123456789abcdef" if name == "secret_key" else b"")
        (instance / name).chmod(0o644)
    (instance / "uploads").mkdir(mode=0o777)
    (instance / "uploads").chmod(0o777)
    app = make_app(instance, RUN_JOBS=False)
    assert _mode(instance) == _mode(instance / "uploads") == 0o700
    assert app.config["SECRET_KEY"] == "0123456789abcdef"  # kept, only narrowed
    narrowed = ["secret_key"]
    if app.extensions["auditor.database"].engine.dialect.name == "sqlite":
        narrowed += ["auditor.sqlite3", "auditor.sqlite3-wal"]
    assert {_mode(instance / name) for name in narrowed} == {0o600}


def test_saved_uploads_are_private_whatever_the_umask(tmp_path: Path) -> None:
    @dataclass(frozen=True)
    class File:
        filename: str
        stream: Any

    bundle = tmp_path / "bundle.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("exports/2026/chats.jsonl", DISCLOSURE_FIXTURE.read_bytes())
    work_dir = tmp_path / "work"
    with _umask(0), bundle.open("rb") as zipped, DISCLOSURE_FIXTURE.open("rb") as plain:
        save_uploads([File("chats.jsonl", plain), File("bundle.zip", zipped)],
                     work_dir / "transcripts", UploadLimits())
    files = [p for p in work_dir.rglob("*") if p.is_file()]
    directories = [work_dir / "transcripts", *(p for p in work_dir.rglob("*") if p.is_dir())]
    assert len(files) == 2 and len(directories) >= 4  # the zip's folders included
    assert {_mode(p) for p in files} == {0o600}
    assert {_mode(p) for p in directories} == {0o700}
