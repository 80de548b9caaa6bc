"""A Markdown summary of a result, for a pull-request comment or `$GITHUB_STEP_SUMMARY`.

Short by design: the verdict and why, the checks as a table, what changed against
the baseline (new and fixed findings), the most severe findings, and the run's
notes (an expired suppression, a check kept off a channel, what was not scanned). Messages and
ids are already free of personal data in the result; table cells are escaped so a
message cannot break the table.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

from auditor.intervals import format_share
from auditor.render.places import finding_place
from auditor.severity import severity_rank

__all__ = ["render_markdown"]

MAX_LISTED = 10
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~#!<>])")
_VERDICT_HEADINGS = {"passed": "\u2705 passed", "failed": "\u274c failed",
                     "inconclusive": "\u2753 inconclusive"}
_VERDICT_WORDS = {"passed": "passed", "failed": "failed",
                  "inconclusive": "is inconclusive: too little of the input could be read"}
_STATUS_WORDS = {"passed": "passed", "passed_with_findings": "passed with findings",
                 "failed": "**failed**", "not_applicable": "not applicable",
                 "not_evaluated": "not evaluated", "error": "**error**"}


def _cell(value: object) -> str:
    """Text safe in Markdown, a table cell included: HTML is shown, not rendered, and
    Markdown punctuation is literal, so an id such as `<img src=...>` or `**x**` in
    the input stays text on GitHub."""
    text = html.escape("" if value is None else str(value), quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\r", " ").replace("\n", " ")


def _finding_line(finding: Mapping[str, Any]) -> str:
    return (f"- **{finding.get('severity')}** `{finding.get('code')}` "
            f"{_cell(finding_place(finding))}: "
            f"{_cell(finding.get('message'))}")


def _listed(title: str, items: Sequence[Mapping[str, Any]]) -> list[str]:
    if not items:
        return []
    lines = [f"### {title} ({len(items)})", ""]
    lines += [_finding_line(item) for item in items[:MAX_LISTED]]
    if len(items) > MAX_LISTED:
        lines.append(f"- ... and {len(items) - MAX_LISTED} more in `report.json`")
    return lines + [""]


def render_markdown(result: Mapping[str, Any]) -> str:
    """The summary as Markdown text."""
    summary = result.get("summary") or {}
    verdict = str(summary.get("verdict"))
    score = summary.get("overall_score")
    lines = [
        "## Chatbot audit: " + _VERDICT_HEADINGS.get(verdict, verdict),
        "",
        f"Score **{'n/a' if score is None else f'{score:g}'}** (grade "
        f"{summary.get('grade')}); the audit {_VERDICT_WORDS.get(verdict, verdict)}. "
        f"{summary.get('conversations', 0):,} conversations, "
        f"{summary.get('decisions', 0):,} decisions, "
        f"{summary.get('findings', 0):,} findings.",
        "",
    ]
    cap = summary.get("grade_cap")
    if cap:
        lines += [f"Grade {_cell(cap.get('reason'))}.", ""]
    for reason in summary.get("gate_reasons") or ():
        lines.append(f"- {_cell(reason)}")
    for reason in summary.get("inconclusive_reasons") or ():
        lines.append(f"- {'could not judge' if verdict == 'inconclusive' else 'also'}: "
                     f"{_cell(reason)}")
    for note in summary.get("gate_notes") or ():
        lines.append(f"- note: {_cell(note)}")
    if summary.get("gate_reasons") or summary.get("inconclusive_reasons") \
            or summary.get("gate_notes"):
        lines.append("")
    baseline = result.get("baseline")
    findings = list(result.get("findings") or ())
    if baseline:
        new = [f for f in findings if f.get("baseline") == "new"]
        lines += [f"Against the baseline: **{baseline.get('new', 0)} new**, "
                  f"**{len(baseline.get('fixed') or ())} fixed**, "
                  f"{baseline.get('unchanged', 0)} unchanged.", ""]
        lines += _listed("New findings", new)
        lines += _listed("Fixed since the baseline", list(baseline.get("fixed") or ()))
    lines += ["| Check | Status | Score | Flagged | Share flagged (95 % CI) |",
              "| --- | --- | ---: | ---: | ---: |"]
    for check in result.get("checks") or ():
        check_score = check.get("score")
        lines.append(f"| `{_cell(check.get('code'))}` {_cell(check.get('title'))} | "
                     f"{_STATUS_WORDS.get(str(check.get('status')), _cell(check.get('status')))} | "
                     f"{'-' if check_score is None else f'{check_score:g}'} | "
                     f"{check.get('flagged', 0)} of {check.get('evaluated', 0)} | "
                     f"{format_share(check.get('flagged_share')) or '-'} |")
    lines.append("")
    worst = sorted(findings, key=lambda f: -severity_rank(f.get("severity")))
    if not baseline:
        lines += _listed("Most severe findings", worst)
    notes = list(result.get("notes") or ())
    if notes:
        lines += ["### Notes", ""] + [f"- {_cell(note)}" for note in notes] + [""]
    for error in result.get("errors") or ():
        lines.append(f"- check error `{_cell(error.get('check'))}`: {_cell(error.get('message'))}")
    return "\n".join(lines).rstrip() + "\n"
