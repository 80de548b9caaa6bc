"""Serving a finished audit's report in any format, and logging who looked at it.

Reports are rendered from the stored (redacted) result JSON by the same renderers
the command line uses; an audit that is not done has no report (404), so a half
report is never served.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from flask import Response, abort, request

from auditor.web.extensions import MAX_ID, db_session
from auditor.web.models import AccessEntry, Audit, Status, User
from auditor.web.security import report_headers

# The formats served: every registered one but the workflow annotations, which only
# mean something on a CI runner's standard output. HTML is viewed, the rest downloaded.
NOT_SERVED = frozenset({"github"})


class RenderedReports:
    """Recently rendered reports, by result and format, up to `max_bytes` in all.

    A done audit's result never changes and renderers give the same bytes for the same
    result, so a report viewed again (or a PDF downloaded twice, seconds of WeasyPrint
    each) is served from here. Keyed by the result's digest, so a changed result is
    rendered afresh.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._bodies: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, result_json: str, fmt: str, render: Callable[[], bytes]) -> bytes:
        """The report, from here or else from `render()` (kept for next time)."""
        key = (hashlib.sha256(result_json.encode("utf-8")).hexdigest(), fmt)
        with self._lock:
            if key in self._bodies:
                self._bodies.move_to_end(key)
                return self._bodies[key]
        body = render()  # outside the lock: other reports need not wait for a PDF
        with self._lock:
            if key not in self._bodies and len(body) <= self.max_bytes:
                self._bodies[key] = body
                self._size += len(body)
                while self._size > self.max_bytes:
                    self._size -= len(self._bodies.popitem(last=False)[1])
        return body


_RENDERED = RenderedReports(max_bytes=64 * 1024 * 1024)


def served_formats() -> tuple[str, ...]:
    """The report formats the web app and API serve (from the renderer registry)."""
    from auditor.render import formats

    return tuple(fmt for fmt in formats() if fmt not in NOT_SERVED)


def finished_audit(audit_id: int, user: User | None) -> Audit:
    """The audit, or 404 (also for another organisation's); 409 when it has no report
    yet (or failed)."""
    from auditor.web.organisations import visible_audit

    # An id the database cannot hold (from a query string) is unknown, not an error.
    audit = (visible_audit(db_session(), user, audit_id) if 1 <= audit_id <= MAX_ID
             else None)
    if audit is None:
        abort(404)
    # A job is marked done in the write that stores its result (`jobs.py`), so the
    # result (perhaps tens of megabytes) need not be read to know there is one.
    if audit.status is not Status.DONE:
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
    audit = finished_audit(audit_id, user)
    try:
        body = _RENDERED.get(audit.result_json or "", fmt,
                             lambda: render(result_document(audit), fmt))
    except ResultDocumentError:
        # A result stored by an older version, whose schema this one does not read.
        abort(409, f"Audit {audit_id} was stored in an older result format; run it again "
                   "to get its report.")
    log_access(audit, user, "view" if fmt == "html" else "download", fmt)
    # content_type, not mimetype: the media types already name their charset, and
    # Werkzeug would append a second one to a mimetype.
    response = Response(body, content_type=renderer.media_type)
    disposition = "inline" if fmt == "html" else "attachment"
    response.headers["Content-Disposition"] = (
        f'{disposition}; filename="audit-{audit.id}-report.{renderer.extension}"')
    return report_headers(response)


def log_access(audit: Audit, user: User, action: str, fmt: str) -> None:
    """Write who viewed or downloaded which report, in the request's transaction."""
    db_session().add(AccessEntry(user_id=user.id, audit_id=audit.id, action=action,
                                 report_format=fmt, remote_addr=request.remote_addr))
