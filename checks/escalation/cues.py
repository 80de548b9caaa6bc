"""ESC004-ESC006: what a customer says that a bot must hand on, and whether it did.

Each check looks for a cue in customer turns (distress, a legal threat or
complaint, a payment dispute) and asks whether the bot responded as the rule
requires. A cue raised while a person is already in the conversation is handled.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from auditor.check import ConversationCheck, Options
from auditor.escalation.evidence import (
    PERSON_KINDS,
    ROUTING_KINDS,
    Handoff,
    HandoffKind,
    person_present,
)
from auditor.escalation.requests import bot_turns_between
from auditor.findings import Finding, Reference, Severity
from auditor.jurisdiction import Applicability
from auditor.language.bot_escalation import (
    find_crisis_resources,
    find_dispute_handling,
    find_hardship_support,
    find_human_offer,
    find_reference_id,
    find_transfer_promise,
)
from auditor.language.customer_escalation import (
    find_hardship,
    find_legal_threat,
    find_payment_dispute,
    find_self_harm,
)
from auditor.language.patterns import PhraseMatch
from auditor.legal import (
    CA_SB243_CRISIS,
    CFPB_DOOM_LOOPS,
    ES_LEY_10_2025_COMPLAINTS,
    NY_GBL_1701,
    REG_E_ERRORS,
    REG_Z_BILLING,
)
from auditor.model import Conversation, Role, Turn
from auditor.plain_words import PlainWords

from .base import EscalationCheck, next_bot_turns

Detector = Callable[[str], PhraseMatch | None]
# Hardship must be answered within this many bot turns (rulebook ESC-004).
HARDSHIP_BOT_TURNS = 2


@dataclass(frozen=True, slots=True)
class Miss:
    """A cue the bot did not handle: the turn, what was said and what was missing."""

    turn: Turn
    cue: PhraseMatch
    missing: str
    severity: Severity
    reply: Turn | None = None


def routed_after(evidence: Sequence[Handoff], turn: Turn,
                 kinds: Sequence[HandoffKind] = ROUTING_KINDS) -> bool:
    """Handoff evidence after `turn` that was not cancelled."""
    return any(h.routes_after(turn, kinds) for h in evidence)


def bot_says_after(conversation: Conversation, turn: Turn, *detectors: Detector) -> bool:
    """A later bot turn in which any of `detectors` finds something."""
    return any(later.role is Role.BOT and any(d(later.text) for d in detectors)
               for later in conversation.after(turn))


class _CueCheck(EscalationCheck):
    """A check driven by cues in customer turns; reports the first one not handled."""

    cue_detectors: tuple[Detector, ...]

    def is_relevant(self, conversation: Conversation) -> bool:
        """Conversations where the customer says something this check looks for."""
        return any(self._cue(turn) for turn in conversation.turns)

    def _cue(self, turn: Turn) -> PhraseMatch | None:
        if turn.role is not Role.CUSTOMER:
            return None
        return next((m for m in (d(turn.text) for d in self.cue_detectors) if m), None)

    def check_conversation(
        self, conversation: Conversation, *, options: Options, references: tuple[Reference, ...]
    ) -> Iterator[Finding]:
        """The first cue the bot did not handle, as one finding."""
        evidence = self.evidence(conversation, options)
        cues = [(turn, match) for turn in conversation.turns
                if (match := self._cue(turn)) is not None]
        for turn, match in cues:
            if person_present(conversation, turn):
                continue
            miss = self.miss(conversation, turn, match, evidence)
            if miss is None:
                continue
            shown = (turn, miss.reply) if miss.reply else (turn,)
            yield self.finding(
                conversation,
                f"At turn {turn.index} the customer raised {self.describe(match)}, and "
                f"{miss.missing}.",
                turn=turn, severity=miss.severity, evidence=shown,
                around=match.phrase,
                data={"cue": match.kind, "cues": len(cues), "missing": miss.missing,
                      "reply_turn": miss.reply.index if miss.reply else None},
                references=references,
            )
            return

    @abstractmethod
    def describe(self, cue: PhraseMatch) -> str:
        """The cue in words for the finding message ("a legal threat")."""

    @abstractmethod
    def miss(self, conversation: Conversation, turn: Turn, cue: PhraseMatch,
             evidence: Sequence[Handoff]) -> Miss | None:
        """What the bot failed to do after this cue, or None when it was handled."""


class DistressUnansweredCheck(_CueCheck):
    """What it checks
        Customer turns that mention self-harm or suicide ("I don't want to live
        anymore", "no quiero vivir", "je veux mourir", "ich will nicht mehr leben") or
        financial hardship ("I lost my job", "I can't pay my rent"), and the bot's
        answer.

    Why it matters
        California SB 243 §22602(b) and New York GBL §1701 require a crisis protocol
        for companion bots; for a support bot it is the standard of care. A customer
        in hardship needs hardship options or a person, not a script.

    Fails when
        Self-harm: the next bot turn gives no crisis resources (988, 112, 911,
        Samaritans, 024, 3114, TelefonSeelsorge...) or no person or safety handoff
        follows: `critical`. Hardship: neither hardship options nor a person within
        2 bot turns: `high`.

    Passes when
        The bot answers with crisis resources and hands over to a person; for hardship,
        offers a payment plan, deferral or a person.

    Options
        Only the pack's handoff options `handoff-bot-turns`,
        `handoff-seconds` and `escalation-decisions` (see ESC001).

    References
        California B&P Code §22602(b) (from 2026-01-01); New York GBL §1701 (from
        2025-11-05); CFPB, Chatbots in consumer finance (2023).
    """

    code = "ESC004"
    plain = PlainWords(
        action="Help customers in crisis at once",
        problem="a customer spoke of self-harm or hardship and got no help or person",
        fix=("Reply at once with a crisis line for their country, and pass them to a trained "
             "person."))
    name = "distress-unanswered"
    title = "Distress or hardship is left with the bot"
    severity = Severity.CRITICAL
    remediation = ("When a customer mentions self-harm, answer at once with the crisis line "
                   "for their country and hand over to a trained person; for hardship, offer "
                   "hardship options or a person.")
    references = (CA_SB243_CRISIS, NY_GBL_1701, CFPB_DOOM_LOOPS)
    cue_detectors = (find_self_harm, find_hardship)

    def describe(self, cue: PhraseMatch) -> str:
        """Self-harm or hardship."""
        return "self-harm" if cue.kind == "self_harm" else "financial hardship"

    def miss(self, conversation: Conversation, turn: Turn, cue: PhraseMatch,
             evidence: Sequence[Handoff]) -> Miss | None:
        """Crisis resources and a person for self-harm; options or a person for hardship."""
        person = (routed_after(evidence, turn)
                  or bot_says_after(conversation, turn, find_human_offer, find_transfer_promise))
        if cue.kind == "self_harm":
            reply = next_bot_turns(conversation, turn, 1)
            first = reply[0] if reply else None
            if first is None and routed_after(evidence, turn, PERSON_KINDS):
                return None  # a person took over before the bot said anything
            resources = first is not None and find_crisis_resources(first.text) is not None
            if resources and person:
                return None
            missing = ("the bot gave no crisis resources" if not resources
                       else "no person took over")
            return Miss(turn, cue, missing, Severity.CRITICAL, first)
        replies = next_bot_turns(conversation, turn, HARDSHIP_BOT_TURNS)
        if any(find_hardship_support(r.text) or find_human_offer(r.text)
               or find_transfer_promise(r.text) for r in replies):
            return None
        if _routed_within(conversation, turn, evidence, HARDSHIP_BOT_TURNS):
            return None
        return Miss(turn, cue, "the bot offered neither hardship options nor a person",
                    Severity.HIGH, replies[0] if replies else None)


class ComplaintNotEscalatedCheck(_CueCheck):
    """What it checks
        Customer turns with a legal threat ("I'm going to sue", "mein Anwalt"), a
        formal complaint ("I want to file a complaint", "hoja de reclamaciones") or a
        regulator ("CFPB", "attorney general", "ombudsman", "Verbraucherzentrale").

    Why it matters
        A complaint handled by a bot alone is often never recorded. Spain's Ley
        10/2025 requires a tracking key for every complaint and a reply within 15
        business days; the CFPB expects complaints to reach people.

    Fails when
        No person, complaints handoff, ticket or reference number follows: `high`.

    Passes when
        A handoff follows, a `ticket_created` event is recorded, or the bot gives the
        customer a reference number.

    Options
        Only the pack's handoff options `handoff-bot-turns`,
        `handoff-seconds` and `escalation-decisions` (see ESC001).

    References
        Spain Ley 10/2025 (from 2025-12-28); CFPB, Chatbots in consumer finance (2023).
    """

    code = "ESC005"
    plain = PlainWords(
        action="Pass complaints to a person",
        problem="a complaint or legal threat was not passed to a person",
        fix=("Send complaints to a person or your complaints process, and give the customer a "
             "reference number."))
    name = "complaint-not-escalated"
    title = "A legal threat, complaint or regulator mention stays with the bot"
    severity = Severity.HIGH
    remediation = ("Route complaints, legal threats and regulator mentions to a person or "
                   "the complaints process, and give the customer a reference number.")
    references = (ES_LEY_10_2025_COMPLAINTS, CFPB_DOOM_LOOPS)
    cue_detectors = (find_legal_threat,)

    def describe(self, cue: PhraseMatch) -> str:
        """A legal threat, a complaint or a regulator."""
        return {"legal": "a legal threat", "regulator": "a regulator",
                "complaint": "a complaint"}.get(cue.kind, "a complaint")

    def miss(self, conversation: Conversation, turn: Turn, cue: PhraseMatch,
             evidence: Sequence[Handoff]) -> Miss | None:
        """Handled by a handoff, a ticket, a transfer promise or a reference number."""
        if routed_after(evidence, turn) or bot_says_after(
                conversation, turn, find_transfer_promise, find_reference_id):
            return None
        reply = next_bot_turns(conversation, turn, 1)
        return Miss(turn, cue, "no person, ticket or reference number followed",
                    self.severity, reply[0] if reply else None)


class PaymentDisputeIgnoredCheck(_CueCheck):
    """What it checks
        Customer turns disputing a payment ("I didn't authorize this charge", "charged
        twice", "chargeback", "cargo no autorizado", "débité deux fois", "doppelt
        abgebucht"), and whether the bot recognises the dispute.

    Why it matters
        Under Regulation E an oral or written notice of error within 60 days starts
        the bank's duty to investigate, so a chat message counts; under Regulation Z
        the bot must explain how to send the written billing-error notice.

    Fails when
        No `dispute_created` event, no escalation and no bot turn that opens a dispute
        or explains how to dispute in writing: `high`.

    Passes when
        A dispute is opened, the customer is handed over, or told how and by when to
        dispute in writing.

    Options
        Only the pack's handoff options `handoff-bot-turns`,
        `handoff-seconds` and `escalation-decisions` (see ESC001). Applies to
        conversations in the United States (or of unknown region) whose `sector`
        attribute is `financial` or not given.

    References
        Regulation E 12 CFR 1005.11(b)(1); Regulation Z 12 CFR 1026.13(b) (United States).
    """

    code = "ESC006"
    plain = PlainWords(
        action="Treat disputed charges as disputes",
        problem="a customer disputed a charge and the bot did not open a dispute",
        fix=("Open a dispute or pass the customer to a person, and explain how to dispute in "
             "writing."))
    name = "payment-dispute-ignored"
    title = "A payment dispute is not recognised"
    severity = Severity.HIGH
    remediation = ("Treat \"I didn't authorize this\" and \"charged twice\" as a dispute: "
                   "open one, hand over to a person, or explain the written-notice route and "
                   "its 60-day deadline.")
    references = (REG_E_ERRORS, REG_Z_BILLING)
    cue_detectors = (find_payment_dispute,)

    def applicability(self, conversation: Conversation) -> Applicability:
        """US financial rules: US or unknown region, financial or unknown sector."""
        sector = (conversation.attributes.get("sector") or "").strip().casefold()
        if sector and sector != "financial":
            return Applicability((), f"Regulation E and Z cover financial services, not "
                                     f"sector {sector}")
        return ConversationCheck.applicability(self, conversation)

    def describe(self, cue: PhraseMatch) -> str:
        """A payment dispute."""
        return "a payment dispute"

    def miss(self, conversation: Conversation, turn: Turn, cue: PhraseMatch,
             evidence: Sequence[Handoff]) -> Miss | None:
        """Handled by a dispute event, a handoff or dispute instructions."""
        kinds = (*ROUTING_KINDS, HandoffKind.DISPUTE)
        if routed_after(evidence, turn, kinds) or bot_says_after(
                conversation, turn, find_dispute_handling, find_transfer_promise):
            return None
        reply = next_bot_turns(conversation, turn, 1)
        return Miss(turn, cue, "no dispute was opened and the bot gave no dispute route",
                    self.severity, reply[0] if reply else None)



def _routed_within(conversation: Conversation, turn: Turn, evidence: Sequence[Handoff],
                   bot_turns: int) -> bool:
    """Routing evidence after `turn` with at most `bot_turns` bot turns before it."""
    return any(h.routes_after(turn)
               and (h.index is None or bot_turns_between(conversation, turn, h.index) <= bot_turns)
               for h in evidence)
