"""ESC008: how long customers wait for a person, and the pack's escalation metrics."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any

from auditor.check import CheckOutcome, ConversationFactsCheck, Options
from auditor.escalation.evidence import VOICE_CHANNELS
from auditor.escalation.loops import find_loop
from auditor.escalation.metrics import ConversationFacts, conversation_facts, escalation_metrics
from auditor.escalation.metrics import percentile as pct
from auditor.escalation.requests import HandoffWindow, judge_requests
from auditor.findings import Finding, Severity
from auditor.legal import CFPB_DOOM_LOOPS, ES_LEY_10_2025_WAIT
from auditor.model import Conversation
from auditor.plain_words import PlainWords

from .base import HANDOFF_OPTIONS, DecisionLogJoin
from .loops import LOOP_OPTIONS, loop_limits

SLA_OPTIONS: Mapping[str, Any] = MappingProxyType({
    **HANDOFF_OPTIONS,
    **LOOP_OPTIONS,
    "limit-seconds": 900,
    "voice-limit-seconds": 180,
    "channel-limits": MappingProxyType({}),
})


class TimeToHumanCheck(DecisionLogJoin, ConversationFactsCheck):
    """What it checks
        The time from a customer's first request for a person to a person joining
        (`agent_joined` or an agent turn), as p50 and p95 per channel and language, and
        the p95 against a limit. It also measures, overall and per channel and
        language, the escalation rate, the unmet-request rate (as ESC001 judges it),
        loops per 1,000 conversations (conversations with any of ESC002's loop signs,
        whether or not a person was asked for or offered) and the distribution of
        times to a person, which the report draws.

    Why it matters
        Spain's Ley 10/2025 sets a waiting-time standard for reaching a person (95 %
        of calls answered within 3 minutes); a long wait is a soft refusal.

    Fails when
        A channel and language group's p95 time to a person exceeds the limit:
        `medium`, one finding per group.

    Passes when
        Every group with a measured time is within the limit. With no timed handoff
        the check has nothing to judge (not applicable), but the metrics are still
        reported.

    Options
        `limit-seconds` (default 900, as ESC003 allows for chat),
        `voice-limit-seconds` (default 180, Ley 10/2025's three minutes, for channels
        voice, phone, ivr, call), `channel-limits` (per channel, e.g. `{web = 300}`),
        the loop options of ESC002 (`loop-repeats`, `loop-consecutive-fallbacks`,
        `loop-total-fallbacks`) and the pack's
        handoff options `handoff-bot-turns`, `handoff-seconds` and
        `escalation-decisions` (see ESC001), which
        the metrics use as ESC001 and ESC002 do.

    References
        Spain Ley 10/2025 (from 2025-12-28); CFPB, Chatbots in consumer finance (2023).
    """

    code = "ESC008"
    plain = PlainWords(
        action="Cut the wait for a person",
        problem="customers waited too long for a person",
        fix="Add staff at busy times, tell customers the expected wait, and offer a call back.")
    name = "time-to-human"
    title = "Customers wait too long for a person"
    severity = Severity.MEDIUM
    remediation = ("Staff the handoff queue for the busiest channel and language, tell "
                   "customers the expected wait, and offer a call back when it is long.")
    references = (ES_LEY_10_2025_WAIT, CFPB_DOOM_LOOPS)
    default_options = SLA_OPTIONS

    def validate(self, options: Options) -> None:
        """The pack's options, the loop limits and the time limits."""
        super().validate(options)
        loop_limits(options)
        _limit_for("", options)
        _limit_for("voice", options)
        for channel in options.get("channel-limits") or {}:
            _limit_for(str(channel), options)

    def fact_of(self, conversation: Conversation, *, options: Options) -> ConversationFacts:
        """The conversation's escalation facts: its group, time to a person, requests,
        loops."""
        evidence = self.evidence(conversation, options)
        return conversation_facts(
            conversation, evidence,
            judge_requests(conversation, evidence, HandoffWindow.from_options(options)),
            find_loop(conversation, loop_limits(options)))

    def outcome_from(self, facts: Sequence[object], *, options: Options) -> CheckOutcome:
        """Judge each channel and language group's times, and measure the pack's metrics."""
        measured = [fact for fact in facts if isinstance(fact, ConversationFacts)]
        times: dict[tuple[str, str], list[float]] = defaultdict(list)
        for fact in measured:
            if fact.time_to_human is not None:
                times[(fact.channel, fact.language)].append(fact.time_to_human)
        findings = [finding for group, values in sorted(times.items())
                    if (finding := self._judge(group, values, options)) is not None]
        return CheckOutcome(len(times), tuple(findings), flagged=len(findings),
                            metrics=MappingProxyType(escalation_metrics(measured)))

    def _judge(self, group: tuple[str, str], values: list[float],
               options: Options) -> Finding | None:
        channel, language = group
        limit = _limit_for(channel, options)
        p95 = pct(values, 95)
        if p95 is None or p95 <= limit:
            return None
        return self.finding(
            None,
            f"Customers on channel {channel} in language {language} waited {p95:.0f} s for "
            f"a person at the 95th percentile, above the {limit:.0f} s limit "
            f"({len(values)} measured).",
            anchor=f"{channel}/{language}",
            data={"channel": channel, "language": language, "measured": len(values),
                  "p50_seconds": round(pct(values, 50) or 0.0, 1),
                  "p95_seconds": round(p95, 1), "limit_seconds": limit},
        )


def _limit_for(channel: str, options: Options) -> float:
    """The limit for a channel: its `channel-limits` entry, else the voice or chat limit."""
    per_channel = options.get("channel-limits") or {}
    if not isinstance(per_channel, Mapping):
        raise ValueError("channel-limits must be a table of channel = seconds")
    default = ("voice-limit-seconds" if channel.casefold() in VOICE_CHANNELS
               else "limit-seconds")
    value = per_channel.get(channel, options.get(default))
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ValueError(f"the time-to-human limit must be a positive number, not {value!r}")
    return float(value)
