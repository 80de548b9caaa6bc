"""GitHub Actions workflow commands: one annotation per finding, at its file and line.

`::error file=…,line=…,title=…::message` lines make GitHub show each finding on the
transcript line of its turn in the pull request. Severity maps to the command:
critical and high are errors, medium and low warnings, info notices. Values are
escaped as the workflow-command format requires (`auditor.render.escape`), so a
message cannot inject a command of its own. The runner trims the end of the last
property, so a title (the conversation id) loses trailing spaces; nothing else is
lost.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.render.escape import workflow_data as _data
from auditor.render.escape import workflow_property as _property
from auditor.severity import GITHUB_LEVELS as LEVELS

__all__ = ["LEVELS", "render_github"]


def render_github(result: Mapping[str, Any]) -> str:
    """A workflow command for the verdict when it did not pass, then one per finding;
    dataset-level findings have no file."""
    summary = result.get("summary") or {}
    verdict = summary.get("verdict")
    reasons = {"failed": summary.get("gate_reasons"),
               "inconclusive": summary.get("inconclusive_reasons")}.get(str(verdict)) or []
    lines = [f"::error title={_property(f'Audit {verdict}')}::{_data(str(reason))}"
             for reason in reasons]
    for finding in result.get("findings") or ():
        if finding.get("baseline") == "unchanged":
            continue  # accepted in the baseline: not worth a new annotation
        level = LEVELS.get(str(finding.get("severity")), "warning")
        properties = []
        source = finding.get("source") or {}
        if source.get("path"):
            properties.append(f"file={_property(str(source['path']))}")
            if source.get("line"):
                properties.append(f"line={int(source['line'])}")
        where = finding.get("conversation_id") or "dataset"
        title = f"{finding.get('code')} {where}"
        properties.append(f"title={_property(title)}")
        lines.append(f"::{level} {','.join(properties)}::{_data(str(finding.get('message')))}")
    return "\n".join(lines) + ("\n" if lines else "")
