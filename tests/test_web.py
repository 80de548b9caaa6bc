"""The web service: sign-in, uploads, background audits, reports, access, the API."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import undefer

from auditor.web import close_app, create_app
from auditor.web.accounts import create_token, create_user
from auditor.web.models import AccessEntry, Audit, Role, Status, User
from tests.conftest import DISCLOSURE_FIXTURE, conversation, only_organisation

PASSWORD = "correct horse battery staple"


def _database_url(instance: Path) -> str | None:
    """With AUDITOR_TEST_POSTGRES_URL (set by scripts/with-postgres.sh in CI), a
    PostgreSQL database of the instance's own, so tests stay independent."""
    server = os.environ.get("AUDITOR_TEST_POSTGRES_URL")
    if not server:
        return None  # SQLite in the instance folder, the default
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = "auditor_" + hashlib.sha1(str(instance).encode()).hexdigest()[:16]
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        exists = connection.scalar(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                   {"name": name})
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def _app(instance: Path, **config: Any) -> Flask:
    url = _database_url(instance)
    if url:
        config.setdefault("DATABASE_URL", url)
    app = create_app({"INSTANCE_PATH": str(instance), "TESTING": True, **config})
    with app.extensions["auditor.database"].session() as session:
        for email, role in (("rev@example.com", Role.REVIEWER), ("view@example.com", Role.VIEWER)):
            if session.scalar(select(User).where(User.email == email)) is None:
                create_user(session, email, PASSWORD, role)
    return app


