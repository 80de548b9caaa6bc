"""The findings list: filters read from a query string, and the page of finding rows
they select, counted and sorted by the database.

One `FindingFilter` serves the web page, the API, bulk actions ("everything this filter
matches") and exports, so a view shared by its URL selects the same findings everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

from auditor.severity import SEVERITY_ORDER
from auditor.web.models import SUPPRESSING, Audit, FindingRow, Triage, TriageKind, User

__all__ = ["FilterError", "FindingFilter", "FindingPage", "ListedFinding", "SORTS",
           "STATES", "count_where", "in_every_state", "list_findings", "triage_of",
           "matching_rows", "rows_by_fingerprint"]

# Sort name -> the columns it orders by (the index each one uses is in models.py).
SORTS: Mapping[str, tuple[Any, ...]] = {
    "severity": (FindingRow.position,),  # the result's order: most severe first
    "check": (FindingRow.code, FindingRow.position),
    "conversation": (FindingRow.conversation_id, FindingRow.turn_index, FindingRow.position),
}
STATES: tuple[str, ...] = tuple(kind.value for kind in TriageKind)
PER_PAGE_CHOICES = (25, 50, 100, 200)
DEFAULT_PER_PAGE = 50
MAX_QUERY_CHARS = 200
_CHUNK = 500  # fingerprints per IN (...) query
_DIGITS = re.compile(r"[0-9]{1,9}")  # ASCII only: str.isdigit() takes "²"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# The same rule in the OpenAPI document's terms (an ECMA-262 pattern).
NO_CONTROL_PATTERN = "^[^\\u0000-\\u001f\\u007f]*$"


class FilterError(ValueError):
    """A query string the findings list cannot use; the message says which part."""


@dataclass(frozen=True, slots=True)
class FindingFilter:
    """What a reviewer asked to see. Empty fields do not filter.

    `check` is a check code (`PII003`) or a pack (`PII`); `severity` and `state` may
    name several values; `new` is "yes" or "no"; `q` searches the message, the
    redacted evidence and the conversation id, case-insensitively.
    """

    check: str = ""
    severity: tuple[str, ...] = ()
    state: tuple[str, ...] = ()
    new: str = ""
    language: str = ""
    region: str = ""
    channel: str = ""
    assignee: str = ""
    q: str = ""
    sort: str = "severity"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    @classmethod
    def from_args(cls, args: MultiDict[str, str]) -> FindingFilter:
        """Read a query string (or form); FilterError names what is wrong."""
        severity = _many(args, "severity")
        if unknown := [s for s in severity if s not in SEVERITY_ORDER]:
            raise FilterError(f"unknown severity {unknown[0]!r}; use one of "
                              f"{', '.join(SEVERITY_ORDER)}")
        state = _many(args, "state")
        if unknown := [s for s in state if s not in STATES]:
            raise FilterError(f"unknown state {unknown[0]!r}; use one of {', '.join(STATES)}")
        new = _single(args, "new").strip().lower()
        if new not in ("", "yes", "no"):
            raise FilterError("new must be yes or no")
        sort = _single(args, "sort").strip() or "severity"
        if sort not in SORTS:
            raise FilterError(f"unknown sort {sort!r}; use one of {', '.join(SORTS)}")
        page = _integer(args, "page", 1)
        per_page = _integer(args, "per_page", DEFAULT_PER_PAGE)
        if page < 1:
            raise FilterError("page must be 1 or more")
        if not 1 <= per_page <= max(PER_PAGE_CHOICES):
            raise FilterError(f"per_page must be between 1 and {max(PER_PAGE_CHOICES)}")
        return cls(check=_bounded(args, "check", 20), severity=severity, state=state,
                   new=new, language=_bounded(args, "language", 64),
                   region=_bounded(args, "region", 64), channel=_bounded(args, "channel", 64),
                   assignee=_bounded(args, "assignee", 254),
                   q=_bounded(args, "q", MAX_QUERY_CHARS), sort=sort, page=page,
                   per_page=per_page)

    def to_args(self, **changes: Any) -> dict[str, Any]:
        """The filter as query-string arguments (defaults left out), with `changes`:
        what a link to another page or sort of this view needs."""
        current = replace(self, **changes)
        default = FindingFilter()
        return {f.name: list(getattr(current, f.name)) if isinstance(
                    getattr(current, f.name), tuple) else getattr(current, f.name)
                for f in fields(self) if getattr(current, f.name) != getattr(default, f.name)}

    @property
    def selects_all(self) -> bool:
        """True when nothing but paging and sorting is set."""
        return self.to_args(page=1, sort="severity", per_page=DEFAULT_PER_PAGE) == {}


@dataclass(frozen=True, slots=True)
class ListedFinding:
    """A finding row as the list shows it, with its triage state and assignee."""

    row: FindingRow
    state: TriageKind
    assignee: str | None

    @classmethod
    def of(cls, row: FindingRow, triage: Triage | None) -> ListedFinding:
        """The row with its triage (None: open, unassigned)."""
        if triage is None:
            return cls(row, TriageKind.OPEN, None)
        return cls(row, triage.kind, triage.assignee.email if triage.assignee else None)

    def to_dict(self) -> dict[str, Any]:
        """The API's form of one list item."""
        row = self.row
        return {"fingerprint": row.fingerprint, "code": row.code, "check": row.check,
                "pack": row.pack, "severity": row.severity,
                "conversation_id": row.conversation_id, "turn_index": row.turn_index,
                "message": row.message, "evidence": row.evidence_text.split("\n")
                if row.evidence_text else [],
                "segment": {"channel": row.channel, "language": row.language,
                            "region": row.region},
                "blocks_gate": row.blocks_gate, "new": row.is_new,
                "state": self.state.value, "assignee": self.assignee}


