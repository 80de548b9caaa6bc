"""The `auditor` command: parse, call `run_audit` and the renderers, format, exit.

Exit codes: 0 passed, 1 failed the gate, 2 usage or input error, 3 a check crashed,
4 inconclusive (the audit could not read enough of its input to judge).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from auditor import __version__
from auditor.baseline import load_baseline
from auditor.errors import AuditorError, UsageError
from auditor.loaders import LoadOptions, input_formats
from auditor.loaders.columns import ColumnOverrides
from auditor.loaders.decisions import DecisionOptions
from auditor.policy import FAIL_ON_OFF, Policy, discover_policy, load_policy
from auditor.registry import Registry
from auditor.render.escape import log_line
from auditor.result import EXIT_CRASHED, EXIT_FAILED, EXIT_PASSED, EXIT_USAGE
from auditor.severity import SEVERITY_ORDER
from auditor.terminal import progress_bar, summary_lines


def _report_formats() -> tuple[str, ...]:
    """The installed report formats (the renderer registry is the one list)."""
    from auditor.render import formats

    return formats()

EXIT_CODES_HELP = """\b
Exit codes:
  0  passed: no finding blocks the gate and the input was read
  1  failed: a finding at or above --fail-on (default critical), the score
     below --fail-under, a check below its min-score, or a new finding
     against --baseline
  2  usage or input error (bad option, unreadable file, unknown format)
  3  a check crashed (the other checks still ran and are reported)
  4  inconclusive: too little of the input could be read to judge (no bot
     turn read, records skipped for an unknown speaker or an unmapped field,
     or more than max-skipped per cent skipped); the summary says what to map"""


@click.group(context_settings={"help_option_names": ["-h", "--help"]},
             epilog=EXIT_CODES_HELP)
@click.version_option(__version__, prog_name="auditor")
def cli() -> None:
    """Audit customer-support chatbot transcripts for disclosure, privacy, fairness
    and escalation problems, and write scored reports."""


@cli.command(epilog=EXIT_CODES_HELP)
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option("--decisions", "decision_files", multiple=True, type=click.Path(path_type=Path),
              help="A decision log (CSV or JSONL); repeat for several.")
@click.option("--policy", "policy_file", type=click.Path(path_type=Path),
              help="A TOML policy: thresholds, select/ignore, check options, suppressions. "
                   "[default: ./auditor.toml, else [tool.auditor] in ./pyproject.toml]")
@click.option("--no-policy", is_flag=True,
              help="Use the defaults, not the auditor.toml or [tool.auditor] found here.")
@click.option("--format", "formats", default="json,html", show_default=True,
              help="Reports to write, comma-separated: json, html, pdf, md (a Markdown "
                   "summary for pull requests and $GITHUB_STEP_SUMMARY), junit (JUnit XML, "
                   "report.junit.xml), sarif (SARIF 2.1.0 for code scanning, report.sarif), "
                   "github (workflow annotations, also printed to standard output).")
@click.option("--out", "out_dir", default="out", show_default=True,
              type=click.Path(path_type=Path, file_okay=False),
              help="Directory for the reports: report.json, report.html, report.pdf, "
                   "report.md, report.junit.xml, report.sarif, report.github.")
@click.option("--fail-under", type=click.FloatRange(0, 100),
              help="Fail (exit 1) when the overall score is below this. [default: 80, or "
                   "the policy's fail-under]")
@click.option("--fail-on",
              type=click.Choice([*reversed(SEVERITY_ORDER), FAIL_ON_OFF], case_sensitive=False),
              help="Fail (exit 1) when any finding, or any new one with --baseline, is at or "
                   "above this severity; 'none' turns the bar off. [default: the policy's "
                   "fail-on, else critical]")
@click.option("--select", default="", help="Only these checks: codes, prefixes or names, "
              "comma-separated (e.g. DISC,PII001).")
@click.option("--ignore", default="", help="Skip these checks: codes, prefixes or names.")
@click.option("--input-format", type=click.Choice(tuple(input_formats())),
              help="Force the transcript format instead of detecting it.")
@click.option("--column", "columns", multiple=True, metavar="FIELD=NAME",
              help="Map a canonical field to your column, e.g. --column role=speaker.")
@click.option("--role", "roles", multiple=True, metavar="VALUE=ROLE",
              help="Map a speaker value to a role (customer, bot, agent, system), "
                   "e.g. --role Ava=bot.")
@click.option("--segment", "segments", multiple=True,
              help="A decision-log column that is a customer segment; repeat for several. "
                   "[default: every non-standard column]")
@click.option("--favourable", "favourable", multiple=True,
              help="A decision outcome value that is favourable; repeat for several.")
@click.option("--created-at", "created_at", metavar="TIMESTAMP",
              help="Pin the run date (ISO 8601, e.g. 2026-11-01T00:00:00Z) so the same inputs "
                   "give byte-identical reports. [default: $SOURCE_DATE_EPOCH, else now]")
@click.option("--exit-zero", is_flag=True,
              help="Exit 0 even when the gate fails (report-only runs); usage errors, "
                   "crashed checks and inconclusive audits still exit 2, 3 and 4.")
@click.option("--baseline", "baseline_file", type=click.Path(path_type=Path),
              help="An earlier report.json or baseline file: the gate then fails only on "
                   "findings that are new since it (see `auditor baseline update`).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Judge conversations in this many processes (Linux), each taking a share "
                   "of them; the result is the same as with one. Worth it on large inputs "
                   "with a core per process.")
@click.option("--scheduler", metavar="ADDRESS", envvar="AUDITOR_DASK_SCHEDULER",
              help="Judge conversations on the Dask cluster whose scheduler is at ADDRESS "
                   "(e.g. tcp://10.0.0.5:8786; needs the dask extra); the result is the same "
                   "as on this machine. [default: $AUDITOR_DASK_SCHEDULER, else here]")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def scan(
    inputs: tuple[Path, ...], decision_files: tuple[Path, ...], policy_file: Path | None,
    no_policy: bool, formats: str, out_dir: Path, fail_under: float | None, fail_on: str | None,
    select: str, ignore: str,
    input_format: str | None, columns: tuple[str, ...], roles: tuple[str, ...],
    segments: tuple[str, ...], favourable: tuple[str, ...], created_at: str | None,
    exit_zero: bool, baseline_file: Path | None, workers: int, scheduler: str | None,
    quiet: bool,
) -> int:
    """Audit transcript exports (files or directories) and write reports.

    INPUTS are canonical transcripts (JSONL or CSV), OpenAI-style chat logs, or
    directories of them; the format of each file is detected. INPUTS may be left out
    when a decision log is given with --decisions (the FAIR checks read it alone).
    """
    from auditor.pipeline import run_audit
    from auditor.render import render

    if not inputs and not decision_files:
        raise UsageError("nothing to audit: give transcript files or directories, "
                         "or a decision log with --decisions")
    wanted = _formats(formats)
    clock = _pinned_clock(created_at)
    baseline = load_baseline(baseline_file) if baseline_file else None
    policy = _resolve_policy(policy_file, no_policy).with_overrides(
        fail_under=fail_under, select=_tokens(select), ignore=_tokens(ignore), fail_on=fail_on)
    overrides = ColumnOverrides.parse(columns, roles)
    load_options = LoadOptions(
        input_format=input_format, overrides=overrides,
        decisions=DecisionOptions(segments=segments, favourable_values=frozenset(favourable),
                                  overrides=overrides))
    result = run_audit(list(inputs), decisions=list(decision_files), policy=policy,
                       load_options=load_options, clock=clock, baseline=baseline,
                       progress=None if quiet else progress_bar, workers=workers,
                       scheduler=scheduler or None)
    # Findings are made as the reports read them: a large result is not held twice.
    document = result.to_dict(lazy_findings=True)
    written = _write_reports(document, wanted, out_dir)
    if "github" in wanted:
        # GitHub reads workflow commands from standard output, so they are printed
        # even with --quiet.
        click.echo(render(document, "github", checked=True).decode("utf-8"), nl=False)
    if not quiet:
        for line in summary_lines(document, written):
            click.echo(line)
    else:
        # --quiet prints nothing but errors: a crash and an audit that could not
        # judge are errors the caller must be told about, with what to do.
        for error in document["errors"]:
            click.echo(log_line(f"auditor: check error {error['check']}: {error['message']}"),
                       err=True)
        if document["summary"]["verdict"] == "inconclusive":
            for reason in document["summary"]["inconclusive_reasons"]:
                click.echo(log_line(f"auditor: inconclusive: {reason}"), err=True)
    if exit_zero and result.exit_code == EXIT_FAILED:
        return EXIT_PASSED
    return result.exit_code


def _resolve_policy(policy_file: Path | None, no_policy: bool) -> Policy:
    """The policy a command runs with: --policy, else one found here, else the defaults."""
    if no_policy and policy_file:
        raise UsageError("--policy and --no-policy contradict each other; give one")
    if no_policy:
        return Policy()
    policy_file = policy_file or discover_policy(Path("."))
    return load_policy(policy_file) if policy_file else Policy()


def _pinned_clock(created_at: str | None) -> Callable[[], datetime] | None:
    """A clock fixed by --created-at or SOURCE_DATE_EPOCH, or None for the real one."""
    if created_at:
        try:
            moment = datetime.fromisoformat(created_at.replace("Z", "+00:00"))
        except ValueError:
            raise UsageError(f"--created-at {created_at!r}: expected an ISO 8601 timestamp, "
                             "e.g. 2026-11-01T00:00:00Z") from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
    elif os.environ.get("SOURCE_DATE_EPOCH"):
        epoch = os.environ["SOURCE_DATE_EPOCH"]
        try:
            moment = datetime.fromtimestamp(int(epoch), tz=UTC)
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH={epoch!r}: expected whole seconds since "
                             "1970-01-01") from None
    else:
        return None
    pinned = moment.astimezone(UTC).replace(microsecond=0)
    return lambda: pinned


@cli.command()
@click.argument("result_file", type=click.Path(path_type=Path))
@click.option("--format", "formats", default="html,pdf", show_default=True,
              help="Reports to write, comma-separated: "
                   f"{', '.join(_report_formats())}.")
@click.option("--out", "out_dir", default="out", show_default=True,
              type=click.Path(path_type=Path, file_okay=False), help="Output directory.")
def render(result_file: Path, formats: str, out_dir: Path) -> int:
    """Render reports from a saved report.json, without auditing again.

    The file is checked against the result schema first (`auditor schema`): anything
    else is a usage error (exit 2), not an empty report.
    """
    document = _read_result(result_file)
    for path in _write_reports(document, _formats(formats), out_dir,
                               source=str(result_file)):
        click.echo(f"wrote {path}")
    return 0


def _read_result(result_file: Path) -> dict[str, Any]:
    """A saved result JSON, or a UsageError saying why it cannot be read."""
    try:
        document = json.loads(result_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"{result_file}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UsageError(f"{result_file}: not a readable result JSON ({error})") from None
    if not isinstance(document, dict):
        raise UsageError(f"{result_file}: not a result JSON (expected an object)")
    return document


@cli.command()
def schema() -> int:
    """Print the JSON Schema of report.json (the result document)."""
    from auditor.document import result_schema

    click.echo(json.dumps(result_schema(), indent=2, sort_keys=True))
    return 0


@cli.group()
def policy() -> None:
    """Write or check policy files."""


@policy.command("init")
@click.argument("target", default="auditor.toml", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def policy_init(target: Path, force: bool) -> int:
    """Write a commented starter policy (default: auditor.toml)."""
    from auditor.policy_starter import STARTER_POLICY

    if target.exists() and not force:
        raise UsageError(f"{target}: already exists; use --force to overwrite it")
    try:
        target.write_text(STARTER_POLICY, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"{target}: cannot be written ({error})") from None
    click.echo(f"wrote {target}; use it with: auditor scan ... --policy {target}")
    return 0


@cli.group()
def baseline() -> None:
    """Record which findings are accepted, so CI gates only on new ones."""


@baseline.command("update")
@click.argument("result_file", type=click.Path(path_type=Path))
@click.option("--to", "target", default="auditor-baseline.json", show_default=True,
              type=click.Path(path_type=Path, dir_okay=False),
              help="The baseline file to write (commit it with the project).")
def baseline_update(result_file: Path, target: Path) -> int:
    """Write the baseline file from a report.json: its findings become the accepted ones."""
    from auditor.baseline import baseline_document

    document = _read_result(result_file)
    written = baseline_document(document)
    try:
        target.write_text(json.dumps(written, indent=2, ensure_ascii=False) + "\n",
                          encoding="utf-8")
    except OSError as error:
        raise UsageError(f"{target}: cannot be written ({error})") from None
    click.echo(f"wrote {target} with {len(written['findings'])} accepted findings")
    return 0


def _add_commands() -> None:
    from auditor.cli_monthly import monthly
    from auditor.web.commands import serve, tokens, users
    from auditor.web.organisation_commands import organisations

    cli.add_command(monthly)
    cli.add_command(organisations)
    cli.add_command(serve)
    cli.add_command(users)
    cli.add_command(tokens)


_add_commands()


@cli.command("checks")
def list_checks() -> int:
    """List the available checks: code, name, severity and where each comes from."""
    registry = Registry.from_entry_points()
    rows = [(r.code, r.check_class.name, r.check_class.severity.value, r.origin)
            for r in registry.all()]
    widths = [max(len(row[i]) for row in rows + [("CODE", "NAME", "SEVERITY", "ORIGIN")])
              for i in range(4)]
    for row in [("CODE", "NAME", "SEVERITY", "ORIGIN"), *rows]:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths,
                                                                         strict=True)).rstrip())
    for failure in registry.failures:
        click.echo(f"failed to load {failure.entry_point}: {failure.message}", err=True)
    return 0


@cli.command("formats")
def list_formats() -> int:
    """List the input formats: name, what it holds, and what detects it."""
    rows = [("FORMAT", "HOLDS", "DETECTED BY")] + [
        (f.name, f.kind, f.detects) for f in input_formats().values()]
    widths = [max(len(row[i]) for row in rows) for i in range(2)]
    for name, kind, detects in rows:
        click.echo(f"{name.ljust(widths[0])}  {kind.ljust(widths[1])}  {detects}")
    return 0


@cli.command()
@click.argument("code")
def explain(code: str) -> int:
    """Print one check's documentation (by code or name, e.g. DISC001)."""
    check = Registry.from_entry_points().get(code).check_class
    click.echo(f"{check.code} {check.name} ({check.severity.value})")
    click.echo(check.title)
    click.echo()
    click.echo(check.documentation())
    click.echo()
    click.echo("Remediation")
    click.echo(f"    {check.remediation}")
    return 0


