"""The REST API fuzzed against its own OpenAPI document with schemathesis.

A live server (Werkzeug's, in a thread on a free loopback port) with a finished audit
and a failed one; schemathesis reads `/api/v1/openapi.json` from it and sends every
operation generated requests, valid and invalid, with a real token (and, for its
authentication checks, without one). Every response must be documented: no 5xx, a
documented status code, content type, headers and a body matching the schema.

The number of examples is the current hypothesis profile's (`HYPOTHESIS_PROFILE=fuzz`
runs more); the default keeps the file under a minute.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import hypothesis
import pytest
import requests
import schemathesis
from flask import Flask
from sqlalchemy import select
from werkzeug.serving import make_server

from auditor.web import close_app
from auditor.web.accounts import create_token
from auditor.web.models import Audit, Status, User
from tests.conftest import GREETING, LEAK, conversation, only_organisation
from tests.test_web import _app, _jsonl


@dataclass(frozen=True, slots=True)
class LiveApi:
    """A running server: its API's base URL and a reviewer's token."""

    base_url: str
    token: str

    def get(self, path: str, **headers: str) -> requests.Response:
        """A GET with the token (unless the headers say otherwise)."""
        return requests.get(self.base_url + path, timeout=30,
                            headers={"Authorization": f"Bearer {self.token}", **headers})


def _seed(app: Flask, api: LiveApi) -> None:
    """One finished audit (id 1) and one failed one (id 2), so that the report and
    status routes answer 200 and 409 as well as 404."""
    export = _jsonl(conversation("c-1", GREETING, ("customer", "Which card do you have?"),
                                 LEAK, region="EU"))
    created = requests.post(api.base_url + "/audits", timeout=60,
                            files={"transcripts": ("chats.jsonl", export)},
                            headers={"Authorization": f"Bearer {api.token}"})
    assert created.status_code == 202, created.text
    assert app.extensions["auditor.runner"].wait(180), "the audit did not finish"
    with app.extensions["auditor.database"].session() as session:
        user = session.scalar(select(User).where(User.email == "rev@example.com"))
        assert user is not None
        session.add(Audit(organisation_id=only_organisation(session),
                          created_by_id=user.id, status=Status.FAILED, input_names=["x.jsonl"],
                          error="the uploads are gone"))


@pytest.fixture(scope="module")
def live_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApi]:
    """The app behind a real HTTP server on a free loopback port."""
    app = _app(tmp_path_factory.mktemp("fuzz") / "instance")
    with app.extensions["auditor.database"].session() as session:
        user = session.scalar(select(User).where(User.email == "rev@example.com"))
        token = create_token(session, user, "fuzz")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    api = LiveApi(f"http://127.0.0.1:{server.server_port}/api/v1", token)
    try:
        _seed(app, api)
        yield api
    finally:
        server.shutdown()
        thread.join(10)
        server.server_close()
        close_app(app)  # its jobs ended and its connections closed


def _failures(schema: Any) -> list[str]:
    """Run schemathesis' phases (examples, coverage, fuzzing, stateful) over the
    schema, as `schemathesis run` would; every failed check and error, described."""
    from schemathesis.engine import Status as Outcome
    from schemathesis.engine import events, from_schema

    found: list[str] = []
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished) and event.status is Outcome.FAILURE:
            for checks in event.recorder.checks.values():
                for check in checks:
                    if check.failure_info is not None:
                        failure = check.failure_info.failure
                        found.append(f"{event.recorder.label} [{event.phase.value}] "
                                     f"{check.name}: {failure.title}: {failure.message}\n"
                                     f"    {check.failure_info.code_sample}")
        elif isinstance(event, (events.NonFatalError, events.FatalError)):
            found.append(f"error: {event!r}")
    return found


def _config(api: LiveApi) -> Any:
    """schemathesis' settings: the live server, the token, the profile's examples."""
    return schemathesis.Config.from_dict({
        "base-url": api.base_url,
        "headers": {"Authorization": f"Bearer {api.token}"},
        # A PDF takes WeasyPrint several seconds on a busy two-core runner.
        "request-timeout": 120,
        "generation": {"max-examples": hypothesis.settings().max_examples},
        "operations": [{
            # One filter each: schemathesis reads several as "any of them".
            "include-path-regex": "/audits$",
            # The schema cannot say what makes an export readable: a request it allows
            # may carry a file that is not one, and that is the documented 400 with
            # the reason, not a request wrongly refused.
            "checks": {"positive_data_acceptance": {
                "expected-statuses": ["2xx", "400", "401", "403", "413"]}},
        }, {
            "include-path-regex": "/triage$",
            # Nor which fingerprints an audit has, which users are reviewers, or that an
            # expiry lies ahead: a change naming none of its findings is the documented
            # 400 with the reason; and only a finished audit has findings (409).
            "checks": {"positive_data_acceptance": {
                "expected-statuses": ["2xx", "400", "401", "403", "404", "409"]}},
        }, {
            "include-path-regex": "/cancel$",
            # Nor can it say which audits are still running: cancelling one that ended
            # is the documented 409.
            "checks": {"positive_data_acceptance": {
                "expected-statuses": ["2xx", "401", "403", "404", "409"]}},
        }],
    })


def test_the_api_answers_as_its_openapi_document_says(live_api: LiveApi) -> None:
    schema = schemathesis.openapi.from_url(live_api.base_url + "/openapi.json",
                                           config=_config(live_api))
    failures = _failures(schema)
    assert not failures, "\n".join(dict.fromkeys(failures))


# What the fuzzing found, pinned ---------------------------------------------------------

@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    application = _app(tmp_path / "instance")
    yield application
    close_app(application)  # its jobs ended and its connections closed


def _bearer(app: Flask) -> dict[str, str]:
    with app.extensions["auditor.database"].session() as session:
        user = session.scalar(select(User).where(User.email == "rev@example.com"))
        return {"Authorization": f"Bearer {create_token(session, user, 'test')}"}


@pytest.mark.parametrize(("method", "path", "status"), [
    pytest.param("GET", "/api/v1/nowhere", 404, id="unknown-path"),
    pytest.param("GET", "/api/v1/audits/-1", 404, id="negative-id"),
    pytest.param("GET", "/api/v1/audits/99999999999999999999", 404, id="id-beyond-integer"),
    pytest.param("GET", "/api/v1/audits/2147483648/report.json", 404, id="id-beyond-int32"),
    pytest.param("DELETE", "/api/v1/audits", 405, id="method-not-allowed"),
])
def test_api_errors_before_any_view_are_documented_json(
        app: Flask, method: str, path: str, status: int) -> None:
    response = app.test_client().open(path, method=method, headers=_bearer(app))
    assert response.status_code == status and response.is_json
    assert response.get_json()["status"] == status
    if status == 405:
        assert response.headers["Allow"] and "POST" in response.headers["Allow"]


def test_an_id_beyond_the_database_integer_is_a_404_page_not_a_crash(app: Flask) -> None:
    from tests.test_web import _signed_in

    client = _signed_in(app)
    for path in ("/audits/99999999999999999999", "/audits/2147483648/report.html",
                 "/compare?base=1&head=99999999999999999999"):
        response = client.get(path)
        assert response.status_code == 404 and response.mimetype == "text/html", path


def test_the_document_lists_every_job_state_and_report_media_type(app: Flask) -> None:
    from auditor.render import renderer_for
    from auditor.web.reports import served_formats

    document = app.test_client().get("/api/v1/openapi.json").get_json()
    states = document["components"]["schemas"]["Audit"]["properties"]["status"]["enum"]
    assert states == [status.value for status in Status]
    report = document["paths"]["/audits/{audit_id}/report.{format}"]["get"]["responses"]
    assert set(report["200"]["content"]) == {
        renderer_for(fmt).media_type.split(";")[0] for fmt in served_formats()}
    assert report["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Result"}
    assert "WWW-Authenticate" in report["401"]["headers"]


def test_a_report_is_rendered_once_per_result_and_format() -> None:
    from auditor.web.reports import RenderedReports

    rendered: list[str] = []

    def render(body: bytes) -> Callable[[], bytes]:
        def run() -> bytes:
            rendered.append(body.decode())
            return body
        return run

    cache = RenderedReports(max_bytes=10)
    assert cache.get('{"a": 1}', "pdf", render(b"12345")) == b"12345"
    assert cache.get('{"a": 1}', "pdf", render(b"other")) == b"12345"  # from the cache
    assert cache.get('{"a": 2}', "pdf", render(b"67890")) == b"67890"  # another result
    assert cache.get('{"a": 1}', "md", render(b"abc")) == b"abc"  # evicts the oldest
    assert cache.get('{"a": 1}', "pdf", render(b"12345")) == b"12345"
    assert rendered == ["12345", "67890", "abc", "12345"]
