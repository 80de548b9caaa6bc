"""The gate: whether an audit passed, failed or could not judge, decided once.

Every output reads what is decided here (the verdict, its reasons, the grade cap,
which findings block the gate, each check's status) from the result; none
computes it again.

- A finding blocks the gate when it is at or above `fail-on` (default `critical`),
  or, when the overall score is below `fail-under`, when it is above `info`.
  Against a baseline only new findings can block: those above `info`, or at or
  above `fail-on`.
- The audit fails when a finding blocks it, the overall score is below
  `fail-under` or a check is below its `min-score` (these two not against a baseline).
- It is inconclusive, unless it failed, when the inputs could not be judged:
  bot turns were needed and none was read, more than `max-skipped` per cent of the
  records were skipped, records were skipped for an unknown speaker or an unmapped
  field, or a check crashed.
- The grade is the score's grade, capped by the most severe finding (critical at
  F, high at C, medium at B by default), as SSL Labs caps a server's grade.
"""

from __future__ import annotations

import shlex
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from auditor.findings import FindingHeader
from auditor.loaders import Skipped
from auditor.loaders.columns import likely_role, role_option_hint
from auditor.scoring import GRADES, CheckScore, grade
from auditor.severity import Severity

__all__ = [
    "DEFAULT_FAIL_ON", "DEFAULT_GRADE_CAPS", "DEFAULT_MAX_SKIPPED_PERCENT", "CheckStatus",
    "Coverage", "GateSettings", "GradeCap", "Verdict", "VerdictName", "blocking_fingerprints",
    "check_status", "decide",
]

DEFAULT_FAIL_ON = Severity.CRITICAL
DEFAULT_MAX_SKIPPED_PERCENT = 2.0
DEFAULT_GRADE_CAPS: Mapping[Severity, str] = MappingProxyType({
    Severity.CRITICAL: "F", Severity.HIGH: "C", Severity.MEDIUM: "B",
})
# How many distinct unknown speakers a reason names before it summarises.
_MAX_SPEAKERS_NAMED = 5


class VerdictName(StrEnum):
    """The three verdicts an audit can reach."""

    PASSED = "passed"
    FAILED = "failed"
    INCONCLUSIVE = "inconclusive"


