"""ESC001: a customer asks for a human and does not get one in time."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from types import MappingProxyType

from auditor.check import Options
from auditor.escalation.evidence import export_ends
from auditor.escalation.requests import (
    HandoffWindow,
    RequestOutcome,
    human_requests,
    judge_requests,
)
from auditor.findings import Finding, Reference, Severity
from auditor.jurisdiction import jurisdictions_of
from auditor.legal import CCD_ART18_8, CFPB_DOOM_LOOPS, ES_LEY_10_2025_PERSON, GDPR_ART22
from auditor.model import AuditInput, Conversation, Turn
from auditor.plain_words import PlainWords

from .base import HANDOFF_OPTIONS, EscalationCheck

# Ley 10/2025 gives providers until this date to let every customer reach a person.
SPAIN_DEADLINE = date(2026, 12, 28)
DOOM_LOOP_REQUESTS = 3
MAX_EVIDENCE_REQUESTS = 3

RESPONSES: Mapping[str, str] = MappingProxyType({
    "refusal": "said no person was available",
    "self_service": "pointed to self-service instead",
    "fallback": "did not understand the request",
    "ignored": "carried on without a handoff",
    "closed": "closed the session",
    "handoff_failed": "started a handoff that failed",
    "late": "brought a person in only after the handoff window",
    "ended": "never answered: the conversation ended there",
})


class HumanRequestIgnoredCheck(EscalationCheck):
    """What it checks
        Every customer request for a person ("agent", "representative", "real person",
        "press 0", "quiero hablar con una persona", "je veux parler à un conseiller",
        "Ich möchte mit einem Menschen sprechen", a "talk to a person" button), and
        whether a handoff follows within the window: a handoff event, an agent joining,
        a scheduled call back or ticket, an escalation in the decision log, or a bot
        turn promising a transfer (ESC003 checks that the promise is kept).

    Why it matters
        Regulators single out bots that trap customers: the CFPB calls them "doom
        loops"; Spain's Ley 10/2025 gives a right to a person on request; GDPR
        Art. 22(3) a right to human intervention in automated decisions.

    Fails when
        A request is not acted on within the window (by default 2 bot turns or 120
        seconds): the bot refuses, deflects to e-mail or articles, does not understand,
        carries on, or the session closes. `high` for the first and second unmet
        request, `critical` from the third (a doom loop), and `critical` in
        financial services (`sector=financial`) and in Spain from 2026-12-28. One
        step lower when a person did join later in the conversation.

    Passes when
        Each request is followed in time by a handoff or a transfer promise, or comes
        while a person is already in the conversation. A conversation that ends on an
        unanswered request fails too ("the conversation ended N s after the
        request"); when its file's records end within the window after it, the
        finding says the export may have cut the conversation there.

    Options
        `handoff-bot-turns` (default 2) and `handoff-seconds` (default 120): the
        window. `escalation-decisions` (default escalation, handoff, human_handoff,
        transfer): decision types in the decision log that mean the conversation
        was escalated. All three can be set for the whole pack under `[packs.ESC]`.

    References
        CFPB, Chatbots in consumer finance (2023) and CFPA §1034(c); Spain Ley 10/2025
        (from 2025-12-28, adapt by 2026-12-28); GDPR Art. 22(3); Consumer Credit
        Directive Art. 18(8) (from 2026-11-20).
    """

    code = "ESC001"
    plain = PlainWords(
        action="Pass customers to a person when they ask",
        problem="a customer asked for a person and did not get one",
        fix=("Hand over within two bot replies. When no one is free, give opening hours and a "
             "phone number."))
    name = "human-request-ignored"
    title = "A request for a human is not acted on"
    severity = Severity.HIGH
    remediation = ("Route every request for a person to a handoff within two bot turns; "
                   "when no one is available, say so and offer a concrete alternative "
                   "(opening hours and a phone number, or a scheduled call back).")
    references = (CFPB_DOOM_LOOPS, ES_LEY_10_2025_PERSON, GDPR_ART22, CCD_ART18_8)
    default_options = HANDOFF_OPTIONS

    def is_relevant(self, conversation: Conversation) -> bool:
        """Conversations where the customer asked for a person."""
        return bool(human_requests(conversation))

    def check_conversation(
        self, conversation: Conversation, *, options: Options, references: tuple[Reference, ...]
    ) -> Iterator[Finding]:
        """Judge each request; one finding per conversation with unmet requests."""
        outcomes = judge_requests(conversation, self.evidence(conversation, options),
                                  HandoffWindow.from_options(options))
        unmet = [r for r in outcomes if r.judged and not r.met]
        if not unmet:
            return
        first = unmet[0]
        shown: list[Turn] = [r.turn for r in unmet[:MAX_EVIDENCE_REQUESTS] if r.turn.text]
        if first.reply is not None:
            shown.insert(1 if shown else 0, first.reply)
        closed = next((r.closed_after_seconds for r in unmet
                       if r.closed_after_seconds is not None), None)
        message = _message(first, len(unmet), len(outcomes), closed)
        ended = unmet[-1].ended_after_seconds(conversation) \
            if unmet[-1].response == "ended" else None
        cut = self._cut_by_export(conversation, unmet[-1], options) \
            if unmet[-1].response == "ended" else None
        if ended is not None:
            message += f" The conversation ended {ended:.0f} s after the request."
        if cut is not None:
            message += (f" The export ends {cut:.0f} s after it, so the conversation may "
                        "have gone on beyond it.")
        yield self.finding(
            conversation, message,
            turn=first.turn, severity=self._severity(conversation, unmet),
            evidence=tuple(sorted(shown, key=lambda t: t.index)),
            data={"requests": len(outcomes), "unmet_requests": len(unmet),
                  "response": first.response,
                  "reply_turn": first.reply.index if first.reply else None,
                  "closed_after_seconds": closed, "ended_after_seconds": ended,
                  "cut_by_export": cut is not None},
            references=references,
        )

    def prepare(self, audit: AuditInput, *, options: Options) -> None:
        """The pack's preparation, then the last moment each input file records, to
        tell a conversation that ended from one the export window cut."""
        super().prepare(audit, options=options)
        self._export_ends = export_ends(audit)

    def _cut_by_export(self, conversation: Conversation, outcome: RequestOutcome,
                       options: Options) -> float | None:
        """Seconds from an unanswered last request to the end of its file's records,
        when that is within the handoff window (the export may have cut the
        conversation there); None otherwise."""
        request = outcome.turn
        ends = getattr(self, "_export_ends", {})
        end = ends.get(request.source.path) if request.source is not None else None
        if request.timestamp is None or end is None:
            return None
        gap = (end - request.timestamp).total_seconds()
        return gap if gap <= float(options["handoff-seconds"]) else None

    def _severity(self, conversation: Conversation, unmet: list[RequestOutcome]) -> Severity:
        severity = Severity.CRITICAL if len(unmet) >= DOOM_LOOP_REQUESTS else self.severity
        if all(r.response == "late" for r in unmet):
            severity = severity.lowered()
        if _strict_regime(conversation):
            severity = Severity.CRITICAL
        return severity


def _strict_regime(conversation: Conversation) -> bool:
    """Financial services, or Spain once Ley 10/2025's adaptation period is over."""
    if (conversation.attributes.get("sector") or "").strip().casefold() == "financial":
        return True
    regions = jurisdictions_of(conversation) or frozenset()
    started = conversation.started_at
    return "ES" in regions and started is not None and started.date() >= SPAIN_DEADLINE


def _message(first: RequestOutcome, unmet: int, total: int, closed: float | None) -> str:
    asked = "once" if total == 1 else f"{total} times"
    text = (f"The customer asked for a person {asked} ({unmet} unmet); at turn "
            f"{first.turn.index} the bot {RESPONSES.get(first.response, first.response)}.")
    if closed is not None and closed <= 300:
        text += f" The session closed {closed:.0f} s after an unmet request."
    return text
