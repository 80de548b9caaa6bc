"""A finished audit's findings as database rows, so the findings list can be filtered,
searched, sorted and paged by the database instead of parsing a result per request.

Rows are written with the result, in the same transaction that marks the job done
(`finished_values`, `insert_rows`). An audit finished before rows existed is indexed the
first time its findings are asked for (`ensure_indexed`). Each row holds what the list
shows and filters on: check, pack, severity, the conversation's id (masked, as in the
result), turn, message, the redacted evidence excerpts, the conversation's channel,
language and region, whether the finding blocks the gate, and whether it is new against
the previous audit of the same inputs. Nothing here is raw text: all of it comes from the
result, which is redacted when the audit runs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from auditor.areas import pack_of
from auditor.severity import severity_rank
from auditor.web.models import (
    Audit,
    FindingEvent,
    FindingRow,
    Status,
    Triage,
    TriageKind,
    utc_now,
)

__all__ = ["audit_overview", "ensure_indexed", "finding_rows", "insert_rows", "overview_of",
           "previous_fingerprints", "reopen_found_again", "store_findings",
           "store_new_result"]

INSERT_BATCH = 2000  # rows per INSERT statement: few round trips, bounded statements
SUPPRESSED_SHOWN = 100  # suppressed findings the audit page lists; the report has all
# The values the list's filter form offers, gathered when the result is stored.
FACETS = ("code", "language", "region", "channel")
_LIMITS = {"fingerprint": 100, "code": 20, "pack": 20, "check": 100, "conversation_id": 200,
           "channel": 64, "language": 64, "region": 64}


def overview_of(document: Mapping[str, Any]) -> str:
    """The part of a result the audit page shows, as JSON: the summary, each check's
    line (no description) and the first suppressed findings. Small, so the page never
    parses a result that may hold 50,000 findings."""
    suppressed = list(document.get("suppressed") or ())
    checks = [{key: check.get(key) for key in (
        "code", "name", "title", "severity", "score", "evaluated", "flagged", "status",
        "not_evaluated_reason")} for check in document.get("checks") or ()]
    by_pack: dict[str, dict[str, int]] = {}
    facets: dict[str, set[str]] = {name: set() for name in FACETS}
    for finding in document.get("findings") or ():
        code = str(finding.get("code") or "")
        counts = by_pack.setdefault(pack_of(code), {})
        severity = str(finding.get("severity") or "info")
        counts[severity] = counts.get(severity, 0) + 1
        facets["code"].add(code)
        for name in ("channel", "language", "region"):
            if value := (finding.get("segment") or {}).get(name):
                facets[name].add(str(value)[:_LIMITS[name]])
    return json.dumps({"summary": document.get("summary") or {}, "checks": checks,
                       "findings_by_pack": by_pack,
                       "facets": {name: sorted(values) for name, values in facets.items()},
                       "suppressed": suppressed[:SUPPRESSED_SHOWN],
                       "suppressed_total": len(suppressed)}, ensure_ascii=False)


def finding_rows(audit_id: int, findings: Sequence[Mapping[str, Any]],
                 previous: set[str] | None,
                 suppressed: Sequence[Mapping[str, Any]] = ()) -> Iterator[dict[str, Any]]:
    """The rows of a result's findings, in the result's order (most severe first), then
    of its suppressed findings (marked so); `previous` holds the fingerprints of the
    previous audit of the same inputs (None: there is none, so no finding is called new
    or old)."""
    entries = [*((f, False) for f in findings),
               *((s, True) for s in suppressed if s.get("fingerprint"))]
    for position, (finding, set_aside) in enumerate(entries):
        segment = finding.get("segment") or {}
        row = {
            "audit_id": audit_id, "position": position,
            "fingerprint": finding.get("fingerprint") or f"position-{position}",
            "code": finding.get("code") or "", "check": finding.get("check") or "",
            "pack": pack_of(finding.get("code") or ""),
            "severity": finding.get("severity") or "info",
            "severity_rank": max(0, severity_rank(finding.get("severity"))),
            "conversation_id": finding.get("conversation_id"),
            "turn_index": finding.get("turn_index"),
            "message": finding.get("message") or "",
            "evidence_text": "\n".join(str(item.get("excerpt") or "")
                                       for item in finding.get("evidence") or ()),
            "channel": segment.get("channel"), "language": segment.get("language"),
            "region": segment.get("region"),
            "blocks_gate": bool(finding.get("blocks_gate")),
            "is_new": None if previous is None else finding.get("fingerprint") not in previous,
            "suppressed": set_aside,
        }
        row["search_text"] = "\n".join(
            str(row[key] or "") for key in ("message", "evidence_text", "conversation_id")
        ).casefold()
        yield {key: _cut(key, value) for key, value in row.items()}


def _cut(key: str, value: Any) -> Any:
    limit = _LIMITS.get(key)
    return value[:limit] if limit and isinstance(value, str) else value


def previous_fingerprints(connection: Connection, audit_id: int,
                          input_names: Sequence[str]) -> set[str] | None:
    """The fingerprints of the latest earlier finished audit of the same input file
    names in the same organisation, or None when there is none."""
    wanted = sorted(input_names)
    organisation = select(Audit.organisation_id).where(Audit.id == audit_id).scalar_subquery()
    earlier = connection.execute(
        select(Audit.id, Audit.input_names, Audit.findings_indexed)
        .where(Audit.id < audit_id, Audit.status == Status.DONE,
               Audit.organisation_id == organisation)
        .order_by(Audit.id.desc()).limit(200)).all()
    match = next((row for row in earlier if sorted(row.input_names or ()) == wanted
                  and row.findings_indexed), None)
    if match is None:
        return None
    return set(connection.scalars(select(FindingRow.fingerprint)
                                  .where(FindingRow.audit_id == match.id)))


def store_findings(audit_id: int, document: Mapping[str, Any],
                   connection: Connection) -> int:
    """Write a result's finding rows (in the transaction that stores the result); the
    audit's input names say which earlier audit a finding is new against."""
    names = connection.scalar(select(Audit.input_names).where(Audit.id == audit_id)) or ()
    previous = previous_fingerprints(connection, audit_id, names)
    return insert_rows(connection, finding_rows(audit_id, document.get("findings") or (),
                                                previous, document.get("suppressed") or ()))


