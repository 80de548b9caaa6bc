"""The `auditor monthly` command: parse, call `monthly_reports`, write, send, exit."""

from __future__ import annotations

import json
from pathlib import Path

import click

from auditor.errors import UsageError
from auditor.loaders import LoadOptions, input_formats
from auditor.loaders.columns import ColumnOverrides
from auditor.mail import (
    SMTP_URL_VARIABLE,
    Attachment,
    MailSettings,
    check_recipients,
    send_mail,
)
from auditor.result import EXIT_FAILED, EXIT_PASSED

MONTHLY_HELP_EPILOG = """\b
Writes into --out, for the month YYYY-MM:
  monthly-YYYY-MM.pdf   the owner's report (at most four A4 pages)
  monthly-YYYY-MM.html  the same as one web page
  monthly-YYYY-MM.json  what the report says, for other tools
  audit-YYYY-MM.json    the month's full audit result (its digest is in the footer)
  audit-YYYY-MM.html    the month's full audit report

\b
E-mail (--email-to, --bcc) goes through the SMTP server in AUDITOR_SMTP_URL:
  smtp://user:pass@host:25, smtp+starttls://user:pass@host:587 or
  smtps://user:pass@host:465; the sender is AUDITOR_MAIL_FROM.

\b
Exit codes: 0 the month passed, 1 it failed the gate, 2 usage or input error or
the e-mail could not be sent (the files are written first), 3 a check crashed,
4 inconclusive."""


@click.command(epilog=MONTHLY_HELP_EPILOG)
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--decisions", "decision_files", multiple=True, type=click.Path(path_type=Path),
              help="A decision log (CSV or JSONL); repeat for several.")
@click.option("--month", metavar="YYYY-MM",
              help="The month to report. [default: the latest month in the data that has "
                   "ended]")
@click.option("--history", "history_dir", type=click.Path(path_type=Path, file_okay=False),
              help="A folder that keeps each month's summary (summary-YYYY-MM.json), so later "
                   "runs extend the trend without the old transcripts.")
@click.option("--out", "out_dir", default="out", show_default=True,
              type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the report files.")
@click.option("--policy", "policy_file", type=click.Path(path_type=Path),
              help="A TOML policy; its [monthly] table sets the organisation, time zone, "
                   "min-conversations and audit-url. [default: ./auditor.toml, else "
                   "[tool.auditor] in ./pyproject.toml]")
@click.option("--no-policy", is_flag=True, help="Use the defaults, not a policy found here.")
@click.option("--organisation", help="The name on the report. [default: the policy's "
              "[monthly] organisation]")
@click.option("--email-to", "email_to", multiple=True, metavar="ADDRESS",
              help="Send the PDF to this address; repeat for several.")
@click.option("--bcc", multiple=True, metavar="ADDRESS",
              help="Send a blind copy to this address; repeat for several.")
@click.option("--input-format", type=click.Choice(tuple(input_formats())),
              help="Force the transcript format instead of detecting it.")
@click.option("--column", "columns", multiple=True, metavar="FIELD=NAME",
              help="Map a canonical field to your column, e.g. --column role=speaker.")
@click.option("--role", "roles", multiple=True, metavar="VALUE=ROLE",
              help="Map a speaker value to a role, e.g. --role Ava=bot.")
@click.option("--created-at", "created_at", metavar="TIMESTAMP",
              help="Pin the run time (ISO 8601), which decides the default month and the "
                   "legal deadlines ahead. [default: $SOURCE_DATE_EPOCH, else now]")
@click.option("--exit-zero", is_flag=True,
              help="Exit 0 when the month failed the gate; errors still exit 2, 3 or 4.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def monthly(inputs: tuple[Path, ...], decision_files: tuple[Path, ...], month: str | None,
            history_dir: Path | None, out_dir: Path, policy_file: Path | None,
            no_policy: bool, organisation: str | None, email_to: tuple[str, ...],
            bcc: tuple[str, ...], input_format: str | None, columns: tuple[str, ...],
            roles: tuple[str, ...], created_at: str | None, exit_zero: bool,
            quiet: bool) -> int:
    """Write the monthly owner report: a plain-language PDF with a light per area, the
    three most important actions, twelve-month trends and legal deadlines ahead.

    INPUTS are transcript exports (files or directories), split into calendar months by
    their timestamps; each month is audited with the same policy.
    """
    from auditor.cli import _pinned_clock, _resolve_policy
    from auditor.monthly.periods import Month
    from auditor.monthly.render import (
        render_monthly_html,
        render_monthly_pdf,
        render_monthly_text,
    )
    from auditor.monthly.run import monthly_reports
    from auditor.render import render
    from auditor.terminal import progress_bar

    if not inputs and not decision_files:
        raise UsageError("nothing to report on: give transcript files or directories, or a "
                         "decision log with --decisions")
    # Mail settings and addresses are checked before the audit, not after it.
    mail = MailSettings.from_environment() if email_to or bcc else None
    if mail is not None:
        check_recipients(email_to, bcc)
    policy = _resolve_policy(policy_file, no_policy)
    overrides = ColumnOverrides.parse(columns, roles)
    outcome = monthly_reports(
        list(inputs), decisions=list(decision_files), policy=policy,
        load_options=LoadOptions(input_format=input_format, overrides=overrides),
        month=Month.parse(month) if month else None, history=history_dir,
        organisation=organisation, clock=_pinned_clock(created_at),
        progress=None if quiet else progress_bar)
    report = outcome.report
    minimum = policy.monthly.min_conversations
    stem = f"monthly-{report.month}"
    pdf = render_monthly_pdf(report, min_conversations=minimum)
    files = {f"{stem}.pdf": pdf,
             f"{stem}.html": render_monthly_html(report, min_conversations=minimum)
             .encode("utf-8"),
             f"{stem}.json": (json.dumps(report.to_dict(), indent=2, ensure_ascii=False)
                              + "\n").encode("utf-8")}
    if outcome.result is not None and outcome.result_json is not None:
        files[f"audit-{report.month}.json"] = outcome.result_json
        files[f"audit-{report.month}.html"] = render(outcome.result, "html", checked=True)
    written = _write(out_dir, files)
    if not quiet:
        click.echo(f"{report.month.title}: {report.summary.verdict} (grade "
                   f"{report.summary.grade}); months audited: "
                   f"{', '.join(outcome.audited) or 'none (from the history)'}")
        for note in outcome.notes:
            click.echo(f"note: {note}")
        for path in written:
            click.echo(f"wrote {path}")
    if mail is not None:
        send_mail(mail, to=email_to, bcc=bcc,
                  subject=f"Chatbot report for {report.month.title}: "
                          f"{report.summary.verdict}",
                  text=render_monthly_text(report),
                  html=render_monthly_html(report, min_conversations=minimum),
                  attachments=[Attachment(f"{stem}.pdf", pdf)])
        if not quiet:
            click.echo(f"sent {stem}.pdf to {len(email_to) + len(bcc)} recipient(s) through "
                       f"{mail.server} ({SMTP_URL_VARIABLE})")
    if exit_zero and outcome.exit_code == EXIT_FAILED:
        return EXIT_PASSED
    return outcome.exit_code


def _write(out_dir: Path, files: dict[str, bytes]) -> list[Path]:
    """Write each file into `out_dir`, creating it; a UsageError if that fails."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for name, content in files.items():
            path = out_dir / name
            path.write_bytes(content)
            written.append(path)
    except OSError as error:
        raise UsageError(f"{out_dir}: cannot write the report ({error})") from None
    return written
