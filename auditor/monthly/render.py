"""The monthly report as HTML, PDF and plain text (the e-mail's body).

The HTML and PDF come from one template (`monthly.html`), with the same Jinja
environment and the same refusing URL fetcher as the full report: the PDF is laid out
from the document alone and never fetches anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from auditor.monthly.report import AreaReport, MonthlyReport
from auditor.monthly.summary import Light, parse_time
from auditor.monthly.trend import Direction
from auditor.render.html import environment

__all__ = ["render_monthly_html", "render_monthly_pdf", "render_monthly_text"]


def _day(value: date | str) -> str:
    """"4 December 2026"."""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day.day} {day:%B %Y}"


def _deadline(notify_by: str) -> str:
    """"3 October 2026, 14:05 UTC"."""
    moment = parse_time(notify_by)
    return f"{_day(moment.date())}, {moment:%H:%M} UTC" if moment.tzinfo else _day(
        moment.date())


def _breach_words(notify_by: str, today: date) -> str:
    """The 72-hour notification deadline of a possible breach, or that it has passed."""
    when = _deadline(notify_by)
    if parse_time(notify_by).date() < today:
        return (f"Possible data breach: the 72-hour deadline to tell your data protection "
                f"authority passed on {when}. Tell them now, unless it is unlikely to harm "
                "anyone, and note why it was late.")
    return (f"Possible data breach: tell your data protection authority by {when} (72 hours "
            "after it happened), unless it is unlikely to harm anyone.")


def _change_detail(area: AreaReport) -> str:
    """The change with its numbers and interval, for the trend page."""
    change = area.change
    if change.direction == Direction.NOT_COMPARABLE or change.difference is None:
        return "No earlier month with enough data to compare."
    low, high = 100 * (change.low or 0), 100 * (change.high or 0)
    return (f"Change from the month before: {100 * change.difference:+.1f} points "
            f"(95 % interval {low:+.1f} to {high:+.1f}): {change.direction}.")


@dataclass(frozen=True, slots=True)
class _Page:
    """What the template needs beyond the report itself."""

    heading: str
    organisation: str
    footer: str
    where: str
    min_conversations: int
    charts: dict[str, Markup]
    light_words: dict[str, str]
    today: date

    def breach_words(self, notify_by: str) -> str:
        return _breach_words(notify_by, self.today)

    @staticmethod
    def records(count: int) -> str:
        return f"{count:,} record{'s' if count != 1 else ''}"

    @staticmethod
    def day(value: date | str) -> str:
        return _day(value)

    @staticmethod
    def deadline(value: str) -> str:
        return _deadline(value)

    @staticmethod
    def change_detail(area: AreaReport) -> str:
        return _change_detail(area)


def _page(report: MonthlyReport, min_conversations: int) -> _Page:
    from auditor.render.trend_chart import trend_chart

    organisation = report.organisation or "Your organisation"
    return _Page(
        heading=f"{organisation}: chatbot report for {report.month.title}",
        organisation=organisation,
        footer=f"{organisation} \u00b7 {report.month.title} \u00b7 result "
               f"{report.summary.result_digest}",
        where=", ".join(report.jurisdictions) or "every jurisdiction",
        min_conversations=min_conversations,
        charts={area.month.pack: trend_chart(area.points, area.month.title)
                for area in report.areas},
        light_words=dict(Light.WORDS), today=report.generated_on)


def render_monthly_html(report: MonthlyReport, *, min_conversations: int) -> str:
    """The report as one self-contained HTML page."""
    return environment().get_template("monthly.html").render(
        report=report, page=_page(report, min_conversations))


def render_monthly_pdf(report: MonthlyReport, *, min_conversations: int) -> bytes:
    """The report as an A4 PDF."""
    from weasyprint import HTML  # type: ignore[import-untyped]

    from auditor.render.pdf import RefusingURLFetcher

    document = render_monthly_html(report, min_conversations=min_conversations)
    pdf: bytes = HTML(string=document, base_url=None,
                      url_fetcher=RefusingURLFetcher()).write_pdf()
    return pdf


def render_monthly_text(report: MonthlyReport) -> str:
    """The first page in plain text: the e-mail's body."""
    lines = [f"{report.organisation or 'Your organisation'}: your chatbot in "
             f"{report.month.title}", "", report.verdict_words, ""]
    for area in report.areas:
        lines.append(f"- {area.month.title} ({Light.WORDS[area.month.light].lower()}): "
                     f"{area.month.sentence} {area.change_words}.")
    if report.actions:
        lines += ["", "The three most important things to do:"]
        for number, action in enumerate(report.actions, start=1):
            lines.append(f"{number}. {action.title}. {action.happened}")
            if action.notify_by:
                lines.append(f"   {_breach_words(action.notify_by, report.generated_on)}")
            lines.append(f"   What to change: {action.fix}")
    if report.obligations:
        lines += ["", "Legal deadlines in the next 90 days:"]
        lines += [f"- {_day(item.starts)}, {item.jurisdiction}: {item.law}. {item.requires}"
                  for item in report.obligations]
    lines += ["", "The full report is attached as a PDF.",
              f"Result digest: {report.summary.result_digest}"]
    if report.audit_url:
        lines.append(f"Full audit: {report.audit_url}")
    return "\n".join(lines) + "\n"
