"""A finding in its context: the page and the API show the redacted conversation with
the flagged turns and the evidence marked, never raw personal data."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from auditor.web import close_app
from auditor.web.accounts import create_token
from auditor.web.models import User
from tests.conftest import FIXTURES, conversation
from tests.test_web import _app, _csrf, _jsonl, _signed_in, _upload, _wait

PII_FIXTURE = FIXTURES / "transcripts" / "pii.jsonl"
LEAKY = conversation(
    "leaky", ("bot", "Hello jane.doe@example.com, call us on (212) 555-0147."),
    ("customer", "are you a bot?"),
    ("bot", "No, I'm a real person. Card 4111 1111 1111 1111, IBAN DE89370400440532013000, "
            "SSN 078-05-1120."), region="US-CA")
# What personal data looks like in these transcripts: card numbers (also with some
# digits starred), e-mail addresses, phone numbers, IBANs, social security numbers.
_RAW = re.compile(r"\b\d{4}[ -]?[\d*]{4}[ -]?[\d*]{4}[ -]?\d{4}\b|[\w.+-]+@[\w-]+\.\w+|"
                  r"\(?\d{3}\)?[ -]?555-\d{4}|\b[A-Z]{2}\d{2}[A-Z0-9]{12,30}\b|"
                  r"\b\d{3}-\d{2}-\d{4}\b")


def _raw_values() -> set[str]:
    texts = [json.loads(line).get("text", "")
             for line in PII_FIXTURE.read_text("utf-8").splitlines()]
    texts += [record.get("text", "") for record in LEAKY]
    values = {match.group() for text in texts for match in _RAW.finditer(text)}
    assert len(values) >= 6, values  # the pattern must find what the test is about
    return values


@dataclass(frozen=True)
class Audited:
    """The PII fixture and a leaky conversation, audited; signed-in clients (sign-in is
    rate limited, so each signs in once) and a viewer's API token."""

    app: Flask
    audit_id: int
    reviewer: FlaskClient
    viewer: FlaskClient
    headers: dict[str, str]

    def findings(self) -> list[dict[str, Any]]:
        """The audit's findings, from its JSON report."""
        document = self.reviewer.get(f"/audits/{self.audit_id}/report.json").get_json()
        return list(document["findings"])

    def api(self, fingerprint: str) -> Any:
        """The API's answer for one finding."""
        return self.app.test_client().get(
            f"/api/v1/audits/{self.audit_id}/findings/{fingerprint}", headers=self.headers)


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Audited]:
    app = _app(tmp_path_factory.mktemp("findings") / "instance")
    reviewer = _signed_in(app)
    _upload(reviewer, (PII_FIXTURE.read_bytes(), "pii.jsonl"), (_jsonl(LEAKY), "leaky.jsonl"))
    _wait(app)
    with app.extensions["auditor.database"].session() as session:
        user = session.scalar(select(User).where(User.email == "view@example.com"))
        assert user is not None
        headers = {"Authorization": f"Bearer {create_token(session, user, 'findings')}"}
    yield Audited(app, 1, reviewer, _signed_in(app, "view@example.com"), headers)
    close_app(app)  # its jobs ended and its connections closed


def test_the_finding_page_shows_the_flagged_turn_with_the_values_masked(
        audited: Audited) -> None:
    leak = next(f for f in audited.findings() if f["code"] == "PII001"
                and f["conversation_id"] == "pii001-fail-full-card-shown")
    # A viewer reads findings too.
    page = audited.viewer.get(f"/audits/{audited.audit_id}/findings/{leak['fingerprint']}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    flagged = re.search(rf'<li class="turn role-bot flagged" id="turn-{leak["turn_index"]}"'
                        r'.*?</li>', html, re.S)
    assert flagged, html[:3000]
    assert "<mark>" in flagged.group() and "&lt;CREDIT_CARD ending 1111&gt;" in flagged.group()
    assert html.count(' flagged"') == 1  # the greeting and the question are not
    assert "Ava" in html  # the bot's persona name stays readable
    assert "How to fix it" in html and leak["message"] in html


def test_the_findings_list_links_each_finding_to_its_page(audited: Audited) -> None:
    html = audited.reviewer.get(f"/audits/{audited.audit_id}/findings").get_data(as_text=True)
    for finding in audited.findings()[:10]:
        assert f"/audits/{audited.audit_id}/findings/{finding['fingerprint']}" in html


