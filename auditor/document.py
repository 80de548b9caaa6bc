"""The result document as a typed model, with its published JSON Schema.

`AuditResult.to_dict()` writes the result JSON; `ResultDocument` is its typed
form. `ResultDocument.from_dict` validates a document (a saved `report.json`, a
stored web result) before anything renders it, so a foreign or empty JSON is one
clear error rather than a blank report. The schema shipped in
`auditor/schemas/` is generated from these models (`auditor schema` prints it).

pydantic is used because it is already part of the installed stack (spaCy builds on
it): one definition gives validation with located error messages and a JSON
Schema, with no extra dependency. Models are frozen and forbid unknown fields, so
the schema states exactly what a `schema_version` holds; added fields come with a
new schema version.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from importlib import resources
from typing import Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from auditor.errors import UsageError

__all__ = ["RESULT_SCHEMA_FILE", "ResultDocument", "ResultDocumentError", "result_schema"]

RESULT_SCHEMA_FILE = "result.schema.json"
# The result versions this version reads: its own (auditor.result.SCHEMA_VERSION) and
# the earlier ones whose fields it still has.
READABLE_SCHEMA_VERSIONS = ("2.0", "2.1")
SeverityName = Literal["info", "low", "medium", "high", "critical"]
VerdictName = Literal["passed", "failed", "inconclusive"]
CheckStatusName = Literal["passed", "passed_with_findings", "failed", "not_applicable",
                          "not_evaluated", "error"]


class ResultDocumentError(UsageError):
    """A document that is not a result of this schema version; says where it breaks."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class InputEntry(_Model):
    """One input file: digest, format, records read and skipped."""

    path: str
    sha256: str
    format: str
    records: int
    skipped: int


class Run(_Model):
    """When, with what policy, and on which inputs the audit ran."""

    id: str
    created_at: str
    policy_digest: str
    policy: dict[str, Any]
    inputs: list[InputEntry]
    options: dict[str, Any]


class GradeCap(_Model):
    """The grade the most severe finding capped the score's grade at, and why."""

    grade: str
    severity: SeverityName
    reason: str


class Summary(_Model):
    """The verdict and its reasons, the score and grade, and the totals."""

    verdict: VerdictName
    overall_score: float | None
    grade: str
    score_grade: str
    grade_cap: GradeCap | None
    passed: bool
    fail_under: float
    fail_on: SeverityName | None
    max_skipped_percent: float
    conversations: int
    turns: int
    decisions: int
    findings: int
    findings_by_severity: dict[SeverityName, int]
    skipped_records: int
    check_errors: int
    gate_reasons: list[str]
    inconclusive_reasons: list[str]
    gate_notes: list[str]
    blocking_findings: int


class Scoring(_Model):
    """The weights, grade bands and caps the run used."""

    severity_weights: dict[SeverityName, float]
    check_weights: dict[SeverityName, int]
    grades: list[tuple[str, float]]
    grade_caps: dict[SeverityName, str]


class Reference(_Model):
    """A law or standard, with the date it applies from."""

    law: str
    provision: str
    jurisdiction: str
    effective_from: str | None
    url: str | None


class Share(_Model):
    """A share of evaluated units with its 95 % Wilson interval."""

    value: float = Field(ge=0, le=1)
    low: float = Field(ge=0, le=1)
    high: float = Field(ge=0, le=1)


class CheckEntry(_Model):
    """One check: identity, score, share flagged and status."""

    code: str
    name: str
    title: str
    severity: SeverityName
    score: float | None
    evaluated: int
    flagged: int
    flagged_share: Share | None
    not_applicable: int
    status: CheckStatusName
    not_evaluated_reason: str | None
    below_min_score: bool
    min_score: float | None
    origin: str
    description: str
    remediation: str
    references: list[Reference]
    metrics: dict[str, Any] | None = None


class Evidence(_Model):
    """A redacted excerpt of one turn."""

    turn_index: int | None
    role: str | None
    excerpt: str


class Source(_Model):
    """The input file and line a finding points at."""

    path: str
    line: int


class Segment(_Model):
    """The channel, language and region of a finding's conversation, masked like ids."""

    channel: str | None
    language: str | None
    region: str | None


class FindingEntry(_Model):
    """One finding, with the gate's decision about it."""

    code: str
    check: str
    severity: SeverityName
    conversation_id: str | None
    turn_index: int | None
    timestamp: str | None
    message: str
    evidence: list[Evidence]
    data: dict[str, Any]
    references: list[Reference]
    fingerprint: str
    source: Source | None
    blocks_gate: bool
    baseline: Literal["new", "unchanged"] | None = None
    segment: Segment | None = None  # 2.1


