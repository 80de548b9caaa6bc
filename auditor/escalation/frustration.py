"""Rising frustration: a customer more and more frustrated, and what the bot did next.

Each customer turn gets a frustration score (`auditor.language.frustration`). Frustration
**rises** when a frustrated customer turn follows another one since the bot last heeded
the customer, and it is at least as strong (score not lower), or both are strongly
frustrated and no calmer customer turn came between them. The later turn is where the
frustration has risen: an **episode**.

An episode is **heeded** when, before the bot has spoken `bot_turns` times after it
(two by default), the bot acknowledges the feeling ("I understand how frustrating this
is", "lo siento mucho"; a did-not-understand fallback does not count), offers a person
or promises a transfer, or handoff evidence shows the conversation routed to people (an
agent joining, a handoff, a call back or ticket, an escalation in the decision log). A
customer already talking to a person is heeded by that person. A heeding reply resets
the count: frustration must rise again across two more turns before the next episode.

An unheeded episode **ends the conversation in that state** when nothing heeds the
customer at any point after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from auditor.escalation.evidence import ROUTING_KINDS, Handoff, joins_person, person_present
from auditor.escalation.requests import bot_turns_between
from auditor.language.bot_escalation import find_human_offer, find_transfer_promise
from auditor.language.frustration import TurnFrustration, find_acknowledgement, turn_frustration
from auditor.model import Conversation, Role, Turn

__all__ = [
    "DEFAULT_BOT_TURNS",
    "FrustratedTurn",
    "FrustrationEpisode",
    "bot_heeds",
    "frustration_episodes",
    "rises",
]

DEFAULT_BOT_TURNS = 2


@dataclass(frozen=True, slots=True)
class FrustratedTurn:
    """A customer turn with its frustration signals."""

    turn: Turn
    frustration: TurnFrustration


@dataclass(frozen=True, slots=True)
class FrustrationEpisode:
    """Frustration that rose from `earlier` to `later`, and how (or whether) it was heeded.

    `heeded_by` is `empathy`, `apology`, `offer`, `transfer` or `handoff`, or None;
    `reply` is the first bot turn after `later`; `ends_unheeded` is true when nothing
    after `later` heeds the customer.
    """

    earlier: FrustratedTurn
    later: FrustratedTurn
    heeded_by: str | None
    reply: Turn | None
    ends_unheeded: bool

    @property
    def heeded(self) -> bool:
        """True when the bot or a person answered the frustration in time."""
        return self.heeded_by is not None


def rises(earlier: FrustratedTurn, later: FrustratedTurn, *, successive: bool) -> bool:
    """At least as strong as before, or strongly frustrated twice in a row."""
    before, after = earlier.frustration, later.frustration
    return after.score >= before.score or (successive and before.strong and after.strong)


def bot_heeds(turn: Turn) -> str | None:
    """How a bot turn heeds a frustrated customer (`empathy`, `apology`, `offer`,
    `transfer`), or None."""
    if turn.role is not Role.BOT:
        return None
    acknowledgement = find_acknowledgement(turn.text)
    if acknowledgement is not None:
        return acknowledgement.kind
    if find_transfer_promise(turn.text) is not None:
        return "transfer"
    return "offer" if find_human_offer(turn.text) is not None else None


def frustration_episodes(
    conversation: Conversation,
    evidence: Sequence[Handoff],
    *,
    language: str,
    bot_turns: int = DEFAULT_BOT_TURNS,
) -> tuple[FrustrationEpisode, ...]:
    """Every episode of rising frustration in the conversation, in order."""
    frustrated = [turn for turn in conversation.turns if turn.role is Role.CUSTOMER
                  and turn_frustration(turn.text, language).frustrated]
    if len(frustrated) < 2:
        return ()  # nothing can rise; spares reading every bot reply
    routed = {h.index for h in evidence if h.kind in ROUTING_KINDS and not h.cancelled}
    episodes: list[FrustrationEpisode] = []
    previous: FrustratedTurn | None = None
    calmer_since = False
    for turn in conversation.turns:
        if bot_heeds(turn) or joins_person(turn) or turn.index in routed:
            previous = None
            continue
        if turn.role is not Role.CUSTOMER:
            continue
        if person_present(conversation, turn):
            previous = None
            continue
        current = FrustratedTurn(turn, turn_frustration(turn.text, language))
        if not current.frustration.frustrated:
            calmer_since = True
            continue
        if previous is not None and rises(previous, current, successive=not calmer_since):
            episodes.append(_judge(conversation, previous, current, evidence, bot_turns))
        previous, calmer_since = current, False
    return tuple(episodes)


def _judge(conversation: Conversation, earlier: FrustratedTurn, later: FrustratedTurn,
           evidence: Sequence[Handoff], bot_turns: int) -> FrustrationEpisode:
    """How the bot answered the episode within `bot_turns` bot turns, and afterwards."""
    after = conversation.after(later.turn)
    reply = next((t for t in after if t.role is Role.BOT), None)
    spoken = 0
    heeded_by: str | None = None
    for turn in after:
        if spoken >= bot_turns and turn.role is Role.BOT:
            break
        heeded_by = bot_heeds(turn) or ("handoff" if joins_person(turn) else None)
        if heeded_by is not None:
            break
        spoken += turn.role is Role.BOT
    if heeded_by is None and any(
            h.routes_after(later.turn, ROUTING_KINDS)
            and (h.index is None or bot_turns_between(conversation, later.turn, h.index)
                 <= bot_turns) for h in evidence):
        heeded_by = "handoff"
    heeded_later = heeded_by is None and (
        any(bot_heeds(t) or joins_person(t) for t in after)
        or any(h.routes_after(later.turn, ROUTING_KINDS) for h in evidence))
    return FrustrationEpisode(earlier, later, heeded_by, reply,
                              ends_unheeded=heeded_by is None and not heeded_later)