def test_the_api_gives_the_finding_in_context_with_evidence_offsets(audited: Audited) -> None:
    findings = audited.findings()
    claim = next(f for f in findings if f["conversation_id"] == "leaky"
                 and f["code"].startswith("DISC"))
    response = audited.api(claim["fingerprint"])
    assert response.status_code == 200
    body = response.get_json()
    assert body["finding"]["fingerprint"] == claim["fingerprint"]
    assert body["check"]["code"] == claim["code"] and body["check"]["remediation"]
    turns = body["conversation"]["turns"]
    assert [t["index"] for t in turns] == [0, 1, 2]
    marked = [t for t in turns if t["evidence"]]
    assert marked and all(t["flagged"] for t in marked)
    for turn in marked:
        for span in turn["evidence"]:
            assert 0 <= span["start"] < span["end"] <= len(turn["text"])
    # The answer is what the API's OpenAPI document says it is.
    import jsonschema

    document = audited.app.test_client().get("/api/v1/openapi.json").get_json()
    operation = document["paths"]["/audits/{audit_id}/findings/{fingerprint}"]["get"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    jsonschema.Draft202012Validator({**schema, "components": document["components"]}
                                    ).validate(body)
    others = {o["fingerprint"] for o in body["other_findings"]}
    assert others == {f["fingerprint"] for f in findings if f["conversation_id"] == "leaky"
                      } - {claim["fingerprint"]}


def test_no_raw_personal_data_in_any_finding_page_or_api_answer(audited: Audited) -> None:
    raw = _raw_values()
    findings = audited.findings()
    assert len(findings) >= 10
    for finding in findings:
        page = audited.reviewer.get(
            f"/audits/{audited.audit_id}/findings/{finding['fingerprint']}")
        answer = audited.api(finding["fingerprint"])
        assert page.status_code == answer.status_code == 200
        shown = page.get_data(as_text=True) + answer.get_data(as_text=True)
        leaked = sorted(value for value in raw if value in shown)
        assert not leaked, (finding["code"], finding["conversation_id"], leaked)


def test_a_triaged_finding_shows_its_decision(audited: Audited) -> None:
    finding = next(f for f in audited.findings() if f["conversation_id"] == "leaky")
    assert audited.api(finding["fingerprint"]).get_json()["triage"] is None
    client, audit_id = audited.reviewer, audited.audit_id
    assert client.post(f"/audits/{audit_id}/triage", data={
        "csrf_token": _csrf(client, f"/audits/{audit_id}"),
        "fingerprint": finding["fingerprint"], "kind": "false_positive",
        "comment": "test data"}).status_code == 302
    html = client.get(f"/audits/{audit_id}/findings/{finding['fingerprint']}").get_data(
        as_text=True)
    assert "<strong>false positive</strong>, set by rev@example.com" in html
    assert "State open → false positive: test data" in html  # and in its history
    triage = audited.api(finding["fingerprint"]).get_json()["triage"]
    assert (triage["state"], triage["by"]) == ("false_positive", "rev@example.com")


@pytest.mark.parametrize("fingerprint", ["0000000000000000", "not-a-fingerprint", "x" * 300])
def test_an_unknown_finding_is_404(audited: Audited, fingerprint: str) -> None:
    page = audited.reviewer.get(f"/audits/{audited.audit_id}/findings/{fingerprint}")
    assert page.status_code == 404
    answer = audited.api(fingerprint)
    assert answer.status_code == 404 and answer.get_json()["status"] == 404
    assert fingerprint not in answer.get_data(as_text=True)


def test_a_conversation_beyond_the_limit_says_so_and_still_shows_the_evidence(
        tmp_path: Path) -> None:
    policies = tmp_path / "instance" / "policies"
    policies.mkdir(parents=True)
    (policies / "none-kept.toml").write_text("keep-conversations = 0\n", encoding="utf-8")
    app = _app(tmp_path / "instance")
    try:
        client = _signed_in(app)
        _upload(client, (_jsonl(LEAKY), "leaky.jsonl"), policy="none-kept")
        _wait(app)
        finding = client.get("/audits/1/report.json").get_json()["findings"][0]
        html = client.get(f"/audits/1/findings/{finding['fingerprint']}").get_data(
            as_text=True)
        assert 'id="not-kept"' in html and "keep-conversations" in html
        assert "<mark>" in html  # the evidence excerpt, redacted like the rest
    finally:
        close_app(app)  # its jobs ended and its connections closed


def test_a_finding_about_the_whole_input_says_so() -> None:
    from auditor.web.finding_context import finding_context

    document = {"findings": [{"fingerprint": "a" * 16, "code": "FAIR001",
                              "conversation_id": None, "evidence": []}],
                "checks": [], "conversations": {"with_findings": 0, "kept": 0, "limit": 500,
                                                "items": []}}
    context = finding_context(document, "a" * 16)
    assert context is not None and context.turns is None and context.others == ()
    assert context.not_kept_reason == "This finding is about the whole input, not one conversation."
    assert finding_context(document, "b" * 16) is None


@pytest.mark.parametrize(("text", "excerpts", "parts"), [
    ("Hello <EMAIL_ADDRESS> there", ["…<EMAIL_ADDRESS> there"],
     ("Hello ", "<EMAIL_ADDRESS> there", "")),
    ("abc", ["zzz"], ("abc",)),  # an excerpt not found marks nothing
    ("one two three", ["two", "one two"], ("one ", "two", " three")),  # no overlaps
    ("a b a", ["a", "b"], ("", "a", " ", "b", " a")),
])
def test_evidence_is_marked_where_it_is_found(text: str, excerpts: list[str],
                                              parts: tuple[str, ...]) -> None:
    from auditor.web.finding_context import _marked

    assert _marked(text, excerpts) == parts
