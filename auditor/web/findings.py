"""The findings list of an audit: filtered, searched, sorted and paged on the server,
with bulk triage, and exported as CSV or JSON for a ticketing or GRC tool.

The URL holds the whole view (`?check=PII&severity=critical&state=open&q=card&page=2`),
so a view can be shared. The same filters serve the API (`api.py`) and the exports.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from auditor.areas import area_for
from auditor.render.escape import spreadsheet_cell
from auditor.severity import SEVERITY_ORDER
from auditor.web.extensions import ID_RULE, db_session, login_required
from auditor.web.finding_list import (
    PER_PAGE_CHOICES,
    SORTS,
    STATES,
    FilterError,
    FindingFilter,
    ListedFinding,
    count_where,
    list_findings,
    matching_rows,
    triage_of,
)
from auditor.web.finding_store import audit_overview, ensure_indexed
from auditor.web.models import Audit, FindingRow, Membership, Role, TriageKind, User
from auditor.web.reports import finished_audit

__all__ = ["EXPORT_COLUMNS", "blueprint", "export_rows", "reviewers"]

blueprint = Blueprint("findings", __name__)

# The columns of the CSV export, in order, with what each holds (the README lists them).
EXPORT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("audit_id", "The audit the finding comes from."),
    ("fingerprint", "The finding's stable id: the same finding in later audits has it."),
    ("code", "The check's code, e.g. PII003."),
    ("check", "The check's name."),
    ("area", "Disclosure, Personal data, Fair treatment or Getting a person."),
    ("severity", "critical, high, medium, low or info."),
    ("state", "open, confirmed, false_positive, accepted_risk or fixed."),
    ("assignee", "The reviewer it is assigned to, if any."),
    ("reason", "Why its state was last set."),
    ("triaged_by", "Who last set its state."),
    ("triaged_at", "When its state was last set (UTC, ISO 8601)."),
    ("conversation_id", "The conversation's id, personal data in it masked."),
    ("turn_index", "The turn it points at (0-based), empty for a whole conversation."),
    ("message", "What is wrong, in one sentence."),
    ("evidence", "The redacted excerpts, one per line."),
    ("channel", "The conversation's channel, as the export names it."),
    ("language", "The conversation's language, as the export names it."),
    ("region", "The conversation's region, as the export names it."),
    ("new", "yes when the previous audit of the same inputs did not have it."),
    ("blocks_gate", "yes when it fails the audit's gate."),
    ("url", "Its page in this service."),
)


def reviewers(session: Session, organisation_id: int) -> list[str]:
    """The e-mail addresses an organisation's findings can be assigned to: its active
    reviewers, and the admins (who see every organisation)."""
    members = select(Membership.user_id).where(Membership.organisation_id == organisation_id)
    users = session.scalars(select(User).where(
        User.active.is_(True), or_(User.role == Role.ADMIN, User.id.in_(members)))
        .order_by(User.email))
    return [user.email for user in users if user.role in (Role.REVIEWER, Role.ADMIN)]


def _filter_or_400() -> FindingFilter:
    try:
        return FindingFilter.from_args(request.args)
    except FilterError as error:
        abort(400, f"{error}.")


@blueprint.route(f"/audits/<{ID_RULE}:audit_id>/findings")
@login_required
def index(audit_id: int) -> str:
    """A page of the audit's findings, as the query string filters and sorts them."""
    audit = finished_audit(audit_id, current_user)
    session = db_session()
    ensure_indexed(session, audit)
    wanted = _filter_or_400()
    page = list_findings(session, audit_id, wanted)
    overview = audit_overview(audit)
    return render_template(
        "findings.html", audit=audit, page=page, wanted=wanted,
        facets=overview.get("facets") or {}, severities=tuple(reversed(SEVERITY_ORDER)),
        states=STATES, sorts=tuple(SORTS), per_page_choices=PER_PAGE_CHOICES,
        packs=[area_for(pack) for pack in overview.get("findings_by_pack") or {}],
        reviewers=reviewers(session, audit.organisation_id), state_label=_state_label,
        facets_new=bool(wanted.new) and count_where(session, audit_id,
                                                    FindingRow.is_new.is_not(None)) > 0,
        next_url=request.full_path.rstrip("?"))


def _state_label(value: str) -> str:
    return TriageKind(value).label


@blueprint.route(f"/audits/<{ID_RULE}:audit_id>/findings.<any(csv, json):fmt>")
@login_required
def export(audit_id: int, fmt: str) -> Response:
    """Every finding the filter selects (all pages) as CSV or JSON; the audit page
    links to the confirmed ones (`?state=confirmed`)."""
    audit = finished_audit(audit_id, current_user)
    session = db_session()
    ensure_indexed(session, audit)
    rows = export_rows(session, audit, _filter_or_400())
    name = f"audit-{audit_id}-findings.{fmt}"
    if fmt == "json":
        body = json.dumps({"audit_id": audit_id, "findings": rows}, ensure_ascii=False,
                          indent=1)
        response = Response(body, mimetype="application/json")
    else:
        response = Response(_csv(rows), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def export_rows(session: Session, audit: Audit, wanted: FindingFilter) -> list[dict[str, Any]]:
    """The exported form of every finding `wanted` selects, with its triage."""
    rows = matching_rows(session, audit.id, wanted)
    triage = triage_of(session, audit.organisation_id, [row.fingerprint for row in rows])
    exported = []
    for row in rows:
        decided = triage.get(row.fingerprint)
        listed = ListedFinding.of(row, decided)
        state = listed.state
        exported.append({
            "audit_id": audit.id, "fingerprint": row.fingerprint, "code": row.code,
            "check": row.check, "area": area_for(row.pack).title, "severity": row.severity,
            "state": listed.state.value, "assignee": listed.assignee,
            "reason": decided.comment if decided and state is not TriageKind.OPEN else None,
            "triaged_by": decided.accepted_by.email if decided and state is not
            TriageKind.OPEN else None,
            "triaged_at": decided.created_at.isoformat().replace("+00:00", "Z")
            if decided and state is not TriageKind.OPEN else None,
            "conversation_id": row.conversation_id, "turn_index": row.turn_index,
            "message": row.message,
            "evidence": row.evidence_text.split("\n") if row.evidence_text else [],
            "channel": row.channel, "language": row.language, "region": row.region,
            "new": row.is_new, "blocks_gate": row.blocks_gate,
            "url": url_for("audits.finding", audit_id=audit.id,
                           fingerprint=row.fingerprint, _external=True),
        })
    return exported


def _csv(rows: Sequence[dict[str, Any]]) -> str:
    """The rows as CSV, every cell safe to open in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([name for name, _ in EXPORT_COLUMNS])
    for row in rows:
        writer.writerow([spreadsheet_cell(_cell(row[name])) for name, _ in EXPORT_COLUMNS])
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "\n".join(str(item) for item in value)
    return str(value)

