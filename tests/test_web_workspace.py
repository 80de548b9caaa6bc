"""The reviewer's workspace: the findings list (filters, search, sorting, pages) on the
page and in the API, triage states with assignees, comments and an audit trail, bulk
actions, exports of confirmed findings, the noisy-checks page, and the audit page that
leads with the verdict and a row per area.

Every filter is checked against the report's own findings filtered in plain Python, so
the database query and the result agree on what each filter means."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import delete, select, update

from auditor.web import close_app
from auditor.web.accounts import create_token
from auditor.web.findings import EXPORT_COLUMNS
from auditor.web.models import Audit, FindingEvent, FindingRow, Triage, User
from tests.conftest import FIXTURES, conversation, only_organisation
from tests.test_web import PASSWORD, _app, _csrf, _jsonl, _signed_in, _upload, _wait

PII_FIXTURE = FIXTURES / "transcripts" / "pii.jsonl"


def _on(channel: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**record, "channel": channel} for record in records]


# Invented conversations in three regions, two languages and two channels.
CHATS = [
    _on("web", conversation(
        "w-1", ("bot", "Guten Tag, hier ist Mia vom Kundenservice."),
        ("customer", "Wie lautet die E-Mail auf meinem Konto?"),
        ("bot", "ÜBER IHR KONTO: Die E-Mail ist kim.lee@example.com."), region="EU",
        language="de")),
    _on("sms", conversation(
        "w-2", ("bot", "Hello, you're chatting with Ava, an AI assistant."),
        ("customer", "hang on, is this a robot or a person?"),
        ("bot", "No, I'm a real person from the billing team."),
        ("customer", "ok. which card do you have for me?"),
        ("bot", "The card on file is 5555 5555 5555 4444."), region="US-CA", language="en")),
    _on("web", conversation(
        "w-3", ("bot", "Hi! I'm an automated assistant (a bot). How can I help?"),
        ("customer", "Just checking my delivery date."),
        ("bot", "It arrives on Friday."), region="UK", language="en")),
    _on("sms", conversation(
        "w-4", ("bot", "Hi, this is Leo, a virtual assistant."),
        ("customer", "I need to speak to a human agent please"),
        ("bot", "I can help you with that right here."),
        ("customer", "No. Get me a real person, now."),
        ("bot", "I can help you with that right here."),
        ("customer", "This is useless, let me talk to someone!!"),
        ("bot", "I can help you with that right here."), region="US-CA", language="en")),
]
EXTRA = _on("web", conversation(
    "w-5", ("bot", "Hey there, Sam here from support."),
    ("customer", "what's my phone number on file?"),
    ("bot", "It's (212) 555-0142."), region="EU", language="en"))


@dataclass(frozen=True)
class Workspace:
    """Two audits of the same input name (the second with one more conversation), a
    third of the PII fixture; signed-in clients and API tokens."""

    app: Flask
    reviewer: FlaskClient
    viewer: FlaskClient
    reviewer_headers: dict[str, str]
    viewer_headers: dict[str, str]

    def findings(self, audit_id: int) -> list[dict[str, Any]]:
        """The audit's findings as its JSON report has them."""
        document = self.reviewer.get(f"/audits/{audit_id}/report.json").get_json()
        return list(document["findings"])

    def listed(self, audit_id: int, query: str = "", *, viewer: bool = False) -> Any:
        """The API's answer for the findings list."""
        return self.app.test_client().get(
            f"/api/v1/audits/{audit_id}/findings?{query}",
            headers=self.viewer_headers if viewer else self.reviewer_headers)

    def every(self, audit_id: int, query: str = "") -> list[dict[str, Any]]:
        """Every item the filter selects, read page by page."""
        items: list[dict[str, Any]] = []
        page = 1
        while True:
            answer = self.listed(audit_id, f"{query}&per_page=7&page={page}").get_json()
            items.extend(answer["items"])
            if page >= answer["pages"]:
                assert len(items) == answer["total"]
                return items
            page += 1


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    app = _app(tmp_path_factory.mktemp("workspace") / "instance")
    reviewer = _signed_in(app)
    _upload(reviewer, (_jsonl(*CHATS), "chats.jsonl"))
    _wait(app)
    _upload(reviewer, (_jsonl(*CHATS, EXTRA), "chats.jsonl"))
    _wait(app)
    _upload(reviewer, (PII_FIXTURE.read_bytes(), "pii.jsonl"))
    _wait(app)
    with app.extensions["auditor.database"].session() as session:
        tokens = {}
        for email in ("rev@example.com", "view@example.com"):
            user = session.scalar(select(User).where(User.email == email))
            assert user is not None
            tokens[email] = {"Authorization": f"Bearer {create_token(session, user, 'ws')}"}
    yield Workspace(app, reviewer, _signed_in(app, "view@example.com"),
                    tokens["rev@example.com"], tokens["view@example.com"])
    close_app(app)


