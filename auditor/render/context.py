"""Turn a result document into the view models the report templates display.

Everything here is a pure function of the result dict: no clock, no randomness,
so the same result always yields the same report. The report is bounded in
size whatever the input: it shows totals plus at most a handful of the most
severe examples per check, and points to the JSON report for the full list.
"""

from __future__ import annotations

import heapq
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from auditor.accuracy import published_accuracy
from auditor.intervals import format_share
from auditor.render import charts
from auditor.render.metrics import build_metrics
from auditor.render.registry import DEFAULT_MAX_EXAMPLES
from auditor.render.views import (
    AccuracyView,
    AppendixView,
    CheckView,
    EvidenceView,
    FindingView,
    InputView,
    MethodologyView,
    ReferenceView,
    ReportView,
    SummaryView,
)
from auditor.severity import SEVERITY_ORDER

# Most severe first, as reports list them.
SEVERITIES: tuple[str, ...] = tuple(reversed(SEVERITY_ORDER))
MAX_LISTED = 50
MAX_EVIDENCE_SHOWN = 5
MAX_EXCERPT_CHARS = 600

STATUS_LABELS: Mapping[str, str] = {
    "passed": "Passed",
    "passed_with_findings": "Passed with findings",
    "failed": "Failed",
    "not_applicable": "Not applicable",
    "not_evaluated": "Not evaluated",
    "error": "Could not run",
    "unlisted": "Not in the check list",
}
VERDICT_LABELS: Mapping[str, str] = {
    "passed": "Passed", "failed": "Failed", "inconclusive": "Inconclusive",
}

Result = Mapping[str, Any]


def severity_rank(severity: object) -> int:
    """Position of a severity, most severe first; unknown values sort last."""
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def format_score(score: object) -> str:
    """A score as shown to readers: one decimal, or a dash when there is none."""
    return f"{float(score):.1f}" if isinstance(score, int | float) else "\u2014"


