"""A Markdown summary of a result, for a pull-request comment or `$GITHUB_STEP_SUMMARY`.

Short by design: the verdict and why, the checks as a table, what changed against
the baseline (new and fixed findings), the most severe findings, and the run's
notes (an expired suppression, a check kept off a channel, what was not scanned). Messages and
ids are already free of personal data in the result; every value from the result is
escaped (`auditor.render.escape.markdown_text`), so an id or a message cannot open a
link, an image or HTML, mention anyone, or break a table row or the list.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from auditor.intervals import format_share
from auditor.render.escape import markdown_code as _code
from auditor.render.escape import markdown_text as _text
from auditor.render.places import finding_place
from auditor.severity import severity_rank

__all__ = ["render_markdown"]

MAX_LISTED = 10
_VERDICT_HEADINGS = {"passed": "\u2705 passed", "failed": "\u274c failed",
                     "inconclusive": "\u2753 inconclusive"}
_VERDICT_WORDS = {"passed": "passed", "failed": "failed",
                  "inconclusive": "is inconclusive: too little of the input could be read"}
_STATUS_WORDS = {"passed": "passed", "passed_with_findings": "passed with findings",
                 "failed": "**failed**", "not_applicable": "not applicable",
                 "not_evaluated": "not evaluated", "error": "**error**"}


def _finding_line(finding: Mapping[str, Any]) -> str:
    return (f"- **{_text(finding.get('severity'))}** {_code(finding.get('code'))} "
            f"{_text(finding_place(finding))}: "
            f"{_text(finding.get('message'))}")


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
        "## Chatbot audit: " + _VERDICT_HEADINGS.get(verdict, _text(verdict)),
        "",
        f"Score **{'n/a' if score is None else f'{score:g}'}** (grade "
        f"{_text(summary.get('grade'))}); the audit "
        f"{_VERDICT_WORDS.get(verdict, _text(verdict))}. "
        f"{summary.get('conversations', 0):,} conversations, "
        f"{summary.get('decisions', 0):,} decisions, "
        f"{summary.get('findings', 0):,} findings.",
        "",
    ]
    cap = summary.get("grade_cap")
    if cap:
        lines += [f"Grade {_text(cap.get('reason'))}.", ""]
    for reason in summary.get("gate_reasons") or ():
        lines.append(f"- {_text(reason)}")
    for reason in summary.get("inconclusive_reasons") or ():
        lines.append(f"- {'could not judge' if verdict == 'inconclusive' else 'also'}: "
                     f"{_text(reason)}")
    for note in summary.get("gate_notes") or ():
        lines.append(f"- note: {_text(note)}")
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
        lines.append(f"| {_code(check.get('code'))} {_text(check.get('title'))} | "
                     f"{_STATUS_WORDS.get(str(check.get('status')), _text(check.get('status')))} | "
                     f"{'-' if check_score is None else f'{check_score:g}'} | "
                     f"{check.get('flagged', 0)} of {check.get('evaluated', 0)} | "
                     f"{format_share(check.get('flagged_share')) or '-'} |")
    lines.append("")
    worst = sorted(findings, key=lambda f: -severity_rank(f.get("severity")))
    if not baseline:
        lines += _listed("Most severe findings", worst)
    notes = list(result.get("notes") or ())
    if notes:
        lines += ["### Notes", ""] + [f"- {_text(note)}" for note in notes] + [""]
    for error in result.get("errors") or ():
        lines.append(f"- check error {_code(error.get('check'))}: {_text(error.get('message'))}")
    return "\n".join(lines).rstrip() + "\n"
