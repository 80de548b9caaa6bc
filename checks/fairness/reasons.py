"""FAIR005: adverse decisions that give no specific reason."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from auditor.check import Check, CheckOutcome, Options
from auditor.findings import Finding, Severity
from auditor.legal import CO_SB26_189, REG_B_ADVERSE_ACTION
from auditor.model import AuditInput, Decision
from auditor.plain_words import PlainWords

from .base import severity_for, text_list

REASON_OPTIONS: Mapping[str, Any] = MappingProxyType({
    "generic-reason-codes": ("policy", "system_decision", "system", "automated", "other",
                             "generic", "n/a", "na", "none", "unknown", "declined", "denied"),
    "decision-types": (),
})
MAX_LISTED = 5
NO_REASON_CODES = "the log carries no reason codes"


class AdverseReasonMissingCheck(Check):
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
    reads_decision_log_only = True  # the decision log alone
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

    def run(self, audit: AuditInput, *, options: Options) -> CheckOutcome:
        """Count unfavourable decisions without a specific reason, per decision type."""
        generic = {code.casefold() for code in text_list(options, "generic-reason-codes")}
        types = {name.casefold() for name in text_list(options, "decision-types")}
        adverse: dict[str, int] = defaultdict(int)
        missing: dict[str, list[Decision]] = defaultdict(list)
        judged = _logs_with_reason_codes(audit.decisions)
        if audit.decisions and not judged:
            return CheckOutcome(0, (), flagged=0, not_evaluated=NO_REASON_CODES)
        for decision in audit.decisions:
            if _log_of(decision) not in judged:
                continue
            if decision.favourable is not False:
                continue
            if types and decision.decision_type.casefold() not in types:
                continue
            adverse[decision.decision_type] += 1
            if not any(code.strip().casefold() not in generic
                       for code in decision.reason_codes if code.strip()):
                missing[decision.decision_type].append(decision)
        findings = [self._finding(dtype, found, adverse[dtype])
                    for dtype, found in sorted(missing.items())]
        return CheckOutcome(len(adverse), tuple(findings), flagged=len(findings))

    def _finding(self, decision_type: str, found: list[Decision], adverse: int) -> Finding:
        ids = [d.id for d in found[:MAX_LISTED]]
        return self.finding(
            None,
            f"{decision_type}: {len(found):,} of {adverse:,} unfavourable decisions give no "
            f"specific reason (first: {', '.join(ids)}).",
            severity=severity_for(decision_type), anchor=f"reasons|{decision_type}",
            data={"decision_type": decision_type, "without_reason": len(found),
                  "unfavourable": adverse, "decision_ids": ids},
        )


def _log_of(decision: Decision) -> str | None:
    """The file a decision was read from (None when it was built in memory)."""
    return decision.source.path if decision.source is not None else None


def _logs_with_reason_codes(decisions: Sequence[Decision]) -> set[str | None]:
    """The logs where at least one decision has a reason code.

    A decision's empty `reason_codes` reads the same whether the log has no such
    column or left this row's cell empty; a log where no row has any code at all is
    taken to carry none, rather than to give no reason hundreds of times.
    """
    return {_log_of(decision) for decision in decisions
            if any(code.strip() for code in decision.reason_codes)}
