"""The REST API for scripts and CI: token-authenticated, no cookies, no CSRF.

    POST /api/v1/audits                  multipart: transcripts, decisions, policy -> 202
    GET  /api/v1/audits/<id>             status, progress and summary
    POST /api/v1/audits/<id>/cancel      stop a queued or running audit
    GET  /api/v1/audits/<id>/findings    the findings, filtered, searched, sorted, paged
    POST /api/v1/audits/<id>/triage      change the triage of findings, in bulk
    GET  /api/v1/audits/<id>/findings/<fingerprint>  one finding in its redacted conversation
    GET  /api/v1/audits/<id>/report.<fmt>  json, html, pdf, junit, sarif, md
    GET  /api/v1/openapi.json            this API described as OpenAPI 3.1
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any

from flask import Blueprint, Response, jsonify, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from auditor.web.extensions import ID_RULE, db_session, token_check, token_user
from auditor.web.finding_context import FINGERPRINT, finding_context
from auditor.web.finding_list import (
    FilterError,
    FindingFilter,
    list_findings,
    matching_rows,
    rows_by_fingerprint,
)
from auditor.web.finding_store import audit_overview, ensure_indexed
from auditor.web.models import Audit, FindingRow, Status, Triage
from auditor.web.openapi import openapi_document
from auditor.web.organisations import visible_audit
from auditor.web.reports import finished_audit, report_response, result_document, served_formats
from auditor.web.submission import cancel_audit, start_audit
from auditor.web.triage_changes import TriageError, change_triage, history, parse_change
from auditor.web.uploads import UploadError

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")


def is_api_request() -> bool:
    """Whether this request is for the API, whose errors are JSON, not HTML pages
    (the app's error handler asks, so errors raised before routing count too)."""
    prefix = blueprint.url_prefix or ""
    return request.path == prefix or request.path.startswith(prefix + "/")


def problem(status: int, detail: str) -> tuple[Response, int]:
    """An error as the API documents it: `{"status": ..., "detail": ...}`."""
    response = jsonify({"status": status, "detail": detail})
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="auditor"'
    return response, status


def token_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """`Authorization: Bearer <token>`; 401 without a live one, saying whether it is
    missing, unknown, expired or revoked (a session cookie does not count: the API is
    for scripts, and cookies would need CSRF protection)."""
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        check = token_check()
        if check.user is None:
            return problem(401, check.problem)
        return view(*args, **kwargs)
    return wrapped


def _status(audit: Audit) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": audit.id, "status": audit.status.value,
        "created_at": audit.created_at.isoformat().replace("+00:00", "Z"),
        "created_by": audit.created_by.email, "policy": audit.policy_name,
        "inputs": audit.input_names,
        "progress": {"done": audit.progress_done, "total": audit.progress_total},
        "error": audit.error,
    }
    if audit.status.value == "done":
        ensure_indexed(db_session(), audit)
        summary = audit_overview(audit).get("summary") or {}
        document["summary"] = {"verdict": summary.get("verdict"),
                               "overall_score": audit.overall_score, "grade": audit.grade,
                               "passed": audit.passed, "findings": audit.findings_count,
                               "gate_reasons": summary.get("gate_reasons") or [],
                               "inconclusive_reasons": summary.get("inconclusive_reasons") or []}
        document["reports"] = {fmt: url_for("api.report", audit_id=audit.id, fmt=fmt,
                                            _external=True)
                               for fmt in served_formats()}
    return document


@blueprint.route("/audits", methods=["POST"])
@token_required
def create() -> tuple[Response, int]:
    """Start an audit; 202 with its id and where to poll."""
    user = token_user()
    if user is None or not user.role.can_audit:
        return problem(403, "this token's user is a viewer and cannot start audits")
    try:
        audit = start_audit(user, request.files.getlist("transcripts"),
                            request.files.getlist("decisions"),
                            request.form.get("policy", "default"),
                            organisation=request.form.get("organisation"))
    except UploadError as error:
        return problem(400, str(error))
    response = jsonify(_status(audit))
    response.headers["Location"] = url_for("api.status", audit_id=audit.id)
    return response, 202


@blueprint.route(f"/audits/<{ID_RULE}:audit_id>")
@token_required
def status(audit_id: int) -> Response | tuple[Response, int]:
    """Status, progress and, when done, the summary and report links."""
    audit = visible_audit(db_session(), token_user(), audit_id)
    if audit is None:
        return problem(404, f"no audit {audit_id}")
    return jsonify(_status(audit))


@blueprint.route(f"/audits/<{ID_RULE}:audit_id>/cancel", methods=["POST"])
@token_required
def cancel(audit_id: int) -> Response | tuple[Response, int]:
    """Cancel a queued or running audit (its uploads deleted, no report); 409 when it
    had already ended."""
    user = token_user()
    if user is None or not user.role.can_audit:
        return problem(403, "this token's user is a viewer and cannot cancel audits")
    audit = visible_audit(db_session(), user, audit_id)
    if audit is None:
        return problem(404, f"no audit {audit_id}")
    if not cancel_audit(user, audit):
        return problem(409, f"audit {audit_id} had already ended ({audit.status.value})")
    return jsonify(_status(audit))


