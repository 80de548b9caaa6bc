"""FAIR005: adverse decisions that give no specific reason."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from auditor.check import CheckOutcome, DecisionCountsCheck, Options
from auditor.findings import Finding, Severity
from auditor.legal import CO_SB26_189, REG_B_ADVERSE_ACTION
from auditor.model import Decision
from auditor.plain_words import PlainWords

from .base import severity_for, text_list

REASON_OPTIONS: Mapping[str, Any] = MappingProxyType({
    "generic-reason-codes": ("policy", "system_decision", "system", "automated", "other",
                             "generic", "n/a", "na", "none", "unknown", "declined", "denied"),
    "decision-types": (),
})
MAX_LISTED = 5
NO_REASON_CODES = "the log carries no reason codes"


class AdverseReasonMissingCheck(DecisionCountsCheck):
    """What it checks
        Every unfavourable decision in the decision log, and whether it carries a
        specific reason code: not empty and not only generic codes such as `policy`,
        `system_decision` or `other` (the list is an option).

    Why it matters
        Regulation B requires the specific principal reasons for adverse action on
        credit; Colorado's SB26-189 an explanation of adverse automated decisions
        (from 2027). A log without reasons cannot give the customer one, nor show
        that a protected basis played no part.

    Fails when
        Unfavourable decisions of a type have empty or only generic reason codes: one
        finding per decision type with their number and the first ids, `high` for
        credit and access to a person, `medium` otherwise.

    Passes when
        Every unfavourable decision names at least one specific reason. A log where
        no decision has any reason code (no `reason_codes` column, or one left empty
        throughout) cannot show whether reasons were given: its decisions are not
        judged, and with no log carrying reason codes the check is not evaluated.

    Options
        `generic-reason-codes` (codes that explain nothing), `decision-types`
        (default all).

    References
        Regulation B 12 CFR 1002.9(a)(2), (b)(2); Colorado SB26-189 (from 2027-01-01).
    """

    code = "FAIR005"
    plain = PlainWords(
        action="Give a clear reason when you say no",
        problem="a customer was turned down without a clear reason",
        fix="Record the real reason for every refusal and tell the customer.")
    name = "adverse-reason-missing"
    title = "Unfavourable decisions give no specific reason"
    severity = Severity.HIGH
    remediation = ("Record the specific principal reasons for every unfavourable decision "
                   "(e.g. `income_unverified`, `outside_return_window`) and tell the customer.")
    references = (REG_B_ADVERSE_ACTION, CO_SB26_189)
    default_options = REASON_OPTIONS

    def count(self, decisions: Sequence[Decision], *, options: Options) -> ReasonCounts:
        """The unfavourable decisions of a run of the log, and those without a specific
        reason, per log and decision type."""
        return ReasonCounts.of(decisions, options)

    def outcome_from_counts(self, counts: Sequence[object], *, options: Options
                            ) -> CheckOutcome:
        """Count unfavourable decisions without a specific reason, per decision type."""
        merged = ReasonCounts.merged([c for c in counts if isinstance(c, ReasonCounts)])
        judged = merged.logs_with_codes
        if merged.decisions and not judged:
            return CheckOutcome(0, (), flagged=0, not_evaluated=NO_REASON_CODES)
        adverse: dict[str, int] = defaultdict(int)
        missing: dict[str, int] = defaultdict(int)
        for (log, decision_type), count in merged.adverse.items():
            if log in judged:
                adverse[decision_type] += count
        for (log, decision_type), count in merged.missing.items():
            if log in judged:
                missing[decision_type] += count
        findings = [self._finding(dtype, found, adverse[dtype],
                                  [i for log, t, i in merged.first_missing
                                   if t == dtype and log in judged][:MAX_LISTED])
                    for dtype, found in sorted(missing.items())]
        return CheckOutcome(len(adverse), tuple(findings), flagged=len(findings))

    def _finding(self, decision_type: str, found: int, adverse: int, ids: list[str]
                 ) -> Finding:
        return self.finding(
            None,
            f"{decision_type}: {found:,} of {adverse:,} unfavourable decisions give no "
            f"specific reason (first: {', '.join(ids)}).",
            severity=severity_for(decision_type), anchor=f"reasons|{decision_type}",
            data={"decision_type": decision_type, "without_reason": found,
                  "unfavourable": adverse, "decision_ids": ids},
        )


def _log_of(decision: Decision) -> str | None:
    """The file a decision was read from (None when it was built in memory)."""
    return decision.source.path if decision.source is not None else None


# (the log a decision was read from, its decision type)
_LogType = tuple[str | None, str]


@dataclass(frozen=True, slots=True)
class ReasonCounts:
    """FAIR005's count of a run of consecutive decisions.

    A decision's empty `reason_codes` reads the same whether the log has no such
    column or left this row's cell empty; a log where no row has any code at all is
    taken to carry none, rather than to give no reason hundreds of times. Which logs
    carry codes is known only at the end, so everything is counted per log:
    `logs_with_codes`, how many unfavourable decisions each (log, decision type) had
    (`adverse`) and how many of them gave no specific reason (`missing`), and
    `first_missing`, the (log, decision type, id) of those, in input order, the first
    `MAX_LISTED` of each (log, decision type) only.
    """

    decisions: int
    logs_with_codes: frozenset[str | None]
    adverse: Mapping[_LogType, int]
    missing: Mapping[_LogType, int]
    first_missing: tuple[tuple[str | None, str, str], ...]

    @classmethod
    def of(cls, decisions: Sequence[Decision], options: Options) -> ReasonCounts:
        """The counts of `decisions` by the options' generic codes and decision types."""
        generic = {code.casefold() for code in text_list(options, "generic-reason-codes")}
        types = {name.casefold() for name in text_list(options, "decision-types")}
        with_codes: set[str | None] = set()
        adverse: dict[_LogType, int] = defaultdict(int)
        missing: dict[_LogType, int] = defaultdict(int)
        first: list[tuple[str | None, str, str]] = []
        for decision in decisions:
            log = _log_of(decision)
            if any(code.strip() for code in decision.reason_codes):
                with_codes.add(log)
            if decision.favourable is not False:
                continue
            if types and decision.decision_type.casefold() not in types:
                continue
            key = (log, decision.decision_type)
            adverse[key] += 1
            if not any(code.strip().casefold() not in generic
                       for code in decision.reason_codes if code.strip()):
                missing[key] += 1
                if missing[key] <= MAX_LISTED:
                    first.append((log, decision.decision_type, decision.id))
        return cls(len(decisions), frozenset(with_codes), dict(adverse), dict(missing),
                   tuple(first))

    @classmethod
    def merged(cls, parts: Sequence[ReasonCounts]) -> ReasonCounts:
        """The counts of consecutive runs, given in order, as those of the whole run."""
        adverse: dict[_LogType, int] = defaultdict(int)
        missing: dict[_LogType, int] = defaultdict(int)
        listed: dict[_LogType, int] = defaultdict(int)
        first = []
        for part in parts:
            for key, count in part.adverse.items():
                adverse[key] += count
            for key, count in part.missing.items():
                missing[key] += count
            for log, decision_type, decision_id in part.first_missing:
                listed[log, decision_type] += 1
                if listed[log, decision_type] <= MAX_LISTED:
                    first.append((log, decision_type, decision_id))
        return cls(sum(part.decisions for part in parts),
                   frozenset().union(*(part.logs_with_codes for part in parts)),
                   dict(adverse), dict(missing), tuple(first))