class ErrorEntry(_Model):
    """A check that raised, or a plugin that failed to load."""

    check: str
    message: str


class SkippedEntry(_Model):
    """A record left out, where and why."""

    path: str
    line: int
    reason: str
    kind: Literal["malformed", "unknown_role", "unmapped_field"]
    value: str | None


class BaselineEntry(_Model):
    """The comparison with a baseline."""

    path: str
    sha256: str
    new: int
    unchanged: int
    fixed: list[dict[str, Any]]


class SuppressedEntry(_Model):
    """A finding set aside by a suppression, with the suppression's justification."""

    model_config = ConfigDict(frozen=True, extra="allow")

    fingerprint: str | None = None
    code: str | None = None
    justification: str
    accepted_by: str | None = None
    expires: str | None = None


class KeptTurnEntry(_Model):
    """One turn of a kept conversation, redacted; `flagged` when a finding points at it."""

    index: int
    role: str
    text: str
    timestamp: str | None
    event: str | None
    flagged: bool


class KeptConversationEntry(_Model):
    """A conversation with findings, its id masked like every id, its turns redacted."""

    conversation_id: str | None
    channel: str | None
    language: str | None
    region: str | None = None
    turns: list[KeptTurnEntry]


class KeptConversationsEntry(_Model):
    """The conversations findings are about: how many had findings, how many were kept
    (the most severe first, up to the policy's `keep-conversations`)."""

    with_findings: int
    kept: int
    limit: int
    items: list[KeptConversationEntry]


