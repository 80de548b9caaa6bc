"""JUnit XML for CI test dashboards: a suite per check pack, a test case per check.

A check's test case fails when its findings failed the gate, and carries the most
severe of them, each with its transcript file and line: against a baseline, its new
findings above `info`; otherwise, when the overall score fell below `fail-under`,
all its findings above `info`, and when only `fail-on` failed the gate, its
findings at or above that severity. A check below its own `min-score` fails too.
When the gate passed, no check fails and the findings are listed in the case's
output. A check that crashed is an error; one with nothing to evaluate is skipped.
A last suite, `gate`, holds one case that fails when the gate failed, with the
reasons, so the dashboard and the verdict agree.

Rendered from the result dict alone, with no wall-clock time, so the same result
gives the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from auditor.render.places import finding_place, pack_of, source_location

__all__ = ["render_junit"]

MAX_FINDINGS_IN_FAILURE = 10
# XML 1.0 cannot carry most control characters, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
SEVERITY_RANK = {"info": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}


def gate_findings(result: Mapping[str, Any]) -> Callable[[Mapping[str, Any]], bool]:
    """A test of whether a finding is one of those that failed the result's gate."""
    summary = result.get("summary") or {}
    if summary.get("passed", True):
        return lambda finding: False
    if result.get("baseline"):
        return lambda finding: (finding.get("baseline") == "new"
                                and finding.get("severity") != "info")
    score, fail_under = summary.get("overall_score"), summary.get("fail_under")
    if score is not None and fail_under is not None and score < fail_under:
        return lambda finding: finding.get("severity") != "info"
    fail_on = ((result.get("run") or {}).get("policy") or {}).get("fail_on")
    if fail_on in SEVERITY_RANK:
        bar = SEVERITY_RANK[str(fail_on)]
        return lambda finding: SEVERITY_RANK.get(str(finding.get("severity")), 0) >= bar
    return lambda finding: False


def _text(value: object) -> str:
    return _NOT_XML.sub("\ufffd", "" if value is None else str(value))


def _element(tag: str, text: str | None = None, **attributes: object) -> ET.Element:
    element = ET.Element(tag, {key: _text(value) for key, value in attributes.items()})
    if text is not None:
        element.text = _text(text)
    return element


def _finding_line(finding: Mapping[str, Any]) -> str:
    status = " (new)" if finding.get("baseline") == "new" else ""
    return (f"[{finding.get('severity')}] {finding.get('code')}{status} "
            f"{finding_place(finding)} at {source_location(finding)}: {finding.get('message')}")


def _case(check: Mapping[str, Any], findings: Sequence[Mapping[str, Any]],
          errors: Mapping[str, str],
          failed_gate: Callable[[Mapping[str, Any]], bool]) -> ET.Element:
    """One check as a test case."""
    code = str(check.get("code"))
    case = _element("testcase", classname=f"auditor.{pack_of(code)}",
                    name=f"{code} {check.get('name')}", time="0")
    blocking = [f for f in findings if failed_gate(f)]
    score, min_score = check.get("score"), check.get("min_score")
    below_minimum = score is not None and min_score is not None and score < min_score
    if check.get("status") == "error":
        case.append(_element("error", errors.get(code, "the check crashed"),
                             message=errors.get(code, "the check crashed"), type="crash"))
    elif check.get("status") == "not_applicable":
        case.append(_element("skipped", message="nothing this check applies to was in the "
                                                "inputs"))
    elif blocking or below_minimum:
        worst = str(blocking[0].get("severity")) if blocking else str(check.get("severity"))
        message = (f"{len(blocking)} finding{'s' if len(blocking) != 1 else ''}, the most "
                   f"severe {worst}" if blocking else "")
        if below_minimum:
            message = "; ".join(filter(None, [message, f"score {score:g} is below the "
                                                       f"check's min-score {min_score:g}"]))
        lines = [_finding_line(f) for f in blocking[:MAX_FINDINGS_IN_FAILURE]]
        if len(blocking) > MAX_FINDINGS_IN_FAILURE:
            lines.append(f"... and {len(blocking) - MAX_FINDINGS_IN_FAILURE} more in "
                         "report.json")
        case.append(_element("failure", "\n".join(lines), message=message, type=worst))
    summary = (f"{check.get('title')}\nscore {'n/a' if score is None else f'{score:g}'}; "
               f"{check.get('flagged', 0)} of {check.get('evaluated', 0)} flagged")
    others = [f for f in findings if not failed_gate(f)]
    if others:
        summary += (f"\n{len(others)} finding{'s' if len(others) != 1 else ''} that did not "
                    "fail the gate:\n" + "\n".join(_finding_line(f) for f in
                                                   others[:MAX_FINDINGS_IN_FAILURE]))
    case.append(_element("system-out", summary))
    return case


