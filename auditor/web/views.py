"""The reviewer's pages: the audit list with the upload form, a job's page, reports."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response

from auditor.web.area_summary import area_lines
from auditor.web.extensions import (
    ID_RULE,
    auditing_role_required,
    db_session,
    login_required,
)
from auditor.web.finding_context import FINGERPRINT, finding_context
from auditor.web.finding_list import STATES, in_every_state
from auditor.web.finding_store import audit_overview, ensure_indexed
from auditor.web.findings import reviewers
from auditor.web.models import LIVE, Audit, Status, Triage, TriageKind
from auditor.web.organisations import member_organisations, visible_audit, visible_audits
from auditor.web.reports import report_response, result_document
from auditor.web.submission import cancel_audit, policy_names, start_audit
from auditor.web.triage_changes import history
from auditor.web.uploads import UPLOAD_SUFFIXES, UploadError

blueprint = Blueprint("audits", __name__)
PAGE_SIZE = 50


@blueprint.route("/")
@login_required
def index() -> str:
    """The history of audits, newest first, and (for reviewers) the upload form."""
    return render_template("index.html", **_index_context())


def _index_context() -> dict[str, Any]:
    """The audit list (this user's organisations' audits) and the upload form's choices."""
    session = db_session()
    audits = session.scalars(visible_audits(session, current_user)
                             .order_by(Audit.id.desc()).limit(PAGE_SIZE))
    return {"audits": list(audits), "policies": policy_names(),
            "accept": ",".join(UPLOAD_SUFFIXES),
            "organisations": member_organisations(session, current_user)}


@blueprint.route("/audits", methods=["POST"])
@auditing_role_required
def upload() -> Response | tuple[str, int]:
    """Start an audit from the form; a bad file is an inline error, nothing is kept."""
    try:
        audit = start_audit(current_user, request.files.getlist("transcripts"),
                            request.files.getlist("decisions"),
                            request.form.get("policy", "default"),
                            organisation=request.form.get("organisation"))
    except UploadError as error:
        flash(str(error), "error")
        return render_template("index.html", **_index_context()), 400
    return redirect(url_for("audits.show", audit_id=audit.id))


@blueprint.route(f"/audits/<{ID_RULE}:audit_id>")
@login_required
def show(audit_id: int) -> str:
    """A job's page: progress while it runs (refreshing itself); when done, the verdict
    with its reasons, then a row per area linking into the findings list."""
    session = db_session()
    audit = visible_audit(session, current_user, audit_id)
    if audit is None:
        abort(404)
    running = audit.status in LIVE
    ensure_indexed(session, audit)
    overview = audit_overview(audit)
    return render_template("audit.html", audit=audit, running=running,
                           summary=overview.get("summary") or {},
                           areas=area_lines(overview) if overview else [],
                           states=in_every_state(session, audit_id) if overview else {},
                           suppressed=overview.get("suppressed") or [],
                           suppressed_total=overview.get("suppressed_total") or 0)


@blueprint.route(f"/audits/<{ID_RULE}:audit_id>/findings/<fingerprint>")
@login_required
def finding(audit_id: int, fingerprint: str) -> str:
    """One finding in its redacted conversation, with its check's explanation, the
    conversation's other findings, its triage with the forms to change it, and its
    history (state changes, assignments, comments)."""
    session = db_session()
    audit = visible_audit(session, current_user, audit_id)
    if audit is None or audit.status is not Status.DONE or not FINGERPRINT.match(fingerprint):
        abort(404)
    context = finding_context(result_document(audit), fingerprint)
    if context is None:
        abort(404)
    triage = session.scalar(select(Triage).where(
        Triage.organisation_id == audit.organisation_id, Triage.fingerprint == fingerprint))
    return render_template("finding.html", audit=audit, context=context, triage=triage,
                           history=history(session, audit.organisation_id, fingerprint),
                           states=STATES,
                           state_label=lambda value: TriageKind(value).label,
                           reviewers=reviewers(session, audit.organisation_id))


@blueprint.route(f"/audits/<{ID_RULE}:audit_id>/cancel", methods=["POST"])
@auditing_role_required
def cancel(audit_id: int) -> Response:
    """Stop a queued or running audit: no report, and its uploads deleted."""
    audit = visible_audit(db_session(), current_user, audit_id)
    if audit is None:
        abort(404)
    if cancel_audit(current_user, audit):
        flash(f"Audit {audit_id} was cancelled; its uploads are deleted.", "info")
    else:
        flash(f"Audit {audit_id} had already ended ({audit.status.value}).", "error")
    return redirect(url_for("audits.show", audit_id=audit_id))


@blueprint.route(f"/audits/<{ID_RULE}:audit_id>/report.<fmt>")
@login_required
def report(audit_id: int, fmt: str) -> Response:
    """The report, viewed (html) or downloaded (pdf, json, junit...)."""
    return report_response(audit_id, fmt, current_user)
