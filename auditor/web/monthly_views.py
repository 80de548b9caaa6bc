"""An organisation's monthly reports: its schedule, every kept month's report to
download, a "send now", and each delivery with its outcome."""

from __future__ import annotations

import json

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from sqlalchemy import select
from werkzeug.wrappers import Response as WerkzeugResponse

from auditor.errors import UsageError
from auditor.mail import MailError, check_recipients
from auditor.monthly.periods import Month
from auditor.monthly.render import render_monthly_html, render_monthly_pdf
from auditor.monthly.settings import DEFAULT_MIN_CONVERSATIONS
from auditor.monthly.summary import Light, MonthSummary
from auditor.web.extensions import ID_RULE, auditing_role_required, db_session, login_required
from auditor.web.models import (
    MonthlyDelivery,
    MonthlySchedule,
    MonthlySummaryRow,
    Organisation,
    utc_now,
)
from auditor.web.monthly_delivery import recipients_from, request_delivery
from auditor.web.monthly_store import report_for
from auditor.web.organisations import visible_organisation
from auditor.web.security import report_headers

blueprint = Blueprint("monthly", __name__)
DELIVERIES_SHOWN = 50


def _organisation(organisation_id: int) -> Organisation:
    """The organisation if the signed-in user sees it, else 404."""
    found = visible_organisation(db_session(), current_user, organisation_id)
    if found is None:
        abort(404)
    return found


@blueprint.route(f"/organisations/<{ID_RULE}:organisation_id>/monthly")
@login_required
def show(organisation_id: int) -> str:
    """The schedule, the kept months (newest first) and the latest deliveries."""
    organisation = _organisation(organisation_id)
    session = db_session()
    schedule = session.scalar(select(MonthlySchedule).where(
        MonthlySchedule.organisation_id == organisation_id))
    months = [MonthSummary.from_dict(json.loads(text)) for text in session.scalars(
        select(MonthlySummaryRow.summary_json).where(
            MonthlySummaryRow.organisation_id == organisation_id)
        .order_by(MonthlySummaryRow.month.desc()))]
    deliveries = list(session.scalars(select(MonthlyDelivery).where(
        MonthlyDelivery.organisation_id == organisation_id)
        .order_by(MonthlyDelivery.id.desc()).limit(DELIVERIES_SHOWN)))
    return render_template("monthly.html", organisation=organisation, schedule=schedule,
                           months=months, deliveries=deliveries, light_words=Light.WORDS,
                           title=lambda month: Month.parse(month, where="month").title)


@blueprint.route(f"/organisations/<{ID_RULE}:organisation_id>/schedule", methods=["POST"])
@auditing_role_required
def schedule(organisation_id: int) -> WerkzeugResponse:
    """Set the schedule: the day of the month, the recipients, on or off."""
    organisation = _organisation(organisation_id)
    page = url_for("monthly.show", organisation_id=organisation.id)
    try:
        day = int(request.form.get("day", ""))
        if not 1 <= day <= 28:
            raise ValueError(day)
    except ValueError:
        flash("Nothing saved: the day must be a number from 1 to 28 (every month has it).",
              "error")
        return redirect(page)
    try:
        recipients, _ = check_recipients(recipients_from(request.form.get("recipients", "")))
    except MailError as error:
        flash(f"Nothing saved: {str(error).replace('--email-to ', '')}.", "error")
        return redirect(page)
    session = db_session()
    row = session.scalar(select(MonthlySchedule).where(
        MonthlySchedule.organisation_id == organisation.id))
    if row is None:
        row = MonthlySchedule(organisation_id=organisation.id, created_at=utc_now())
        session.add(row)
    row.day_of_month, row.recipients = day, recipients
    row.enabled = request.form.get("enabled") == "on"
    row.updated_by_id = current_user.id
    flash(f"Saved: the report of each month goes to {len(recipients)} recipient(s) on day "
          f"{day} of the next month{'' if row.enabled else ' (paused)'}. Audits uploaded "
          "from now on keep their months for it.", "info")
    return redirect(page)


@blueprint.route(f"/organisations/<{ID_RULE}:organisation_id>/monthly/send", methods=["POST"])
@auditing_role_required
def send(organisation_id: int) -> WerkzeugResponse:
    """Send a kept month's report to the schedule's recipients now."""
    organisation = _organisation(organisation_id)
    page = url_for("monthly.show", organisation_id=organisation.id)
    try:
        month = Month.parse(request.form.get("month", ""), where="month")
    except UsageError:
        flash("Choose a month to send.", "error")
        return redirect(page)
    session = db_session()
    session.commit()  # the delivery is written by its own transaction
    scheduler = current_app.extensions["auditor.monthly"]
    delivery_id = request_delivery(current_app.extensions["auditor.database"],
                                   organisation.id, month, current_user.id,
                                   current_app.extensions["auditor.runner"].runner_id)
    scheduler.send_now(delivery_id)
    flash(f"The report of {month.title} is being sent; its outcome is listed below.", "info")
    return redirect(page + "#deliveries")


@blueprint.route(f"/organisations/<{ID_RULE}:organisation_id>/monthly/<month>"
                 ".<any(pdf, html):fmt>")
@login_required
def download(organisation_id: int, month: str, fmt: str) -> Response:
    """A kept month's report, as PDF (downloaded) or HTML (viewed)."""
    organisation = _organisation(organisation_id)
    try:
        wanted = Month.parse(month, where="month")
    except UsageError:
        abort(404)
    report = report_for(db_session(), organisation, wanted,
                        generated_on=utc_now().date(),
                        base_url=str(current_app.config["BASE_URL"]))
    if report is None:
        abort(404, f"No audit of {organisation.name} covered {month}.")
    if fmt == "pdf":
        response = Response(render_monthly_pdf(report,
                                               min_conversations=DEFAULT_MIN_CONVERSATIONS),
                            content_type="application/pdf")
        response.headers["Content-Disposition"] = (
            f'attachment; filename="monthly-{month}.pdf"')
    else:
        response = Response(render_monthly_html(report,
                                                min_conversations=DEFAULT_MIN_CONVERSATIONS),
                            content_type="text/html; charset=utf-8")
    return report_headers(response)
