"""Loops: a bot going round in circles with a customer.

A conversation loops when any of these holds (the rulebook's "doom loop" signs):

* `repeated_reply`: three or more bot replies that are near-identical to each
  other (similarity 0.9 or more, see `reply_similarity`);
* `consecutive_fallbacks`: three bot turns in a row that say the bot did not
  understand ("Sorry, I didn't get that", "¿Puedes reformular?");
* `fallbacks`: four such fallbacks in the conversation, in a row or not;
* `restated_intent`: the customer writes the same thing three times (turns of at
  least three words, so "yes" and "ok" are not restatements).

Only bot and customer turns before a person joins count: once an agent is in the
conversation it is no longer the bot's loop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from auditor.language.bot_escalation import NEAR_IDENTICAL, find_fallback, reply_similarity
from auditor.model import Conversation, Role, Turn

__all__ = ["Loop", "LoopLimits", "find_loop"]

_MIN_RESTATEMENT_WORDS = 3


@dataclass(frozen=True)
class LoopLimits:
    """How many repeats make a loop."""

    repeats: int = 3
    consecutive_fallbacks: int = 3
    total_fallbacks: int = 4
    similarity: float = NEAR_IDENTICAL


@dataclass(frozen=True, slots=True)
class Loop:
    """The first loop found in a conversation and the turns that make it."""

    kind: str
    turns: tuple[Turn, ...]

    @property
    def first(self) -> Turn:
        """The turn where the loop became a loop (the last repeat)."""
        return self.turns[-1]


def find_loop(conversation: Conversation, limits: LoopLimits = LoopLimits()) -> Loop | None:
    """The earliest-completed loop in the bot's part of the conversation, or None."""
    bot_part = _before_person(conversation)
    bot_turns = [t for t in bot_part if t.role is Role.BOT]
    customer_turns = [t for t in bot_part if t.role is Role.CUSTOMER
                      and len(t.text.split()) >= _MIN_RESTATEMENT_WORDS]
    # Fallbacks come first so that, when both complete on the same turn, the loop
    # is described by the more specific sign.
    candidates = [
        _fallbacks(bot_turns, limits),
        _repeats(bot_turns, "repeated_reply", limits),
        _repeats(customer_turns, "restated_intent", limits),
    ]
    found = [loop for loop in candidates if loop is not None]
    return min(found, key=lambda loop: loop.first.index) if found else None


def _before_person(conversation: Conversation) -> Sequence[Turn]:
    for turn in conversation.turns:
        if turn.role is Role.AGENT or turn.event == "agent_joined":
            return conversation.turns[:turn.index]
    return conversation.turns


def _repeats(turns: Sequence[Turn], kind: str, limits: LoopLimits) -> Loop | None:
    """The first group of `repeats` turns that are pairwise near-identical."""
    groups: list[list[Turn]] = []
    for turn in turns:
        if not turn.text.strip():
            continue
        for group in groups:
            if all(reply_similarity(turn.text, other.text) >= limits.similarity
                   for other in group):
                group.append(turn)
                if len(group) >= limits.repeats:
                    return Loop(kind, tuple(group))
                break
        else:
            groups.append([turn])
    return None


def _fallbacks(bot_turns: Sequence[Turn], limits: LoopLimits) -> Loop | None:
    """Fallbacks in a row, or in total, reaching their limit."""
    run: list[Turn] = []
    every: list[Turn] = []
    for turn in bot_turns:
        if find_fallback(turn.text) is None:
            run = []
            continue
        run.append(turn)
        every.append(turn)
        if len(run) >= limits.consecutive_fallbacks:
            return Loop("consecutive_fallbacks", tuple(run))
        if len(every) >= limits.total_fallbacks:
            return Loop("fallbacks", tuple(every))
    return None
