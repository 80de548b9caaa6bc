"""Monthly reports in the web service: an organisation's audits keep their months once it
has a schedule; each month's report downloads; the schedule sends each report once
whatever the number of server processes, catches up after downtime, and records every
delivery, sent or failed with the reason; the in-process scheduler does it by itself."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import select

from auditor.loaders import LoadOptions
from auditor.monthly.periods import Month
from auditor.monthly.run import MonthAudit, audit_months
from auditor.pipeline import load_for_audit
from auditor.policy import load_policy
from auditor.registry import Registry
from auditor.web import close_app
from auditor.web.database import Database
from auditor.web.models import MonthlyDelivery, MonthlySchedule, Organisation
from auditor.web.monthly_delivery import DeliverySettings, due_months, send_due
from auditor.web.monthly_store import store_months
from tests.conftest import FIXTURES, SmtpInbox, free_port, smtp_server
from tests.test_web import _app, _csrf, _signed_in, _upload, _wait

MONTHLY = FIXTURES / "monthly"
SENDER = "reports@example.com"


@pytest.fixture()
def smtp() -> Iterator[tuple[SmtpInbox, int]]:
    """A real SMTP server on loopback."""
    with smtp_server() as server:
        yield server


@pytest.fixture(scope="module")
def inkwell_months() -> list[MonthAudit]:
    """The Inkwell Books fixture's months, audited once for the module."""
    policy = load_policy(MONTHLY / "policy.toml")
    loaded = load_for_audit([MONTHLY / "transcripts.jsonl"], [MONTHLY / "refunds.csv"],
                            policy=policy, load_options=LoadOptions())
    return list(audit_months(loaded, policy=policy, registry=Registry.from_entry_points(),
                             now=datetime(2026, 11, 2, 8, tzinfo=UTC)))


def _settings(port: int) -> DeliverySettings:
    return DeliverySettings(mail={"AUDITOR_SMTP_URL": f"smtp://127.0.0.1:{port}",
                                  "AUDITOR_MAIL_FROM": SENDER},
                            send_hour=6, base_url="https://audit.example.com")


def _schedule(app: Flask, *, day: int, created: datetime, recipients: list[str]) -> int:
    """A schedule for the default organisation; its id."""
    with app.extensions["auditor.database"].session() as session:
        organisation_id = session.scalar(select(Organisation.id))
        assert organisation_id is not None
        session.add(MonthlySchedule(organisation_id=organisation_id, day_of_month=day,
                                    recipients=recipients, enabled=True, created_at=created))
        return organisation_id


def _keep(app: Flask, organisation_id: int, months: list[MonthAudit]) -> None:
    with app.extensions["auditor.database"].engine.begin() as connection:
        store_months(connection, organisation_id, None, months)


def _deliveries(app: Flask) -> list[tuple[str, str, str, str | None]]:
    with app.extensions["auditor.database"].session() as session:
        return [(d.month, d.trigger, d.status, d.reason) for d in session.scalars(
            select(MonthlyDelivery).order_by(MonthlyDelivery.id))]


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Flask]:
    application = _app(tmp_path / "instance", RUN_JOBS=False)
    yield application
    close_app(application)


