"""`monthly_reports`: read the inputs once, audit each calendar month with the same
policy, keep each month's summary, and build the chosen month's report.

The audit of a month is `audit_loaded` on that month's records, the same function every
audit runs through, so a month's verdict follows the same rules as a full audit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from auditor.errors import UsageError
from auditor.jurisdiction import region_of
from auditor.loaders import LoadedInputs, LoadOptions
from auditor.monthly.history import read_history, write_summary
from auditor.monthly.periods import Month, months_between, split_by_month, time_zone
from auditor.monthly.report import MonthlyReport, build_report
from auditor.monthly.summary import (
    MonthSummary,
    plain_words_from_registry,
    result_digest,
    summarise,
)
from auditor.monthly.trend import TREND_MONTHS
from auditor.pipeline import ProgressFactory, audit_loaded, load_for_audit
from auditor.policy import Policy
from auditor.registry import Registry
from auditor.result import exit_code_for

__all__ = ["MonthAudit", "MonthlyOutcome", "audit_months", "monthly_reports"]

_REGION_CODE = re.compile(r"^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$")


@dataclass(frozen=True, slots=True)
class MonthAudit:
    """One calendar month audited: its summary, its result and the result as written."""

    month: Month
    summary: MonthSummary
    result: dict[str, Any]
    result_json: bytes
    exit_code: int


def audit_months(loaded: LoadedInputs, *, policy: Policy, registry: Registry,
                 now: datetime, months: Collection[Month] | None = None,
                 progress: ProgressFactory | None = None,
                 transcripts_given: bool = True) -> Iterator[MonthAudit]:
    """Audit each calendar month of `loaded` (only `months`, when given), oldest first,
    with `policy`: the same audit as a whole run's, on the month's records."""
    from auditor.render import render

    settings = policy.monthly
    split = split_by_month(loaded, time_zone(settings.time_zone))
    lookup = plain_words_from_registry(registry)
    for current in split:
        if months is not None and current not in months:
            continue
        result = audit_loaded(split.months[current], policy=policy, registry=registry,
                              clock=lambda: now, progress=progress,
                              transcripts_given=transcripts_given,
                              run_id=f"monthly-{current}-{now:%Y%m%dT%H%M%SZ}")
        document = result.to_dict()
        written = render(document, "json", checked=True)
        summary = summarise(document, str(current), digest=result_digest(written),
                            min_conversations=settings.min_conversations,
                            plain_words=lookup, time_zone=settings.time_zone,
                            regions=_regions(split.months[current]))
        yield MonthAudit(current, summary, document, written, result.exit_code)


@dataclass(frozen=True, slots=True)
class MonthlyOutcome:
    """The chosen month's report, its full audit result, and what the run noticed."""

    report: MonthlyReport
    # The month's result JSON as written (None when the month came from the history only).
    result_json: bytes | None
    result: dict[str, Any] | None
    exit_code: int
    audited: tuple[str, ...]
    notes: tuple[str, ...]


def monthly_reports(
    transcripts: Sequence[Path],
    *,
    decisions: Sequence[Path] = (),
    policy: Policy,
    load_options: LoadOptions | None = None,
    month: Month | None = None,
    history: Path | None = None,
    organisation: str | None = None,
    clock: Callable[[], datetime] | None = None,
    registry: Registry | None = None,
    progress: ProgressFactory | None = None,
) -> MonthlyOutcome:
    """Audit the months of the inputs and build one month's report (default: the latest
    month that had ended by the run's time)."""
    settings = policy.monthly
    zone = time_zone(settings.time_zone)
    registry = registry or Registry.from_entry_points()
    now = (clock or (lambda: datetime.now(UTC).replace(microsecond=0)))()
    loaded = load_for_audit(transcripts, decisions, policy=policy, load_options=load_options)
    split = split_by_month(loaded, zone)
    chosen = month or split.latest_complete(now, zone)
    past = read_history(history)
    if chosen is None:
        first, last = min(split), max(split)
        raise UsageError(f"no complete month in the data: it covers {first} to {last}, and "
                         f"{last} ends on {last.end(zone):%Y-%m-%d}; choose a month with "
                         "--month YYYY-MM")
    if chosen not in split.months and str(chosen) not in past.summaries:
        covered = (f"{min(split)} to {max(split)}" if split.months else "no month")
        raise UsageError(f"--month {chosen}: no conversations or decisions in that month "
                         f"(the data covers {covered}) and no summary of it in the history")
    summaries: dict[str, MonthSummary] = dict(past.summaries)
    audited: list[str] = []
    chosen_json: bytes | None = None
    chosen_result: dict[str, Any] | None = None
    exit_code = 0
    for item in audit_months(loaded, policy=policy, registry=registry, now=now,
                             months=set(chosen.window(TREND_MONTHS)), progress=progress,
                             transcripts_given=bool(transcripts)):
        summaries[str(item.month)] = item.summary
        audited.append(str(item.month))
        if history is not None:
            write_summary(history, item.summary)
        if item.month == chosen:
            chosen_json, chosen_result, exit_code = item.result_json, item.result, \
                item.exit_code
    if chosen_result is None:
        exit_code = exit_code_for(summaries[str(chosen)].verdict, crashed=False)
    report = build_report(
        chosen, summaries, organisation=organisation or settings.organisation,
        generated_on=now.astimezone(zone).date(),
        jurisdictions=policy.jurisdictions or summaries[str(chosen)].regions,
        audit_url=settings.audit_url or f"audit-{chosen}.html",
        skipped_records=len(split.months[chosen].skipped) if chosen in split.months else 0,
        time_zone=settings.time_zone)
    return MonthlyOutcome(report=report, result_json=chosen_json, result=chosen_result,
                          exit_code=exit_code, audited=tuple(audited),
                          notes=_notes(split, past.unreadable, chosen, summaries))


def _regions(loaded: LoadedInputs) -> tuple[str, ...]:
    """The region codes a month's conversations and decisions name (EU, ES, US-CO)."""
    values = {region_of(c) or "" for c in loaded.audit.conversations}
    values |= {d.segments.get("region", "") for d in loaded.audit.decisions}
    return tuple(sorted(v.strip().upper() for v in values if _REGION_CODE.match(v.strip())))


def _notes(split: Any, unreadable: Sequence[str], chosen: Month,
           summaries: dict[str, MonthSummary]) -> tuple[str, ...]:
    """What the run tells its user besides the report."""
    notes = []
    if split.undated:
        notes.append(f"{len(split.undated):,} records have no timestamp and are in no month; "
                     "each month's audit counts them as skipped")
    notes += [f"history file not read: {item}" for item in unreadable]
    window = chosen.window(TREND_MONTHS)
    known = [m for m in months_between(window[0], chosen) if str(m) in summaries]
    if len(known) < 2:
        notes.append("only one month is known, so there is no change to show yet; keep a "
                     "--history folder to build the trend month by month")
    return tuple(notes)