class CheckStatus(StrEnum):
    """A check's line in every report, in agreement with the gate."""

    PASSED = "passed"
    PASSED_WITH_FINDINGS = "passed_with_findings"
    FAILED = "failed"
    NOT_APPLICABLE = "not_applicable"
    NOT_EVALUATED = "not_evaluated"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class GateSettings:
    """The policy's part in the gate."""

    fail_under: float
    fail_on: Severity | None = DEFAULT_FAIL_ON
    max_skipped_percent: float = DEFAULT_MAX_SKIPPED_PERCENT
    grade_caps: Mapping[Severity, str] = field(default_factory=lambda: DEFAULT_GRADE_CAPS)


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of the input the audit could read, for the inconclusive verdict."""

    records: int
    skipped: Sequence[Skipped]
    bot_turns: int
    transcripts_given: bool
    # Codes of the selected checks that judge the bot's turns.
    needs_bot_turns: Sequence[str] = ()
    # Transcript files in which no bot turn was read, beside files that have some.
    files_without_bot_turns: Sequence[str] = ()
    # (code, reason) of checks that said their input lacks what they need.
    unjudged: Sequence[tuple[str, str]] = ()


@dataclass(frozen=True, slots=True)
class GradeCap:
    """A grade lowered by the most severe finding, with the reason in words."""

    grade: str
    severity: Severity
    reason: str


@dataclass(frozen=True, slots=True)
class Verdict:
    """The verdict with its reasons, the overall score and the (capped) grade."""

    name: VerdictName
    overall_score: float | None
    score_grade: str
    grade: str
    cap: GradeCap | None
    reasons: tuple[str, ...]
    inconclusive_reasons: tuple[str, ...]
    blocking: frozenset[str]
    # Codes of the checks whose score below their min-score failed the gate.
    below_minimum: frozenset[str] = frozenset()
    # What a reader must know to read the verdict right (a severity bar turned off).
    notes: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        """True only for the `passed` verdict."""
        return self.name is VerdictName.PASSED


def blocking_fingerprints(findings: Sequence[FindingHeader], *, settings: GateSettings,
                          overall: float | None, new: frozenset[str] | None) -> frozenset[str]:
    """The fingerprints of the findings that fail the gate."""
    bar = settings.fail_on.rank if settings.fail_on is not None else None
    if new is not None:
        return frozenset(
            f.fingerprint for f in findings if f.fingerprint in new
            and (f.severity is not Severity.INFO or (bar is not None and f.severity.rank >= bar)))
    low_score = overall is not None and overall < settings.fail_under
    return frozenset(
        f.fingerprint for f in findings
        if (bar is not None and f.severity.rank >= bar)
        or (low_score and f.severity is not Severity.INFO))


def decide(
    findings: Sequence[FindingHeader],
    scores: Sequence[CheckScore],
    *,
    settings: GateSettings,
    overall: float | None,
    coverage: Coverage,
    titles: Mapping[str, str],
    crashed: Sequence[str] = (),
    new: frozenset[str] | None = None,
) -> Verdict:
    """The verdict on an audit: passed, failed or inconclusive, with reasons."""
    blocking = blocking_fingerprints(findings, settings=settings, overall=overall, new=new)
    # Against a baseline only new findings gate, not scores.
    below = frozenset(s.code for s in scores if s.below_minimum) if new is None else frozenset()
    reasons = _failure_reasons(findings, scores, settings, overall, blocking, new)
    inconclusive = [*_coverage_reasons(coverage, settings),
                    *(f"{code} crashed, so its part of the audit is missing; see the "
                      "check errors" for code in crashed)]
    if reasons:
        name = VerdictName.FAILED
    elif inconclusive:
        name = VerdictName.INCONCLUSIVE
    else:
        name = VerdictName.PASSED
    score_grade = grade(overall)
    if name is VerdictName.INCONCLUSIVE:
        # No letter for what could not be judged: an "A" above unread input is kinder
        # than the audit can be.
        return Verdict(name, overall, score_grade, grade(None), None, tuple(reasons),
                       tuple(inconclusive), blocking, below, _notes(findings, settings, new))
    cap = _grade_cap(findings, settings.grade_caps, score_grade, titles)
    return Verdict(name, overall, score_grade, cap.grade if cap else score_grade, cap,
                   tuple(reasons), tuple(inconclusive), blocking, below,
                   _notes(findings, settings, new))


def _notes(findings: Sequence[FindingHeader], settings: GateSettings,
           new: frozenset[str] | None) -> tuple[str, ...]:
    """Say so when the severity bar is off and severe findings went through it."""
    if settings.fail_on is not None or new is not None:
        return ()
    severe = [f for f in findings if f.severity.rank >= DEFAULT_FAIL_ON.rank]
    if not severe:
        return ()
    return (f"fail-on is none, so no finding fails the audit by its severity; "
            f"{_count(len(severe), DEFAULT_FAIL_ON.value + ' finding')} would have "
            f"({_codes(severe)})",)


def check_status(*, crashed: bool, not_evaluated: bool, evaluated: int, flagged: int,
                 blocking: bool, below_minimum: bool) -> CheckStatus:
    """A check's status: failed only when it failed the gate."""
    if crashed:
        return CheckStatus.ERROR
    if not_evaluated:
        return CheckStatus.NOT_EVALUATED
    if evaluated == 0:
        return CheckStatus.NOT_APPLICABLE
    if blocking or below_minimum:
        return CheckStatus.FAILED
    return CheckStatus.PASSED_WITH_FINDINGS if flagged else CheckStatus.PASSED


def _failure_reasons(findings: Sequence[FindingHeader], scores: Sequence[CheckScore],
                     settings: GateSettings, overall: float | None,
                     blocking: frozenset[str], new: frozenset[str] | None) -> list[str]:
    """Why the gate failed, one sentence each (empty when it did not)."""
    reasons: list[str] = []
    if new is None:
        if overall is not None and overall < settings.fail_under:
            reasons.append(f"overall score {overall:g} is below the threshold "
                           f"{settings.fail_under:g}")
        reasons.extend(f"{s.code} scored {s.score:g}, below its minimum {s.min_score:g}"
                       for s in scores if s.below_minimum)
    by_severity = [f for f in findings if f.fingerprint in blocking
                   and settings.fail_on is not None and f.severity.rank >= settings.fail_on.rank]
    if new is not None:
        blocked = [f for f in findings if f.fingerprint in blocking]
        if blocked:
            reasons.append(f"{_count(len(blocked), 'new finding')} since the baseline "
                           f"({_codes(blocked)})")
    elif by_severity and settings.fail_on is not None:
        reasons.append(f"{_count(len(by_severity), 'finding')} at or above "
                       f"{settings.fail_on.value} ({_codes(by_severity)})")
    return reasons


