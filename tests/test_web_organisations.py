"""Organisations: each one's audits, reports, findings, triage and exports are seen only
by its members (404 for anyone else, pages and API alike), triage is kept per
organisation, admins manage organisations, and an installation from before
organisations migrates into one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, inspect, select, text

from auditor.cli import main
from auditor.web import close_app
from auditor.web.accounts import create_token, create_user
from auditor.web.models import Organisation, Role, Triage, User
from auditor.web.organisations import add_member, create_organisation
from tests.conftest import conversation
from tests.test_web import (
    PASSWORD,
    _app,
    _audit,
    _csrf,
    _database_url,
    _jsonl,
    _signed_in,
    _upload,
    _wait,
)

LEAKY = _jsonl(conversation("c-1", ("bot", "Hi, I'm Ava, an AI assistant."),
                            ("customer", "Which card?"),
                            ("bot", "The card on file is 4111 1111 1111 1111."), region="EU"))


@pytest.fixture
def two_shops(tmp_path: Path) -> Iterator[dict[str, Any]]:
    """The default organisation (rev@, view@) with one finished audit, and "Other Shop"
    with its own reviewer and an API token for each reviewer."""
    app = _app(tmp_path / "instance")
    with app.extensions["auditor.database"].session() as session:
        other = create_organisation(session, "Other Shop")
        outsider = create_user(session, "other@example.com", PASSWORD, Role.REVIEWER,
                               organisations=["Other Shop"])
        default_id = session.scalar(select(Organisation.id).where(
            Organisation.name == "Default organisation"))
        rev = session.scalar(select(User).where(User.email == "rev@example.com"))
        assert rev is not None
        tokens = {"rev": create_token(session, rev, "ci"),
                  "other": create_token(session, outsider, "ci")}
        other_id = other.id
    client = _signed_in(app)
    _upload(client, (LEAKY, "chats.jsonl"))
    _wait(app)
    document = json.loads(_audit(app, 1).result_json or "{}")
    fingerprint = next(f["fingerprint"] for f in document["findings"] if f["code"] == "PII001")
    yield {"app": app, "rev": client, "other": _signed_in(app, "other@example.com"),
           "tokens": tokens, "default_id": default_id, "other_id": other_id,
           "fingerprint": fingerprint}
    close_app(app)


def _pages(fingerprint: str, default_id: int) -> list[str]:
    return ["/audits/1", "/audits/1/report.html", "/audits/1/report.pdf",
            "/audits/1/report.json", "/audits/1/findings", "/audits/1/findings.csv",
            "/audits/1/findings.json", f"/audits/1/findings/{fingerprint}",
            f"/triage.toml?organisation={default_id}", "/compare?base=1&head=1",
            f"/organisations/{default_id}/monthly",
            f"/organisations/{default_id}/monthly/2026-10.pdf"]


def test_another_organisation_s_audit_is_not_there_for_an_outsider(
        two_shops: dict[str, Any]) -> None:
    outsider: FlaskClient = two_shops["other"]
    member: FlaskClient = two_shops["rev"]
    for path in _pages(two_shops["fingerprint"], two_shops["default_id"]):
        assert outsider.get(path).status_code == 404, path
    for path in _pages(two_shops["fingerprint"], two_shops["default_id"])[:-2]:
        assert member.get(path).status_code == 200, path
    # Nor can they act on it: triage, comments, cancel, the schedule, a delivery.
    token = _csrf(outsider)
    for path, data in (
            ("/audits/1/triage", {"fingerprint": two_shops["fingerprint"],
                                  "state": "false_positive", "comment": "not ours"}),
            (f"/audits/1/findings/{two_shops['fingerprint']}/comments", {"text": "hello"}),
            ("/audits/1/cancel", {}),
            (f"/organisations/{two_shops['default_id']}/schedule",
             {"day": "1", "recipients": "x@example.com", "enabled": "on"}),
            (f"/organisations/{two_shops['default_id']}/monthly/send", {"month": "2026-10"})):
        assert outsider.post(path, data={"csrf_token": token, **data}).status_code == 404, path
    # Their own list and noise page do not show it.
    assert "chats.jsonl" not in outsider.get("/").get_data(as_text=True)
    with two_shops["app"].extensions["auditor.database"].session() as session:
        assert session.scalar(select(Triage)) is None


def test_the_api_answers_404_for_another_organisation_s_audit(
        two_shops: dict[str, Any]) -> None:
    client = two_shops["app"].test_client()
    fingerprint = two_shops["fingerprint"]
    for who, expected in (("other", 404), ("rev", 200)):
        headers = {"Authorization": f"Bearer {two_shops['tokens'][who]}"}
        for path in ("/api/v1/audits/1", "/api/v1/audits/1/findings",
                     f"/api/v1/audits/1/findings/{fingerprint}",
                     "/api/v1/audits/1/report.json", "/api/v1/audits/1/report.sarif"):
            assert client.get(path, headers=headers).status_code == expected, (who, path)
    headers = {"Authorization": f"Bearer {two_shops['tokens']['other']}"}
    assert client.post("/api/v1/audits/1/triage", headers=headers, json={
        "fingerprints": [fingerprint], "state": "confirmed", "reason": "x"}).status_code == 404
    assert client.post("/api/v1/audits/1/cancel", headers=headers).status_code == 404


def test_triage_is_kept_per_organisation(two_shops: dict[str, Any]) -> None:
    app, fingerprint = two_shops["app"], two_shops["fingerprint"]
    member: FlaskClient = two_shops["rev"]
    assert member.post("/audits/1/triage", data={
        "csrf_token": _csrf(member), "fingerprint": fingerprint, "state": "false_positive",
        "comment": "documented test card number"}).status_code == 302
    # The same export audited by the other shop: its finding is theirs, still open, and
    # counted by their audit; their assignee list holds only people who see their audits.
    outsider: FlaskClient = two_shops["other"]
    _upload(outsider, (LEAKY, "chats.jsonl"))
    _wait(app)
    theirs = json.loads(_audit(app, 2).result_json or "{}")
    assert fingerprint in {f["fingerprint"] for f in theirs["findings"]}
    assert theirs["suppressed"] == []
    page = outsider.get("/audits/2/findings").get_data(as_text=True)
    assert "rev@example.com" not in page and "other@example.com" in page
    refused = outsider.post("/audits/2/triage", data={
        "csrf_token": _csrf(outsider), "fingerprint": fingerprint,
        "assignee": "rev@example.com"}, follow_redirects=True)
    assert "is not a reviewer here" in refused.get_data(as_text=True)
    toml = outsider.get(f"/triage.toml?organisation={two_shops['other_id']}")
    assert toml.status_code == 200 and fingerprint not in toml.get_data(as_text=True)
    # And the default organisation's next audit sets it aside.
    _upload(member, (LEAKY, "again.jsonl"))
    _wait(app)
    again = json.loads(_audit(app, 3).result_json or "{}")
    assert [item["fingerprint"] for item in again["suppressed"]] == [fingerprint]


def test_admins_manage_organisations_and_others_may_not(two_shops: dict[str, Any]) -> None:
    app = two_shops["app"]
    with app.extensions["auditor.database"].session() as session:
        create_user(session, "admin@example.com", PASSWORD, Role.ADMIN, organisations=[])
    admin = _signed_in(app, "admin@example.com")
    token = _csrf(admin, "/organisations")
    assert admin.post("/organisations", data={"csrf_token": token,
                                              "name": "Third Shop"}).status_code == 302
    with app.extensions["auditor.database"].session() as session:
        third = session.scalar(select(Organisation).where(Organisation.name == "Third Shop"))
        assert third is not None
        third_id = third.id
    assert admin.post(f"/organisations/{third_id}/members", data={
        "csrf_token": token, "email": "view@example.com"}).status_code == 302
    page = admin.get("/organisations").get_data(as_text=True)
    assert "Third Shop" in page and "Other Shop" in page  # an admin sees every one
    viewer = _signed_in(app, "view@example.com")
    listed = viewer.get("/organisations").get_data(as_text=True)
    assert "Third Shop" in listed and "Other Shop" not in listed
    duplicate = admin.post("/organisations", data={"csrf_token": token, "name": "Third Shop"},
                           follow_redirects=True)
    assert "exists already" in duplicate.get_data(as_text=True)
    with app.extensions["auditor.database"].session() as session:
        view = session.scalar(select(User).where(User.email == "view@example.com"))
        assert view is not None
        view_id = view.id
    assert admin.post(f"/organisations/{third_id}/members/{view_id}/remove",
                      data={"csrf_token": token}).status_code == 302
    assert "Third Shop" not in viewer.get("/organisations").get_data(as_text=True)
    member: FlaskClient = two_shops["rev"]
    assert member.post("/organisations", data={"csrf_token": _csrf(member),
                                               "name": "Mine"}).status_code == 403


def test_a_member_of_several_organisations_says_which_an_upload_is_for(
        two_shops: dict[str, Any]) -> None:
    app = two_shops["app"]
    with app.extensions["auditor.database"].session() as session:
        rev = session.scalar(select(User).where(User.email == "rev@example.com"))
        other = session.get(Organisation, two_shops["other_id"])
        assert rev is not None and other is not None
        add_member(session, other, rev)
    member: FlaskClient = two_shops["rev"]
    refused = _upload(member, (LEAKY, "chats.jsonl"))
    assert refused.status_code == 400
    assert "choose the organisation this audit is for" in refused.get_data(as_text=True)
    chosen = _upload(member, (LEAKY, "chats.jsonl"), organisation=str(two_shops["other_id"]))
    assert chosen.status_code == 302
    _wait(app)
    assert _audit(app, 2).organisation_id == two_shops["other_id"]
    outsider_choice = _upload(two_shops["other"], (LEAKY, "chats.jsonl"),
                              organisation=str(two_shops["default_id"]))
    assert outsider_choice.status_code == 400


def test_organisations_are_managed_from_the_command_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    instance = str(tmp_path / "instance")
    url = _database_url(tmp_path / "instance")
    if url:
        monkeypatch.setenv("AUDITOR_DATABASE_URL", url)
    monkeypatch.setenv("AUDITOR_NEW_PASSWORD", PASSWORD)
    assert main(["organisations", "create", "Inkwell Books", "--instance", instance]) == 0
    assert main(["users", "create", "owner@example.com", "--organisation", "Inkwell Books",
                 "--instance", instance]) == 0
    assert main(["users", "create", "nobody@example.com", "--organisation", "Nowhere",
                 "--instance", instance]) == 2
    assert main(["organisations", "add-member", "Default organisation", "owner@example.com",
                 "--instance", instance]) == 0
    assert main(["organisations", "remove-member", "Default organisation",
                 "owner@example.com", "--instance", instance]) == 0
    capsys.readouterr()
    assert main(["organisations", "list", "--instance", instance]) == 0
    listed = capsys.readouterr().out
    assert "Inkwell Books: owner@example.com" in listed
    assert "Default organisation: no members" in listed


def _migrate(url: str, revision: str) -> None:
    from auditor.web.database import make_engine, migrate

    engine = make_engine(url)
    migrate(engine, revision)
    engine.dispose()


def test_an_installation_from_before_organisations_moves_into_one(tmp_path: Path) -> None:
    instance = tmp_path / "instance"
    instance.mkdir()
    url = _database_url(instance) or f"sqlite:///{instance / 'auditor.sqlite3'}"
    _migrate(url, "0005")
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO users (email, role, password_hash, active, created_at) "
                "VALUES ('old@example.com', 'reviewer', 'x', true, '2026-11-01 10:00:00')"))
            user_id = connection.scalar(text("SELECT id FROM users"))
            connection.execute(text(
                "INSERT INTO audits (created_at, created_by_id, status, policy_name, "
                "input_names, progress_done, progress_total, attempts, findings_indexed) "
                "VALUES ('2026-11-01 10:00:00', :user, 'failed', 'default', '[]', 0, 0, 1, "
                "false)"), {"user": user_id})
            audit_id = connection.scalar(text("SELECT id FROM audits"))
            connection.execute(text(
                "INSERT INTO triage (fingerprint, code, kind, comment, accepted_by_id, "
                "audit_id, created_at) VALUES ('abc', 'PII001', 'false_positive', "
                "'test card', :user, :audit, '2026-11-01 10:00:00')"),
                {"user": user_id, "audit": audit_id})
    finally:
        engine.dispose()
    app = _app(instance)
    try:
        with app.extensions["auditor.database"].session() as session:
            [organisation] = session.scalars(select(Organisation)).all()
            assert organisation.name == "Default organisation"
            old = session.scalar(select(User).where(User.email == "old@example.com"))
            assert old is not None
            triage = session.scalar(select(Triage))
            assert triage is not None and triage.organisation_id == organisation.id
            assert triage.fingerprint == "abc" and triage.comment == "test card"
            # New rows get new ids after the copied ones (PostgreSQL's sequence too).
            session.add(Triage(organisation_id=organisation.id, fingerprint="def",
                               code="PII001", kind="confirmed", comment="",
                               accepted_by_id=user_id))
            session.flush()
        client = _signed_in(app, "rev@example.com")
        with app.extensions["auditor.database"].session() as session:
            old = session.scalar(select(User).where(User.email == "old@example.com"))
            assert old is not None
            old.password_hash = session.scalar(select(User.password_hash).where(
                User.email == "rev@example.com")) or ""
        assert client.get(f"/audits/{audit_id}").status_code == 200
        moved = _signed_in(app, "old@example.com")
        assert moved.get(f"/audits/{audit_id}").status_code == 200
    finally:
        close_app(app)


def test_the_migrated_schema_is_the_models_schema(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from auditor.web.models import Base

    app = _app(tmp_path / "instance")
    try:
        engine = app.extensions["auditor.database"].engine
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection),
                                           Base.metadata)
        # Types are compared loosely by alembic anyway; what matters is that every
        # table, column, index and unique constraint the models name exists.
        structural = [d for d in differences if isinstance(d, tuple) and d[0] in (
            "add_table", "remove_table", "add_column", "remove_column", "add_index",
            "remove_index", "add_constraint", "remove_constraint")]
        assert structural == [], structural
        assert {"organisations", "memberships", "monthly_summaries", "monthly_schedules",
                "monthly_deliveries"} <= set(inspect(engine).get_table_names())
    finally:
        close_app(app)