@dataclass(frozen=True, slots=True)
class FindingPage:
    """One page of a filtered list: its items, how many match in all, the page asked."""

    items: tuple[ListedFinding, ...]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """How many pages the matching findings fill (at least one)."""
        return max(1, -(-self.total // self.per_page))


def _many(args: MultiDict[str, str], name: str) -> tuple[str, ...]:
    """A filter given as repeated arguments or comma-separated values."""
    values: list[str] = []
    for raw in args.getlist(name):
        values.extend(part.strip().lower() for part in raw.split(",") if part.strip())
    return tuple(dict.fromkeys(values))


def _single(args: MultiDict[str, str], name: str) -> str:
    """An argument that takes one value ("" when absent); given twice, it is refused
    rather than read as whichever came first."""
    values = args.getlist(name)
    if len(values) > 1:
        raise FilterError(f"give {name} once")
    return values[0] if values else ""


def _bounded(args: MultiDict[str, str], name: str, limit: int) -> str:
    """A text argument, refused when longer than anything the list holds or when it
    holds a control character (no stored value does; NUL would end a LIKE pattern)."""
    raw = _single(args, name)
    if _CONTROL.search(raw):
        raise FilterError(f"{name} holds a control character")
    if not _is_utf8(raw):
        raise FilterError(f"{name} is not UTF-8 text")
    value = raw.strip()
    if len(value) > limit:
        raise FilterError(f"{name} is longer than {limit} characters")
    return value


def _integer(args: MultiDict[str, str], name: str, default: int) -> int:
    if name not in args:
        return default
    raw = _single(args, name).strip()
    if not _DIGITS.fullmatch(raw):
        raise FilterError(f"{name} must be a whole number")
    return int(raw)


def _like(text: str) -> str:
    """`text` as a LIKE pattern matching it anywhere, its wildcards taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _selection(audit_id: int, wanted: FindingFilter, columns: Sequence[Any]) -> Select[Any]:
    """The rows of one audit that `wanted` selects; triage joined only when needed."""
    query = select(*columns).select_from(FindingRow).where(FindingRow.audit_id == audit_id)
    if wanted.check:
        code = wanted.check.upper()
        query = query.where(or_(FindingRow.code == code, FindingRow.pack == code))
    if wanted.severity:
        query = query.where(FindingRow.severity.in_(wanted.severity))
    if wanted.new:
        query = query.where(FindingRow.is_new.is_(wanted.new == "yes"))
    for name in ("language", "region", "channel"):
        if value := getattr(wanted, name):
            query = query.where(getattr(FindingRow, name) == value)
    if wanted.q:
        query = query.where(FindingRow.search_text.like(_like(wanted.q.casefold()),
                                                        escape="\\"))
    # A finding this audit suppressed is listed only when a suppressing state is asked
    # for: the list is otherwise what the audit counted.
    if not {TriageKind(value) for value in wanted.state} & SUPPRESSING:
        query = query.where(FindingRow.suppressed.is_(False))
    if wanted.state or wanted.assignee:
        query = query.outerjoin(Triage, and_(
            Triage.organisation_id == _organisation(audit_id),
            Triage.fingerprint == FindingRow.fingerprint))
    if wanted.state:
        states = [TriageKind(value) for value in wanted.state]
        condition: ColumnElement[bool] = Triage.kind.in_(states)
        if TriageKind.OPEN in states:  # no triage yet is open
            condition = or_(condition, Triage.id.is_(None))
        query = query.where(condition)
    if wanted.assignee:
        query = query.outerjoin(User, User.id == Triage.assignee_id).where(
            User.email == wanted.assignee.lower())
    return query


def _organisation(audit_id: int) -> Any:
    """The organisation of an audit, as a subquery: its triage is the one joined."""
    return select(Audit.organisation_id).where(Audit.id == audit_id).scalar_subquery()


def list_findings(session: Session, audit_id: int, wanted: FindingFilter) -> FindingPage:
    """The page of findings `wanted` selects, with the total that match."""
    total = session.scalar(_selection(audit_id, wanted, [func.count()])) or 0
    rows = session.scalars(
        _selection(audit_id, wanted, [FindingRow]).order_by(*SORTS[wanted.sort])
        .offset((wanted.page - 1) * wanted.per_page).limit(wanted.per_page)).all()
    organisation_id = session.scalar(select(Audit.organisation_id)
                                     .where(Audit.id == audit_id)) or 0
    triage = triage_of(session, organisation_id, [row.fingerprint for row in rows])
    items = tuple(ListedFinding.of(row, triage.get(row.fingerprint)) for row in rows)
    return FindingPage(items, total, wanted.page, wanted.per_page)


def triage_of(session: Session, organisation_id: int,
              fingerprints: Sequence[str]) -> dict[str, Triage]:
    """The organisation's triage rows of these fingerprints, by fingerprint (a finding
    without one is open), read in chunks so a bulk action or an export of any size can
    ask."""
    found: dict[str, Triage] = {}
    for start in range(0, len(fingerprints), _CHUNK):
        found.update((row.fingerprint, row) for row in session.scalars(select(Triage).where(
            Triage.organisation_id == organisation_id,
            Triage.fingerprint.in_(fingerprints[start:start + _CHUNK]))))
    return found


def matching_rows(session: Session, audit_id: int, wanted: FindingFilter) -> list[FindingRow]:
    """Every finding `wanted` selects, on any page, in the list's order: the target of a
    bulk action on a whole filter, and of an export."""
    return list(session.scalars(_selection(audit_id, wanted, [FindingRow])
                                .order_by(*SORTS[wanted.sort])))


def rows_by_fingerprint(session: Session, audit_id: int,
                        fingerprints: Iterable[str]) -> list[FindingRow]:
    """The audit's findings with these fingerprints, in the list's default order. A
    fingerprint no finding can have (a control character, text that is not UTF-8)
    selects nothing, and is not sent to the database, which may refuse it."""
    ordered = sorted({f for f in fingerprints if storable_text(f)})
    rows: list[FindingRow] = []
    for start in range(0, len(ordered), _CHUNK):
        rows.extend(session.scalars(select(FindingRow).where(
            FindingRow.audit_id == audit_id,
            FindingRow.fingerprint.in_(ordered[start:start + _CHUNK]))))
    return sorted(rows, key=lambda row: row.position)


def storable_text(text: str) -> bool:
    """Whether `text` can be stored and looked up as one value: no control character
    (PostgreSQL refuses NUL) and no lone surrogate (it would not be UTF-8)."""
    return not _CONTROL.search(text) and _is_utf8(text)


def _is_utf8(text: str) -> bool:
    """Whether `text` can be stored as UTF-8 (no lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def in_every_state(session: Session, audit_id: int) -> dict[str, int]:
    """How many of the audit's findings are in each triage state."""
    state = func.coalesce(Triage.kind, TriageKind.OPEN.value)
    counts = {str(value): int(number) for value, number in session.execute(
        select(state, func.count()).select_from(FindingRow)
        .outerjoin(Triage, and_(Triage.organisation_id == _organisation(audit_id),
                                Triage.fingerprint == FindingRow.fingerprint))
        .where(FindingRow.audit_id == audit_id, FindingRow.suppressed.is_(False))
        .group_by(state))}
    return {value: counts.get(value, 0) for value in STATES}


def count_where(session: Session, audit_id: int, *conditions: Any) -> int:
    """How many of the audit's findings meet `conditions`."""
    return session.scalar(select(func.count()).select_from(FindingRow).where(
        and_(FindingRow.audit_id == audit_id, *conditions))) or 0
