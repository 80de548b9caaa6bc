"""Sending each organisation's monthly report on its schedule: once, and late rather
than never.

Every serving process runs a small in-process scheduler (APScheduler) that looks every
MONTHLY_CHECK_SECONDS for reports that are due: the report of a month is due on the
schedule's day of the following month, at MONTHLY_SEND_HOUR (UTC). A due report is
claimed by inserting its delivery row, whose `schedule_key` is unique: of several
processes (or hosts on one PostgreSQL database) exactly one insert succeeds, and only
that process sends. A report that fell due while no server ran (downtime) is still due
at the next look, so it is sent then; months due before the schedule was made are not.
Each delivery records its outcome: sent, or failed with the reason.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from auditor.mail import Attachment, MailError, MailSettings, send_mail
from auditor.monthly.periods import Month
from auditor.monthly.render import render_monthly_html, render_monthly_pdf, render_monthly_text
from auditor.monthly.settings import DEFAULT_MIN_CONVERSATIONS
from auditor.redaction import redact
from auditor.web.database import Database
from auditor.web.models import MonthlyDelivery, MonthlySchedule, Organisation, utc_now
from auditor.web.monthly_store import report_for

__all__ = ["DeliverySettings", "MonthlyScheduler", "deliver", "due_months", "send_due"]

log = logging.getLogger(__name__)
# How far back a schedule catches up: a server down for longer sends the last year only.
CATCH_UP_MONTHS = 12
SCHEDULE, MANUAL = "schedule", "manual"
SENDING, SENT, FAILED = "sending", "sent", "failed"


@dataclass(frozen=True, slots=True)
class DeliverySettings:
    """How reports are sent: the SMTP settings (None when not configured), the hour of
    the day they go out, and the address links in them start with."""

    mail: Mapping[str, str]
    send_hour: int = 6
    base_url: str = ""

    def mail_settings(self) -> MailSettings:
        """The SMTP settings, or MailError saying which is missing."""
        return MailSettings.from_environment(self.mail)


def due_at(month: Month, day_of_month: int, send_hour: int) -> datetime:
    """When the report of `month` is due: the schedule's day of the next month."""
    following = month.next()
    return datetime(following.year, following.month, day_of_month, send_hour, tzinfo=UTC)


def due_months(schedule: MonthlySchedule, now: datetime, send_hour: int) -> list[Month]:
    """The months whose report fell due after the schedule was made and by `now`,
    oldest first (at most the last CATCH_UP_MONTHS)."""
    current = Month(now.year, now.month)
    candidates = current.window(CATCH_UP_MONTHS + 1)
    return [month for month in candidates
            if schedule.created_at < due_at(month, schedule.day_of_month, send_hour) <= now]


def send_due(database: Database, settings: DeliverySettings, now: datetime,
             runner_id: str) -> list[int]:
    """Claim and send every due report no process has claimed; the deliveries made."""
    with database.session() as session:
        schedules = [(s.organisation_id, s.day_of_month, s.created_at)
                     for s in session.scalars(select(MonthlySchedule).where(
                         MonthlySchedule.enabled.is_(True)))]
    made = []
    for organisation_id, day, created_at in schedules:
        schedule = MonthlySchedule(organisation_id=organisation_id, day_of_month=day,
                                   created_at=created_at)
        for month in due_months(schedule, now, settings.send_hour):
            delivery_id = _claim(database, organisation_id, month, runner_id)
            if delivery_id is not None:
                deliver(database, settings, delivery_id)
                made.append(delivery_id)
    return made


def _claim(database: Database, organisation_id: int, month: Month,
           runner_id: str) -> int | None:
    """The new delivery's id if this process is the one to send it, else None."""
    try:
        with database.session() as session:
            delivery = MonthlyDelivery(organisation_id=organisation_id, month=str(month),
                                       trigger=SCHEDULE, status=SENDING,
                                       schedule_key=f"{organisation_id}:{month}",
                                       recipients=[], claimed_by=runner_id)
            session.add(delivery)
            session.flush()
            return delivery.id
    except IntegrityError:  # another process claimed it first
        return None


def request_delivery(database: Database, organisation_id: int, month: Month,
                     user_id: int | None, runner_id: str) -> int:
    """A delivery by hand (any number of times); its id, to `deliver`."""
    with database.session() as session:
        delivery = MonthlyDelivery(organisation_id=organisation_id, month=str(month),
                                   trigger=MANUAL, status=SENDING, recipients=[],
                                   requested_by_id=user_id, claimed_by=runner_id)
        session.add(delivery)
        session.flush()
        return delivery.id


