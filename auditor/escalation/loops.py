"""Loops: a bot going round in circles with a customer.

A conversation loops when any of these holds (the rulebook's "doom loop" signs):

* `repeated_reply`: three or more bot replies in a row that are near-identical to
  each other (similarity 0.9 or more, see `reply_similarity`);
* `consecutive_fallbacks`: three bot turns in a row that say the bot did not
  understand ("Sorry, I didn't get that", "¿Puedes reformular?") or only point to
  articles ("Here are some articles that might help");
* `fallbacks`: four such fallbacks in the conversation, in a row or not;
* `restated_intent`: the customer asks for the same thing three times in a row,
  in the same words or in other ones ("where is my refund", "I still haven't got my
  money back", "when do I get the refund??"; see
  `auditor.language.restatement.same_request`), each restating the first. Thanks
  are never a restatement; a greeting or a bare yes/no only when it carries a
  request ("no, where is my refund?").

Repeated replies and restatements must be consecutive turns of their speaker and
carry the same numbers: a courtesy line that closes several different answers, or
the same template answering for three different orders, is not a loop.

Only bot and customer turns before a person joins count: once an agent is in the
conversation it is no longer the bot's loop.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from auditor.escalation.evidence import joins_person
from auditor.language.bot_escalation import (
    NEAR_IDENTICAL,
    find_deflection,
    find_fallback,
    reply_similarity,
)
from auditor.language.normalise import fold
from auditor.language.restatement import request_gist, same_request
from auditor.model import Conversation, Role, Turn

__all__ = ["Loop", "LoopLimits", "find_loop"]

_MIN_RESTATEMENT_WORDS = 4
_NUMBER = re.compile(r"\d+")
# Customer messages that open with thanks or praise, in the four languages: repeating
# them is politeness, not a stuck conversation.
_THANKS = re.compile(
    r"\W*(?:thanks?|thank you|thx|bye|great|perfect|cool|gracias|adios|merci|danke"
    r"|tschuss)\b")
# Messages that open with a greeting or a bare answer: a restatement only when they
# carry a request ("no, where is my refund?").
_COURTESY = re.compile(
    r"\W*(?:ok(?:ay)?|yes|no|hi|hello|sure|vale|si|hola|oui|non|bonjour|d'accord|ja|nein"
    r"|hallo)\b")


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
    customer_turns = [t for t in bot_part if t.role is Role.CUSTOMER]
    # Fallbacks come first so that, when both complete on the same turn, the loop
    # is described by the more specific sign.
    candidates = [
        _fallbacks(bot_turns, limits),
        _runs(bot_turns, "repeated_reply", limits,
              joins=lambda run, turn: all(_same_message(turn.text, other.text, limits)
                                          for other in run)),
        _runs(customer_turns, "restated_intent", limits, skip=_not_a_restatement,
              joins=lambda run, turn: _restates(run[0].text, turn.text, limits)),
    ]
    found = [loop for loop in candidates if loop is not None]
    return min(found, key=lambda loop: loop.first.index) if found else None


def _before_person(conversation: Conversation) -> Sequence[Turn]:
    for turn in conversation.turns:
        if joins_person(turn):
            return conversation.turns[:turn.index]
    return conversation.turns


def _same_message(a: str, b: str, limits: LoopLimits) -> bool:
    """Near-identical wording carrying the same numbers.

    Replies that differ only in an order number or a date answer different
    questions ("Order 11111 shipped on 3 October", "Order 22222 shipped on 4
    October"), so they are not the bot repeating itself.
    """
    return (_NUMBER.findall(a) == _NUMBER.findall(b)
            and reply_similarity(a, b) >= limits.similarity)


def _restates(first: str, later: str, limits: LoopLimits) -> bool:
    """The customer asks again for what `first` asked: in the same words, or others."""
    return _same_message(first, later, limits) or same_request(first, later)


def _not_a_restatement(turn: Turn) -> bool:
    """Thanks, and short replies or courtesies that carry no request ("yes", "hello?"),
    say nothing new."""
    folded = fold(turn.text)
    if _THANKS.match(folded):
        return True
    if request_gist(turn.text).subjects:
        return False
    return (len(turn.text.split()) < _MIN_RESTATEMENT_WORDS
            or _COURTESY.match(folded) is not None)


def _runs(turns: Sequence[Turn], kind: str, limits: LoopLimits, *,
          joins: Callable[[list[Turn], Turn], bool],
          skip: Callable[[Turn], bool] = lambda turn: False) -> Loop | None:
    """The first run of `repeats` consecutive turns that each `joins` the run so far.

    Only consecutive turns of the speaker count: a courtesy line that closes
    several different answers ("Anything else I can help with?") is not a loop
    unless nothing else comes between the repeats.
    """
    run: list[Turn] = []
    for turn in turns:
        if not turn.text.strip() or skip(turn):
            run = []
            continue
        if run and joins(run, turn):
            run.append(turn)
            if len(run) >= limits.repeats:
                return Loop(kind, tuple(run))
        else:
            run = [turn]
    return None


def _is_fallback(text: str) -> bool:
    """A did-not-understand reply, or a canned pointer to articles (rulebook 6.6)."""
    if find_fallback(text) is not None:
        return True
    deflection = find_deflection(text)
    return deflection is not None and deflection.kind == "self_service"


def _fallbacks(bot_turns: Sequence[Turn], limits: LoopLimits) -> Loop | None:
    """Fallbacks in a row, or in total, reaching their limit."""
    run: list[Turn] = []
    every: list[Turn] = []
    for turn in bot_turns:
        if not _is_fallback(turn.text):
            run = []
            continue
        run.append(turn)
        every.append(turn)
        if len(run) >= limits.consecutive_fallbacks:
            return Loop("consecutive_fallbacks", tuple(run))
        if len(every) >= limits.total_fallbacks:
            return Loop("fallbacks", tuple(every))
    return None