def _coverage_reasons(coverage: Coverage, settings: GateSettings) -> list[str]:
    """Why the audit could not see enough of its input to judge, with what to do.

    One cause gives one sentence: an unknown speaker explains the missing bot turns
    and the skipped records it caused, so those are not said again.
    """
    reasons: list[str] = []
    speakers = Counter(item.value or "?" for item in coverage.skipped
                       if item.kind == "unknown_role")
    if speakers:
        reasons.append(_unknown_speakers_reason(speakers))
    fields: dict[str, int] = defaultdict(int)
    for item in coverage.skipped:
        if item.kind == "unmapped_field":
            fields[item.value or "a required field"] += 1
    for name, count in sorted(fields.items()):
        reasons.append(f"{_count(count, 'record')} {'has' if count == 1 else 'have'} no "
                       f"{name}; map the column with --column {name}=NAME")
    malformed = sum(1 for item in coverage.skipped if item.kind == "malformed")
    total = coverage.records + len(coverage.skipped)
    if total and coverage.skipped:
        share = 100.0 * len(coverage.skipped) / total
        if share > settings.max_skipped_percent and malformed:
            reasons.append(f"{len(coverage.skipped):,} of {total:,} records ({share:.1f} %) "
                           f"could not be read, more than the {settings.max_skipped_percent:g} "
                           "% allowed (max-skipped); the skipped list says why for each")
    needs = coverage.needs_bot_turns
    checks = ", ".join(needs[:4]) + ("" if len(needs) <= 4 else " and others")
    if coverage.transcripts_given and coverage.bot_turns == 0 and needs and not speakers:
        reasons.append(f"no bot turn was read, so {checks} could not judge the bot; if the "
                       "bot's records were skipped, the skipped list says why, and if the "
                       "bot speaks under another name, map it with --role NAME=bot")
    if coverage.files_without_bot_turns and needs:
        files = coverage.files_without_bot_turns
        named = ", ".join(files[:3]) + ("" if len(files) <= 3 else f" and {len(files) - 3} more")
        reasons.append(f"no bot turn was read in {named}, so {checks} could not judge the "
                       "bot there; map the bot's speaker with --role NAME=bot, or leave out "
                       "files with no bot in them")
    by_reason: dict[str, list[str]] = defaultdict(list)
    for code, reason in coverage.unjudged:
        by_reason[reason].append(code)
    for reason, codes in by_reason.items():
        reasons.append(f"{', '.join(codes)} could not judge the input: {reason}")
    return reasons


def _grade_cap(findings: Sequence[FindingHeader], caps: Mapping[Severity, str], score_grade: str,
               titles: Mapping[str, str]) -> GradeCap | None:
    """The cap the most severe capped finding puts on the grade, if it lowers it."""
    letters = [letter for letter, _ in GRADES]
    worst: tuple[int, Severity] | None = None
    for severity in {f.severity for f in findings}:
        letter = caps.get(severity)
        if letter in letters and (worst is None or letters.index(letter) > worst[0]):
            worst = (letters.index(letter), severity)
    if worst is None:
        return None
    position, severity = worst
    if score_grade in letters and letters.index(score_grade) >= position:
        return None  # the score's own grade is already at or below the cap
    capped = [f for f in findings if f.severity is severity]
    codes = Counter(f.code for f in capped)
    code = min(codes, key=lambda c: (-codes[c], c))
    reach = len({f.conversation_id for f in capped if f.code == code and f.conversation_id})
    where = f" in {_count(reach, 'conversation')}" if reach else ""
    also = len(codes) - 1
    tail = f", and {_count(also, 'other check')}" if also else ""
    reason = (f"capped at {letters[position]}: {severity.value} finding, "
              f"{code} \u201c{titles.get(code, code)}\u201d{where}{tail}")
    return GradeCap(letters[position], severity, reason)


def _count(count: int, noun: str) -> str:
    return f"{count:,} {noun if count == 1 else noun + 's'}"


def _codes(findings: Sequence[FindingHeader]) -> str:
    return ", ".join(sorted({f.code for f in findings}))


def _unknown_speakers_reason(speakers: Counter[str]) -> str:
    """One sentence for every speaker value no role is mapped to, with the --role
    options to add (each with the role its name suggests)."""
    named = speakers.most_common(_MAX_SPEAKERS_NAMED)
    if len(speakers) == 1:
        speaker, count = named[0]
        return (f"{_count(count, 'record')} {'has' if count == 1 else 'have'} the speaker "
                f"{speaker!r}, which is no known role; map it with "
                f"{role_option_hint(speaker)}")
    options = " ".join(f"--role {_shell_word(speaker)}={likely_role(speaker).value}"
                       for speaker, _ in named)
    total = sum(speakers.values())
    listed = ", ".join(f"{speaker!r} ({count:,})" for speaker, count in named)
    rest = len(speakers) - len(named)
    if rest:
        listed += f" and {rest} more the skipped list names"
    return (f"{_count(total, 'record')} have speakers that are no known role: {listed}; "
            f"map them with {options} (each to bot, customer, agent or system)")


def _shell_word(value: str) -> str:
    """A value as it would be typed on a command line, quoted when it needs to be."""
    return shlex.quote(value)