def _fingerprints(items: list[dict[str, Any]]) -> set[str]:
    return {item["fingerprint"] for item in items}


FILTERS: list[tuple[str, Callable[[dict[str, Any]], bool]]] = [
    ("check=PII", lambda f: f["code"].startswith("PII")),
    ("check=disc004", lambda f: f["code"] == "DISC004"),
    ("severity=critical", lambda f: f["severity"] == "critical"),
    ("severity=high,medium", lambda f: f["severity"] in ("high", "medium")),
    ("severity=critical&severity=high", lambda f: f["severity"] in ("critical", "high")),
    ("language=de", lambda f: (f.get("segment") or {}).get("language") == "de"),
    ("region=US-CA", lambda f: (f.get("segment") or {}).get("region") == "US-CA"),
    ("channel=sms", lambda f: (f.get("segment") or {}).get("channel") == "sms"),
    ("channel=sms&check=ESC", lambda f: (f.get("segment") or {}).get("channel") == "sms"
     and f["code"].startswith("ESC")),
    ("q=REAL+PERSON", lambda f: "real person" in (f["message"] + " ".join(
        e["excerpt"] for e in f["evidence"]) + (f["conversation_id"] or "")).lower()),
    ("q=w-4", lambda f: "w-4" in (f["conversation_id"] or "")),
    # Non-ASCII capitals match either way (SQLite's lower() folds ASCII only).
    ("q=%C3%BCber", lambda f: "über" in " ".join(e["excerpt"] for e in f["evidence"]).casefold()),
    ("q=%25", lambda f: "%" in f["message"] + " ".join(e["excerpt"] for e in f["evidence"])),
]


@pytest.mark.parametrize(("query", "wanted"), FILTERS, ids=[q for q, _ in FILTERS])
def test_each_filter_selects_what_the_report_says(workspace: Workspace, query: str,
                                                   wanted: Callable[[dict[str, Any]], bool]
                                                   ) -> None:
    findings = workspace.findings(1)
    expected = {f["fingerprint"] for f in findings if wanted(f)}
    assert expected or query == "q=%25"  # a wildcard matches only itself
    assert _fingerprints(workspace.every(1, query)) == expected
    page = workspace.reviewer.get(f"/audits/1/findings?{query}&per_page=200")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f'<span id="total">{len(expected)}</span>' in html
    assert set(re.findall(r'name="fingerprint" value="([^"]+)"', html)) == expected


def test_the_audit_has_findings_in_every_area_the_filters_need(workspace: Workspace) -> None:
    """The conversations are built to give each filter something to select."""
    codes = {f["code"][:3] for f in workspace.findings(1)}
    assert {"PII", "DIS", "ESC"} <= codes
    segments = {json.dumps(f["segment"], sort_keys=True) for f in workspace.findings(1)}
    assert len(segments) >= 2  # w-3 is fine, so it has none


def test_pages_and_sorts_cover_every_finding_once(workspace: Workspace) -> None:
    everything = workspace.findings(3)
    listed = workspace.every(3)
    assert [item["fingerprint"] for item in listed] == [f["fingerprint"] for f in everything]
    by_check = workspace.every(3, "sort=check")
    assert [item["code"] for item in by_check] == sorted(item["code"] for item in listed)
    by_conversation = workspace.every(3, "sort=conversation")
    ids = [item["conversation_id"] or "" for item in by_conversation]
    assert ids == sorted(ids) and len(by_conversation) == len(listed)