@blueprint.route(f"/audits/<{ID_RULE}:audit_id>/findings")
@token_required
def findings(audit_id: int) -> Response | tuple[Response, int]:
    """A page of the audit's findings: the list page's filters as query arguments."""
    audit = finished_audit(audit_id, token_user())
    session = db_session()
    ensure_indexed(session, audit)
    try:
        wanted = FindingFilter.from_args(request.args)
    except FilterError as error:
        return problem(400, str(error))
    page = list_findings(session, audit_id, wanted)
    return jsonify({"items": [item.to_dict() for item in page.items], "total": page.total,
                    "page": page.page, "per_page": page.per_page, "pages": page.pages})


@blueprint.route(f"/audits/<{ID_RULE}:audit_id>/triage", methods=["POST"])
@token_required
def triage_findings(audit_id: int) -> Response | tuple[Response, int]:
    """Change the triage of the findings a JSON body names (`fingerprints`, or `filter`:
    the list's query arguments as an object), with `state`, `assignee`, `reason` and
    `expires`; the number selected and the number changed."""
    user = token_user()
    if user is None or not user.role.can_audit:
        return problem(403, "this token's user is a viewer and cannot triage findings")
    audit = finished_audit(audit_id, user)
    session = db_session()
    ensure_indexed(session, audit)
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return problem(400, "send a JSON object")
    for name in ("state", "reason", "expires"):  # given, each must say something
        if name in body and not str(body[name]).strip():
            return problem(400, f"{name} is empty")
    try:
        change = parse_change(session, state=_text(body, "state"),
                              assignee=_text(body, "assignee"), reason=_text(body, "reason"),
                              expires=_text(body, "expires"),
                              organisation_id=audit.organisation_id)
        rows = _selected(session, audit_id, body)
    except (TriageError, FilterError) as error:
        return problem(400, str(error))
    changed = change_triage(session, user, audit_id, rows, change)
    return jsonify({"selected": len(rows), "changed": changed})


def _text(body: dict[str, Any], name: str) -> str | None:
    if name not in body:
        return None
    value = body[name]
    if not isinstance(value, str):
        raise TriageError(f"{name} must be a string")
    return value


def _selected(session: Session, audit_id: int, body: dict[str, Any]) -> list[FindingRow]:
    if ("fingerprints" in body) == ("filter" in body):
        raise TriageError("name the findings: either fingerprints or filter")
    fingerprints, wanted = body.get("fingerprints"), body.get("filter")
    if "fingerprints" in body:
        if not isinstance(fingerprints, list) or not all(
                isinstance(item, str) for item in fingerprints) or not fingerprints:
            raise TriageError("fingerprints must be a non-empty list of strings")
        rows = rows_by_fingerprint(session, audit_id, fingerprints)
    else:
        if not isinstance(wanted, dict):
            raise TriageError("filter must be an object of the list's query arguments")
        arguments: MultiDict[str, str] = MultiDict()
        for name, value in wanted.items():
            for item in value if isinstance(value, list) else [value]:
                arguments.add(str(name), str(item))
        rows = matching_rows(session, audit_id, FindingFilter.from_args(arguments))
    if not rows:
        raise TriageError("no finding of this audit was selected")
    return rows


@blueprint.route(f"/audits/<{ID_RULE}:audit_id>/findings/<fingerprint>")
@token_required
def finding(audit_id: int, fingerprint: str) -> Response | tuple[Response, int]:
    """A finding with its check, its redacted conversation (flagged turns and evidence
    marked), the conversation's other findings, its triage and its history."""
    audit = visible_audit(db_session(), token_user(), audit_id)
    if audit is None:
        return problem(404, f"no audit {audit_id}")
    context = finding_context(result_document(audit), fingerprint) \
        if audit.status is Status.DONE and FINGERPRINT.match(fingerprint) else None
    if context is None:
        return problem(404, f"audit {audit_id} has no finding with that fingerprint")
    session = db_session()
    triage = session.scalar(select(Triage).where(
        Triage.organisation_id == audit.organisation_id, Triage.fingerprint == fingerprint))
    check = context.check or {}
    return jsonify({
        "finding": context.finding,
        "check": {key: check.get(key) for key in
                  ("code", "title", "description", "remediation", "references")},
        "conversation": None if context.turns is None else {
            "conversation_id": context.finding.get("conversation_id"),
            "channel": context.channel, "language": context.language,
            "turns": [turn.to_dict() for turn in context.turns]},
        "not_kept_reason": context.not_kept_reason,
        "other_findings": [{key: other.get(key) for key in
                            ("fingerprint", "code", "severity", "turn_index", "message")}
                           for other in context.others],
        "triage": None if triage is None else {
            "state": triage.kind.value, "comment": triage.comment,
            "by": triage.accepted_by.email,
            "at": _time(triage.created_at),
            "expires": triage.expires.isoformat() if triage.expires else None,
            "assignee": triage.assignee.email if triage.assignee else None},
        "history": [{"at": _time(event.at), "by": event.user.email if event.user else None,
                     "action": event.action,
                     "from": event.from_value, "to": event.to_value, "text": event.text}
                    for event in history(session, audit.organisation_id, fingerprint)],
    })


def _time(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


@blueprint.route(f"/audits/<{ID_RULE}:audit_id>/report.<fmt>")
@token_required
def report(audit_id: int, fmt: str) -> Response | tuple[Response, int]:
    """A finished audit's report (409 while it runs)."""
    user = token_user()
    if user is None:  # token_required has checked; this satisfies the type checker
        return problem(401, token_check().problem)
    return report_response(audit_id, fmt, user)


@blueprint.route("/openapi.json")
def openapi() -> Response:
    """The API's OpenAPI 3.1 description (public: it holds no data)."""
    return jsonify(openapi_document())