def anchor_for(index: int, code: object) -> str:
    """A stable, HTML-safe fragment id for the check at `index`."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", str(code)).strip("-") or "check"
    return f"check-{index + 1}-{slug}"


def plural(count: int, noun: str) -> str:
    """'1 finding', '1,234 findings': a count with its noun in the right number."""
    return f"{count:,} {noun if count == 1 else noun + 's'}"


def _text(value: object, default: str = "") -> str:
    """A display string for a possibly-null value."""
    return default if value is None else str(value)


def _compact(value: object) -> str:
    """A one-line rendering of a policy or option value."""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _shown_note(shown: int, total: int, noun: str) -> str | None:
    """Say that a list is cut short, or nothing when it is complete."""
    if shown >= total:
        return None
    return f"showing {shown:,} of {plural(total, noun)}; the JSON report lists all"


def build_reference(ref: Mapping[str, Any]) -> ReferenceView:
    """Describe one reference, e.g. 'EU AI Act Art. 50(1) (EU)'."""
    text = " ".join(_text(ref.get(key)) for key in ("law", "provision") if ref.get(key))
    if ref.get("jurisdiction"):
        text += f" ({ref['jurisdiction']})"
    effective = ref.get("effective_from")
    return ReferenceView(
        text=text or "Unnamed reference",
        effective=f"applies from {effective}" if effective else "effective date not stated",
        url=_text(ref["url"]) if ref.get("url") else None,
    )


def _references(refs: Iterable[Mapping[str, Any]] | None) -> tuple[ReferenceView, ...]:
    return tuple(build_reference(ref) for ref in refs or ())


def build_finding(finding: Mapping[str, Any]) -> FindingView:
    """Describe one finding with its evidence cut to a readable length."""
    evidence = list(finding.get("evidence") or ())
    shown = []
    for item in evidence[:MAX_EVIDENCE_SHOWN]:
        excerpt = _text(item.get("excerpt"))
        turn = item.get("turn_index")
        shown.append(EvidenceView(
            turn=f"turn {turn}" if turn is not None else "turn not recorded",
            role=_text(item.get("role"), "unknown speaker"),
            excerpt=charts.shorten(excerpt, MAX_EXCERPT_CHARS),
            truncated=len(excerpt) > MAX_EXCERPT_CHARS,
        ))
    turn_index = finding.get("turn_index")
    return FindingView(
        severity=_text(finding.get("severity"), "info"),
        code=_text(finding.get("code")),
        conversation_id=finding.get("conversation_id"),
        turn=f"turn {turn_index}" if turn_index is not None else None,
        timestamp=finding.get("timestamp"),
        message=_text(finding.get("message")),
        evidence=tuple(shown),
        evidence_hidden=max(len(evidence) - MAX_EVIDENCE_SHOWN, 0),
        references=_references(finding.get("references")),
    )


def _example_key(finding: Mapping[str, Any]) -> tuple[int, str, int, str]:
    """Order findings most severe first, then by a stable conversation/turn order."""
    turn = finding.get("turn_index")
    return (
        severity_rank(finding.get("severity")),
        _text(finding.get("conversation_id")),
        turn if isinstance(turn, int) else -1,
        _text(finding.get("fingerprint")),
    )


def build_check(index: int, check: Mapping[str, Any], findings: Sequence[Mapping[str, Any]],
                errors: Sequence[str], max_examples: int, *,
                frustration: Mapping[str, Any] | None = None) -> CheckView:
    """Describe one check with its charts and its `max_examples` most severe findings.

    `frustration` is the run's frustration document, drawn beside FAIR003's rates.
    """
    examples = heapq.nsmallest(max_examples, findings, key=_example_key)
    counts = Counter(_text(f.get("severity")) for f in findings)
    status = _text(check.get("status"), "unlisted")
    min_score = check.get("min_score")
    score = check.get("score")
    return CheckView(
        anchor=anchor_for(index, check.get("code")),
        code=_text(check.get("code")),
        name=_text(check.get("name")),
        title=_text(check.get("title")) or _text(check.get("name")) or _text(check.get("code")),
        severity=_text(check.get("severity"), "info"),
        status=status,
        status_label=STATUS_LABELS.get(status, status),
        score=format_score(check.get("score")),
        score_value=float(score) if isinstance(score, int | float) else None,
        min_score=format_score(min_score) if min_score is not None else None,
        evaluated=int(check.get("evaluated") or 0),
        flagged=int(check.get("flagged") or 0),
        flagged_share=format_share(check.get("flagged_share")),
        not_evaluated_reason=_text(check.get("not_evaluated_reason")) or None,
        not_applicable=int(check.get("not_applicable") or 0),
        origin=_text(check.get("origin")),
        description=_text(check.get("description")),
        remediation=_text(check.get("remediation")),
        references=_references(check.get("references")),
        errors=tuple(errors),
        findings_total=len(findings),
        examples=tuple(build_finding(f) for f in examples),
        examples_note=_shown_note(len(examples), len(findings), "finding"),
        conversation_chart=charts.conversation_chart(
            int(check.get("evaluated") or 0), int(check.get("flagged") or 0),
            int(check.get("not_applicable") or 0)),
        severity_chart=charts.severity_chart(counts, SEVERITIES),
        metrics=build_metrics(check.get("metrics"), frustration=frustration),
    )


def build_checks(result: Result, max_examples: int) -> tuple[CheckView, ...]:
    """One section per check, plus one per finding code no listed check owns."""
    by_code: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for finding in result.get("findings") or ():
        by_code[_text(finding.get("code"))].append(finding)
    errors_by_code: dict[str, list[str]] = defaultdict(list)
    for error in result.get("errors") or ():
        errors_by_code[_text(error.get("check"))].append(_text(error.get("message")))
    checks = list(result.get("checks") or ())
    listed = {_text(check.get("code")) for check in checks}
    # ESC010's frustration rates, shown again beside FAIR003's access rates.
    frustration = next((check["metrics"] for check in checks
                        if isinstance(check.get("metrics"), Mapping)
                        and check["metrics"].get("kind") == "frustration"), None)
    # Findings whose code has no check entry still get a section, so none vanish.
    for code in sorted(set(by_code) - listed):
        first = by_code[code][0]
        checks.append({"code": code, "name": first.get("check"), "status": "unlisted",
                       "severity": min((f.get("severity") for f in by_code[code]),
                                       key=severity_rank)})
    return tuple(
        build_check(index, check, by_code.get(_text(check.get("code")), []),
                    errors_by_code.get(_text(check.get("code")), []), max_examples,
                    frustration=frustration)
        for index, check in enumerate(checks)
    )


def _most_serious(findings: Sequence[Mapping[str, Any]],
                  checks: Sequence[CheckView]) -> str | None:
    """Name the worst kind of problem and how many conversations it touched."""
    problems = [f for f in findings if severity_rank(f.get("severity")) < SEVERITIES.index("info")]
    if not problems:
        return None
    worst = min(severity_rank(f.get("severity")) for f in problems)
    hits: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for finding in problems:
        if severity_rank(finding.get("severity")) == worst:
            hits[_text(finding.get("code"))].append(finding)

    def reach(code: str) -> int:
        return len({f["conversation_id"] for f in hits[code] if f.get("conversation_id")})

    # The check touching most conversations wins; ties go to the lowest code.
    code = min(hits, key=lambda c: (-reach(c), -len(hits[c]), c))
    titles = {check.code: check.title for check in checks}
    where = (f"in {plural(reach(code), 'conversation')}" if reach(code)
             else f"{plural(len(hits[code]), 'finding')}")
    return (f"The most serious problem ({SEVERITIES[worst]}): "
            f"\u201c{titles.get(code, code)}\u201d, {where}.")


TOP_PROBLEMS = 3


def top_problems(findings: Sequence[Mapping[str, Any]], checks: Sequence[CheckView],
                 count: int = TOP_PROBLEMS) -> tuple[str, ...]:
    """The `count` most serious problems, one line each: the checks whose worst finding is
    most severe, then those reaching most conversations (info notes are no problem)."""
    by_code: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for finding in findings:
        if severity_rank(finding.get("severity")) < SEVERITIES.index("info"):
            by_code[_text(finding.get("code"))].append(finding)
    titles = {check.code: check.title for check in checks}

    def key(code: str) -> tuple[int, int, int, str]:
        items = by_code[code]
        reach = len({f.get("conversation_id") for f in items if f.get("conversation_id")})
        return (min(severity_rank(f.get("severity")) for f in items), -reach, -len(items), code)

    lines = []
    for code in sorted(by_code, key=key)[:count]:
        items = by_code[code]
        worst = SEVERITIES[key(code)[0]]
        reach = -key(code)[1]
        where = (f"in {plural(reach, 'conversation')}" if reach
                 else plural(len(items), "finding"))
        lines.append(f"{code} \u201c{titles.get(code, code)}\u201d: {worst}, {where}")
    return tuple(lines)


def possible_breaches(findings: Sequence[Mapping[str, Any]]) -> tuple[tuple[str, str, str], ...]:
    """(where, what, notify by) for each finding marked a breach candidate, by deadline:
    the 72-hour clock of GDPR Art. 33 runs from when the business became aware."""
    rows = []
    for finding in findings:
        data = finding.get("data") or {}
        if data.get("breach_candidate") and data.get("notify_by"):
            where = _text(finding.get("conversation_id"), "dataset")
            if finding.get("turn_index") is not None:
                where += f", turn {finding['turn_index']}"
            rows.append((where, _text(finding.get("message")), _text(data.get("notify_by"))))
    return tuple(sorted(rows, key=lambda row: (row[2], row[0])))


def executive_sentences(result: Result, checks: Sequence[CheckView]) -> tuple[str, ...]:
    """The findings in plain language, for readers who stop after the first page."""
    summary = result.get("summary") or {}
    findings = list(result.get("findings") or ())
    counts = summary.get("findings_by_severity") or {}
    sentences: list[str] = []
    verdict = {"passed": "passed the audit", "failed": "failed the audit",
               "inconclusive": "could not be judged: the audit is inconclusive"
               }.get(_text(summary.get("verdict")), "has no verdict")
    if isinstance(summary.get("overall_score"), int | float):
        sentences.append(
            f"The chatbot scored {format_score(summary['overall_score'])} out of 100 "
            f"(grade {_text(summary.get('grade'), 'none')}) and {verdict}; "
            f"the pass mark is {format_score(summary.get('fail_under'))}.")
    else:
        sentences.append(f"No overall score could be given: no check evaluated a "
                         f"conversation. The chatbot {verdict}.")
    conversations = int(summary.get("conversations") or 0)
    notes = int(counts.get("info") or 0)
    problems = max(int(summary.get("findings") or 0) - notes, 0)
    audited = f"the {plural(conversations, 'conversation')} audited"
    if problems:
        affected = {f.get("conversation_id") for f in findings if f.get("conversation_id")
                    and severity_rank(f.get("severity")) < SEVERITIES.index("info")}
        where = f" in {len(affected):,} of {audited}" if conversations and affected else ""
        verb = "was" if problems == 1 else "were"
        sentences.append(f"{plural(problems, 'problem')} {verb} found{where}.")
    else:
        sentences.append(f"No problems were found in {audited}.")
    most_serious = _most_serious(findings, checks)
    if most_serious:
        sentences.append(most_serious)
    if notes:
        sentences.append(f"There {'is' if notes == 1 else 'are'} also "
                         f"{plural(notes, 'informational note')} that "
                         f"{'needs' if notes == 1 else 'need'} no action.")
    crashed = [check.code for check in checks if check.status == "error"]
    if crashed:
        sentences.append(f"{plural(len(crashed), 'check')} could not run ({', '.join(crashed)}); "
                         "a check that could not run leaves the audit inconclusive unless it "
                         "failed anyway.")
    skipped = int(summary.get("skipped_records") or 0)
    if skipped:
        sentences.append(f"{plural(skipped, 'input record')} could not be read and "
                         f"{'was' if skipped == 1 else 'were'} skipped; the appendix lists them.")
    return tuple(sentences)


def grade_class(grade: str, grades: Iterable[Sequence[Any]]) -> str:
    """CSS class colouring a grade by its rank among the run's grade bands.

    The best band is green and the worst red; custom band lists are spread over
    the same five colours, and a grade outside the bands is grey.
    """
    names = [str(band[0]) for band in grades]
    if grade not in names:
        return "grade-none"
    level = round(names.index(grade) * 4 / max(len(names) - 1, 1))
    return "grade-" + "abcdf"[level]


def build_summary(result: Result, checks: Sequence[CheckView]) -> SummaryView:
    """The verdict, the plain-language summary and the overview charts."""
    summary = result.get("summary") or {}
    grade = _text(summary.get("grade"), "\u2014")
    passed = summary["passed"] if isinstance(summary.get("passed"), bool) else None
    verdict = _text(summary.get("verdict"))
    cap = summary.get("grade_cap") or {}
    fail_under = summary.get("fail_under")
    by_severity = summary.get("findings_by_severity") or {}
    bars = [
        charts.ScoreBar(
            label=check.code,
            score=check.score_value,
            value_text=check.score if check.score_value is not None else check.status_label,
            status=check.status,
        )
        for check in checks if check.status != "unlisted"
    ]
    return SummaryView(
        score=format_score(summary.get("overall_score")),
        grade=grade,
        grade_class=grade_class(grade, (result.get("scoring") or {}).get("grades") or ()),
        passed=passed,
        verdict=VERDICT_LABELS.get(verdict, "No verdict"),
        verdict_name=verdict or "none",
        cap_reason=_text(cap.get("reason")) or None,
        score_grade=_text(summary.get("score_grade")),
        inconclusive_reasons=tuple(_text(r) for r in summary.get("inconclusive_reasons") or ()),
        gate_notes=tuple(_text(n) for n in summary.get("gate_notes") or ()),
        fail_under=format_score(fail_under),
        conversations=int(summary.get("conversations") or 0),
        turns=int(summary.get("turns") or 0),
        decisions=int(summary.get("decisions") or 0),
        findings=int(summary.get("findings") or 0),
        by_severity=tuple((name, int(by_severity.get(name) or 0)) for name in SEVERITIES),
        sentences=executive_sentences(result, checks),
        gate_reasons=tuple(_text(reason) for reason in summary.get("gate_reasons") or ()),
        notes=tuple(_text(note) for note in result.get("notes") or ()),
        score_chart=charts.score_chart(
            bars, float(fail_under) if isinstance(fail_under, int | float) else None),
        severity_chart=charts.severity_chart(
            {name: int(by_severity.get(name) or 0) for name in SEVERITIES}, SEVERITIES),
        suppressed=tuple(_suppressed_row(item) for item in result.get("suppressed") or ()),
        top_problems=top_problems(list(result.get("findings") or ()), checks),
        breaches=possible_breaches(list(result.get("findings") or ())),
    )


KIND_LABELS = {"false_positive": "False positive", "accepted_risk": "Accepted risk"}


def _suppressed_row(item: Mapping[str, Any]) -> tuple[str, str, str, str, str]:
    """A suppressed finding as a table row; the justification says why it is set aside."""
    where = str(item.get("conversation_id") or "dataset")
    if item.get("turn_index") is not None:
        where += f", turn {item['turn_index']}"
    why = _text(item.get("justification"))
    if item.get("kind") in KIND_LABELS:
        why = f"{KIND_LABELS[str(item['kind'])]}: {why}"
    return (_text(item.get("code")), _text(where), why, _text(item.get("accepted_by")),
            _text(item.get("expires") or "no end date"))


def grade_bands(grades: Iterable[Sequence[Any]]) -> tuple[tuple[str, str], ...]:
    """Describe grade bands in words: '90 or more', ..., 'below 60' for the last."""
    bands = [(str(grade), float(bound)) for grade, bound in grades]
    described = []
    for index, (grade, bound) in enumerate(bands):
        if index == len(bands) - 1 and bound <= 0 and index > 0:
            described.append((grade, f"below {bands[index - 1][1]:g}"))
        else:
            described.append((grade, f"{bound:g} or more"))
    return tuple(described)


def _weight(value: object) -> str:
    """A weight as written in the methodology table ('0.75'), or a dash if unset."""
    return f"{float(value):g}" if isinstance(value, int | float) else "\u2014"


def _ordered_severities(*tables: Mapping[str, Any]) -> list[str]:
    """Every severity named in the weight tables, known ones in severity order."""
    names = {name for table in tables for name in table}
    return sorted(names, key=lambda name: (severity_rank(name), name))


def build_methodology(result: Result) -> MethodologyView:
    """The weights, grade bands and thresholds the run actually used."""
    scoring = result.get("scoring") or {}
    summary = result.get("summary") or {}
    policy = (result.get("run") or {}).get("policy") or {}
    finding_weights = scoring.get("severity_weights") or {}
    check_weights = scoring.get("check_weights") or {}
    return MethodologyView(
        weights=tuple(
            (name, _weight(finding_weights.get(name)), _weight(check_weights.get(name)))
            for name in _ordered_severities(finding_weights, check_weights)),
        grades=grade_bands(scoring.get("grades") or ()),
        fail_under=format_score(summary.get("fail_under")),
        min_scores=tuple(
            (str(code), format_score(settings.get("min_score")))
            for code, settings in sorted((policy.get("checks") or {}).items())
            if isinstance(settings, Mapping) and settings.get("min_score") is not None),
        grade_caps=tuple((str(name), str(letter))
                         for name, letter in (scoring.get("grade_caps") or {}).items()),
        fail_on=_text(summary.get("fail_on")) or None,
        max_skipped=f"{float(summary.get('max_skipped_percent') or 0):g}",
        against_baseline=_text((result.get("baseline") or {}).get("path")) or None,
        policy_source=("none, the defaults" if policy.get("source") in (None, "defaults")
                       else _text(policy.get("source"))),
        policy_lines=_policy_lines(policy),
        accuracy=build_accuracy(),
    )


def build_accuracy() -> tuple[AccuracyView, ...]:
    """The published detector figures (`auditor.accuracy`), as the report prints them."""
    return tuple(
        AccuracyView(detector=figure.detector, checks=", ".join(figure.checks),
                     precision=_rate(figure.precision), recall=_rate(figure.recall),
                     support=str(figure.support), dataset=figure.dataset,
                     command=figure.command)
        for figure in published_accuracy())


def _rate(value: float | None) -> str:
    """A measured rate as the evaluation scripts print it ("0.973"), or a dash."""
    return "-" if value is None else f"{value:.3f}"


def _policy_lines(policy: Mapping[str, Any]) -> tuple[str, ...]:
    """The run's other policy settings, in words, so the report states what ran."""
    lines = []
    if policy.get("select"):
        lines.append("Checks selected: " + ", ".join(map(str, policy["select"])) + ".")
    if policy.get("ignore"):
        lines.append("Checks ignored: " + ", ".join(map(str, policy["ignore"])) + ".")
    if policy.get("jurisdictions"):
        lines.append("Conversations that name no region are held to the rules of: "
                     + ", ".join(map(str, policy["jurisdictions"])) + ".")
    for code, settings in sorted((policy.get("checks") or {}).items()):
        if isinstance(settings, Mapping) and settings.get("options"):
            lines.append(f"{code} options: {_compact(settings['options'])}.")
    for family, options in sorted((policy.get("packs") or {}).items()):
        if options:
            lines.append(f"{family} pack options: {_compact(options)}.")
    for channel, settings in sorted((policy.get("channels") or {}).items()):
        if isinstance(settings, Mapping) and settings.get("ignore"):
            lines.append(f"Not applied to the {channel} channel: "
                         + ", ".join(map(str, settings["ignore"])) + ".")
    if policy.get("suppressions"):
        lines.append(f"{plural(len(policy['suppressions']), 'suppression')} in force; the "
                     "summary lists the findings they set aside.")
    return tuple(lines)


