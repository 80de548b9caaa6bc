"""SARIF 2.1.0, the format code-scanning dashboards (GitHub, GitLab, Azure) read.

One run: the tool's rules come from the checks' own documentation, and each
finding is a result located at the transcript file and the line of its turn.
Severity maps to level (critical and high: error; medium: warning; low and info:
note). Relative input paths stay relative to `%SRCROOT%`, which is what a
dashboard needs to link a result to a file in the repository; run the audit from
the repository root with relative paths. Findings about a decision type point at
its first row in the decision log (set by the pipeline); findings about all the
conversations (ESC008's metrics, FAIR003) at the first transcript file, because
dashboards drop a result with no location.

The fingerprint goes into `partialFingerprints`, so a dashboard recognises the
same finding across runs; against a baseline each result has a `baselineState`;
suppressed findings are kept, marked with their justification. Rendered from the
result dict alone: the same result gives the same bytes.

Text from the inputs stays text: a message object's `text` is plain text in which
SARIF's own syntax, embedded links such as `[here](1)` (section 3.11.6), is escaped
(`\\[`, `\\]`, `\\\\`), and the rules' `help.markdown` escapes what it quotes from
the result. Ids (the conversation id in `logicalLocations`) are plain JSON strings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from auditor.render.escape import markdown_text
from auditor.render.places import pack_of
from auditor.severity import SARIF_LEVELS as LEVELS

__all__ = ["LEVELS", "render_sarif"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/support-auditor/"
# GitHub ranks alerts by this 0-10 score (CVSS-like) when present.
# (0.1 to 10; info findings carry none).
SECURITY_SEVERITY: Mapping[str, str] = {"critical": "9.5", "high": "8.0", "medium": "5.5",
                                        "low": "3.0"}
_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:/")
# What a plain-text SARIF message escapes so that no viewer reads an embedded link.
_EMBEDDED_LINK_SYNTAX = re.compile(r"([\\\[\]])")


def _message(text: object) -> dict[str, str]:
    """A message object whose text shows exactly `text`."""
    return {"text": _EMBEDDED_LINK_SYNTAX.sub(r"\\\1", str(text))}


def _sections(description: str) -> dict[str, str]:
    """A check docstring's sections under the fixed headings (`DOC_HEADINGS`), each
    as one line of text."""
    from auditor.check import DOC_HEADINGS  # here: importing the renderers stays light

    heading = re.compile(r"^(" + "|".join(map(re.escape, DOC_HEADINGS)) + r")$", re.MULTILINE)
    parts = heading.split(description)
    return {parts[i]: " ".join(parts[i + 1].split()) for i in range(1, len(parts) - 1, 2)}


def _rule(check: Mapping[str, Any]) -> dict[str, Any]:
    """A reportingDescriptor built from the check's documentation."""
    description = str(check.get("description") or "")
    sections = _sections(description)
    remediation = str(check.get("remediation") or "")
    severity = str(check.get("severity"))
    references = [r for r in check.get("references") or () if r.get("url")]
    rule: dict[str, Any] = {
        "id": check.get("code"),
        "name": check.get("name"),
        "shortDescription": {"text": check.get("title")},
        "fullDescription": {"text": sections.get("What it checks") or check.get("title")},
        "help": {"text": f"{description}\n\nRemediation\n    {remediation}",
                 "markdown": _help_markdown(check, sections, remediation)},
        "defaultConfiguration": {"level": LEVELS.get(severity, "warning")},
        "properties": {"tags": ["compliance", pack_of(str(check.get("code")))],
                       "severity": severity,
                       # The check's status in this run, as every report shows it.
                       "status": check.get("status")},
    }
    if severity in SECURITY_SEVERITY:
        rule["properties"]["security-severity"] = SECURITY_SEVERITY[severity]
    if references:
        rule["helpUri"] = references[0]["url"]
    return rule


def _help_markdown(check: Mapping[str, Any], sections: Mapping[str, str],
                   remediation: str) -> str:
    lines = [f"**{markdown_text(check.get('code'))} {markdown_text(check.get('title'))}**", ""]
    for heading, body in sections.items():
        lines += [f"**{heading}.** {body}", ""]
    lines.append(f"**Remediation.** {remediation}")
    return "\n".join(lines)


def _artifact_location(path: str) -> dict[str, Any]:
    """A relative path under %SRCROOT%, or an absolute file URI."""
    uri = path.replace("\\", "/")
    if uri.startswith("/") or _WINDOWS_DRIVE.match(uri):
        return {"uri": "file://" + ("" if uri.startswith("/") else "/") + _escape(uri)}
    return {"uri": _escape(uri.removeprefix("./")), "uriBaseId": "%SRCROOT%"}