def deliver(database: Database, settings: DeliverySettings, delivery_id: int) -> str:
    """Build and e-mail one delivery's report; record and return its status."""
    with database.session() as session:
        delivery = session.get(MonthlyDelivery, delivery_id)
        assert delivery is not None
        organisation = session.get(Organisation, delivery.organisation_id)
        schedule = session.scalar(select(MonthlySchedule).where(
            MonthlySchedule.organisation_id == delivery.organisation_id))
        recipients = list(schedule.recipients) if schedule else []
        month = Month.parse(delivery.month, where="month")
        organisation_id = delivery.organisation_id
        report = report_for(session, organisation, month, generated_on=utc_now().date(),
                            base_url=settings.base_url) if organisation else None
        status, reason = SENT, None
        try:
            if report is None:
                raise MailError(f"no audit of this organisation covered {month.title}: "
                                "upload that month's transcripts first")
            if not recipients:
                raise MailError("the schedule names no recipient")
            pdf = render_monthly_pdf(report, min_conversations=DEFAULT_MIN_CONVERSATIONS)
            send_mail(settings.mail_settings(), to=recipients,
                      subject=f"Chatbot report for {month.title}: {report.summary.verdict}",
                      text=render_monthly_text(report),
                      html=render_monthly_html(report,
                                               min_conversations=DEFAULT_MIN_CONVERSATIONS),
                      attachments=[Attachment(f"monthly-{month}.pdf", pdf)])
        except MailError as error:
            status, reason = FAILED, redact(str(error))
        except Exception as error:  # a delivery must end recorded, whatever happened
            log.exception("monthly report %s failed", delivery_id)
            status, reason = FAILED, redact(f"an internal error stopped it "
                                            f"({type(error).__name__})")
        session.execute(update(MonthlyDelivery).where(MonthlyDelivery.id == delivery_id)
                        .values(status=status, reason=reason, recipients=recipients,
                                finished_at=utc_now()))
    log.info("monthly report %s of organisation %s for %s: %s", delivery_id,
             organisation_id, month, status)
    return status


class MonthlyScheduler:
    """The in-process scheduler of a serving process: looks for due reports at start and
    every `check_seconds`, and sends reports asked for by hand without holding up the
    request that asked."""

    def __init__(self, database: Database, settings: DeliverySettings, runner_id: str,
                 check_seconds: float) -> None:
        from apscheduler.schedulers.background import (  # type: ignore[import-untyped]
            BackgroundScheduler,
        )

        self._database, self._settings, self._runner_id = database, settings, runner_id
        self._check_seconds = check_seconds
        self._scheduler = BackgroundScheduler(timezone=UTC, job_defaults={
            "coalesce": True, "max_instances": 1, "misfire_grace_time": None})

    def start(self) -> None:
        """Start looking (the first look is now)."""
        self._scheduler.add_job(self.check, "interval", seconds=self._check_seconds,
                                next_run_time=datetime.now(UTC), id="monthly-reports")
        self._scheduler.start()

    def check(self) -> list[int]:
        """One look for due reports; errors are logged and the next look tries again."""
        try:
            return send_due(self._database, self._settings, datetime.now(UTC),
                            self._runner_id)
        except Exception:
            log.exception("looking for due monthly reports failed; retrying later")
            return []

    def send_now(self, delivery_id: int) -> None:
        """Send a delivery asked for by hand, in the background."""
        if self._scheduler.running:
            self._scheduler.add_job(deliver, args=(self._database, self._settings,
                                                   delivery_id))
        else:  # a process that runs no jobs (an admin command) sends at once
            deliver(self._database, self._settings, delivery_id)

    def shutdown(self, wait: bool = True) -> None:
        """Stop, letting a sending finish when `wait`."""
        if self._scheduler.running:
            self._scheduler.shutdown(wait=wait)


def mail_environment(config: Mapping[str, Any]) -> dict[str, str]:
    """The SMTP settings from the app's config (AUDITOR_SMTP_URL, AUDITOR_MAIL_FROM)."""
    return {name: str(config.get(key) or "") for name, key in
            (("AUDITOR_SMTP_URL", "SMTP_URL"), ("AUDITOR_MAIL_FROM", "MAIL_FROM"))}


def recipients_from(text: str) -> Sequence[str]:
    """Addresses from a form field: separated by commas, semicolons or new lines."""
    return [part.strip() for part in text.replace(";", ",").replace("\n", ",").split(",")
            if part.strip()]
