"""Triage forms: a finding's state and assignee, on one finding or in bulk, and its
comment thread (the rules and the history are in `auditor.web.triage_changes`).

A false positive or an accepted risk is a suppression by fingerprint, the model the
command line's policy uses: later audits list the finding as suppressed with its
justification instead of scoring it, and those decisions export as `[[suppressions]]`
TOML for CI, written by `auditor.policy_writer` so that no conversation id or comment
can add a table.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, Response, abort, flash, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response as WerkzeugResponse

from auditor.policy_writer import CommentedSuppression, suppressions_toml
from auditor.suppression import Suppression
from auditor.web.extensions import ID_RULE, auditing_role_required, db_session, login_required
from auditor.web.finding_list import (
    FilterError,
    FindingFilter,
    matching_rows,
    rows_by_fingerprint,
)
from auditor.web.finding_store import ensure_indexed
from auditor.web.models import SUPPRESSING, FindingRow, Triage, utc_now
from auditor.web.organisations import member_organisations
from auditor.web.reports import finished_audit
from auditor.web.security import local_path
from auditor.web.triage_changes import (
    TriageChange,
    TriageError,
    add_comment,
    change_triage,
    parse_change,
)

blueprint = Blueprint("triage", __name__)
FILTER_PREFIX = "filter_"  # a bulk form's copy of the list's filter, apart from its own fields
# A policy file needs an expiry; an open-ended triage decision exports with this one.
EXPORT_REVIEW_DAYS = 365
EXPORT_HEADER = (
    "Triage decisions from the web service, as auditor policy suppressions.",
    "Paste into auditor.toml (after its top-level keys). Each names its finding by",
    "fingerprint; code and conversation say which finding that is.",
)


def triage_suppressions(session: Session, organisation_id: int) -> tuple[Suppression, ...]:
    """The organisation's false positives and accepted risks as suppressions, for its
    next audits."""
    rows = session.scalars(select(Triage).where(Triage.organisation_id == organisation_id,
                                                Triage.kind.in_(SUPPRESSING))
                           .order_by(Triage.id)).all()
    return tuple(Suppression(justification=row.comment, accepted_by=row.accepted_by.email,
                             expires=row.expires, fingerprint=row.fingerprint,
                             kind=row.kind.value) for row in rows)


@blueprint.route(f"/audits/<{ID_RULE}:audit_id>/triage", methods=["POST"])
@auditing_role_required
def decide(audit_id: int) -> WerkzeugResponse:
    """Change the triage of the findings a form names: ticked ones (`fingerprint`,
    repeated), or with `scope=filter` every finding the form's filter matches. Fields:
    `state`, `comment` (the reason), `expires`, `assignee`; `next` is where to return."""
    audit = finished_audit(audit_id, current_user)
    session = db_session()
    ensure_indexed(session, audit)
    back = _back(request.form.get("next"), audit_id)
    try:
        change = parse_change(session, state=request.form.get("state")
                              or request.form.get("kind"),
                              assignee=request.form.get("assignee") or None,
                              reason=request.form.get("comment"),
                              expires=request.form.get("expires"),
                              organisation_id=audit.organisation_id)
        targets = _targets(session, audit_id)
    except (TriageError, FilterError) as error:
        flash(f"Nothing changed: {error}.", "error")
        return redirect(back)
    changed = change_triage(session, current_user, audit_id, targets, change)
    flash(_changed_message(changed, len(targets), change), "info")
    return redirect(back)


def _targets(session: Session, audit_id: int) -> list[FindingRow]:
    """The findings a form names: every one its filter matches (`scope=filter`), or
    the ticked ones."""
    if request.form.get("scope") == "filter":  # the list's filter, in `filter_` fields
        wanted = FindingFilter.from_args(MultiDict(
            (name.removeprefix(FILTER_PREFIX), value)
            for name, value in request.form.items(multi=True)
            if name.startswith(FILTER_PREFIX)))
        rows = matching_rows(session, audit_id, wanted)
    else:
        fingerprints = request.form.getlist("fingerprint")
        if not fingerprints:
            raise TriageError("tick at least one finding")
        rows = rows_by_fingerprint(session, audit_id, fingerprints)
    if not rows:
        raise TriageError("no finding of this audit was selected")
    return rows


def _changed_message(changed: int, asked: int, change: TriageChange) -> str:
    what = []
    if change.state is not None:
        what.append(f"marked {change.state.label}")
    if change.assignee is not None:
        what.append(f"assigned to {change.assignee}" if change.assignee else "unassigned")
    unchanged = f" ({asked - changed} already were)" if changed < asked else ""
    note = (" Later audits list them as suppressed." if change.state is not None
            and change.state.suppresses else "")
    return f"{changed} finding{'s' if changed != 1 else ''} {' and '.join(what)}" \
           f"{unchanged}.{note}"


def _back(target: str | None, audit_id: int) -> str:
    """Where to return after a form: a path on this site only (never another host)."""
    return local_path(target) or url_for("findings.index", audit_id=audit_id)


@blueprint.route(f"/audits/<{ID_RULE}:audit_id>/findings/<fingerprint>/comments",
                 methods=["POST"])
@auditing_role_required
def comment(audit_id: int, fingerprint: str) -> WerkzeugResponse:
    """Add a comment to a finding's thread."""
    finished_audit(audit_id, current_user)
    session = db_session()
    row = session.scalar(select(FindingRow).where(FindingRow.audit_id == audit_id,
                                                  FindingRow.fingerprint == fingerprint))
    if row is None:
        abort(404, "That finding is not in this audit.")
    page = url_for("audits.finding", audit_id=audit_id, fingerprint=fingerprint)
    try:
        add_comment(session, current_user, audit_id, row, request.form.get("text", ""))
    except TriageError as error:
        flash(f"{error}.", "error")
    return redirect(page + "#history")


@blueprint.route("/triage.toml")
@login_required
def export() -> Response:
    """An organisation's triage decisions as policy TOML (`[[suppressions]]`) for CI:
    `?organisation=<id>`, which may be left out by a member of one organisation only."""
    session = db_session()
    visible = member_organisations(session, current_user)
    wanted = request.args.get("organisation", "")
    if wanted:
        chosen = next((o for o in visible if str(o.id) == wanted), None)
    else:
        chosen = visible[0] if len(visible) == 1 else None
        if chosen is None and visible:
            abort(400, "Say which organisation's decisions: add ?organisation=<id> ("
                       + ", ".join(f"{o.id} for {o.name}" for o in visible) + ").")
    if chosen is None:
        abort(404)
    rows = session.scalars(select(Triage).where(Triage.organisation_id == chosen.id,
                                                Triage.kind.in_(SUPPRESSING))
                           .order_by(Triage.id)).all()
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
        justification=f"{row.kind.label}: {row.comment}",
        accepted_by=row.accepted_by.email, expires=row.expires or review,
        fingerprint=row.fingerprint, code=row.code, conversation=row.conversation_id),
        tuple(comments))
