"""GitHub Actions workflow commands: one annotation per finding, at its file and line.

`::error file=…,line=…,title=…::message` lines make GitHub show each finding on the
transcript line of its turn in the pull request. Severity maps to the command:
critical and high are errors, medium and low warnings, info notices. Values are
escaped as the workflow-command format requires, so a message cannot inject a
command of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditor.severity import GITHUB_LEVELS as LEVELS

__all__ = ["LEVELS", "render_github"]


def _data(value: str) -> str:
    """Escape the message part of a workflow command."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    """Escape a property value (file, title) of a workflow command."""
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(result: Mapping[str, Any]) -> str:
    """A workflow command for the verdict when it did not pass, then one per finding;
    dataset-level findings have no file."""
    summary = result.get("summary") or {}
    verdict = summary.get("verdict")
    reasons = {"failed": summary.get("gate_reasons"),
               "inconclusive": summary.get("inconclusive_reasons")}.get(str(verdict)) or []
    lines = [f"::error title=Audit {verdict}::{_data(str(reason))}" for reason in reasons]
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
