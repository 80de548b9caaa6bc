"""View models: the frozen values the report templates display."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup


@dataclass(frozen=True)
class ChartView:
    """One chart with its caption."""

    caption: str
    svg: Markup


@dataclass(frozen=True)
class MetricsSection:
    """One table of figures with the charts drawn above it."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    charts: tuple[ChartView, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class MetricsView:
    """A check's measured figures: an introduction and one or more sections."""

    title: str
    intro: str
    sections: tuple[MetricsSection, ...]


@dataclass(frozen=True)
class ReferenceView:
    """A legal or policy reference with its effective date in words."""

    text: str
    effective: str
    url: str | None


@dataclass(frozen=True)
class EvidenceView:
    """One redacted excerpt and the turn it came from."""

    turn: str
    role: str
    excerpt: str
    truncated: bool


@dataclass(frozen=True)
class FindingView:
    """One finding as displayed in a check section."""

    severity: str
    code: str
    conversation_id: str | None
    turn: str | None
    timestamp: str | None
    message: str
    evidence: tuple[EvidenceView, ...]
    evidence_hidden: int
    references: tuple[ReferenceView, ...]


@dataclass(frozen=True)
class CheckView:
    """A check section: its result, charts, and its most severe findings."""

    anchor: str
    code: str
    name: str
    title: str
    severity: str
    status: str
    status_label: str
    score: str
    score_value: float | None
    min_score: str | None
    evaluated: int
    flagged: int
    flagged_share: str | None
    not_evaluated_reason: str | None
    not_applicable: int
    origin: str
    description: str
    remediation: str
    references: tuple[ReferenceView, ...]
    errors: tuple[str, ...]
    findings_total: int
    examples: tuple[FindingView, ...]
    examples_note: str | None
    conversation_chart: Markup
    severity_chart: Markup
    metrics: MetricsView | None = None


@dataclass(frozen=True)
class SummaryView:
    """Cover page and executive summary: the verdict in numbers and in words."""

    score: str
    grade: str
    grade_class: str
    passed: bool | None
    verdict: str
    # passed, failed, inconclusive (or none), for the colour of the cover.
    verdict_name: str
    cap_reason: str | None
    score_grade: str
    inconclusive_reasons: tuple[str, ...]
    fail_under: str
    conversations: int
    turns: int
    decisions: int
    findings: int
    by_severity: tuple[tuple[str, int], ...]
    sentences: tuple[str, ...]
    gate_reasons: tuple[str, ...]
    notes: tuple[str, ...]
    score_chart: Markup
    severity_chart: Markup
    # Accepted findings: (code, where, justification, accepted by, until).
    suppressed: tuple[tuple[str, str, str, str, str], ...] = ()
    # The most serious problems, one line each, for the cover.
    top_problems: tuple[str, ...] = ()
    # Possible personal data breaches: (where, what, notify by).
    breaches: tuple[tuple[str, str, str], ...] = ()
    # What a reader must know to read the verdict right (a severity bar turned off).
    gate_notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class AccuracyView:
    """One detector's published precision and recall, as the report prints them."""

    detector: str
    checks: str
    precision: str
    recall: str
    support: str
    dataset: str
    command: str


@dataclass(frozen=True)
class MethodologyView:
    """The scoring rules, taken from the result rather than assumed."""

    weights: tuple[tuple[str, str, str], ...]
    grades: tuple[tuple[str, str], ...]
    fail_under: str
    min_scores: tuple[tuple[str, str], ...]
    grade_caps: tuple[tuple[str, str], ...] = ()
    fail_on: str | None = None
    max_skipped: str = "2"
    against_baseline: str | None = None
    policy_source: str = "defaults"
    # Other settings of the run's policy, in words (selected checks, jurisdictions...).
    policy_lines: tuple[str, ...] = ()
    # What the detectors behind the checks were measured to do (auditor.accuracy).
    accuracy: tuple[AccuracyView, ...] = ()


@dataclass(frozen=True)
class InputView:
    """One input file of the run."""

    path: str
    format: str
    sha256: str
    records: int
    skipped: int


@dataclass(frozen=True)
class AppendixView:
    """Run metadata, skipped records and check errors (both bounded)."""

    run_id: str
    created_at: str
    tool_version: str
    schema_version: str
    policy_digest: str
    policy: tuple[tuple[str, str], ...]
    options: tuple[tuple[str, str], ...]
    inputs: tuple[InputView, ...]
    skipped: tuple[tuple[str, str, str], ...]
    skipped_total: int
    skipped_note: str | None
    errors: tuple[tuple[str, str], ...]
    errors_total: int
    errors_note: str | None


@dataclass(frozen=True)
class ReportView:
    """Everything the report templates display."""

    title: str
    summary: SummaryView
    checks: tuple[CheckView, ...]
    methodology: MethodologyView
    appendix: AppendixView
    for_print: bool
