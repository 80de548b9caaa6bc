"""The monthly report as one typed document: what the HTML, the PDF, the JSON and the
e-mail show, built from the month's summary, earlier months' summaries and the
rulebook's upcoming obligations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from auditor.monthly.periods import Month
from auditor.monthly.summary import Action, AreaMonth, Light, MonthSummary
from auditor.monthly.trend import Change, Direction, TrendPoint, last_change, trend
from auditor.obligations import Obligation, upcoming_obligations

__all__ = ["AreaReport", "MonthlyReport", "build_report", "REPORT_SCHEMA"]

REPORT_SCHEMA = "monthly-1.0"


@dataclass(frozen=True, slots=True)
class AreaReport:
    """One area in the report: this month, its change from the last, its twelve months."""

    month: AreaMonth
    change: Change
    points: tuple[TrendPoint, ...]

    @property
    def change_words(self) -> str:
        """The change in plain words, for page one."""
        before = self.change.previous
        name = Month.parse(before, where="month").title.split()[0] if before else ""
        if self.change.direction == Direction.BETTER:
            return f"Better than {name}"
        if self.change.direction == Direction.WORSE:
            return f"Worse than {name}"
        if self.change.direction == Direction.NO_CLEAR_CHANGE:
            return f"No clear change from {name}"
        return "No earlier month to compare"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form in the monthly report."""
        return {**self.month.to_dict(), "change": self.change.to_dict(),
                "change_words": self.change_words,
                "trend": [point.to_dict() for point in self.points]}


@dataclass(frozen=True, slots=True)
class MonthlyReport:
    """Everything one month's report says."""

    organisation: str
    month: Month
    generated_on: date
    summary: MonthSummary
    areas: tuple[AreaReport, ...]
    obligations: tuple[Obligation, ...]
    jurisdictions: tuple[str, ...]
    audit_url: str
    skipped_records: int
    time_zone: str

    @property
    def actions(self) -> tuple[Action, ...]:
        """The month's ranked actions (at most three)."""
        return self.summary.actions

    @property
    def breaches(self) -> tuple[Action, ...]:
        """The actions about a possible personal data breach, with their deadline."""
        return tuple(action for action in self.actions if action.notify_by)

    @property
    def verdict_words(self) -> str:
        """The verdict in one plain sentence (a pass with an area needing action says so:
        the gate's bar is the policy's, the lights are the findings')."""
        if self.summary.verdict == "passed" and any(
                area.month.light == Light.RED for area in self.areas):
            return ("Passed the bar your policy sets, but an area below needs action.")
        return {
            "passed": "Passed: nothing found this month stops your chatbot passing.",
            "failed": "Failed: at least one serious problem needs fixing.",
            "inconclusive": "Not enough to judge: too little of this month's data could be "
                            "read.",
        }.get(self.summary.verdict, self.summary.verdict)

    def to_dict(self) -> dict[str, Any]:
        """The report's JSON form (`monthly-YYYY-MM.json`)."""
        return {
            "schema": REPORT_SCHEMA,
            "organisation": self.organisation,
            "month": str(self.month),
            "month_title": self.month.title,
            "generated_on": self.generated_on.isoformat(),
            "time_zone": self.time_zone,
            "verdict": self.summary.verdict,
            "verdict_words": self.verdict_words,
            "grade": self.summary.grade,
            "reasons": list(self.summary.reasons),
            "conversations": self.summary.conversations,
            "decisions": self.summary.decisions,
            "skipped_records": self.skipped_records,
            "areas": [area.to_dict() for area in self.areas],
            "actions": [action.to_dict() for action in self.actions],
            "obligations": [obligation.to_dict() for obligation in self.obligations],
            "jurisdictions": list(self.jurisdictions),
            "audit_url": self.audit_url,
            "run_id": self.summary.run_id,
            "result_digest": self.summary.result_digest,
        }


def build_report(month: Month, summaries: Mapping[str, MonthSummary], *, organisation: str,
                 generated_on: date, jurisdictions: Iterable[str], audit_url: str,
                 skipped_records: int, time_zone: str) -> MonthlyReport:
    """The report for `month` from its summary and the earlier months' ones."""
    summary = summaries[str(month)]
    areas = []
    for area in summary.areas:
        points = trend(summaries, month, area.pack)
        areas.append(AreaReport(area, last_change(points), points))
    codes = tuple(sorted(set(jurisdictions)))
    return MonthlyReport(
        organisation=organisation, month=month, generated_on=generated_on, summary=summary,
        areas=tuple(areas), obligations=upcoming_obligations(generated_on, codes),
        jurisdictions=codes, audit_url=audit_url.replace("{month}", str(month)),
        skipped_records=skipped_records, time_zone=time_zone)