def build_appendix(result: Result) -> AppendixView:
    """Run metadata plus the first skipped records and check errors."""
    run = result.get("run") or {}
    skipped = list(result.get("skipped") or ())
    errors = list(result.get("errors") or ())
    shown_skipped = skipped[:MAX_LISTED]
    shown_errors = errors[:MAX_LISTED]
    return AppendixView(
        run_id=_text(run.get("id"), "\u2014"),
        created_at=_text(run.get("created_at"), "\u2014"),
        tool_version=_text(result.get("auditor_version"), "\u2014"),
        schema_version=_text(result.get("schema_version"), "\u2014"),
        policy_digest=_text(run.get("policy_digest"), "\u2014"),
        policy=tuple((str(k), _compact(v)) for k, v in (run.get("policy") or {}).items()),
        options=tuple((str(k), _compact(v)) for k, v in (run.get("options") or {}).items()),
        inputs=tuple(
            InputView(path=_text(item.get("path")), format=_text(item.get("format")),
                      sha256=_text(item.get("sha256")), records=int(item.get("records") or 0),
                      skipped=int(item.get("skipped") or 0))
            for item in run.get("inputs") or ()),
        skipped=tuple(
            (_text(item.get("path")), _text(item.get("line")), _text(item.get("reason")))
            for item in shown_skipped),
        skipped_total=len(skipped),
        skipped_note=_shown_note(len(shown_skipped), len(skipped), "skipped record"),
        errors=tuple(
            (_text(item.get("check")), _text(item.get("message"))) for item in shown_errors),
        errors_total=len(errors),
        errors_note=_shown_note(len(shown_errors), len(errors), "error"),
    )


def build_report(result: Result, *, for_print: bool = False,
                 max_examples_per_check: int = DEFAULT_MAX_EXAMPLES) -> ReportView:
    """Assemble the whole report view from a result document."""
    if max_examples_per_check < 0:
        raise ValueError("max_examples_per_check must be 0 or more")
    checks = build_checks(result, max_examples_per_check)
    return ReportView(
        title="Chatbot transparency audit",
        summary=build_summary(result, checks),
        checks=checks,
        methodology=build_methodology(result),
        appendix=build_appendix(result),
        for_print=for_print,
    )
