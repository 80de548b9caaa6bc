"""Each organisation's monthly history in the database: one summary per calendar month,
written by the audits that cover it, read to build a month's report.

An audit of an organisation with a monthly schedule also audits each calendar month of
its upload (`auditor.monthly.run.audit_months`, the command line's code) and keeps the
month's summary and result; a later audit covering the same month replaces them. So the
trend grows with the uploads, and a report needs no transcript once its month is kept.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date

from sqlalchemy import Connection, delete, insert, select
from sqlalchemy.orm import Session

from auditor.monthly.periods import Month
from auditor.monthly.report import MonthlyReport, build_report
from auditor.monthly.run import MonthAudit
from auditor.monthly.summary import MonthSummary
from auditor.policy import Policy
from auditor.web.models import MonthlySchedule, MonthlySummaryRow, Organisation, utc_now

__all__ = ["keeps_months", "month_summaries", "report_for", "store_months"]


def keeps_months(session: Session | Connection, organisation_id: int) -> bool:
    """Whether the organisation's audits feed a monthly history (it has a schedule)."""
    return session.scalar(select(MonthlySchedule.id).where(
        MonthlySchedule.organisation_id == organisation_id)) is not None


def store_months(connection: Connection, organisation_id: int, audit_id: int | None,
                 months: Iterable[MonthAudit]) -> int:
    """Keep each audited month's summary and result, replacing older ones; how many."""
    count = 0
    for item in months:
        connection.execute(delete(MonthlySummaryRow).where(
            MonthlySummaryRow.organisation_id == organisation_id,
            MonthlySummaryRow.month == str(item.month)))
        connection.execute(insert(MonthlySummaryRow).values(
            organisation_id=organisation_id, month=str(item.month), audit_id=audit_id,
            summary_json=json.dumps(item.summary.to_dict(), ensure_ascii=False),
            result_json=item.result_json.decode("utf-8"), created_at=utc_now()))
        count += 1
    return count


def month_summaries(session: Session, organisation_id: int) -> dict[str, MonthSummary]:
    """The organisation's kept months, by YYYY-MM."""
    rows = session.execute(select(MonthlySummaryRow.month, MonthlySummaryRow.summary_json)
                           .where(MonthlySummaryRow.organisation_id == organisation_id))
    return {month: MonthSummary.from_dict(json.loads(text)) for month, text in rows}


def audit_of_month(session: Session, organisation_id: int, month: str) -> int | None:
    """The audit whose upload the month's summary came from."""
    return session.scalar(select(MonthlySummaryRow.audit_id).where(
        MonthlySummaryRow.organisation_id == organisation_id,
        MonthlySummaryRow.month == month))


def report_for(session: Session, organisation: Organisation, month: Month, *,
               generated_on: date, base_url: str, policy: Policy | None = None
               ) -> MonthlyReport | None:
    """The organisation's report of `month` from its kept months, or None when the month
    is not kept. Links go to the audit the month came from, under `base_url`."""
    summaries = month_summaries(session, organisation.id)
    if str(month) not in summaries:
        return None
    policy = policy or Policy()
    audit_id = audit_of_month(session, organisation.id, str(month))
    link = f"{base_url.rstrip('/')}/audits/{audit_id}" if audit_id else ""
    kept = summaries[str(month)]
    # The deadlines are for where the month's customers were, and the month is told on
    # the clock it was cut on (the audit's policy), unless a policy is given here.
    return build_report(month, summaries, organisation=organisation.name,
                        generated_on=generated_on,
                        jurisdictions=policy.jurisdictions or kept.regions,
                        audit_url=link, skipped_records=0, time_zone=kept.time_zone)