class ResultDocument(_Model):
    """The result JSON (DESIGN.md section 5) as a typed document."""

    # 2.1 added `conversations`; a 2.0 result, without it, is still read.
    schema_version: Literal["2.0", "2.1"]
    auditor_version: str
    run: Run
    summary: Summary
    notes: list[str]
    scoring: Scoring
    checks: list[CheckEntry]
    findings: list[FindingEntry]
    errors: list[ErrorEntry]
    skipped: list[SkippedEntry]
    baseline: BaselineEntry | None = None
    suppressed: list[SuppressedEntry]
    # Absent from results written before conversations were kept.
    conversations: KeptConversationsEntry | None = None

    @model_validator(mode="after")
    def _verdict_agrees_with_findings(self, info: ValidationInfo) -> ResultDocument:
        """A result whose verdict is kinder than its own findings is not a result: it
        was edited, and no report may be rendered from it. (`check` validates the
        findings apart and asks this once they are all read.)"""
        if info.context and info.context.get(_FINDINGS_APART):
            return self
        problem = verdict_contradiction(self)
        if problem:
            raise ValueError(f"{_CONTRADICTION}{problem}")
        return self

    @classmethod
    def from_dict(cls, document: Any, *, source: str = "result") -> ResultDocument:
        """Validate a result dict, or raise ResultDocumentError in one line."""
        _require_result(document, source)
        # Strict, from JSON: a number written as a string is an error, as in the
        # published schema, not a value quietly converted.
        return _validated(lambda: cls.model_validate_json(
            json.dumps(document, allow_nan=False), strict=True), source)

    @classmethod
    def check(cls, document: Any, *, source: str = "result") -> None:
        """Validate a result dict as `from_dict` does, or raise ResultDocumentError in one
        line, without building the typed document: the findings are validated one at a
        time, so a result with hundreds of thousands of them (or whose findings are
        made as they are read, `auditor.result.FindingDocuments`) is never held twice."""
        _require_result(document, source)
        findings = document.get("findings")
        if not isinstance(findings, Sequence) or isinstance(findings, str | bytes):
            cls.from_dict(document, source=source)  # says what is wrong with them
            return
        head = _validated(lambda: cls.model_validate_json(
            json.dumps({**document, "findings": []}, allow_nan=False), strict=True,
            context={_FINDINGS_APART: True}), source)
        digests = (_finding_digest(index, item, source) for index, item in enumerate(findings))
        problem = _contradiction(head.summary, head.scoring, head.checks, digests)
        if problem:
            raise ResultDocumentError(f"{source}: not a valid result: summary: "
                                      f"{_CONTRADICTION}{problem}")

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: the keys that were given, as they were given."""
        return self.model_dump(mode="json", exclude_unset=True)


_T = TypeVar("_T")
_CONTRADICTION = "the verdict contradicts the findings: "
# Validation context: the findings are validated apart (`ResultDocument.check`).
_FINDINGS_APART = "findings_apart"
_FINDING_ENTRY: TypeAdapter[FindingEntry] = TypeAdapter(FindingEntry)


def _require_result(document: Any, source: str) -> None:
    """ResultDocumentError unless `document` is a result dict of a version read here."""
    if not isinstance(document, dict):
        raise ResultDocumentError(f"{source}: not a result JSON (expected an object)")
    version = document.get("schema_version")
    if version is None or "summary" not in document:
        raise ResultDocumentError(f"{source}: not an audit result (no schema_version or "
                                  "summary); give a report.json written by auditor scan")
    if version not in READABLE_SCHEMA_VERSIONS:
        raise ResultDocumentError(
            f"{source}: result schema {version!r} is not supported by this version "
            f"({', '.join(READABLE_SCHEMA_VERSIONS)}); run the audit again")


def _validated(validate: Callable[[], _T], source: str, *,
                  within: tuple[str | int, ...] = ()) -> _T:
    """`validate()`, its failure told in one line: where (under `within`) and what."""
    try:
        return validate()
    except ValueError as error:
        if not isinstance(error, ValidationError):  # NaN or infinity: not JSON
            raise ResultDocumentError(f"{source}: not a valid result: {error}") from None
        first = error.errors()[0]
        where = ".".join(str(part) for part in (*within, *first["loc"])) or "summary"
        more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
        message = first["msg"].removeprefix("Value error, ")  # pydantic's, for ValueError
        raise ResultDocumentError(f"{source}: not a valid result: {where}: "
                                  f"{message}{more}") from None


def _finding_digest(index: int, item: Any, source: str) -> tuple[str, str, bool]:
    """One finding validated: its code, severity and whether it blocks the gate."""
    entry = _validated(lambda: _FINDING_ENTRY.validate_json(
        json.dumps(item, allow_nan=False), strict=True), source, within=("findings", index))
    return entry.code, entry.severity, entry.blocks_gate


def verdict_contradiction(document: ResultDocument) -> str | None:
    """The first way the verdict, grade or a check's status contradicts the findings
    and reasons recorded beside it (what `auditor.gate` guarantees), or None."""
    return _contradiction(document.summary, document.scoring, document.checks,
                          ((f.code, f.severity, f.blocks_gate) for f in document.findings))


def _contradiction(summary: Summary, scoring: Scoring, checks: Iterable[CheckEntry],
                   findings: Iterable[tuple[str, str, bool]]) -> str | None:
    """`verdict_contradiction` over the findings' codes, severities and whether each
    blocks the gate, read once."""
    letters = [letter for letter, _ in scoring.grades]
    blocking_count, failing, too_good = 0, set(), None
    for code, severity, blocks in findings:
        if blocks:
            blocking_count += 1
            failing.add(code)
        cap = scoring.grade_caps.get(severity)  # type: ignore[call-overload]
        if (too_good is None and summary.grade in letters and cap in letters
                and letters.index(summary.grade) < letters.index(cap)):
            too_good = (f"grade {summary.grade} is better than the {severity} "
                        f"finding {code} allows ({cap})")
    blocking = blocking_count > 0
    if summary.passed != (summary.verdict == "passed"):
        return f"passed is {summary.passed} but the verdict is {summary.verdict}"
    if summary.verdict == "passed" and (blocking or summary.gate_reasons
                                        or summary.inconclusive_reasons):
        return "a passed audit with blocking findings or reasons not to pass"
    if summary.verdict == "failed" and not summary.gate_reasons:
        return "a failed audit without a reason"
    if summary.verdict == "inconclusive" and (blocking or summary.gate_reasons
                                              or not summary.inconclusive_reasons):
        return "an inconclusive audit that failed, or has no reason"
    if summary.blocking_findings != blocking_count:
        return (f"{blocking_count} findings block the gate, the summary says "
                f"{summary.blocking_findings}")
    if too_good:
        return too_good
    for check in checks:
        if check.code in failing and check.status != "failed":
            return f"{check.code} has a finding that blocks the gate but is {check.status}"
    return None


def result_schema() -> dict[str, Any]:
    """The JSON Schema of the result document, as shipped in the package."""
    text = resources.files("auditor.schemas").joinpath(RESULT_SCHEMA_FILE).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def generated_schema() -> dict[str, Any]:
    """The JSON Schema generated from the models (what the shipped file must equal)."""
    schema = ResultDocument.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://pypi.org/project/support-auditor/result-"
                   f"{READABLE_SCHEMA_VERSIONS[-1]}.schema.json",
            **schema}


def write_schema() -> None:
    """Regenerate the shipped schema file from the models (run after changing them)."""
    target = resources.files("auditor.schemas").joinpath(RESULT_SCHEMA_FILE)
    with resources.as_file(target) as path:
        path.write_text(json.dumps(generated_schema(), indent=2, sort_keys=True) + "\n",
                        encoding="utf-8")