def _write_reports(document: dict[str, Any], formats: Sequence[str], out_dir: Path, *,
                   source: str = "result") -> list[Path]:
    """Validate the result once, then render each format into out_dir/report.<extension>."""
    from auditor.document import ResultDocument
    from auditor.render import renderer_for, write_report

    ResultDocument.check(document, source=source)

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"{out_dir}: cannot create the output directory ({error})") from None
    written = []
    for fmt in formats:
        path = out_dir / f"report.{renderer_for(fmt).extension}"
        write_report(document, fmt, path, checked=True)
        written.append(path)
    return written


def _formats(value: str) -> list[str]:
    """Comma-separated report formats, validated."""
    chosen = _tokens(value)
    valid = _report_formats()
    unknown = [fmt for fmt in chosen if fmt not in valid]
    if unknown or not chosen:
        raise UsageError(f"--format {value!r}: use one or more of {', '.join(valid)}")
    return list(dict.fromkeys(chosen))


def _tokens(value: str) -> tuple[str, ...]:
    """Comma-separated values, trimmed, empties dropped."""
    return tuple(token.strip() for token in value.split(",") if token.strip())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code (never raises for user errors)."""
    try:
        code = cli.main(args=list(argv) if argv is not None else None,
                        prog_name="auditor", standalone_mode=False)
    except AuditorError as error:
        click.echo(log_line(f"auditor: error: {error}"), err=True)
        return error.exit_code
    except click.ClickException as error:
        error.show()
        return EXIT_USAGE
    except click.exceptions.Exit as error:
        return int(error.exit_code)
    except click.exceptions.Abort:
        click.echo("auditor: aborted", err=True)
        return EXIT_USAGE
    except Exception as error:  # a bug: say so in one line rather than a traceback
        from auditor.redaction import redact

        click.echo(log_line(f"auditor: internal error: "
                            f"{redact(f'{type(error).__name__}: {error}')}"), err=True)
        return EXIT_CRASHED
    return code if isinstance(code, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
