"""Triage: a reviewer marks a finding as a false positive or an accepted risk.

The decision is a suppression by fingerprint, the model the command line's policy
uses: later audits list the finding as suppressed with its justification instead
of scoring it, and the decisions export as `[[suppressions]]` TOML for CI, written
by `auditor.policy_writer` so that no conversation id or comment can add a table.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, Response, abort, flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response as WerkzeugResponse

from auditor.policy_writer import CommentedSuppression, suppressions_toml
from auditor.suppression import Suppression
from auditor.web.extensions import ID_RULE, auditing_role_required, db_session, login_required
from auditor.web.models import Audit, Triage, TriageKind, utc_now
from auditor.web.reports import result_document

blueprint = Blueprint("triage", __name__)
# A policy file needs an expiry; an open-ended triage decision exports with this one.
EXPORT_REVIEW_DAYS = 365
EXPORT_HEADER = (
    "Triage decisions from the web service, as auditor policy suppressions.",
    "Paste into auditor.toml (after its top-level keys). Each names its finding by",
    "fingerprint; code and conversation say which finding that is.",
)


def triage_suppressions(session: Session) -> tuple[Suppression, ...]:
    """Every triage decision as a suppression, for the next audits."""
    rows = session.scalars(select(Triage).order_by(Triage.id)).all()
    return tuple(Suppression(justification=row.comment, accepted_by=row.accepted_by.email,
                             expires=row.expires, fingerprint=row.fingerprint,
                             kind=row.kind.value) for row in rows)


@blueprint.route(f"/audits/<{ID_RULE}:audit_id>/triage", methods=["POST"])
@auditing_role_required
def decide(audit_id: int) -> WerkzeugResponse:
    """Record a decision on one finding of a finished audit."""
    audit = db_session().get(Audit, audit_id)
    if audit is None or audit.result_json is None:
        abort(404)
    fingerprint = request.form.get("fingerprint", "")
    finding = next((f for f in result_document(audit)["findings"]
                    if f["fingerprint"] == fingerprint), None)
    if finding is None:
        abort(404, "That finding is not in this audit.")
    try:
        kind = TriageKind(request.form.get("kind", ""))
    except ValueError:
        abort(400, "Choose false positive or accepted risk.")
    comment = request.form.get("comment", "").strip()
    if not comment:
        flash("Say why: a triage decision needs a comment.", "error")
        return redirect(url_for("audits.show", audit_id=audit_id))
    expires = None
    if request.form.get("expires"):
        try:
            expires = date.fromisoformat(request.form["expires"])
        except ValueError:
            abort(400, "The expiry must be a date (YYYY-MM-DD).")
        if expires < utc_now().date():
            flash("The expiry is in the past.", "error")
            return redirect(url_for("audits.show", audit_id=audit_id))
    session = db_session()
    row = session.scalar(select(Triage).where(Triage.fingerprint == fingerprint)) or Triage(
        fingerprint=fingerprint)
    row.code, row.conversation_id = finding["code"], finding.get("conversation_id")
    row.kind, row.comment, row.expires = kind, comment, expires
    row.accepted_by_id, row.audit_id, row.created_at = current_user.id, audit_id, utc_now()
    session.add(row)
    flash(f"{finding['code']} marked as {kind.value.replace('_', ' ')}; later audits list it "
          "as suppressed.", "info")
    return redirect(url_for("audits.show", audit_id=audit_id))


@blueprint.route("/triage.toml")
@login_required
def export() -> Response:
    """The triage decisions as policy TOML (`[[suppressions]]`) for CI."""
    rows = db_session().scalars(select(Triage).order_by(Triage.id)).all()
    review = utc_now().date() + timedelta(days=EXPORT_REVIEW_DAYS)
    text = suppressions_toml((_exported(row, review) for row in rows), header=EXPORT_HEADER)
    response = Response(text, mimetype="application/toml")
    response.headers["Content-Disposition"] = 'attachment; filename="suppressions.toml"'
    return response


def _exported(row: Triage, review: date) -> CommentedSuppression:
    """One decision as a policy suppression; the comments hold only dates."""
    comments = [f"Triaged {row.created_at:%Y-%m-%d}."]
    if row.expires is None:
        comments.append(f"No expiry was set in triage: review by {review.isoformat()}.")
    return CommentedSuppression(Suppression(
        justification=f"{row.kind.value.replace('_', ' ')}: {row.comment}",
        accepted_by=row.accepted_by.email, expires=row.expires or review,
        fingerprint=row.fingerprint, code=row.code, conversation=row.conversation_id),
        tuple(comments))