def _head() -> str:
    """The newest migration, read from the migration scripts themselves."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from auditor.web.database import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    assert head
    return head


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    application = _app(tmp_path / "instance")
    yield application
    close_app(application)  # its jobs ended and its connections closed


def _csrf(client: FlaskClient, path: str = "/") -> str:
    page = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, page[:500]
    return match.group(1)


def _signed_in(app: Flask, email: str = "rev@example.com") -> FlaskClient:
    client = app.test_client()
    response = client.post("/login", data={"email": email, "password": PASSWORD,
                                           "csrf_token": _csrf(client, "/login")})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def _upload(client: FlaskClient, *files: tuple[bytes, str], **fields: str) -> Any:
    data: dict[str, Any] = {"csrf_token": _csrf(client), "policy": "default", **fields}
    data["transcripts"] = [(io.BytesIO(content), name) for content, name in files]
    return client.post("/audits", data=data, content_type="multipart/form-data")


def _jsonl(*records: list[dict[str, Any]]) -> bytes:
    return "\n".join(json.dumps(r) for chat in records for r in chat).encode("utf-8") + b"\n"


def _wait(app: Flask) -> None:
    assert app.extensions["auditor.runner"].wait(180), "the audit did not finish"


def _audit(app: Flask, audit_id: int) -> Audit:
    """The audit as stored now, its result loaded too."""
    with app.extensions["auditor.database"].session() as session:
        audit = session.get(Audit, audit_id, options=[undefer(Audit.result_json)])
        assert audit is not None
        return audit


def test_upload_runs_in_the_background_and_the_report_can_be_read(app: Flask) -> None:
    client = _signed_in(app)
    response = _upload(client, (DISCLOSURE_FIXTURE.read_bytes(), "chats.jsonl"))
    assert response.status_code == 302
    audit_id = int(response.headers["Location"].rsplit("/", 1)[1])
    _wait(app)
    audit = _audit(app, audit_id)
    assert audit.status is Status.DONE and audit.progress_done == audit.progress_total > 0
    assert not Path(audit.work_dir or "").exists()  # the raw upload is gone
    page = client.get(f"/audits/{audit_id}").get_data(as_text=True)
    assert f"{audit.overall_score:g}" in page and "View the report" in page
    report = client.get(f"/audits/{audit_id}/report.html")
    assert report.status_code == 200 and b"bot-not-disclosed" in report.data
    assert "sandbox" in report.headers["Content-Security-Policy"]
    pdf = client.get(f"/audits/{audit_id}/report.pdf")
    assert pdf.data.startswith(b"%PDF") and "attachment" in pdf.headers["Content-Disposition"]
    document = client.get(f"/audits/{audit_id}/report.json").get_json()
    assert document["run"]["inputs"][0]["path"] == "transcripts/chats.jsonl"
    assert client.get(f"/audits/{audit_id}/report.junit").data.startswith(b"<?xml")
    with app.extensions["auditor.database"].session() as session:
        entries = session.scalars(select(AccessEntry).order_by(AccessEntry.id)).all()
        assert [(e.action, e.report_format) for e in entries] == [
            ("view", "html"), ("download", "pdf"), ("download", "json"), ("download", "junit")]
    history = client.get("/").get_data(as_text=True)
    assert "chats.jsonl" in history and "rev@example.com" in history


def test_a_viewer_reads_but_cannot_upload(app: Flask) -> None:
    client = _signed_in(app, "view@example.com")
    assert "New audit" not in client.get("/").get_data(as_text=True)
    token = _csrf(client)
    response = client.post("/audits", data={"csrf_token": token, "transcripts": (
        io.BytesIO(DISCLOSURE_FIXTURE.read_bytes()), "chats.jsonl")},
        content_type="multipart/form-data")
    assert response.status_code == 403


def test_a_cross_site_form_post_is_refused(app: Flask) -> None:
    client = _signed_in(app)
    response = client.post("/audits", data={"transcripts": (
        io.BytesIO(DISCLOSURE_FIXTURE.read_bytes()), "chats.jsonl")},
        content_type="multipart/form-data")  # no CSRF token, as from another site
    assert response.status_code == 400 and b"CSRF" in response.data
    with app.extensions["auditor.database"].session() as session:
        assert session.scalars(select(Audit)).all() == []


def _zip(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as bundle:
        for name, content in members.items():
            bundle.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(("content", "name", "message"), [
    pytest.param(_zip({"../escape.jsonl": b'{"x": 1}\n'}), "bad.zip",
                 "holds a path outside its root", id="zip-slip"),
    pytest.param(_zip({"/etc/cron.jsonl": b'{"x": 1}\n'}), "abs.zip",
                 "holds a path outside its root", id="absolute-path"),
    pytest.param(_zip({"big.jsonl": b" " * 5_000_000}), "bomb.zip",
                 "expands more than 100 times", id="compression-ratio"),
    pytest.param(_zip({"notes.txt": b"hello"}), "other.zip", "holds no .jsonl", id="no-export"),
    pytest.param(b"PK\x03\x04 broken", "broken.zip", "not a readable zip", id="broken-zip"),
    pytest.param(b"", "empty.jsonl", "the file is empty", id="empty"),
    pytest.param(bytes(range(256)) * 40, "dump.csv", "not text: binary data", id="binary"),
    pytest.param(b"%PDF-1.7", "report.pdf", "not an export", id="wrong-type"),
])
def test_bad_uploads_are_inline_errors_and_nothing_is_kept(
        app: Flask, content: bytes, name: str, message: str) -> None:
    client = _signed_in(app)
    response = _upload(client, (content, name))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    uploads = Path(app.config["UPLOADS_DIR"])
    assert not uploads.exists() or list(uploads.iterdir()) == []
    assert not (uploads.parent / "escape.jsonl").exists()


def test_a_utf16_export_with_its_byte_order_mark_is_audited(app: Flask) -> None:
    """Spreadsheet programs save "Unicode text" as UTF-16 with a mark: the upload is
    read as the command line reads it, not refused as non-UTF-8."""
    rows = "conversation_id,speaker,message\r\nc-1,customer,Hello\r\nc-1,bot,Hi!\r\n"
    client = _signed_in(app)
    response = _upload(client, (rows.encode("utf-16"), "export.csv"))
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    _wait(app)
    audit = _audit(app, 1)
    assert audit.status is Status.DONE
    assert json.loads(audit.result_json or "{}")["summary"]["conversations"] == 1


def test_a_deeply_nested_record_costs_the_web_job_one_skipped_line(app: Flask) -> None:
    """A record nested 100,000 deep between valid lines is skipped at its line; the job
    ends done with the rest audited, as on the command line."""
    lines = [json.dumps({"conversation_id": f"c-{n}", "role": role, "text": text})
             for n in range(3) for role, text in (("bot", "Hi, I'm an AI assistant."),
                                                  ("customer", "Thanks, bye"))]
    lines.insert(2, '{"conversation_id": "c-x", "text": ' + "[" * 100_000 + "]" * 100_000 + "}")
    client = _signed_in(app)
    response = _upload(client, ("\n".join(lines).encode() + b"\n", "chats.jsonl"))
    assert response.status_code == 302
    _wait(app)
    audit = _audit(app, 1)
    assert audit.status is Status.DONE, audit.error
    result = json.loads(audit.result_json or "{}")
    assert result["summary"]["conversations"] == 3
    assert [s["line"] for s in result["skipped"]] == [3]


def test_an_oversized_file_is_refused_with_the_limit(tmp_path: Path) -> None:
    app = _app(tmp_path / "instance", MAX_FILE_BYTES=1000)
    response = _upload(_signed_in(app), (DISCLOSURE_FIXTURE.read_bytes(), "chats.jsonl"))
    assert response.status_code == 400
    assert "chats.jsonl: larger than the limit of 1000 bytes" in response.get_data(as_text=True)


def test_a_zip_of_exports_is_audited(app: Flask) -> None:
    bundle = _zip({"export/chats.jsonl": DISCLOSURE_FIXTURE.read_bytes(),
                   "__MACOSX/._chats.jsonl": b"\x00\x01"})
    response = _upload(_signed_in(app), (bundle, "export.zip"))
    assert response.status_code == 302
    _wait(app)
    audit = _audit(app, 1)
    assert audit.status is Status.DONE and audit.input_names == ["export.zip"]


def test_a_zip_of_every_vendor_export_is_audited_each_in_its_format(app: Flask) -> None:
    from tests.test_vendor_formats import EXPECTED_FORMATS, VENDORS

    bundle = _zip({f"exports/{name}": (VENDORS / name).read_bytes()
                   for name in EXPECTED_FORMATS})
    response = _upload(_signed_in(app), (bundle, "vendors.zip"))
    assert response.status_code == 302, response.get_data(as_text=True)
    _wait(app)
    audit = _audit(app, 1)
    assert audit.status is Status.DONE
    document = json.loads(audit.result_json or "{}")
    assert {Path(i["path"]).name: i["format"] for i in document["run"]["inputs"]} \
        == EXPECTED_FORMATS
    assert document["summary"]["skipped_records"] == 0
    assert document["summary"]["verdict"] == "failed"


def test_transcript_text_with_script_renders_as_text(app: Flask) -> None:
    hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>"
    content = _jsonl(conversation("c-1", ("bot", f"Hello {hostile}"), ("customer", "Hi"),
                                  region="EU"))
    client = _signed_in(app)
    _upload(client, (content, "hostile.jsonl"))
    _wait(app)
    report = client.get("/audits/1/report.html")
    body = report.get_data(as_text=True)
    assert "<script" not in body.casefold() and "onerror=alert" not in body.replace(
        "&#39;", "'").split("&lt;img")[0]
    assert "&lt;script&gt;" in body
    assert "script-src" not in report.headers["Content-Security-Policy"]  # none allowed
    assert "default-src 'none'" in report.headers["Content-Security-Policy"]


def test_every_page_carries_the_security_headers(app: Flask) -> None:
    response = app.test_client().get("/login")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy.split("style-src")[0]  # never for scripts
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_session_cookies_are_httponly_samesite_and_secure_behind_https(tmp_path: Path) -> None:
    client = _signed_in(_app(tmp_path / "plain"))
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"
    assert not cookie.secure
    secure = _app(tmp_path / "https", HTTPS=True).test_client()
    page = secure.get("/login", base_url="https://localhost").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token is not None
    response = secure.post("/login", base_url="https://localhost", data={
        "email": "rev@example.com", "password": PASSWORD, "csrf_token": token.group(1)},
        headers={"Referer": "https://localhost/login"})  # as a browser sends it
    assert response.status_code == 302
    cookie = secure.get_cookie("session", domain="localhost")
    assert cookie is not None and cookie.secure and cookie.http_only
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_sign_in_attempts_are_rate_limited(app: Flask) -> None:
    client = app.test_client()
    token = _csrf(client, "/login")
    codes = [client.post("/login", data={"email": "rev@example.com", "password": "wrong",
                                         "csrf_token": token}).status_code for _ in range(12)]
    assert codes[:10] == [200] * 10 and codes[10:] == [429, 429]


def test_the_api_needs_a_token_and_runs_audits(app: Flask) -> None:
    client = app.test_client()
    files = {"transcripts": (io.BytesIO(DISCLOSURE_FIXTURE.read_bytes()), "chats.jsonl")}
    refused = client.post("/api/v1/audits", data=dict(files), content_type="multipart/form-data")
    assert refused.status_code == 401 and refused.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/api/v1/audits/1",
                      headers={"Authorization": "Bearer aud_not-a-token"}).status_code == 401
    with app.extensions["auditor.database"].session() as session:
        reviewer = session.scalar(select(User).where(User.email == "rev@example.com"))
        viewer = session.scalar(select(User).where(User.email == "view@example.com"))
        assert reviewer is not None and viewer is not None
        token, viewer_token = create_token(session, reviewer, "ci"), create_token(
            session, viewer, "read")
    files = {"transcripts": (io.BytesIO(DISCLOSURE_FIXTURE.read_bytes()), "chats.jsonl")}
    assert client.post("/api/v1/audits", data=files, content_type="multipart/form-data",
                       headers={"Authorization": f"Bearer {viewer_token}"}).status_code == 403
    files = {"transcripts": (io.BytesIO(DISCLOSURE_FIXTURE.read_bytes()), "chats.jsonl")}
    created = client.post("/api/v1/audits", data=files, content_type="multipart/form-data",
                          headers={"Authorization": f"Bearer {token}"})
    assert created.status_code == 202 and created.get_json()["status"] == "queued"
    audit_id = created.get_json()["id"]
    _wait(app)
    status = client.get(created.headers["Location"],
                        headers={"Authorization": f"Bearer {viewer_token}"}).get_json()
    assert status["status"] == "done" and status["summary"]["findings"] > 0
    report = client.get(f"/api/v1/audits/{audit_id}/report.json",
                        headers={"Authorization": f"Bearer {viewer_token}"})
    assert report.get_json()["summary"]["findings"] == status["summary"]["findings"]
    assert "Set-Cookie" not in report.headers  # the API keeps no session
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.1") and "/audits/{audit_id}" in spec["paths"]


def test_a_restart_resumes_a_job_whose_uploads_remain_and_fails_one_whose_do_not(
        tmp_path: Path) -> None:
    instance = tmp_path / "instance"
    app = _app(instance, AUDIT_WORKERS=1)
    app.extensions["auditor.runner"].shutdown()  # a server that stops before working
    uploads = Path(app.config["UPLOADS_DIR"])
    kept = uploads / "kept" / "transcripts"
    kept.mkdir(parents=True)
    (kept / "chats.jsonl").write_bytes(DISCLOSURE_FIXTURE.read_bytes())
    with app.extensions["auditor.database"].session() as session:
        user = session.scalar(select(User))
        assert user is not None
        session.add_all([
            Audit(organisation_id=only_organisation(session),
                  created_by_id=user.id, status=Status.RUNNING, input_names=["chats.jsonl"],
                  work_dir=str(kept.parent), progress_done=3, progress_total=20),
            Audit(organisation_id=only_organisation(session),
                  created_by_id=user.id, status=Status.QUEUED, input_names=["lost.jsonl"],
                  work_dir=str(uploads / "gone"))])
    restarted = _app(instance)
    _wait(restarted)
    resumed, lost = _audit(restarted, 1), _audit(restarted, 2)
    assert resumed.status is Status.DONE and resumed.result_json
    assert lost.status is Status.FAILED and "uploads are gone" in (lost.error or "")
    client = _signed_in(restarted)
    assert client.get("/audits/2/report.html").status_code == 409  # no half report
    restarted.extensions["auditor.runner"].shutdown()


def test_users_and_tokens_are_created_from_the_command_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from auditor.cli import main

    instance = str(tmp_path / "instance")
    assert main(["users", "create", "Admin@Example.com", "--role", "admin", "--password",
                 PASSWORD, "--instance", instance]) == 0
    assert main(["users", "create", "admin@example.com", "--password", PASSWORD,
                 "--instance", instance]) == 2
    assert main(["users", "create", "short@example.com", "--password", "short",
                 "--instance", instance]) == 2
    assert main(["tokens", "create", "admin@example.com", "--instance", instance]) == 0
    out, err = capsys.readouterr()
    assert "created admin@example.com (admin)" in out and "already exists" in err
    assert "at least 12 characters" in err
    token = out.strip().splitlines()[-1]
    assert token.startswith("aud_")
    db = (tmp_path / "instance" / "auditor.sqlite3").read_bytes()
    assert token.encode() not in db and PASSWORD.encode() not in db  # only hashes kept


def test_auditor_serve_answers_on_its_port(tmp_path: Path) -> None:
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    with log.open("w") as output, subprocess.Popen(
            [sys.executable, "-m", "auditor", "serve", "--port", str(port), "--instance",
             str(tmp_path / "instance")], stdout=output, stderr=subprocess.STDOUT) as server:
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/login",
                                                timeout=2) as page:
                        assert page.status == 200 and b"Sign in" in page.read()
                        assert page.headers["Server"] == "auditor"
                        break
                except OSError:
                    assert server.poll() is None, log.read_text()
                    assert time.monotonic() < deadline, "the server did not answer in 60 s"
                    time.sleep(0.3)
            assert (tmp_path / "instance" / "auditor.sqlite3").is_file()
        finally:
            server.terminate()
            server.wait(timeout=10)


def test_triage_suppresses_the_finding_in_later_audits_and_exports_as_policy(
        app: Flask, tmp_path: Path) -> None:
    import tomllib

    from auditor.policy import parse_policy

    content = _jsonl(
        conversation("c-1", ("bot", "Hi, I'm Ava, an AI assistant."),
                     ("customer", "Which card?"),
                     ("bot", "The card on file is 4111 1111 1111 1111."), region="EU"))
    client = _signed_in(app)
    _upload(client, (content, "v1.jsonl"))
    _wait(app)
    first = json.loads(_audit(app, 1).result_json or "{}")
    leak = next(f for f in first["findings"] if f["code"] == "PII001")
    page = client.get("/audits/1/findings").get_data(as_text=True)
    assert leak["message"] in page and 'name="fingerprint"' in page
    refused = client.post("/audits/1/triage", data={
        "csrf_token": _csrf(client, "/audits/1"), "fingerprint": leak["fingerprint"],
        "kind": "false_positive", "comment": ""})
    assert refused.status_code == 302 and "needs a reason" in client.get(
        "/audits/1/findings").get_data(as_text=True)
    marked = client.post("/audits/1/triage", data={
        "csrf_token": _csrf(client, "/audits/1"), "fingerprint": leak["fingerprint"],
        "kind": "false_positive", "comment": "documented test card number"})
    assert marked.status_code == 302
    viewer = _signed_in(app, "view@example.com")
    assert viewer.post("/audits/1/triage", data={
        "csrf_token": _csrf(viewer, "/audits/1"), "fingerprint": leak["fingerprint"],
        "kind": "accepted_risk", "comment": "x"}).status_code == 403

    _upload(client, (content, "v2.jsonl"))
    _wait(app)
    second = json.loads(_audit(app, 2).result_json or "{}")
    assert leak["fingerprint"] not in {f["fingerprint"] for f in second["findings"]}
    [suppressed] = second["suppressed"]
    assert suppressed["kind"] == "false_positive" and suppressed["expires"] is None
    assert suppressed["justification"] == "documented test card number"
    report = client.get("/audits/2/report.html").get_data(as_text=True)
    assert "False positive: documented test card number" in report
    assert "4111 1111 1111 1111" not in report

    exported = client.get("/triage.toml").get_data(as_text=True)
    policy = parse_policy(tomllib.loads(exported))  # valid as a CI policy as it is
    [item] = policy.suppressions
    assert item.fingerprint == leak["fingerprint"] and item.expires is not None
    assert item.accepted_by == "rev@example.com"


def test_two_audits_compare_by_fingerprint_with_the_score_change(app: Flask) -> None:
    from tests.conftest import release_one, release_two

    client = _signed_in(app)
    folder = Path(app.instance_path).parent
    for build in (release_one, release_two):
        _upload(client, (build(folder).read_bytes(), "replay.jsonl"))
        _wait(app)
    page = client.get("/compare?base=1&head=2")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    before = json.loads(_audit(app, 1).result_json or "{}")
    after = json.loads(_audit(app, 2).result_json or "{}")
    new = {f["fingerprint"] for f in after["findings"]} - {
        f["fingerprint"] for f in before["findings"]}
    fixed = {f["fingerprint"] for f in before["findings"]} - {
        f["fingerprint"] for f in after["findings"]}
    assert new and fixed
    assert f"<strong>{len(new)} new</strong>, <strong>{len(fixed)} fixed</strong>" in text
    change = after["summary"]["overall_score"] - before["summary"]["overall_score"]
    assert f"({change:+g})" in text
    assert client.get("/compare?base=1").status_code == 400


def test_the_web_tests_run_on_the_database_ci_asks_for(app: Flask) -> None:
    engine = app.extensions["auditor.database"].engine
    expected = "postgresql" if os.environ.get("AUDITOR_TEST_POSTGRES_URL") else "sqlite"
    assert engine.dialect.name == expected
    with engine.connect() as connection:
        from sqlalchemy import text

        assert connection.scalar(text("SELECT version_num FROM alembic_version")) == _head()


def test_uploads_kept_for_the_retention_then_swept(tmp_path: Path) -> None:
    app = _app(tmp_path / "instance", RETENTION_SECONDS=3600)
    old = Path(app.config["UPLOADS_DIR"]) / "audit-old"
    old.mkdir(parents=True)
    os.utime(old, (1, 1))  # long past the retention
    _upload(_signed_in(app), (DISCLOSURE_FIXTURE.read_bytes(), "chats.jsonl"))
    _wait(app)
    audit = _audit(app, 1)
    assert audit.status is Status.DONE and Path(audit.work_dir or "").is_dir()  # kept
    assert not old.exists()  # swept
    app.extensions["auditor.runner"].shutdown()


def test_the_job_page_and_the_api_say_why_an_audit_is_inconclusive(app: Flask) -> None:
    """Bot rows under a persona's name: the page gives the verdict, why, and what to map."""
    rows = ["conversation_id,speaker,message"]
    for n in range(3):
        rows += [f"c-{n},Ava,Hello! How can I help you today?",
                 f"c-{n},customer,Are you a real person?", f"c-{n},Ava,Yes I am."]
    client = _signed_in(app)
    response = _upload(client, ("\n".join(rows).encode() + b"\n", "export.csv"))
    audit_id = int(response.headers["Location"].rsplit("/", 1)[1])
    _wait(app)
    page = client.get(f"/audits/{audit_id}").get_data(as_text=True)
    assert "inconclusive" in page and "--role Ava=bot" in page
    with app.extensions["auditor.database"].session() as session:
        user = session.scalar(select(User).where(User.email == "rev@example.com"))
        assert user is not None
        token = create_token(session, user, "test")
    status = app.test_client().get(f"/api/v1/audits/{audit_id}",
                                   headers={"Authorization": f"Bearer {token}"}).get_json()
    assert status["summary"]["verdict"] == "inconclusive"
    assert any("--role Ava=bot" in r for r in status["summary"]["inconclusive_reasons"])