def _suite(name: str, cases: Sequence[ET.Element], timestamp: str) -> ET.Element:
    suite = _element("testsuite", name=name, tests=len(cases),
                     failures=sum(1 for c in cases if c.find("failure") is not None),
                     errors=sum(1 for c in cases if c.find("error") is not None),
                     skipped=sum(1 for c in cases if c.find("skipped") is not None),
                     time="0", timestamp=timestamp)
    suite.extend(cases)
    return suite


def _gate_case(result: Mapping[str, Any]) -> ET.Element:
    summary = result.get("summary") or {}
    case = _element("testcase", classname="auditor.gate", name="release gate", time="0")
    if not summary.get("passed"):
        reasons = [str(r) for r in summary.get("gate_reasons") or ()] or ["the gate failed"]
        case.append(_element("failure", "\n".join(reasons), message="; ".join(reasons),
                             type="gate"))
    score = summary.get("overall_score")
    case.append(_element("system-out", f"overall score {'n/a' if score is None else score} "
                                       f"(grade {summary.get('grade')}); "
                                       f"{summary.get('skipped_records', 0)} records skipped"))
    return case


def render_junit(result: Mapping[str, Any]) -> str:
    """The result as a JUnit XML document (UTF-8 text with its declaration)."""
    run = result.get("run") or {}
    timestamp = str(run.get("created_at") or "").removesuffix("Z")
    findings_by_code: dict[str, list[Mapping[str, Any]]] = {}
    for finding in result.get("findings") or ():
        findings_by_code.setdefault(str(finding.get("code")), []).append(finding)
    errors = {str(e.get("check")): str(e.get("message")) for e in result.get("errors") or ()}
    failed_gate = gate_findings(result)
    packs: dict[str, list[ET.Element]] = {}
    for check in result.get("checks") or ():
        code = str(check.get("code"))
        packs.setdefault(pack_of(code), []).append(
            _case(check, findings_by_code.get(code, []), errors, failed_gate))
    suites = [_suite(pack, cases, timestamp) for pack, cases in packs.items()]
    suites.append(_suite("gate", [_gate_case(result)], timestamp))
    root = _element("testsuites", name="auditor",
                    tests=sum(int(s.get("tests", 0)) for s in suites),
                    failures=sum(int(s.get("failures", 0)) for s in suites),
                    errors=sum(int(s.get("errors", 0)) for s in suites),
                    skipped=sum(int(s.get("skipped", 0)) for s in suites), time="0")
    properties = _element("properties")
    for name in ("id", "created_at", "policy_digest"):
        properties.append(_element("property", name=f"run.{name}", value=run.get(name) or ""))
    properties.append(_element("property", name="auditor_version",
                               value=result.get("auditor_version") or ""))
    for item in run.get("inputs") or ():
        properties.append(_element("property", name=f"input.sha256 {item.get('path')}",
                                   value=item.get("sha256") or ""))
    suites[-1].insert(0, properties)
    root.extend(suites)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=False).join(
        ('<?xml version="1.0" encoding="UTF-8"?>\n', "\n"))