def test_new_findings_are_those_the_previous_audit_of_the_same_inputs_lacked(
        workspace: Workspace) -> None:
    before = _fingerprints(workspace.findings(1))
    after = workspace.findings(2)
    new = {f["fingerprint"] for f in after if f["fingerprint"] not in before}
    assert new and any(f["conversation_id"] == "w-5" for f in after
                       if f["fingerprint"] in new)
    assert _fingerprints(workspace.every(2, "new=yes")) == new
    assert _fingerprints(workspace.every(2, "new=no")) == _fingerprints(after) - new
    assert workspace.listed(1, "new=yes").get_json()["total"] == 0  # nothing to compare with
    assert workspace.listed(3, "new=no").get_json()["total"] == 0  # other inputs


@pytest.mark.parametrize("query", ["severity=urgent", "state=done", "sort=colour", "page=0",
                                   "page=x", "per_page=100000", "new=maybe", "page=%C2%B2",
                                   "per_page=%E2%91%A0", "q=%00", "check=" + "P" * 21,
                                   # One value each: given twice, neither is guessed at.
                                   "sort=&sort=time", "check=PII&check=ESC", "q=a&q=b",
                                   "page=1&page=2", "new=yes&new=no", "channel=web&channel=x"])
def test_a_filter_it_cannot_use_is_a_clear_400(workspace: Workspace, query: str) -> None:
    answer = workspace.listed(1, query)
    assert answer.status_code == 400
    name = query.split("=")[0]
    assert name.replace("_", " ").split()[0] in answer.get_json()["detail"].replace("_", " ")
    assert workspace.reviewer.get(f"/audits/1/findings?{query}").status_code == 400


def test_the_list_of_an_audit_without_a_report_is_409_and_of_none_404(
        workspace: Workspace) -> None:
    assert workspace.listed(99).status_code == 404
    with workspace.app.extensions["auditor.database"].session() as session:
        user = session.scalar(select(User).where(User.email == "rev@example.com"))
        assert user is not None
        session.add(Audit(organisation_id=only_organisation(session),
                          created_by_id=user.id))  # queued, with no runner to claim it
    workspace.app.extensions["auditor.runner"].shutdown()
    assert workspace.listed(4).status_code in (404, 409)


def _bulk(client: FlaskClient, audit_id: int, **fields: Any) -> Any:
    data = {"csrf_token": _csrf(client, f"/audits/{audit_id}/findings"), **fields}
    return client.post(f"/audits/{audit_id}/triage", data=data)


def _states(workspace: Workspace, audit_id: int) -> dict[str, str]:
    return {item["fingerprint"]: item["state"] for item in workspace.every(audit_id)}


def test_three_findings_marked_false_positive_in_one_bulk_action_each_get_a_trail(
        workspace: Workspace) -> None:
    ticked = [item["fingerprint"] for item in workspace.every(3, "check=PII")][:3]
    response = _bulk(workspace.reviewer, 3, fingerprint=ticked, state="false_positive",
                     comment="synthetic test values", scope="ticked",
                     next="/audits/3/findings?check=PII")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/audits/3/findings?check=PII")
    page = workspace.reviewer.get(response.headers["Location"]).get_data(as_text=True)
    assert "3 findings marked false positive" in page
    states = _states(workspace, 3)
    assert [states[fp] for fp in ticked] == ["false_positive"] * 3
    assert list(states.values()).count("false_positive") == 3
    with workspace.app.extensions["auditor.database"].session() as session:
        events = session.scalars(select(FindingEvent).where(
            FindingEvent.fingerprint.in_(ticked))).all()
        assert sorted(e.fingerprint for e in events) == sorted(ticked)
        assert {(e.action, e.from_value, e.to_value, e.text, e.user and e.user.email, e.audit_id)
                for e in events} == {("state", "open", "false_positive",
                                      "synthetic test values", "rev@example.com", 3)}
    assert workspace.listed(3, "state=false_positive").get_json()["total"] == 3
    open_total = workspace.listed(3, "state=open").get_json()["total"]
    assert open_total == len(states) - 3


def test_a_bulk_action_on_a_filter_changes_every_match_and_nothing_else(
        workspace: Workspace) -> None:
    matching = _fingerprints(workspace.every(1, "check=ESC"))
    others = _fingerprints(workspace.every(1)) - matching
    assert matching and others
    response = _bulk(workspace.reviewer, 1, scope="filter", filter_check="ESC",
                     state="confirmed", comment="the bot loops", per_page="2")
    assert response.status_code == 302
    states = _states(workspace, 1)
    assert {states[fp] for fp in matching} == {"confirmed"}
    assert {states[fp] for fp in others} == {"open"}


