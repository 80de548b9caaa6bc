"""Serving a finished audit's report in any format, and logging who looked at it.

Reports are rendered from the stored (redacted) result JSON by the same renderers
the command line uses; an audit that is not done has no report (404), so a half
report is never served.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Response, abort, request

from auditor.web.extensions import db_session
from auditor.web.models import AccessEntry, Audit, Status, User
from auditor.web.security import report_headers

# The formats served: every registered one but the workflow annotations, which only
# mean something on a CI runner's standard output. HTML is viewed, the rest downloaded.
NOT_SERVED = frozenset({"github"})


def served_formats() -> tuple[str, ...]:
    """The report formats the web app and API serve (from the renderer registry)."""
    from auditor.render import formats

    return tuple(fmt for fmt in formats() if fmt not in NOT_SERVED)


def finished_audit(audit_id: int) -> Audit:
    """The audit, or 404; 409 when it has no report yet (or failed)."""
    audit = db_session().get(Audit, audit_id)
    if audit is None:
        abort(404)
    if audit.status is not Status.DONE or audit.result_json is None:
        abort(409, f"Audit {audit_id} is {audit.status.value}; it has no report.")
    return audit


def result_document(audit: Audit) -> dict[str, Any]:
    """The stored result JSON."""
    return dict(json.loads(audit.result_json or "{}"))


def report_response(audit_id: int, fmt: str, user: User) -> Response:
    """The report in `fmt`, with the access logged."""
    from auditor.render import render, renderer_for

    if fmt not in served_formats():
        abort(404)
    from auditor.document import ResultDocumentError

    renderer = renderer_for(fmt)
    audit = finished_audit(audit_id)
    try:
        body = render(result_document(audit), fmt)
    except ResultDocumentError:
        # A result stored by an older version, whose schema this one does not read.
        abort(409, f"Audit {audit_id} was stored in an older result format; run it again "
                   "to get its report.")
    log_access(audit, user, "view" if fmt == "html" else "download", fmt)
    response = Response(body, mimetype=renderer.media_type)
    disposition = "inline" if fmt == "html" else "attachment"
    response.headers["Content-Disposition"] = (
        f'{disposition}; filename="audit-{audit.id}-report.{renderer.extension}"')
    return report_headers(response)


def log_access(audit: Audit, user: User, action: str, fmt: str) -> None:
    """Write who viewed or downloaded which report, in the request's transaction."""
    db_session().add(AccessEntry(user_id=user.id, audit_id=audit.id, action=action,
                                 report_format=fmt, remote_addr=request.remote_addr))
