"""Scores from findings: per check, overall and the score's grade.

The gate (pass, fail, inconclusive) and the grade cap are in `auditor.gate`.

The formula, also written out in every report's methodology section:

- A conversation flagged by a check counts with the severity weight of its worst
  finding for that check (critical 1.0, high 0.75, medium 0.5, low 0.25, info 0).
- check score = 100 × (1 − Σ weights of flagged conversations ÷ evaluated
  conversations), or none when the check evaluated nothing.
- overall score = the mean of check scores weighted by each check's severity
  (critical 5, high 4, medium 3, low 2, info 1).
- grade: A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F; then capped by the most severe
  finding (see `auditor.gate`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from auditor.findings import Finding
from auditor.severity import Severity

SEVERITY_WEIGHTS: Mapping[Severity, float] = MappingProxyType({
    Severity.CRITICAL: 1.0, Severity.HIGH: 0.75, Severity.MEDIUM: 0.5,
    Severity.LOW: 0.25, Severity.INFO: 0.0,
})
CHECK_WEIGHTS: Mapping[Severity, int] = MappingProxyType({
    Severity.CRITICAL: 5, Severity.HIGH: 4, Severity.MEDIUM: 3, Severity.LOW: 2, Severity.INFO: 1,
})
GRADES: tuple[tuple[str, float], ...] = (("A", 90.0), ("B", 80.0), ("C", 70.0), ("D", 60.0),
                                         ("F", 0.0))


@dataclass(frozen=True, slots=True)
class CheckScore:
    """One check's score input and result."""

    code: str
    severity: Severity
    evaluated: int
    score: float | None
    min_score: float | None = None

    @property
    def below_minimum(self) -> bool:
        """True when the policy's min-score for this check is not met."""
        return self.score is not None and self.min_score is not None and \
            self.score < self.min_score


def check_score(evaluated: int, findings: Iterable[Finding]) -> float | None:
    """100 × (1 − severity-weighted flagged conversations ÷ evaluated), or None."""
    if evaluated <= 0:
        return None
    worst: dict[str, float] = {}
    for finding in findings:
        # Dataset-level findings (no conversation) each count as one flagged unit.
        unit = finding.conversation_id or f"#{finding.fingerprint}"
        worst[unit] = max(worst.get(unit, 0.0), SEVERITY_WEIGHTS[finding.severity])
    penalty = sum(worst.values()) / evaluated
    return round(max(0.0, 100.0 * (1.0 - penalty)), 2)


def overall_score(scores: Sequence[CheckScore]) -> float | None:
    """Severity-weighted mean of the check scores that exist."""
    scored = [(CHECK_WEIGHTS[s.severity], s.score) for s in scores if s.score is not None]
    total_weight = sum(weight for weight, _ in scored)
    if not total_weight:
        return None
    return round(sum(weight * score for weight, score in scored) / total_weight, 2)


def grade(score: float | None) -> str:
    """The letter grade for a score; N/A when nothing was scored."""
    if score is None:
        return "N/A"
    return next(letter for letter, floor in GRADES if score >= floor)