def test_a_change_without_a_reason_or_by_a_viewer_changes_nothing(
        workspace: Workspace) -> None:
    fingerprint = workspace.every(1, "check=DISC")[0]["fingerprint"]
    before = _states(workspace, 1)
    response = _bulk(workspace.reviewer, 1, fingerprint=fingerprint, state="fixed",
                     comment=" ", scope="ticked")
    assert "Nothing changed: say why" in workspace.reviewer.get(
        response.headers["Location"]).get_data(as_text=True)
    assert _bulk(workspace.viewer, 1, fingerprint=fingerprint, state="fixed",
                 comment="x", scope="ticked").status_code == 403
    nothing = _bulk(workspace.reviewer, 1, scope="ticked", state="fixed", comment="x")
    assert "tick at least one finding" in workspace.reviewer.get(
        nothing.headers["Location"]).get_data(as_text=True)
    assert _states(workspace, 1) == before


def test_assignee_and_comments_make_the_findings_thread(workspace: Workspace) -> None:
    fingerprint = workspace.every(2, "check=DISC")[0]["fingerprint"]
    client = workspace.reviewer
    _bulk(client, 2, fingerprint=fingerprint, assignee="rev@example.com", scope="ticked")
    refused = _bulk(client, 2, fingerprint=fingerprint, assignee="view@example.com",
                    scope="ticked")
    assert "not a reviewer here" in client.get(refused.headers["Location"]).get_data(
        as_text=True)
    page_path = f"/audits/2/findings/{fingerprint}"
    client.post(f"{page_path}/comments", data={"csrf_token": _csrf(client, page_path),
                                               "text": "Checked <b>with</b> the vendor."})
    html = client.get(page_path).get_data(as_text=True)
    assert "Assigned to rev@example.com" in html
    assert "Checked &lt;b&gt;with&lt;/b&gt; the vendor." in html  # escaped
    answer = workspace.app.test_client().get(f"/api/v1/audits/2/findings/{fingerprint}",
                                             headers=workspace.viewer_headers).get_json()
    assert answer["triage"]["assignee"] == "rev@example.com"
    assert [(e["action"], e["by"]) for e in answer["history"]] == [
        ("assignee", "rev@example.com"), ("comment", "rev@example.com")]
    assert workspace.listed(2, "assignee=rev@example.com").get_json()["items"][0][
        "fingerprint"] == fingerprint


def test_the_api_triages_by_fingerprint_or_filter(workspace: Workspace) -> None:
    client = workspace.app.test_client()
    url = "/api/v1/audits/2/triage"
    target = workspace.every(2, "check=PII")
    answer = client.post(url, headers=workspace.reviewer_headers, json={
        "fingerprints": [target[0]["fingerprint"]], "state": "accepted_risk",
        "reason": "legacy export", "expires": "2099-01-01"})
    assert answer.status_code == 200 and answer.get_json() == {"selected": 1, "changed": 1}
    answer = client.post(url, headers=workspace.reviewer_headers, json={
        "filter": {"check": "PII", "state": ["open"]}, "state": "confirmed",
        "reason": "real leak"})
    assert answer.get_json()["changed"] == len(target) - 1
    for body, problem in (({"state": "confirmed", "reason": "x"}, "either fingerprints"),
                          ({"fingerprints": [], "state": "fixed", "reason": "x"},
                           "non-empty list"),
                          ({"filter": {"severity": "urgent"}, "state": "fixed",
                            "reason": "x"}, "unknown severity"),
                          ({"fingerprints": ["x"], "state": "open", "reason": "x",
                            "expires": "2099-01-01"}, "only to a false positive"),
                          ({"fingerprints": ["0" * 16], "state": "fixed", "reason": "x"},
                           "no finding of this audit"),
                          # Text no database column can hold (PostgreSQL refuses NUL and
                          # lone surrogates): a clear 400, never a server error.
                          ({"fingerprints": ["a\x00b", "\ud8b1"], "state": "fixed",
                            "reason": "x"}, "no finding of this audit"),
                          ({"fingerprints": [target[0]["fingerprint"]],
                            "assignee": "\x00rev@example.com"}, "control character"),
                          ({"fingerprints": [target[0]["fingerprint"]],
                            "assignee": "rev\ud8ee@example.com"}, "not UTF-8"),
                          ({"filter": {"q": "a\ud8ee"}, "state": "fixed", "reason": "x"},
                           "not UTF-8")):
        refused = client.post(url, headers=workspace.reviewer_headers, json=body)
        assert refused.status_code == 400 and problem in refused.get_json()["detail"], body
    # A reason keeps what can be stored: the NUL and the lone surrogate go.
    kept = client.post(url, headers=workspace.reviewer_headers, json={
        "fingerprints": [target[0]["fingerprint"]], "state": "fixed",
        "reason": "fixed\x00 in \ud8eerelease 2"})
    assert kept.status_code == 200, kept.get_json()
    assert client.post(url, headers=workspace.viewer_headers, json={
        "fingerprints": ["x"], "state": "fixed", "reason": "x"}).status_code == 403


