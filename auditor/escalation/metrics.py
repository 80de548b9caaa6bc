"""Escalation metrics over a whole audit, overall and per channel and language.

Per conversation (`ConversationFacts`): was it routed to a person after the bot
spoke (escalated), did the customer ask for one (requested), was a request left
unmet, did the bot loop (any of ESC002's signs, whether or not a person was asked
for or offered), and how long from the first request made while no person was
present to a person joining (time to human; unmeasured when a timestamp is
missing or the clock runs backwards).

Per group (`GroupMetrics`): escalation rate = escalated ÷ conversations;
unmet-request rate = conversations with an unmet request ÷ conversations with a
request; loops per 1,000 conversations; time to human p50 and p95 (linear
interpolation between the closest ranks, as `statistics.quantiles` does with the
inclusive method). The result is plain JSON so every report can draw it.

Rising frustration (`FrustrationFacts`, measured by ESC010): per language and per
region, the share of conversations in which a customer's frustration rose (see
`auditor.escalation.frustration`) and the share of those the bot left unheeded.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from auditor.escalation.evidence import PERSON_KINDS, Handoff, HandoffKind
from auditor.escalation.loops import Loop
from auditor.escalation.requests import RequestOutcome, seconds_between
from auditor.language.identify import language_of
from auditor.model import Conversation, Role

__all__ = [
    "HISTOGRAM_EDGES",
    "ConversationFacts",
    "FrustrationFacts",
    "GroupMetrics",
    "conversation_facts",
    "escalation_metrics",
    "frustration_metrics",
    "language_of",
    "percentile",
]

UNKNOWN = "unknown"
# Seconds; the last bin is open-ended ("30 min or more").
HISTOGRAM_EDGES = (0, 30, 60, 120, 180, 300, 600, 1800)


@dataclass(frozen=True, slots=True)
class ConversationFacts:
    """What one conversation contributes to the escalation metrics."""

    conversation_id: str
    channel: str
    language: str
    escalated: bool
    requested: bool
    unmet: bool
    looped: bool
    time_to_human: float | None


def conversation_facts(
    conversation: Conversation,
    evidence: Sequence[Handoff],
    requests: Sequence[RequestOutcome],
    loop: Loop | None,
) -> ConversationFacts:
    """The facts of one conversation, from its evidence, judged requests and loop."""
    first_bot = conversation.first_turn(Role.BOT)
    time_to_human = None
    waiting = [r for r in requests if r.response != "with_person"]
    if waiting:
        first = waiting[0].turn
        person = next((h for h in evidence if h.kind is HandoffKind.AGENT_JOINED
                       and h.after(first)), None)
        elapsed = seconds_between(first, person) if person is not None else None
        # Clocks that run backwards give no measurement rather than a zero wait.
        time_to_human = elapsed if elapsed is not None and elapsed >= 0 else None
    return ConversationFacts(
        conversation_id=conversation.id,
        channel=(conversation.channel or "").strip() or UNKNOWN,
        language=language_of(conversation),
        # Only a conversation the bot started can be escalated from the bot.
        escalated=first_bot is not None and any(
            h.routes_after(first_bot, PERSON_KINDS) for h in evidence),
        requested=bool(requests),
        unmet=any(r.judged and not r.met for r in requests),
        looped=loop is not None,
        time_to_human=time_to_human,
    )


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100) by linear interpolation, or None for no values."""
    if not values:
        return None
    if len(values) == 1:
        return float(values[0])
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    if q <= 0:
        return float(min(values))
    if q >= 100:
        return float(max(values))
    return float(cuts[round(q) - 1])


