"""Calendar months, and the inputs of one reading split into them.

A conversation belongs to the month in which it started, a decision to the month of its
timestamp (or, without one, of its conversation), both read in the policy's time zone.
A record with no time at all cannot be placed in any month: it is listed as skipped in
every month, so a month with many such records is inconclusive rather than quietly
smaller.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, tzinfo
from types import MappingProxyType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from auditor.errors import PolicyError, UsageError
from auditor.loaders import LoadedInputs, Skipped
from auditor.model import AuditInput, Conversation, Decision

__all__ = ["Month", "MonthSplit", "split_by_month", "time_zone"]

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
UNDATED_REASON = "no timestamp, so it cannot be placed in a calendar month"


@dataclass(frozen=True, slots=True, order=True)
class Month:
    """One calendar month."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str, *, where: str = "--month") -> Month:
        """A month written YYYY-MM, or a UsageError saying so."""
        match = _MONTH.match(text.strip()) if isinstance(text, str) else None
        if match is None or not 1 <= int(match.group(1)):
            raise UsageError(f"{where} {text!r}: expected a month as YYYY-MM, e.g. 2026-10")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, moment: datetime, zone: tzinfo) -> Month:
        """The month `moment` falls in, on the wall clock of `zone` (naive means UTC)."""
        aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
        local = aware.astimezone(zone)
        return cls(local.year, local.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def title(self) -> str:
        """"October 2026"."""
        return f"{_NAMES[self.month - 1]} {self.year}"

    @property
    def short_title(self) -> str:
        """"Oct 26", for chart axes."""
        return f"{_NAMES[self.month - 1][:3]} {self.year % 100:02d}"

    def next(self) -> Month:
        """The following month."""
        return Month(self.year + 1, 1) if self.month == 12 else Month(self.year, self.month + 1)

    def previous(self) -> Month:
        """The month before."""
        return Month(self.year - 1, 12) if self.month == 1 else Month(self.year, self.month - 1)

    def start(self, zone: tzinfo) -> datetime:
        """The first instant of the month in `zone`."""
        return datetime(self.year, self.month, 1, tzinfo=zone)

    def end(self, zone: tzinfo) -> datetime:
        """The first instant after the month in `zone`."""
        return self.next().start(zone)

    def window(self, count: int) -> tuple[Month, ...]:
        """The `count` months ending with this one, oldest first."""
        months = [self]
        while len(months) < count:
            months.append(months[-1].previous())
        return tuple(reversed(months))


def time_zone(name: str, *, where: str = "[monthly] time-zone") -> ZoneInfo:
    """An IANA time zone by name (Europe/Madrid, UTC), or a PolicyError naming it."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise PolicyError(f"{where} {name!r}: not a time zone; use an IANA name such as "
                          "UTC, Europe/Madrid or America/Denver") from None


@dataclass(frozen=True, slots=True)
class MonthSplit:
    """One reading split into calendar months, and the records no month could take."""

    months: Mapping[Month, LoadedInputs]
    undated: tuple[Skipped, ...]

    def latest_complete(self, now: datetime, zone: tzinfo) -> Month | None:
        """The latest month with records that had ended by `now`, or None."""
        ended = [month for month in self.months if month.end(zone) <= now]
        return max(ended) if ended else None

    def __iter__(self) -> Iterator[Month]:
        return iter(sorted(self.months))


def split_by_month(loaded: LoadedInputs, zone: tzinfo) -> MonthSplit:
    """Each month's conversations and decisions, as inputs `audit_loaded` can audit.

    Every month keeps the reading's files, skipped records and notes: a record skipped
    as unreadable could have belonged to any month, so each month's coverage counts it.
    """
    conversations: dict[Month, list[Conversation]] = defaultdict(list)
    decisions: dict[Month, list[Decision]] = defaultdict(list)
    undated: list[Skipped] = []
    month_of_conversation: dict[str, Month] = {}
    for conversation in loaded.audit.conversations:
        started = conversation.started_at
        if started is None:
            undated.append(_undated(conversation.turns[0].source if conversation.turns
                                    else None, "conversation"))
            continue
        month = Month.of(started, zone)
        conversations[month].append(conversation)
        month_of_conversation[conversation.id] = month
    for decision in loaded.audit.decisions:
        placed = (Month.of(decision.timestamp, zone) if decision.timestamp is not None
                  else month_of_conversation.get(decision.conversation_id or ""))
        if placed is None:
            undated.append(_undated(decision.source, "decision"))
            continue
        decisions[placed].append(decision)
    skipped = loaded.skipped + tuple(undated)
    months = {
        month: replace(loaded, skipped=skipped, audit=AuditInput(
            conversations=tuple(conversations.get(month, ())),
            decisions=tuple(decisions.get(month, ())),
            assumed_jurisdictions=loaded.audit.assumed_jurisdictions))
        for month in sorted(set(conversations) | set(decisions))}
    return MonthSplit(MappingProxyType(months), tuple(undated))


def _undated(source: object, kind: str) -> Skipped:
    """The skipped entry for a record no month can take."""
    path = getattr(source, "path", "") or "input"
    line = getattr(source, "line", 0) or 0
    return Skipped(path, line, f"{kind} with {UNDATED_REASON}")


def months_between(first: Month, last: Month) -> Sequence[Month]:
    """Every month from `first` to `last`, inclusive."""
    months = [first]
    while months[-1] < last:
        months.append(months[-1].next())
    return months