def store_new_result(audit_id: int, document: Mapping[str, Any],
                     connection: Connection) -> int:
    """`store_findings` for an audit that has just finished: fixed findings it finds
    again are also reopened (an older audit indexed late must not reopen anything)."""
    count = store_findings(audit_id, document, connection)
    reopen_found_again(connection, audit_id, [str(f.get("fingerprint"))
                                              for f in document.get("findings") or ()])
    return count


def reopen_found_again(connection: Connection, audit_id: int,
                       fingerprints: Sequence[str]) -> None:
    """A finding its organisation marked fixed that an audit finds again is open again,
    with an entry in its history saying where it was found (by the service, not a
    person)."""
    organisation_id = connection.scalar(select(Audit.organisation_id)
                                        .where(Audit.id == audit_id))
    for start in range(0, len(fingerprints), INSERT_BATCH):
        chunk = fingerprints[start:start + INSERT_BATCH]
        found = connection.execute(select(Triage.id, Triage.fingerprint, Triage.code).where(
            Triage.organisation_id == organisation_id, Triage.fingerprint.in_(chunk),
            Triage.kind == TriageKind.FIXED)).all()
        if not found:
            continue
        reason = f"Found again in audit {audit_id}."
        connection.execute(update(Triage).where(Triage.id.in_([row.id for row in found]))
                           .values(kind=TriageKind.OPEN, comment=reason, expires=None,
                                   created_at=utc_now()))
        connection.execute(insert(FindingEvent), [
            {"organisation_id": organisation_id, "fingerprint": row.fingerprint,
             "code": row.code, "audit_id": audit_id,
             "user_id": None, "at": utc_now(), "action": "state", "from_value": "fixed",
             "to_value": "open", "text": reason} for row in found])


def insert_rows(connection: Connection, rows: Iterator[dict[str, Any]]) -> int:
    """Insert finding rows in batches; the number inserted."""
    count, batch = 0, []
    for row in rows:
        batch.append(row)
        if len(batch) >= INSERT_BATCH:
            connection.execute(insert(FindingRow), batch)
            count, batch = count + len(batch), []
    if batch:
        connection.execute(insert(FindingRow), batch)
        count += len(batch)
    return count


def audit_overview(audit: Audit) -> dict[str, Any]:
    """The audit's overview (summary, checks, findings by pack, filter choices, first
    suppressed findings); empty for an audit without a result. Call `ensure_indexed`
    first for an audit stored before overviews existed."""
    return dict(json.loads(audit.overview_json)) if audit.overview_json else {}


def ensure_indexed(session: Session, audit: Audit) -> None:
    """Give a finished audit stored before finding rows existed its rows and overview
    (once; a concurrent request doing the same is harmless)."""
    if audit.findings_indexed or audit.status is not Status.DONE:
        return
    document = json.loads(audit.result_json or "{}")
    connection = session.connection()
    try:
        with connection.begin_nested():
            store_findings(audit.id, document, connection)
            connection.execute(update(Audit).where(Audit.id == audit.id).values(
                findings_indexed=True, overview_json=overview_of(document)))
    except IntegrityError:  # indexed by another request meanwhile
        pass
    session.commit()
    session.refresh(audit)