def _escape(uri: str) -> str:
    """Percent-encode what a URI reference cannot hold literally."""
    from urllib.parse import quote

    return quote(uri, safe="/:@!$&'()*+,;=-._~")


def _fallback_source(result: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """Where findings about the whole set of conversations point (ESC008's metrics,
    FAIR003): the first transcript file, else the first input."""
    inputs = list((result.get("run") or {}).get("inputs") or ())
    transcripts = [i for i in inputs if not str(i.get("format", "")).startswith("decisions")]
    chosen = (transcripts or inputs or [None])[0]
    return {"path": chosen["path"], "line": 1} if chosen and chosen.get("path") else None


def _result(finding: Mapping[str, Any], rule_index: Mapping[str, int],
            fallback: Mapping[str, Any] | None, suppression: Mapping[str, Any] | None
            ) -> dict[str, Any]:
    code = str(finding.get("code"))
    severity = str(finding.get("severity"))
    item: dict[str, Any] = {
        "ruleId": code,
        "level": LEVELS.get(severity, "warning"),
        "message": _message(finding.get("message") or code),
    }
    if code in rule_index:
        item["ruleIndex"] = rule_index[code]
    source = finding.get("source") or fallback
    if source and source.get("path"):
        physical: dict[str, Any] = {"artifactLocation": _artifact_location(str(source["path"]))}
        physical["region"] = {"startLine": int(source.get("line") or 1)}
        location: dict[str, Any] = {"physicalLocation": physical}
        if finding.get("conversation_id"):
            location["logicalLocations"] = [{"name": str(finding["conversation_id"]),
                                             "kind": "object"}]
        item["locations"] = [location]
    if finding.get("fingerprint"):
        item["partialFingerprints"] = {"auditorFingerprint/v1": finding["fingerprint"]}
    if finding.get("baseline") in ("new", "unchanged"):
        item["baselineState"] = finding["baseline"]
    if suppression is not None:
        item["suppressions"] = [{
            "kind": "external", "status": "accepted",
            "justification": str(suppression.get("justification") or ""),
            "properties": {key: suppression[key] for key in ("accepted_by", "expires")
                           if suppression.get(key) is not None},
        }]
    properties = {"severity": severity,
                  "blocks_gate": finding.get("blocks_gate"),
                  "conversation_id": finding.get("conversation_id"),
                  "turn_index": finding.get("turn_index")}
    item["properties"] = {k: v for k, v in properties.items() if v is not None}
    return item


def render_sarif(result: Mapping[str, Any]) -> str:
    """The result as a SARIF 2.1.0 log (JSON text)."""
    run = result.get("run") or {}
    checks: Sequence[Mapping[str, Any]] = result.get("checks") or ()
    rules = [_rule(check) for check in checks]
    rule_index = {str(rule["id"]): index for index, rule in enumerate(rules)}
    fallback = _fallback_source(result)
    results = [_result(f, rule_index, fallback, None) for f in result.get("findings") or ()]
    results += [_result(s, rule_index, fallback, s) for s in result.get("suppressed") or ()]
    errors = list(result.get("errors") or ())
    summary = result.get("summary") or {}
    # An inconclusive audit did not complete its analysis: the reasons are notifications.
    unread = [str(r) for r in summary.get("inconclusive_reasons") or ()] \
        if summary.get("verdict") == "inconclusive" else []
    invocation: dict[str, Any] = {"executionSuccessful": not errors and not unread}
    if run.get("created_at"):
        invocation["startTimeUtc"] = run["created_at"]
    notifications = [
        {"level": "error", "message": _message(f"{e.get('check')}: {e.get('message')}")}
        for e in errors] + [
        {"level": "error", "message": _message(f"inconclusive: {reason}")} for reason in unread]
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "auditor",
                "fullName": "support-auditor",
                "version": str(result.get("auditor_version") or "unknown"),
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }},
            "invocations": [invocation],
            "originalUriBaseIds": {"%SRCROOT%": {
                "description": {"text": "The directory the audit was run from."}}},
            "artifacts": [{"location": _artifact_location(str(item.get("path"))),
                           "hashes": {"sha-256": item.get("sha256")}}
                          for item in run.get("inputs") or () if item.get("path")],
            "results": results,
            # No automationDetails: upload-sarif's `category` fills it, and a run id in
            # it would make each run a category of its own.
            "properties": {"runId": run.get("id"), "policyDigest": run.get("policy_digest"),
                           "overallScore": (result.get("summary") or {}).get("overall_score"),
                           "passed": (result.get("summary") or {}).get("passed"),
                           "verdict": (result.get("summary") or {}).get("verdict"),
                           "grade": (result.get("summary") or {}).get("grade")},
        }],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