def test_confirmed_findings_export_as_csv_and_json_with_the_documented_columns(
        workspace: Workspace) -> None:
    fingerprint = workspace.every(3, "state=open")[0]["fingerprint"]
    _bulk(workspace.reviewer, 3, fingerprint=fingerprint, state="confirmed",
          comment="=HYPERLINK(\"http://example.com\")", scope="ticked")
    confirmed = _fingerprints(workspace.every(3, "state=confirmed"))
    assert fingerprint in confirmed
    response = workspace.viewer.get("/audits/3/findings.csv?state=confirmed")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == [name for name, _ in EXPORT_COLUMNS]
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert {r["fingerprint"] for r in records} == confirmed
    assert {r["state"] for r in records} == {"confirmed"}
    mine = next(r for r in records if r["fingerprint"] == fingerprint)
    assert mine["reason"].startswith("'=HYPERLINK")  # a spreadsheet shows it as text
    assert mine["triaged_by"] == "rev@example.com"
    assert mine["url"].endswith(f"/audits/3/findings/{fingerprint}")
    exported = workspace.viewer.get("/audits/3/findings.json?state=confirmed").get_json()
    assert {item["fingerprint"] for item in exported["findings"]} == confirmed
    assert set(exported["findings"][0]) == {name for name, _ in EXPORT_COLUMNS}


def test_no_raw_personal_data_in_the_list_the_api_or_the_exports(
        workspace: Workspace) -> None:
    raw = {"kim.lee@example.com", "5555 5555 5555 4444", "555-0142"}
    for line in PII_FIXTURE.read_text("utf-8").splitlines():
        text = json.loads(line).get("text", "")
        raw.update(re.findall(r"[\w.+-]+@[\w-]+\.\w+|\b\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{4}\b",
                              text))
    shown = ""
    for audit_id in (1, 2, 3):
        shown += workspace.reviewer.get(f"/audits/{audit_id}/findings?per_page=200").get_data(
            as_text=True)
        shown += workspace.reviewer.get(f"/audits/{audit_id}").get_data(as_text=True)
        shown += workspace.listed(audit_id, "per_page=200").get_data(as_text=True)
        shown += workspace.reviewer.get(f"/audits/{audit_id}/findings.csv").get_data(
            as_text=True)
        shown += workspace.reviewer.get(f"/audits/{audit_id}/findings.json").get_data(
            as_text=True)
    assert len(raw) >= 5
    assert not sorted(value for value in raw if value in shown)


def test_the_audit_page_leads_with_the_verdict_and_a_row_per_area(
        workspace: Workspace) -> None:
    html = workspace.viewer.get("/audits/1").get_data(as_text=True)
    verdict = html.index('id="verdict"')
    assert verdict < html.index('id="areas"')
    assert re.search(r'id="verdict">(failed|passed|inconclusive)<', html)
    for pack in ("DISC", "PII", "FAIR", "ESC"):
        assert f'id="area-{pack}"' in html
    assert "/audits/1/findings?check=ESC" in html
    assert "Getting a person" in html and "Personal data" in html


