"""Sign-in sessions that can be ended, API tokens that expire and can be revoked, and
two small web defects: the report's content type and the 413's message."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, update

from auditor.cli import main
from auditor.web import close_app
from auditor.web.accounts import create_token, create_user, parse_duration
from auditor.web.models import ApiToken, Role, User, WebSession, utc_now
from tests.conftest import DISCLOSURE_FIXTURE
from tests.test_web import PASSWORD, _app, _csrf, _signed_in, _upload, _wait

NEW_PASSWORD = "a different long passphrase"


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[Any]:
    """Apps with settings of the test's choosing, stopped and disconnected after it
    (a PostgreSQL server has only so many connections for a whole test run)."""
    made: list[Flask] = []

    def make(**config: Any) -> Flask:
        made.append(_app(tmp_path / f"instance-{len(made)}", **config))
        return made[-1]

    yield make
    for application in made:
        close_app(application)  # its jobs ended and its connections closed


@pytest.fixture
def app(make_app: Any) -> Flask:
    return make_app()  # type: ignore[no-any-return]


@pytest.fixture
def cli(app: Flask, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The `--instance` arguments that point the command line at the app's database."""
    monkeypatch.setenv("AUDITOR_DATABASE_URL", str(app.config["DATABASE_URL"]))
    return ["--instance", app.instance_path]


def _db(app: Flask) -> Any:
    return app.extensions["auditor.database"].session()


def _signed_in_page(client: FlaskClient) -> bool:
    """Whether the client's cookie still signs someone in."""
    response = client.get("/")
    assert response.status_code in (200, 302)
    return response.status_code == 200


def _copy_of(client: FlaskClient, app: Flask) -> FlaskClient:
    """Another client holding a copy of `client`'s session cookie, as a thief would."""
    cookie = client.get_cookie("session")
    assert cookie is not None
    thief = app.test_client()
    thief.set_cookie("session", cookie.value)
    return thief


def _age_sessions(app: Flask, *, idle: timedelta = timedelta(0),
                  age: timedelta = timedelta(0)) -> None:
    """Move every session's last request `idle` and its sign-in `age` into the past."""
    now = utc_now()
    with _db(app) as session:
        session.execute(update(WebSession).values(last_seen_at=now - idle,
                                                  created_at=now - age))


# Sessions ----------------------------------------------------------------------------

def test_a_session_cookie_copied_before_logout_does_not_work_after_it(app: Flask) -> None:
    """Defect 6: signing out ends the session server-side, for every copy of the cookie."""
    client = _signed_in(app)
    thief = _copy_of(client, app)
    assert _signed_in_page(thief)  # the copy works while the session lives
    response = client.post("/logout", data={"csrf_token": _csrf(client)})
    assert response.status_code == 302
    assert not _signed_in_page(thief)
    assert not _signed_in_page(client)


def test_signing_out_ends_only_that_session(app: Flask) -> None:
    laptop, phone = _signed_in(app), _signed_in(app)
    laptop.post("/logout", data={"csrf_token": _csrf(laptop)})
    assert _signed_in_page(phone)


def test_a_password_change_in_the_browser_ends_every_other_session(app: Flask) -> None:
    client, other = _signed_in(app), _signed_in(app)
    thief = _copy_of(other, app)
    response = client.post("/account/password", data={
        "csrf_token": _csrf(client, "/account"), "current": PASSWORD, "new": NEW_PASSWORD,
        "confirm": NEW_PASSWORD}, follow_redirects=True)
    assert "Password changed; 1 other session(s) signed out." in response.get_data(as_text=True)
    assert _signed_in_page(client)  # the session that made the change stays
    assert not _signed_in_page(other) and not _signed_in_page(thief)
    fresh = app.test_client()
    assert fresh.post("/login", data={"email": "rev@example.com", "password": PASSWORD,
                                      "csrf_token": _csrf(fresh, "/login")}).status_code == 200
    assert fresh.post("/login", data={"email": "rev@example.com", "password": NEW_PASSWORD,
                                      "csrf_token": _csrf(fresh, "/login")}).status_code == 302


