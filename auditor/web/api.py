"""The REST API for scripts and CI: token-authenticated, no cookies, no CSRF.

    POST /api/v1/audits                  multipart: transcripts, decisions, policy -> 202
    GET  /api/v1/audits/<id>             status, progress and summary
    GET  /api/v1/audits/<id>/report.<fmt>  json, html, pdf, junit, sarif, md
    GET  /api/v1/openapi.json            this API described as OpenAPI 3.1
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Blueprint, Response, jsonify, request, url_for
from werkzeug.exceptions import HTTPException

from auditor.web.extensions import db_session, token_user
from auditor.web.models import Audit
from auditor.web.openapi import openapi_document
from auditor.web.reports import report_response, result_document, served_formats
from auditor.web.submission import start_audit
from auditor.web.uploads import UploadError

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")


def _problem(status: int, detail: str) -> tuple[Response, int]:
    return jsonify({"status": status, "detail": detail}), status


@blueprint.errorhandler(HTTPException)
def _http_error(error: HTTPException) -> tuple[Response, int]:
    """Errors as JSON, not HTML pages."""
    return _problem(error.code or 500, error.description or error.name)


def token_required(view: Callable[..., Any]) -> Callable[..., Any]:
    """`Authorization: Bearer <token>`; 401 without a valid one (a session cookie does
    not count: the API is for scripts, and cookies would need CSRF protection)."""
    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if token_user() is None:
            response, status = _problem(401, "a valid API token is required: send "
                                             "'Authorization: Bearer <token>'")
            response.headers["WWW-Authenticate"] = 'Bearer realm="auditor"'
            return response, status
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
        summary = result_document(audit).get("summary") or {}
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
        return _problem(403, "this token's user is a viewer and cannot start audits")
    try:
        audit = start_audit(user, request.files.getlist("transcripts"),
                            request.files.getlist("decisions"),
                            request.form.get("policy", "default"))
    except UploadError as error:
        return _problem(400, str(error))
    response = jsonify(_status(audit))
    response.headers["Location"] = url_for("api.status", audit_id=audit.id)
    return response, 202


@blueprint.route("/audits/<int:audit_id>")
@token_required
def status(audit_id: int) -> Response | tuple[Response, int]:
    """Status, progress and, when done, the summary and report links."""
    audit = db_session().get(Audit, audit_id)
    if audit is None:
        return _problem(404, f"no audit {audit_id}")
    return jsonify(_status(audit))


@blueprint.route("/audits/<int:audit_id>/report.<fmt>")
@token_required
def report(audit_id: int, fmt: str) -> Response:
    """A finished audit's report (409 while it runs)."""
    user = token_user()
    if user is None:  # token_required has checked; this satisfies the type checker
        return _problem(401, "a valid API token is required")[0]
    return report_response(audit_id, fmt, user)


@blueprint.route("/openapi.json")
def openapi() -> Response:
    """The API's OpenAPI 3.1 description (public: it holds no data)."""
    return jsonify(openapi_document())
