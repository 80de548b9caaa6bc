"""JUnit XML for CI test dashboards: a suite per check pack, a test case per check.

A check's test case fails when its status is `failed`: it carries the findings the
pipeline recorded as blocking the gate (`blocks_gate`), most severe first, each
with its transcript file and line, or says that the check is below its
`min-score`. Its other findings are listed in the case's output. A check that
crashed is an error; one with nothing to evaluate, or that could not evaluate, is
skipped. A last suite, `gate`, holds one case that fails when the verdict is
`failed` and is an error, with the reasons, when it is `inconclusive`, so the
dashboard and the verdict agree. Nothing here decides the gate again.

Rendered from the result dict alone, with no wall-clock time, so the same result
gives the same bytes. Text from the inputs is escaped for XML by ElementTree; the
characters XML 1.0 cannot hold at all (most control characters, lone surrogates,
U+FFFE and U+FFFF) become U+FFFD, and a carriage return in element text is written
as `&#13;`, which a parser keeps instead of turning it into a line feed. No CDATA.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from typing import Any

from auditor.render.places import finding_place, pack_of, source_location

__all__ = ["render_junit"]

MAX_FINDINGS_IN_FAILURE = 10
# XML 1.0 cannot carry most control characters, even escaped, nor lone surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _blocks_gate(finding: Mapping[str, Any]) -> bool:
    """Whether the pipeline recorded this finding as failing the gate."""
    return bool(finding.get("blocks_gate"))


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
          errors: Mapping[str, str]) -> ET.Element:
    """One check as a test case."""
    code = str(check.get("code"))
    case = _element("testcase", classname=f"auditor.{pack_of(code)}",
                    name=f"{code} {check.get('name')}", time="0")
    blocking = [f for f in findings if _blocks_gate(f)]
    score, min_score = check.get("score"), check.get("min_score")
    status = check.get("status")
    below_minimum = bool(check.get("below_min_score"))
    if status == "error":
        case.append(_element("error", errors.get(code, "the check crashed"),
                             message=errors.get(code, "the check crashed"), type="crash"))
    elif status == "not_applicable":
        case.append(_element("skipped", message="nothing this check applies to was in the "
                                                "inputs"))
    elif status == "not_evaluated":
        case.append(_element("skipped", message="not evaluated: "
                             + str(check.get("not_evaluated_reason") or "")))
    elif status == "failed":
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
    others = [f for f in findings if not _blocks_gate(f)]
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
    if summary.get("verdict") == "failed":
        reasons = [str(r) for r in summary.get("gate_reasons") or ()] or ["the gate failed"]
        case.append(_element("failure", "\n".join(reasons), message="; ".join(reasons),
                             type="gate"))
    elif summary.get("verdict") == "inconclusive":
        # An error, not a skip: dashboards count skips as fine, and an audit that could
        # not read its input is not fine (exit 4).
        reasons = [str(r) for r in summary.get("inconclusive_reasons") or ()]
        case.append(_element("error", "\n".join(reasons),
                             message="inconclusive: " + "; ".join(reasons), type="inconclusive"))
    score = summary.get("overall_score")
    cap = summary.get("grade_cap") or {}
    case.append(_element("system-out", f"overall score {'n/a' if score is None else score} "
                                       f"(grade {summary.get('grade')}"
                                       f"{'; ' + str(cap['reason']) if cap.get('reason') else ''}"
                                       f"), verdict {summary.get('verdict')}; "
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
    packs: dict[str, list[ET.Element]] = {}
    for check in result.get("checks") or ():
        code = str(check.get("code"))
        packs.setdefault(pack_of(code), []).append(
            _case(check, findings_by_code.get(code, []), errors))
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
    # ElementTree writes a CR in attributes as a reference but leaves it raw in text,
    # where a parser would read it as a line feed; every raw CR left is in text.
    text = ET.tostring(root, encoding="unicode", xml_declaration=False).replace("\r", "&#13;")
    return text.join(('<?xml version="1.0" encoding="UTF-8"?>\n', "\n"))