@pytest.mark.parametrize(("current", "new", "confirm", "message"), [
    pytest.param("wrong password!", NEW_PASSWORD, NEW_PASSWORD, "The current password is wrong.",
                 id="wrong-current"),
    pytest.param(PASSWORD, NEW_PASSWORD, NEW_PASSWORD + "x", "confirmation differ",
                 id="mismatch"),
    pytest.param(PASSWORD, "short", "short", "at least 12 characters", id="too-short"),
])
def test_a_refused_password_change_changes_and_ends_nothing(
        app: Flask, current: str, new: str, confirm: str, message: str) -> None:
    client, other = _signed_in(app), _signed_in(app)
    response = client.post("/account/password", data={
        "csrf_token": _csrf(client, "/account"), "current": current, "new": new,
        "confirm": confirm}, follow_redirects=True)
    assert message in response.get_data(as_text=True)
    assert _signed_in_page(other)


def test_auditor_users_set_password_ends_every_session(
        app: Flask, cli: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    client = _signed_in(app)
    assert main(["users", "set-password", "rev@example.com", "--password", NEW_PASSWORD,
                 *cli]) == 0
    assert "password of rev@example.com changed; 1 session(s) signed out" in (
        capsys.readouterr().out)
    assert not _signed_in_page(client)
    assert main(["users", "set-password", "nobody@example.com", "--password", NEW_PASSWORD,
                 *cli]) == 2
    assert "no user nobody@example.com" in capsys.readouterr().err


@pytest.mark.parametrize(("idle", "alive"), [
    pytest.param(timedelta(seconds=240), True, id="within-idle-lifetime"),
    pytest.param(timedelta(seconds=300), False, id="idle-too-long"),
])
def test_a_session_ends_after_its_idle_lifetime(
        make_app: Any, idle: timedelta, alive: bool) -> None:
    app = make_app(SESSION_IDLE_SECONDS=300)
    client = _signed_in(app)
    _age_sessions(app, idle=idle, age=idle)
    assert _signed_in_page(client) is alive


@pytest.mark.parametrize(("age", "alive"), [
    pytest.param(timedelta(hours=11, minutes=59), True, id="within-absolute-lifetime"),
    pytest.param(timedelta(hours=12), False, id="past-absolute-lifetime"),
])
def test_a_session_ends_after_its_absolute_lifetime_however_active(
        app: Flask, age: timedelta, alive: bool) -> None:
    client = _signed_in(app)
    _age_sessions(app, age=age)  # signed in long ago, last request just now
    assert _signed_in_page(client) is alive


def test_a_request_keeps_the_session_alive(make_app: Any) -> None:
    app = make_app(SESSION_IDLE_SECONDS=300)
    client = _signed_in(app)
    _age_sessions(app, idle=timedelta(seconds=200), age=timedelta(seconds=200))
    assert _signed_in_page(client)  # seen now: another 300 s from here
    with _db(app) as session:
        [record] = session.scalars(select(WebSession)).all()
        assert utc_now() - record.last_seen_at < timedelta(seconds=60)


def test_the_session_id_is_stored_only_as_a_hash(app: Flask) -> None:
    client = _signed_in(app)
    cookie = client.get_cookie("session")
    assert cookie is not None
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    session_id = serializer.loads(cookie.value)["sid"]
    with _db(app) as session:
        [record] = session.scalars(select(WebSession)).all()
        assert record.token_hash == hashlib.sha256(session_id.encode()).hexdigest()
        assert session_id not in {record.token_hash, str(record.id)}


# API tokens --------------------------------------------------------------------------

def _token_for(app: Flask, email: str, **options: Any) -> str:
    with _db(app) as session:
        user = session.scalar(select(User).where(User.email == email))
        return create_token(session, user, "ci", **options)


def _api_status(app: Flask, token: str) -> tuple[int, dict[str, Any]]:
    response = app.test_client().get("/api/v1/audits/1",
                                     headers={"Authorization": f"Bearer {token}"})
    return response.status_code, response.get_json()


@pytest.mark.parametrize(("expires_in", "moved_back", "status"), [
    pytest.param(timedelta(hours=1), timedelta(0), 404, id="live"),  # no audit 1: but let in
    pytest.param(timedelta(hours=1), timedelta(hours=2), 401, id="expired"),
])
def test_an_expired_token_gets_401_with_a_clear_json_error(
        app: Flask, expires_in: timedelta, moved_back: timedelta, status: int) -> None:
    token = _token_for(app, "rev@example.com", expires_in=expires_in)
    with _db(app) as session:
        record = session.scalar(select(ApiToken))
        record.expires_at = record.expires_at - moved_back
    code, body = _api_status(app, token)
    assert code == status
    if status == 401:
        assert body["status"] == 401 and body["detail"].startswith("this API token expired at ")
        assert "auditor tokens create" in body["detail"]


def test_a_token_revoked_from_the_command_line_gets_401_and_others_still_work(
        app: Flask, cli: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    revoked, kept = _token_for(app, "rev@example.com"), _token_for(app, "rev@example.com")
    assert main(["tokens", "revoke", "1", *cli]) == 0
    assert "revoked token 1 (ci) of rev@example.com" in capsys.readouterr().out
    code, body = _api_status(app, revoked)
    assert code == 401 and body["detail"].startswith("this API token was revoked at ")
    assert _api_status(app, kept)[0] == 404  # let in; there is no audit 1
    assert main(["tokens", "revoke", "99", *cli]) == 2
    assert "no API token 99" in capsys.readouterr().err


def test_tokens_are_listed_with_their_dates_and_state_but_never_the_secret(
        app: Flask, cli: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tokens", "create", "rev@example.com", "--name", "nightly", "--expires-in",
                 "30d", *cli]) == 0
    secret = capsys.readouterr().out.strip()
    assert main(["tokens", "create", "view@example.com", "--name", "dashboard", *cli]) == 0
    capsys.readouterr()
    _api_status(app, secret)
    assert main(["tokens", "revoke", "2", *cli]) == 0
    capsys.readouterr()
    assert main(["tokens", "list", *cli]) == 0
    header, nightly, dashboard = capsys.readouterr().out.strip().splitlines()
    assert header.split("\t") == ["id", "user", "name", "created", "last used", "expires",
                                  "state"]
    fields = nightly.split("\t")
    assert fields[:3] == ["1", "rev@example.com", "nightly"] and fields[6] == "active"
    assert fields[4] != "-"  # used once above
    assert fields[5].startswith((utc_now() + timedelta(days=30)).strftime("%Y-%m-%d"))
    assert dashboard.split("\t")[4:] == ["-", "-", "revoked"]
    assert secret not in nightly and hashlib.sha256(secret.encode()).hexdigest() not in nightly
    assert main(["tokens", "list", "--user", "view@example.com", *cli]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 2


def test_a_token_created_with_an_expiry_expires_then(
        app: Flask, cli: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    before = utc_now()
    assert main(["tokens", "create", "rev@example.com", "--expires-in", "12h", *cli]) == 0
    with _db(app) as session:
        record = session.scalar(select(ApiToken))
        assert record.expires_at is not None
        assert timedelta(hours=12) <= record.expires_at - before <= timedelta(hours=12,
                                                                              seconds=5)
    assert main(["tokens", "create", "rev@example.com", "--expires-in", "30x", *cli]) == 2
    assert "'30x' is not a duration" in capsys.readouterr().err


@pytest.mark.parametrize(("text", "expected"), [
    ("90m", timedelta(minutes=90)), ("12h", timedelta(hours=12)), ("30d", timedelta(days=30)),
    ("2w", timedelta(weeks=2)), ("never", None), ("", None), (" 7D ", timedelta(days=7)),
])
def test_durations_are_read(text: str, expected: timedelta | None) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["30", "d", "0d", "1y", "-5d", "1.5h", "1234567d"])
def test_anything_else_is_not_a_duration(text: str) -> None:
    from auditor.errors import UsageError

    with pytest.raises(UsageError, match="is not a duration"):
        parse_duration(text)


def test_the_owner_creates_sees_and_revokes_a_token_in_the_browser(app: Flask) -> None:
    client = _signed_in(app)
    page = client.post("/account/tokens", data={"csrf_token": _csrf(client, "/account"),
                                                "name": "nightly", "expires": "7d"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and 'id="new-token"' in text
    token = text.split('id="new-token">', 1)[1].split("<", 1)[0]
    assert token.startswith("aud_") and _api_status(app, token)[0] == 404  # it works
    listing = client.get("/account").get_data(as_text=True)
    assert token not in listing and "nightly" in listing and "active" in listing
    expires = (utc_now() + timedelta(days=7)).strftime("%Y-%m-%d")
    assert expires in listing
    response = client.post("/account/tokens/1/revoke", data={"csrf_token": _csrf(
        client, "/account")}, follow_redirects=True)
    assert "Token &#39;nightly&#39; revoked" in response.get_data(as_text=True)
    assert _api_status(app, token)[0] == 401
    assert "revoked" in client.get("/account").get_data(as_text=True)


def test_only_the_owner_and_admins_see_and_revoke_a_token(app: Flask) -> None:
    token = _token_for(app, "rev@example.com")
    with _db(app) as session:
        create_user(session, "admin@example.com", PASSWORD, Role.ADMIN)
    viewer = _signed_in(app, "view@example.com")
    assert "No API tokens yet." in viewer.get("/account").get_data(as_text=True)
    refused = viewer.post("/account/tokens/1/revoke", data={"csrf_token": _csrf(
        viewer, "/account")})
    assert refused.status_code == 404 and _api_status(app, token)[0] == 404  # still works
    admin = _signed_in(app, "admin@example.com")
    assert "rev@example.com" in admin.get("/account").get_data(as_text=True)
    assert admin.post("/account/tokens/1/revoke", data={"csrf_token": _csrf(
        admin, "/account")}).status_code == 302
    assert _api_status(app, token)[0] == 401


def test_a_token_without_a_name_is_refused_in_the_browser(app: Flask) -> None:
    client = _signed_in(app)
    page = client.post("/account/tokens", data={"csrf_token": _csrf(client, "/account"),
                                                "name": " ", "expires": "7d"})
    assert page.status_code == 400 and "give the token a name" in page.get_data(as_text=True)
    assert 'id="new-token"' not in page.get_data(as_text=True)


# Small defects -----------------------------------------------------------------------

def test_the_html_report_content_type_names_its_charset_once(app: Flask) -> None:
    """Defect 7: `text/html; charset=utf-8; charset=utf-8` on the report."""
    from auditor.render import renderer_for
    from auditor.web.reports import served_formats

    client = _signed_in(app)
    _upload(client, (DISCLOSURE_FIXTURE.read_bytes(), "chats.jsonl"))
    _wait(app)
    for fmt in served_formats():
        response = client.get(f"/audits/1/report.{fmt}")
        assert response.status_code == 200
        assert response.headers["Content-Type"] == renderer_for(fmt).media_type, fmt
    assert client.get("/audits/1/report.html").headers["Content-Type"] == (
        "text/html; charset=utf-8")


def _too_big() -> dict[str, Any]:
    return {"transcripts": (io.BytesIO(b"x" * 70_000), "chats.jsonl"), "policy": "default"}


def test_the_api_413_names_the_limit(make_app: Any) -> None:
    """Defect 7: the API's 413 says which limit was hit and which setting raises it."""
    app = make_app(MAX_CONTENT_LENGTH=64 * 1024)
    token = _token_for(app, "rev@example.com")
    response = app.test_client().post(
        "/api/v1/audits", data=_too_big(), content_type="multipart/form-data",
        headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 413 and response.is_json
    detail = response.get_json()["detail"]
    assert detail.startswith("The upload is larger than the 64 KB limit of a whole request "
                             "(AUDITOR_MAX_CONTENT_LENGTH)")


def test_the_api_413_for_an_oversized_form_field_names_that_limit(app: Flask) -> None:
    token = _token_for(app, "rev@example.com")
    # The body built by hand: Werkzeug's test client would spool one this big into a
    # temporary file that it never closes.
    body = (b'--b\r\nContent-Disposition: form-data; name="policy"\r\n\r\n'
            + b"p" * 600_000 + b"\r\n--b--\r\n")
    response = app.test_client().post(
        "/api/v1/audits", data=body, content_type="multipart/form-data; boundary=b",
        headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 413
    assert response.get_json()["detail"].startswith(
        "A form field is larger than the 500,000 bytes limit")


def test_the_upload_page_413_names_the_limit(make_app: Any) -> None:
    app = make_app(MAX_CONTENT_LENGTH=64 * 1024)
    client = _signed_in(app)
    data = {**_too_big(), "csrf_token": _csrf(client)}
    response = client.post("/audits", data=data, content_type="multipart/form-data")
    assert response.status_code == 413 and response.mimetype == "text/html"
    assert ("The upload is larger than the 64 KB limit of a whole request "
            "(AUDITOR_MAX_CONTENT_LENGTH)") in response.get_data(as_text=True)
