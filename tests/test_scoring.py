"""Scores, grades and the gate, as the methodology section describes them."""

from __future__ import annotations

import pytest

from auditor.check import fingerprint
from auditor.findings import Finding, Severity
from auditor.scoring import CheckScore, check_score, grade, overall_score


def _finding(conversation_id: str, severity: Severity) -> Finding:
    return Finding(code="T001", check="t", severity=severity, message="m",
                   conversation_id=conversation_id, turn_index=0,
                   fingerprint=fingerprint("T001", conversation_id, severity.value))


@pytest.mark.parametrize(("evaluated", "findings", "expected"), [
    pytest.param(10, [], 100.0, id="clean"),
    pytest.param(10, [("a", Severity.CRITICAL)], 90.0, id="one-critical"),
    pytest.param(10, [("a", Severity.MEDIUM)], 95.0, id="one-medium-half-weight"),
    pytest.param(4, [("a", Severity.LOW), ("a", Severity.HIGH)], 81.25,
                 id="worst-finding-per-conversation-counts"),
    pytest.param(2, [("a", Severity.INFO), ("b", Severity.INFO)], 100.0, id="info-is-free"),
    pytest.param(1, [("a", Severity.CRITICAL), ("b", Severity.CRITICAL)], 0.0,
                 id="never-below-zero"),
    pytest.param(0, [], None, id="nothing-evaluated"),
])
def test_check_score_weights_flagged_conversations_by_worst_severity(
    evaluated: int, findings: list[tuple[str, Severity]], expected: float | None
) -> None:
    assert check_score(evaluated, [_finding(c, s) for c, s in findings]) == expected


def test_overall_score_weights_checks_by_severity_and_skips_unscored() -> None:
    scores = [CheckScore("A001", Severity.CRITICAL, 10, 50.0),
              CheckScore("B001", Severity.LOW, 10, 100.0),
              CheckScore("C001", Severity.HIGH, 0, None)]
    assert overall_score(scores) == pytest.approx((5 * 50 + 2 * 100) / 7, abs=0.01)


@pytest.mark.parametrize(("score", "letter"), [
    (100.0, "A"), (90.0, "A"), (89.99, "B"), (70.0, "C"), (60.0, "D"), (59.9, "F"), (None, "N/A"),
])
def test_grade_bands(score: float | None, letter: str) -> None:
    assert grade(score) == letter
