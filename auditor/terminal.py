"""What the command line prints: a progress bar on stderr and a short summary."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from tqdm import tqdm  # type: ignore[import-untyped]  # tqdm ships no type stubs

from auditor.intervals import format_share
from auditor.redaction import redact
from auditor.render.escape import log_line

MAX_FINDINGS_SHOWN = 10


def progress_bar(total: int, description: str) -> tqdm:
    """A progress bar on stderr, silent when stderr is not a terminal (CI logs)."""
    return tqdm(total=total, desc=description, unit="conv", file=sys.stderr, disable=None,
                leave=False)


def summary_lines(document: dict[str, Any], written: Sequence[Path]) -> Iterator[str]:
    """A few lines for the terminal: totals, score and gate, checks, worst findings.

    Ids, messages and paths come from the inputs, and in CI the runner reads these
    lines for workflow commands: each line stays one line with no command in it."""
    return (log_line(line) for line in _summary_lines(document, written))


def _summary_lines(document: dict[str, Any], written: Sequence[Path]) -> Iterator[str]:
    # Imported here, after an audit: the report's wording module would add to the start-up
    # of every command, `--help` included.
    from auditor.render.context import plural

    summary = document["summary"]
    yield (f"Audited {plural(summary['conversations'], 'conversation')}, "
           f"{plural(summary['turns'], 'turn')}, {plural(summary['decisions'], 'decision')}; "
           f"{plural(summary['skipped_records'], 'record')} skipped.")
    score = summary["overall_score"]
    shown = "n/a" if score is None else f"{score:g}"
    yield (f"Verdict: {summary['verdict'].upper()}. Score {shown} (grade {summary['grade']}), "
           f"threshold {summary['fail_under']:g}.")
    if summary.get("grade_cap"):
        yield f"  Grade {summary['grade_cap']['reason']}."
    for reason in summary["gate_reasons"]:
        yield f"  Failed: {reason}."
    for reason in summary["inconclusive_reasons"]:
        yield f"  {'Inconclusive' if summary['verdict'] == 'inconclusive' else 'Also'}: {reason}."
    for note in summary["gate_notes"]:
        yield f"  Note: {note}."
    source = (document.get("run", {}).get("policy") or {}).get("source", "defaults")
    yield "Policy: " + ("none, defaults apply" if source == "defaults" else source)
    baseline = document.get("baseline")
    if baseline:
        yield (f"Against the baseline {baseline['path']}: {baseline['new']} new, "
               f"{len(baseline['fixed'])} fixed, {baseline['unchanged']} unchanged.")
    for check in document["checks"]:
        check_score = "-" if check["score"] is None else f"{check['score']:g}"
        status = str(check["status"]).replace("_", " ")
        share = format_share(check.get("flagged_share"))
        yield (f"  {check['code']:<8} {status:<20} score {check_score:>6}  "
               f"{check['flagged']} of {check['evaluated']} flagged"
               f"{f', {share}' if share else ''}  {check['name']}")
    findings = document["findings"]
    for finding in findings[:MAX_FINDINGS_SHOWN]:
        turn = "" if finding["turn_index"] is None else f" turn {finding['turn_index']}"
        # Conversation ids are masked in the result already (auditor.result).
        where = f"{finding['conversation_id'] or 'dataset'}{turn}"
        yield f"  {finding['severity']:<8} {finding['code']} {where}: {finding['message']}"
    if len(findings) > MAX_FINDINGS_SHOWN:
        yield f"  ... and {len(findings) - MAX_FINDINGS_SHOWN} more findings in the reports"
    for item in document["skipped"][:5]:
        yield f"  skipped {item['path']}:{item['line']}: {redact(item['reason'])}"
    for error in document["errors"]:
        yield f"  check error {error['check']}: {error['message']}"
    if written:
        yield "Reports: " + ", ".join(str(path) for path in written)
