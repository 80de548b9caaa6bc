"""The gate: verdicts, blocking findings, grade caps and check statuses, as a table."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from auditor.check import fingerprint
from auditor.findings import Finding, Severity
from auditor.gate import (
    CheckStatus,
    Coverage,
    GateSettings,
    VerdictName,
    check_status,
    decide,
)
from auditor.loaders import Skipped
from auditor.scoring import CheckScore

CLEAN = Coverage(records=100, skipped=(), bot_turns=50, transcripts_given=True,
                 needs_bot_turns=("DISC001",))
TITLES = {"DISC004": "A bot turn claims to be human", "PII001": "A card number is shown"}


def _finding(code: str, severity: Severity, conversation: str = "c-1") -> Finding:
    return Finding(code=code, check=code.lower(), severity=severity, message="m",
                   conversation_id=conversation, turn_index=0,
                   fingerprint=fingerprint(code, conversation, severity.value))


def _decide(findings: Sequence[Finding] = (), *, overall: float | None = 98.4,
            coverage: Coverage = CLEAN, settings: GateSettings | None = None,
            scores: Sequence[CheckScore] = (), crashed: Sequence[str] = (),
            new: frozenset[str] | None = None):
    return decide(findings, scores, settings=settings or GateSettings(fail_under=80.0),
                  overall=overall, coverage=coverage, titles=TITLES, crashed=crashed, new=new)


def _skips(count: int, kind: str = "malformed", value: str | None = None) -> tuple[Skipped, ...]:
    return tuple(Skipped("chats.csv", line, "reason", kind, value) for line in range(count))


@pytest.mark.parametrize(("findings", "overall", "expected", "grade"), [
    pytest.param([], 100.0, VerdictName.PASSED, "A", id="clean"),
    pytest.param([_finding("DISC004", Severity.CRITICAL)], 98.4, VerdictName.FAILED, "F",
                 id="one-critical-fails-and-caps-at-F"),
    pytest.param([_finding("DISC004", Severity.HIGH)], 98.4, VerdictName.PASSED, "C",
                 id="high-passes-but-caps-at-C"),
    pytest.param([_finding("DISC004", Severity.MEDIUM)], 98.4, VerdictName.PASSED, "B",
                 id="medium-caps-at-B"),
    pytest.param([_finding("DISC004", Severity.LOW)], 98.4, VerdictName.PASSED, "A",
                 id="low-is-not-capped"),
    pytest.param([_finding("DISC004", Severity.HIGH)], 75.0, VerdictName.FAILED, "C",
                 id="low-score-fails-with-the-score-grade-when-worse-than-the-cap"),
    pytest.param([_finding("DISC004", Severity.MEDIUM)], 62.0, VerdictName.FAILED, "D",
                 id="cap-never-raises-a-grade"),
])
def test_default_gate_and_grade_cap(findings: list[Finding], overall: float,
                                    expected: VerdictName, grade: str) -> None:
    verdict = _decide(findings, overall=overall)
    assert verdict.name is expected
    assert verdict.grade == grade


def test_cap_reason_names_the_check_and_its_reach() -> None:
    verdict = _decide([_finding("DISC004", Severity.CRITICAL, "a"),
                       _finding("PII001", Severity.CRITICAL, "a"),
                       _finding("DISC004", Severity.CRITICAL, "b")])
    assert verdict.cap is not None and verdict.score_grade == "A"
    assert verdict.cap.reason == ("capped at F: critical finding, DISC004 \u201cA bot turn "
                                  "claims to be human\u201d in 2 conversations, and 1 other check")
    assert verdict.reasons == ("3 findings at or above critical (DISC004, PII001)",)


@pytest.mark.parametrize(("settings", "expected"), [
    pytest.param(GateSettings(fail_under=80.0, fail_on=None), VerdictName.PASSED,
                 id="fail-on-none-is-explicitly-laxer"),
    pytest.param(GateSettings(fail_under=80.0, fail_on=Severity.HIGH), VerdictName.FAILED,
                 id="fail-on-high"),
])
def test_fail_on_can_be_laxer_or_stricter(settings: GateSettings,
                                          expected: VerdictName) -> None:
    findings = [_finding("DISC004", Severity.CRITICAL)] if settings.fail_on is None else [
        _finding("DISC004", Severity.HIGH)]
    assert _decide(findings, settings=settings).name is expected


def test_grade_caps_are_configurable() -> None:
    settings = GateSettings(fail_under=80.0, fail_on=None, grade_caps={Severity.CRITICAL: "D"})
    verdict = _decide([_finding("DISC004", Severity.CRITICAL)], settings=settings)
    assert verdict.grade == "D" and verdict.passed


def test_against_a_baseline_only_new_findings_block() -> None:
    old, new = _finding("DISC004", Severity.CRITICAL, "a"), _finding("PII001", Severity.LOW, "b")
    verdict = _decide([old, new], overall=50.0, new=frozenset({new.fingerprint}))
    assert verdict.blocking == {new.fingerprint}
    assert verdict.reasons == ("1 new finding since the baseline (PII001)",)
    quiet = _decide([old], overall=50.0, new=frozenset())
    assert quiet.name is VerdictName.PASSED and quiet.grade == "F"


@pytest.mark.parametrize(("coverage", "verdict", "fragment"), [
    pytest.param(Coverage(97, _skips(3), 40, True, ("DISC001",)), VerdictName.INCONCLUSIVE,
                 "3 of 100 records (3.0 %) could not be read", id="3-percent-skipped"),
    pytest.param(Coverage(99, _skips(1), 40, True, ("DISC001",)), VerdictName.PASSED, None,
                 id="1-percent-skipped"),
    pytest.param(Coverage(97, _skips(3, "unknown_role", "Ava"), 0, True, ("DISC001",)),
                 VerdictName.INCONCLUSIVE, "--role Ava=bot", id="persona-speaker"),
    pytest.param(Coverage(500, _skips(1, "unmapped_field", "role"), 40, True, ("DISC001",)),
                 VerdictName.INCONCLUSIVE, "--column role=NAME", id="one-unmapped-field"),
    pytest.param(Coverage(10, (), 0, True, ("DISC001",)), VerdictName.INCONCLUSIVE,
                 "no bot turn was read", id="no-bot-turns"),
    pytest.param(Coverage(10, (), 0, False, ("DISC001",)), VerdictName.PASSED, None,
                 id="decision-log-alone-needs-no-bot-turns"),
    pytest.param(Coverage(10, (), 0, True, ()), VerdictName.PASSED, None,
                 id="no-check-needs-bot-turns"),
])
def test_inconclusive_when_the_input_could_not_be_read(
        coverage: Coverage, verdict: VerdictName, fragment: str | None) -> None:
    result = _decide(coverage=coverage)
    assert result.name is verdict
    if fragment:
        assert any(fragment in reason for reason in result.inconclusive_reasons)


def test_failed_wins_over_inconclusive_and_keeps_the_caveat() -> None:
    result = _decide([_finding("DISC004", Severity.CRITICAL)],
                     coverage=Coverage(97, _skips(3), 40, True, ("DISC001",)))
    assert result.name is VerdictName.FAILED and result.inconclusive_reasons


def test_a_crash_is_inconclusive_unless_the_gate_failed() -> None:
    assert _decide(crashed=["X001"]).name is VerdictName.INCONCLUSIVE
    assert _decide([_finding("DISC004", Severity.CRITICAL)],
                   crashed=["X001"]).name is VerdictName.FAILED


def test_min_score_fails_the_gate() -> None:
    verdict = _decide(scores=[CheckScore("A001", Severity.HIGH, 10, 85.0, min_score=90.0)])
    assert verdict.reasons == ("A001 scored 85, below its minimum 90",)


@pytest.mark.parametrize(("kwargs", "status"), [
    pytest.param(dict(flagged=0, blocking=False, below_minimum=False), CheckStatus.PASSED,
                 id="clean"),
    pytest.param(dict(flagged=3, blocking=False, below_minimum=False),
                 CheckStatus.PASSED_WITH_FINDINGS, id="findings-below-the-gate"),
    pytest.param(dict(flagged=3, blocking=True, below_minimum=False), CheckStatus.FAILED,
                 id="a-blocking-finding"),
    pytest.param(dict(flagged=1, blocking=False, below_minimum=True), CheckStatus.FAILED,
                 id="under-min-score"),
])
def test_check_status_agrees_with_the_gate(kwargs: dict[str, object],
                                           status: CheckStatus) -> None:
    assert check_status(crashed=False, not_evaluated=False, evaluated=10,
                        **kwargs) is status  # type: ignore[arg-type]


def test_check_status_without_a_judgement() -> None:
    assert check_status(crashed=True, not_evaluated=False, evaluated=0, flagged=0,
                        blocking=False, below_minimum=False) is CheckStatus.ERROR
    assert check_status(crashed=False, not_evaluated=True, evaluated=0, flagged=0,
                        blocking=False, below_minimum=False) is CheckStatus.NOT_EVALUATED
    assert check_status(crashed=False, not_evaluated=False, evaluated=0, flagged=0,
                        blocking=False, below_minimum=False) is CheckStatus.NOT_APPLICABLE