def test_the_noisy_checks_page_counts_confirmed_and_false_positives(
        workspace: Workspace) -> None:
    with workspace.app.extensions["auditor.database"].session() as session:
        rows = session.scalars(select(Triage)).all()
        expected: dict[str, dict[str, int]] = {}
        for row in rows:
            if row.kind.value in ("confirmed", "false_positive"):
                cell = expected.setdefault(row.code, {"confirmed": 0, "false_positive": 0})
                cell[row.kind.value] += 1
    assert expected
    page = workspace.viewer.get("/checks/noise")
    assert page.status_code == 200
    lines = list(csv.DictReader(io.StringIO(
        workspace.viewer.get("/checks/noise.csv").get_data(as_text=True))))
    overall = {line["code"]: line for line in lines if line["month"] == "all"}
    for code, counts in expected.items():
        assert int(overall[code]["confirmed"]) == counts["confirmed"], code
        assert int(overall[code]["false_positive"]) == counts["false_positive"], code
    assert any(line["month"] != "all" for line in lines)


def test_an_audit_stored_before_finding_rows_is_indexed_when_first_listed(
        workspace: Workspace) -> None:
    expected = workspace.every(3)
    with workspace.app.extensions["auditor.database"].session() as session:
        session.execute(delete(FindingRow).where(FindingRow.audit_id == 3))
        session.execute(update(Audit).where(Audit.id == 3).values(
            findings_indexed=False, overview_json=None))
    assert workspace.every(3) == expected
    assert 'id="verdict"' in workspace.viewer.get("/audits/3").get_data(as_text=True)


def test_a_fixed_finding_found_again_is_reopened_with_a_note_in_its_history(
        workspace: Workspace) -> None:
    from auditor.web.finding_store import store_new_result

    fingerprint = workspace.every(1, "check=DISC")[-1]["fingerprint"]
    _bulk(workspace.reviewer, 1, fingerprint=fingerprint, state="fixed",
          comment="prompt updated", scope="ticked")
    assert _states(workspace, 1)[fingerprint] == "fixed"
    finding = next(f for f in workspace.findings(1) if f["fingerprint"] == fingerprint)
    database = workspace.app.extensions["auditor.database"]
    with database.session() as session:
        user = session.scalar(select(User).where(User.email == "rev@example.com"))
        assert user is not None
        audit = Audit(organisation_id=only_organisation(session),
                      created_by_id=user.id, input_names=["other.jsonl"])
        session.add(audit)
        session.flush()
        store_new_result(audit.id, {"findings": [finding]}, session.connection())
    answer = workspace.app.test_client().get(
        f"/api/v1/audits/1/findings/{fingerprint}", headers=workspace.viewer_headers).get_json()
    assert answer["triage"]["state"] == "open"
    last = answer["history"][-1]
    assert (last["action"], last["from"], last["to"], last["by"]) == ("state", "fixed", "open",
                                                                     None)
    assert last["text"] == f"Found again in audit {audit.id}."
    page = workspace.viewer.get(f"/audits/1/findings/{fingerprint}").get_data(as_text=True)
    assert "the auditor" in page and "Found again in audit" in page


def _store(workspace: Workspace, document: dict[str, Any], names: list[str]) -> int:
    """An audit finished with `document` as its result, stored as a job stores one."""
    from auditor.web.finding_store import overview_of, store_new_result
    from auditor.web.models import Status

    with workspace.app.extensions["auditor.database"].session() as session:
        user = session.scalar(select(User).where(User.email == "rev@example.com"))
        assert user is not None
        audit = Audit(organisation_id=only_organisation(session),
                      created_by_id=user.id, input_names=names, status=Status.DONE,
                      result_json=json.dumps(document), overview_json=overview_of(document),
                      findings_indexed=True, findings_count=len(document["findings"]))
        session.add(audit)
        session.flush()
        store_new_result(audit.id, document, session.connection())
        return audit.id


def _finding(fingerprint: str, code: str = "PII001") -> dict[str, Any]:
    return {"code": code, "check": "c", "severity": "high", "conversation_id": "z-1",
            "turn_index": 1, "timestamp": None, "message": "Something leaked.",
            "evidence": [], "data": {}, "references": [], "fingerprint": fingerprint,
            "source": None, "blocks_gate": False}