def test_a_due_report_is_sent_once_whatever_the_number_of_processes(
        app: Flask, smtp: tuple[SmtpInbox, int], inkwell_months: list[MonthAudit]) -> None:
    inbox, port = smtp
    organisation_id = _schedule(app, day=1, created=datetime(2026, 10, 20, tzinfo=UTC),
                                recipients=["owner@example.com"])
    _keep(app, organisation_id, inkwell_months)
    database = app.extensions["auditor.database"]
    # Four servers on one database: each with an engine (and connections) of its own.
    servers = [Database(str(app.config["DATABASE_URL"])) for _ in range(4)]
    now = datetime(2026, 11, 1, 7, tzinfo=UTC)
    barrier = threading.Barrier(4)
    made: list[list[int]] = []

    def process(number: int) -> None:
        barrier.wait()
        made.append(send_due(servers[number], _settings(port), now, f"process-{number}"))

    threads = [threading.Thread(target=process, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for server in servers:
        server.engine.dispose()
    assert sorted(len(ids) for ids in made) == [0, 0, 0, 1]
    assert _deliveries(app) == [("2026-10", "schedule", "sent", None)]
    [message] = inbox.messages()
    assert message["To"] == "owner@example.com"
    assert "October 2026" in message["Subject"]
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "monthly-2026-10.pdf"
    assert attachment.get_content().startswith(b"%PDF")
    # A later look finds nothing more to send.
    assert send_due(database, _settings(port), now, "process-9") == []
    assert len(inbox.envelopes) == 1


def test_reports_missed_while_no_server_ran_are_sent_at_the_next_look(
        app: Flask, smtp: tuple[SmtpInbox, int], inkwell_months: list[MonthAudit]) -> None:
    inbox, port = smtp
    organisation_id = _schedule(app, day=3, created=datetime(2026, 7, 15, tzinfo=UTC),
                                recipients=["owner@example.com", "books@example.com"])
    # July and August are kept; September was never audited here.
    _keep(app, organisation_id, [m for m in inkwell_months
                                 if str(m.month) in ("2026-07", "2026-08")])
    database = app.extensions["auditor.database"]
    # Down from late July to 20 October: the reports due on 3 August (July), 3 September
    # (August) and 3 October (September) are due at the first look after the restart.
    after_downtime = datetime(2026, 10, 20, 9, tzinfo=UTC)
    made = send_due(database, _settings(port), after_downtime, "restarted")
    assert len(made) == 3
    deliveries = _deliveries(app)
    assert [(m, s) for m, _, s, _ in deliveries] == [
        ("2026-07", "sent"), ("2026-08", "sent"), ("2026-09", "failed")]
    assert "no audit of this organisation covered September 2026" in (deliveries[2][3] or "")
    subjects = [m["Subject"] for m in inbox.messages()]
    assert [s.split(":")[0] for s in subjects] == ["Chatbot report for July 2026",
                                                   "Chatbot report for August 2026"]
    assert sorted(inbox.envelopes[0].rcpt_tos) == ["books@example.com", "owner@example.com"]
    # Months due before the schedule existed are not sent; nothing is sent twice.
    assert send_due(database, _settings(port), after_downtime, "again") == []


def test_a_delivery_that_cannot_be_sent_is_recorded_with_its_reason(
        app: Flask, inkwell_months: list[MonthAudit]) -> None:
    organisation_id = _schedule(app, day=1, created=datetime(2026, 10, 2, tzinfo=UTC),
                                recipients=["owner@example.com"])
    _keep(app, organisation_id, inkwell_months)
    closed = free_port()  # nothing listens there
    send_due(app.extensions["auditor.database"], _settings(closed),
             datetime(2026, 11, 1, 7, tzinfo=UTC), "p")
    [(month, trigger, status, reason)] = _deliveries(app)
    assert (month, trigger, status) == ("2026-10", "schedule", "failed")
    # The reason is redacted like any stored text (the address is masked), port kept.
    assert "could not be sent through smtp://" in (reason or "") and str(closed) in (reason or "")
    unset = DeliverySettings(mail={"AUDITOR_SMTP_URL": "", "AUDITOR_MAIL_FROM": ""})
    with app.extensions["auditor.database"].session() as session:
        session.add(MonthlyDelivery(organisation_id=organisation_id, month="2026-09",
                                    trigger="manual", status="sending", recipients=[]))
    from auditor.web.monthly_delivery import deliver

    with app.extensions["auditor.database"].session() as session:
        latest = max(session.scalars(select(MonthlyDelivery.id)))
    assert deliver(app.extensions["auditor.database"], unset, latest) == "failed"
    assert "set AUDITOR_SMTP_URL" in (_deliveries(app)[-1][3] or "")


def test_due_months_follow_the_day_and_the_hour() -> None:
    schedule = MonthlySchedule(day_of_month=5, created_at=datetime(2026, 9, 1, tzinfo=UTC))
    assert due_months(schedule, datetime(2026, 10, 5, 5, 59, tzinfo=UTC), 6) == [
        Month(2026, 8)]
    assert [str(m) for m in due_months(schedule, datetime(2026, 10, 5, 6, tzinfo=UTC), 6)] \
        == ["2026-08", "2026-09"]


def test_an_audit_keeps_its_months_once_there_is_a_schedule_and_owners_download_them(
        tmp_path: Path) -> None:
    app = _app(tmp_path / "instance")
    try:
        client = _signed_in(app)
        with app.extensions["auditor.database"].session() as session:
            organisation_id = session.scalar(select(Organisation.id))
        page = f"/organisations/{organisation_id}/monthly"
        assert "No month is kept yet" in client.get(page).get_data(as_text=True)
        saved = client.post(f"/organisations/{organisation_id}/schedule", data={
            "csrf_token": _csrf(client, page), "day": "2",
            "recipients": "owner@example.com\nbooks@example.com", "enabled": "on"},
            follow_redirects=True)
        assert "goes to 2 recipient(s) on day 2" in saved.get_data(as_text=True)
        refused = client.post(f"/organisations/{organisation_id}/schedule", data={
            "csrf_token": _csrf(client, page), "day": "31", "recipients": "a@example.com"},
            follow_redirects=True)
        assert "from 1 to 28" in refused.get_data(as_text=True)
        _upload(client, (MONTHLY.joinpath("transcripts.jsonl").read_bytes(), "chats.jsonl"))
        _wait(app)
        listed = client.get(page).get_data(as_text=True)
        for month in ("April 2026", "June 2026", "October 2026"):
            assert month in listed
        pdf = client.get(f"/organisations/{organisation_id}/monthly/2026-09.pdf")
        assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
        html = client.get(f"/organisations/{organisation_id}/monthly/2026-09.html")
        assert "Your chatbot in September 2026" in html.get_data(as_text=True)
        assert client.get(f"/organisations/{organisation_id}/monthly/2026-13.pdf"
                          ).status_code == 404
        assert client.get(f"/organisations/{organisation_id}/monthly/2025-01.pdf"
                          ).status_code == 404
        viewer = _signed_in(app, "view@example.com")
        assert viewer.get(page).status_code == 200
        assert viewer.post(f"/organisations/{organisation_id}/monthly/send", data={
            "csrf_token": _csrf(viewer, page), "month": "2026-09"}).status_code == 403
    finally:
        close_app(app)


def test_the_in_process_scheduler_sends_by_itself_and_send_now_records_it(
        tmp_path: Path, smtp: tuple[SmtpInbox, int], inkwell_months: list[MonthAudit]) -> None:
    inbox, port = smtp
    app = _app(tmp_path / "instance", SMTP_URL=f"smtp://127.0.0.1:{port}",
               MAIL_FROM=SENDER, MONTHLY_CHECK_SECONDS=0.5)
    try:
        # A schedule made before 1 November 06:00 UTC of the month after the last kept
        # one is due as soon as the scheduler looks (now is after it).
        organisation_id = _schedule(app, day=1, created=datetime(2026, 10, 31, tzinfo=UTC),
                                    recipients=["owner@example.com"])
        _keep(app, organisation_id, inkwell_months)
        deadline = time.monotonic() + 30
        while not any(d[1] == "schedule" and d[2] == "sent" for d in _deliveries(app)):
            assert time.monotonic() < deadline, _deliveries(app)
            time.sleep(0.2)
        client = _signed_in(app)
        page = f"/organisations/{organisation_id}/monthly"
        sent = client.post(f"/organisations/{organisation_id}/monthly/send", data={
            "csrf_token": _csrf(client, page), "month": "2026-07"}, follow_redirects=True)
        assert "is being sent" in sent.get_data(as_text=True)
        deadline = time.monotonic() + 30
        while not any(d[0] == "2026-07" and d[2] == "sent" for d in _deliveries(app)):
            assert time.monotonic() < deadline, _deliveries(app)
            time.sleep(0.2)
        listed = client.get(page).get_data(as_text=True)
        assert "by hand" in listed and "on schedule" in listed
        subjects = sorted(m["Subject"] for m in inbox.messages())
        assert any("July 2026" in s for s in subjects)
    finally:
        close_app(app)


def test_the_kept_month_holds_the_result_its_footer_digests(
        app: Flask, inkwell_months: list[MonthAudit]) -> None:
    import hashlib

    from auditor.web.models import MonthlySummaryRow

    with app.extensions["auditor.database"].session() as session:
        organisation_id = session.scalar(select(Organisation.id))
    assert organisation_id is not None
    _keep(app, organisation_id, inkwell_months)
    with app.extensions["auditor.database"].session() as session:
        from sqlalchemy.orm import undefer

        row = session.scalar(select(MonthlySummaryRow).where(
            MonthlySummaryRow.month == "2026-09").options(undefer(MonthlySummaryRow.result_json)))
        assert row is not None and row.result_json is not None
        digest = json.loads(row.summary_json)["result_digest"]
        assert digest == "sha256:" + hashlib.sha256(row.result_json.encode()).hexdigest()


def test_a_kept_month_s_report_is_for_where_its_customers_were_and_on_its_clock(
        app: Flask, inkwell_months: list[MonthAudit]) -> None:
    from datetime import date

    from auditor.web.monthly_store import report_for

    with app.extensions["auditor.database"].session() as session:
        organisation = session.scalar(select(Organisation))
        assert organisation is not None
        _keep(app, organisation.id, inkwell_months)
        report = report_for(session, organisation, Month(2026, 10),
                            generated_on=date(2026, 11, 2), base_url="")
    assert report is not None
    assert report.jurisdictions == ("US-CO", "US-ME") and report.time_zone == "America/New_York"
    assert [(str(o.starts), o.jurisdiction) for o in report.obligations] == [
        ("2027-01-01", "US-CO")]