@dataclass(frozen=True, slots=True)
class GroupMetrics:
    """The escalation metrics of one group of conversations."""

    dimension: str
    group: str
    conversations: int
    escalated: int
    requested: int
    unmet: int
    loops: int
    times: tuple[float, ...]

    @property
    def escalation_rate(self) -> float | None:
        """Share of conversations routed to a person."""
        return _ratio(self.escalated, self.conversations)

    @property
    def unmet_request_rate(self) -> float | None:
        """Share of conversations with a request for a human where one went unmet."""
        return _ratio(self.unmet, self.requested)

    @property
    def loops_per_1000(self) -> float | None:
        """Conversations with a loop per 1,000 conversations."""
        rate = _ratio(self.loops, self.conversations)
        return None if rate is None else round(rate * 1000, 1)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used in results."""
        return {
            "dimension": self.dimension, "group": self.group,
            "conversations": self.conversations, "escalated": self.escalated,
            "escalation_rate": self.escalation_rate,
            "requested": self.requested, "unmet": self.unmet,
            "unmet_request_rate": self.unmet_request_rate,
            "loops": self.loops, "loops_per_1000": self.loops_per_1000,
            "time_to_human": {
                "measured": len(self.times),
                "p50_seconds": _rounded(percentile(self.times, 50)),
                "p95_seconds": _rounded(percentile(self.times, 95)),
            },
        }


def escalation_metrics(facts: Iterable[ConversationFacts]) -> dict[str, Any]:
    """The metrics document: groups (all, per channel, per language) and a histogram."""
    facts = list(facts)
    groups = [_group("all", "all", facts)]
    for dimension in ("channel", "language"):
        members: dict[str, list[ConversationFacts]] = defaultdict(list)
        for fact in facts:
            members[getattr(fact, dimension)].append(fact)
        groups.extend(_group(dimension, name, members[name]) for name in sorted(members))
    times = [f.time_to_human for f in facts if f.time_to_human is not None]
    return {
        "kind": "escalation",
        "groups": [group.to_dict() for group in groups],
        "time_to_human_histogram": _histogram(times),
    }


def _group(dimension: str, name: str, facts: Sequence[ConversationFacts]) -> GroupMetrics:
    return GroupMetrics(
        dimension=dimension, group=name, conversations=len(facts),
        escalated=sum(f.escalated for f in facts), requested=sum(f.requested for f in facts),
        unmet=sum(f.unmet for f in facts), loops=sum(f.looped for f in facts),
        times=tuple(f.time_to_human for f in facts if f.time_to_human is not None),
    )


def _histogram(times: Sequence[float]) -> dict[str, Any]:
    """Counts of times to a human per bin; bin i is [edge i, edge i+1), the last open."""
    edges = list(HISTOGRAM_EDGES)
    counts = [0] * len(edges)
    for value in times:
        index = max(i for i, edge in enumerate(edges) if value >= edge)
        counts[index] += 1
    return {"edges_seconds": edges, "counts": counts}


@dataclass(frozen=True, slots=True)
class FrustrationFacts:
    """What one conversation contributes to the frustration rates."""

    conversation_id: str
    language: str
    region: str
    rising: bool
    unheeded: bool


def frustration_metrics(facts: Iterable[FrustrationFacts]) -> dict[str, Any]:
    """The frustration document: overall, per language and per region, the share of
    conversations with rising frustration and the share of those left unheeded."""
    facts = list(facts)
    groups = [("all", "all", facts)]
    for dimension in ("language", "region"):
        members: dict[str, list[FrustrationFacts]] = defaultdict(list)
        for fact in facts:
            members[getattr(fact, dimension)].append(fact)
        groups.extend((dimension, name, members[name]) for name in sorted(members))
    return {"kind": "frustration",
            "groups": [_frustration_group(*group) for group in groups]}


def _frustration_group(dimension: str, name: str,
                       facts: Sequence[FrustrationFacts]) -> dict[str, Any]:
    rising = sum(f.rising for f in facts)
    unheeded = sum(f.unheeded for f in facts)
    return {"dimension": dimension, "group": name, "conversations": len(facts),
            "rising": rising, "rising_rate": _ratio(rising, len(facts)),
            "unheeded": unheeded, "unheeded_rate": _ratio(unheeded, rising)}


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