def test_a_result_stored_in_an_older_format_is_a_clear_409(app: Flask) -> None:
    client = _signed_in(app)
    response = _upload(client, (DISCLOSURE_FIXTURE.read_bytes(), "chats.jsonl"))
    audit_id = int(response.headers["Location"].rsplit("/", 1)[1])
    _wait(app)
    with app.extensions["auditor.database"].session() as session:
        audit = session.get(Audit, audit_id)
        assert audit is not None
        old = json.loads(audit.result_json or "{}")
        old["schema_version"] = "1.0"
        audit.result_json = json.dumps(old)
    response = client.get(f"/audits/{audit_id}/report.html")
    assert response.status_code == 409
    assert "older result format" in response.get_data(as_text=True)


def test_a_database_of_the_first_schema_upgrades_and_keeps_its_audits(tmp_path: Path) -> None:
    """0002 widens the grade (for N/A) and adds the verdict, keeping existing rows."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from auditor.web.database import MIGRATIONS, make_engine, migrate

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(text("INSERT INTO users (id, email, role, password_hash, active, "
                                "created_at) VALUES (1, 'a@example.com', 'admin', 'x', 1, "
                                "'2026-11-01 00:00:00')"))
        connection.execute(text("INSERT INTO audits (id, created_at, created_by_id, status, "
                                "policy_name, input_names, progress_done, progress_total, "
                                "attempts, grade) VALUES (1, '2026-11-01 00:00:00', 1, 'done', "
                                "'default', '[]', 0, 0, 0, 'B')"))
    migrate(engine)
    with engine.begin() as connection:
        row = connection.execute(text("SELECT grade, verdict FROM audits")).one()
        assert tuple(row) == ("B", None)
        connection.execute(text("UPDATE audits SET grade = 'N/A', verdict = 'inconclusive'"))
        assert connection.scalar(text("SELECT version_num FROM alembic_version")) == _head()


def test_the_history_lists_each_audits_verdict(app: Flask) -> None:
    client = _signed_in(app)
    _upload(client, (DISCLOSURE_FIXTURE.read_bytes(), "chats.jsonl"))
    _wait(app)
    assert '<td class="verdict-failed">failed</td>' in client.get("/").get_data(as_text=True)