def test_a_suppressed_finding_is_listed_by_its_state_and_opens_and_counts_as_seen(
        workspace: Workspace) -> None:
    seen, fresh = "ab" * 8, "cd" * 8
    suppressed = {**_finding(seen), "justification": "test data", "kind": "false_positive",
                  "accepted_by": "rev@example.com", "expires": None}
    first = _store(workspace, {"findings": [], "suppressed": [suppressed]}, ["s.jsonl"])
    with workspace.app.extensions["auditor.database"].session() as session:
        user = session.scalar(select(User).where(User.email == "rev@example.com"))
        from auditor.web.models import TriageKind
        from auditor.web.triage_changes import TriageChange, change_triage

        assert user is not None
        change_triage(session, user, first, [(seen, "PII001", "z-1")],
                      TriageChange(TriageKind.FALSE_POSITIVE, None, "test data"))
    assert workspace.listed(first).get_json()["total"] == 0  # not counted, not listed
    [item] = workspace.listed(first, "state=false_positive").get_json()["items"]
    assert item["fingerprint"] == seen
    page = workspace.viewer.get(f"/audits/{first}/findings/{seen}")
    assert page.status_code == 200 and "set the finding aside" in page.get_data(as_text=True)
    # Counted again in a later audit of the same file, it is not new: it was seen.
    second = _store(workspace, {"findings": [_finding(seen), _finding(fresh)],
                                "suppressed": []}, ["s.jsonl"])
    assert _fingerprints(workspace.every(second, "new=yes")) == {fresh}


def test_an_old_audit_indexed_late_reopens_nothing(workspace: Workspace) -> None:
    fingerprint = workspace.every(3, "state=open")[-1]["fingerprint"]
    _bulk(workspace.reviewer, 3, fingerprint=fingerprint, state="fixed", comment="done",
          scope="ticked")
    with workspace.app.extensions["auditor.database"].session() as session:
        session.execute(delete(FindingRow).where(FindingRow.audit_id == 3))
        session.execute(update(Audit).where(Audit.id == 3).values(findings_indexed=False))
    assert workspace.viewer.get("/audits/3").status_code == 200  # indexes it again
    assert _states(workspace, 3)[fingerprint] == "fixed"


def test_forms_return_only_to_this_site(workspace: Workspace) -> None:
    fingerprint = workspace.every(1)[0]["fingerprint"]
    for target in ("/\t/evil.com", "//evil.com", "https://evil.com/", "/\\evil.com",
                   "/x\r\nSet-Cookie: a=b"):
        response = _bulk(workspace.reviewer, 1, fingerprint=fingerprint, comment="",
                         assignee="rev@example.com", scope="ticked", next=target)
        assert response.status_code == 302
        assert response.headers["Location"] == "/audits/1/findings", target
    client = workspace.app.test_client()
    token = _csrf(client, "/login")
    signed_in = client.post("/login?next=/%09/evil.com", data={
        "email": "view@example.com", "password": PASSWORD, "csrf_token": token})
    assert signed_in.headers["Location"] == "/"


def test_a_finding_can_be_unassigned_and_reviewer_text_is_redacted(
        workspace: Workspace) -> None:
    fingerprint = workspace.every(1, "check=ESC")[0]["fingerprint"]
    client = workspace.reviewer
    _bulk(client, 1, fingerprint=fingerprint, assignee="rev@example.com", scope="ticked")
    _bulk(client, 1, fingerprint=fingerprint, assignee="-", scope="ticked")
    path = f"/audits/1/findings/{fingerprint}"
    client.post(f"{path}/comments", data={
        "csrf_token": _csrf(client, path),
        "text": "Customer jane.doe@example.com paid with 4111 1111 1111 1111."})
    answer = workspace.app.test_client().get(f"/api/v1{path}",
                                             headers=workspace.viewer_headers).get_json()
    assert answer["triage"]["assignee"] is None
    assert [e["action"] for e in answer["history"]][-3:] == ["assignee", "assignee",
                                                              "comment"]
    shown = json.dumps(answer) + client.get(path).get_data(as_text=True)
    assert "jane.doe@example.com" not in shown and "4111 1111 1111 1111" not in shown
    refused = workspace.app.test_client().post(
        "/api/v1/audits/1/triage", headers=workspace.reviewer_headers,
        json={"fingerprints": [fingerprint], "state": "accepted_risk", "reason": "x",
              "expires": "20990101"})
    assert refused.status_code == 400 and "YYYY-MM-DD" in refused.get_json()["detail"]
