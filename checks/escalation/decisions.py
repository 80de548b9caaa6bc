"""ESC007: automated decisions the customer cannot get a person to review."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any

from auditor.check import CheckOutcome, ConversationFactsCheck, Options
from auditor.escalation.evidence import person_present
from auditor.findings import Finding, Severity
from auditor.jurisdiction import jurisdictions_of
from auditor.language.bot_escalation import (
    find_human_offer,
    find_review_offer,
    find_transfer_promise,
)
from auditor.language.customer_escalation import find_decision_contest
from auditor.language.normalise import fold
from auditor.legal import CCD_ART18_8, CO_SB26_189, GDPR_ART22
from auditor.model import AuditInput, Conversation, Decision, Role, Turn
from auditor.plain_words import PlainWords

from .base import HANDOFF_OPTIONS, DecisionLogJoin, next_bot_turns

REVIEW_OPTIONS: Mapping[str, Any] = MappingProxyType({
    **HANDOFF_OPTIONS,
    "significant-decisions": ("credit", "credit_application", "loan", "credit_limit",
                              "account_closure", "account_block", "fraud_block"),
    "contest-bot-turns": 2,
})
# Refunds are usually below GDPR Art. 22's "legal or similarly significant" threshold.
MINOR_DECISIONS = ("refund", "discount", "voucher", "return")
# With no decision log, the customer's own words say what was decided.
_MINOR_SUBJECT = re.compile(r"\b(?:refund|discount|voucher|return|reembolso|descuento"
                            r"|devolucion|rembourse|remise|retour|erstattung|rabatt|ruckgabe)")


class AutomatedDecisionNotReviewableCheck(DecisionLogJoin, ConversationFactsCheck):
    """What it checks
        Two things. In transcripts: a customer contesting a decision ("Why was my refund
        denied?", "I want to appeal this decision", "quiero recurrir la decisión", "je
        conteste cette décision", "ich lege Einspruch ein") and whether, within 2 bot
        turns, the bot offers a human review or explains the decision. In the decision
        log: significant automated decisions (credit, loan, account closure, fraud
        block) with `automated=true` and `human_reviewed=false`, adverse to the
        customer, in the EU, where the customer was never told they can ask for a
        person to review it.

    Why it matters
        GDPR Art. 22 gives a right to human intervention, to express a point of view
        and to contest a solely automated decision with significant effects (Recital
        71 adds an explanation); the Consumer Credit Directive Art. 18(8) requires
        human review of automated credit assessments from 2026-11-20; Colorado's
        SB26-189 from 2027.

    Fails when
        A contest gets neither a review offer, a person nor an explanation: `high`
        (`medium` when the conversation's logged decisions, or with no log the
        customer's words, concern only refunds, discounts or returns). A
        significant automated decision with an unfavourable outcome, without human
        review and without a review offer to the customer: `high` in the EU,
        `medium` where the region is unknown.

    Passes when
        The bot offers a review by a person, hands over, or explains the reasons; the
        decision log shows a human review.

    Options
        `significant-decisions` (decision types that count as significant),
        `contest-bot-turns` (default 2), and
        the pack's handoff options `handoff-bot-turns`,
        `handoff-seconds` and `escalation-decisions` (see ESC001).

    References
        GDPR Art. 22(1), 22(3) and Recital 71; Consumer Credit Directive Art. 18(8)
        (from 2026-11-20); Colorado SB26-189 (from 2027-01-01).
    """

    code = "ESC007"
    plain = PlainWords(
        action="Let customers challenge automated decisions",
        problem="a customer could not get a person to review an automated decision",
        fix="Explain the main reasons for the decision and offer a review by a person.")
    name = "automated-decision-not-reviewable"
    title = "A contested automated decision gets no human review or explanation"
    severity = Severity.HIGH
    remediation = ("When a customer contests an automated decision, explain the main "
                   "reasons and offer a review by a person; record the review in the "
                   "decision log (`human_reviewed`).")
    references = (GDPR_ART22, CCD_ART18_8, CO_SB26_189)
    default_options = REVIEW_OPTIONS

    def validate(self, options: Options) -> None:
        """The pack's options, the decision types and the contest window."""
        super().validate(options)
        names = options["significant-decisions"]
        if isinstance(names, str) or not all(isinstance(name, str) for name in names):
            raise ValueError(f"significant-decisions must be a list of decision types, "
                             f"not {names!r}")
        window = options["contest-bot-turns"]
        if isinstance(window, bool) or not isinstance(window, int) or window < 1:
            raise ValueError(f"contest-bot-turns must be a whole number of 1 or more, "
                             f"not {window!r}")

    def __init__(self) -> None:
        super().__init__()
        self._logged_decisions: tuple[Decision, ...] = ()
        self._assumed: frozenset[str] | None = None

    def prepare(self, audit: AuditInput, *, options: Options) -> None:
        """The pack's preparation, and the log's decisions for those of no conversation."""
        super().prepare(audit, options=options)
        self._logged_decisions = audit.decisions
        self._assumed = audit.assumed_jurisdictions

    def fact_of(self, conversation: Conversation, *, options: Options) -> ConversationReview:
        """The conversation's findings: its unanswered contest, its logged decisions."""
        significant = {name.casefold() for name in options["significant-decisions"]}
        decisions = self.decisions.of(conversation)
        important = [d for d in decisions if _significant(d, significant)]
        contests = [t for t in conversation.turns if t.role is Role.CUSTOMER
                    and find_decision_contest(t.text)]
        if not contests and not important:
            return ConversationReview(conversation.id, evaluated=False)
        return ConversationReview(conversation.id, evaluated=True, findings=(
            *self._contests(conversation, contests, decisions, options),
            *self._logged(conversation, important)))

    def outcome_from(self, facts: Sequence[object], *, options: Options) -> CheckOutcome:
        """Every conversation's findings, then the significant decisions of no
        conversation read."""
        significant = {name.casefold() for name in options["significant-decisions"]}
        reviews = [fact for fact in facts if isinstance(fact, ConversationReview)]
        seen = {review.conversation_id for review in reviews}
        findings = [finding for review in reviews for finding in review.findings]
        orphans = [d for d in self._logged_decisions if d.conversation_id not in seen
                   and _significant(d, significant)]
        for decision in orphans:
            findings.extend(self._logged(None, [decision], self._assumed))
        units = {f.conversation_id or f.fingerprint for f in findings}
        return CheckOutcome(sum(review.evaluated for review in reviews) + len(orphans),
                            tuple(findings), flagged=len(units))

    def _contests(self, conversation: Conversation, contests: Sequence[Turn],
                  decisions: Sequence[Decision], options: Options) -> Iterator[Finding]:
        """The first contest with no review offer, person or explanation after it."""
        evidence = self.evidence(conversation, options)
        window = int(options["contest-bot-turns"])
        for turn in contests:
            if person_present(conversation, turn):
                continue
            replies = next_bot_turns(conversation, turn, window)
            if any(find_review_offer(r.text) or find_human_offer(r.text)
                   or find_transfer_promise(r.text) for r in replies):
                continue
            if any(h.reaches_person and h.after(turn) for h in evidence):
                continue
            minor = (all(any(word in d.decision_type.casefold() for word in MINOR_DECISIONS)
                         for d in decisions) if decisions
                     else _MINOR_SUBJECT.search(fold(turn.text)) is not None)
            yield self.finding(
                conversation,
                f"At turn {turn.index} the customer contested a decision and the bot "
                "offered no human review or explanation.",
                turn=turn, severity=Severity.MEDIUM if minor else self.severity,
                evidence=(turn, *replies[:1]),
                data={"rule": "transcript", "decision_types": sorted(
                    {d.decision_type for d in decisions})},
            )
            return

    def _logged(self, conversation: Conversation | None, decisions: Sequence[Decision],
                assumed: frozenset[str] | None = None) -> Iterator[Finding]:
        """Significant adverse automated decisions with no human review and no offer."""
        told = conversation is not None and any(
            t.role is Role.BOT and (m := find_review_offer(t.text)) is not None
            and m.kind == "review" for t in conversation.turns)
        for decision in decisions:
            region = _region(conversation, decision, assumed)
            if not (decision.automated is True and decision.human_reviewed is False
                    and decision.favourable is False and region != "outside"
                    and not told):
                continue
            finding = self.finding(
                conversation,
                f"Decision {decision.id} ({decision.decision_type}: {decision.outcome}) was "
                "made by automated means alone, never reviewed by a person, and the "
                "customer was not told they can ask for a review."
                + (" The region is not known, so the EU rule is applied." if region == "unknown"
                   else ""),
                severity=Severity.MEDIUM if region == "unknown" else self.severity,
                anchor=f"decision:{decision.id}", source=decision.source,
                data={"rule": "decision_log", "decision_id": decision.id,
                      "decision_type": decision.decision_type, "outcome": decision.outcome},
            )
            yield replace(finding, conversation_id=decision.conversation_id or None)


@dataclass(frozen=True, slots=True)
class ConversationReview:
    """ESC007's record of one conversation: whether it had a contest or a significant
    decision to judge, and the findings on it."""

    conversation_id: str
    evaluated: bool
    findings: tuple[Finding, ...] = ()


def _significant(decision: Decision, significant: set[str]) -> bool:
    return decision.decision_type.casefold() in significant


def _region(conversation: Conversation | None, decision: Decision,
            assumed: frozenset[str] | None) -> str:
    """"eu", "outside" or "unknown": from the conversation, else the decision's segments,
    else the policy's jurisdictions profile."""
    regions = jurisdictions_of(conversation) if conversation else None
    if regions is None:
        regions = jurisdictions_of(Conversation(decision.id, (), attributes=decision.segments,
                                                assumed_jurisdictions=assumed))
    if regions is None:
        return "unknown"
    return "eu" if "EU" in regions else "outside"
