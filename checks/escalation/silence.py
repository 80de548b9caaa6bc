"""ESC009: a person is said to join, then nobody answers the customer."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import Any

from auditor.check import Options
from auditor.escalation.evidence import (
    CLOSED_EVENTS,
    JOINED_EVENTS,
    announces_join,
    export_ends,
    is_voice,
    person_present,
)
from auditor.escalation.requests import seconds_between
from auditor.findings import Finding, Reference, Severity
from auditor.legal import CFPA_UDAAP, CFPB_DOOM_LOOPS, ES_LEY_10_2025_PERSON, FTC_ACT_5
from auditor.model import AuditInput, Conversation, Role, Turn
from auditor.plain_words import PlainWords

from .base import HANDOFF_OPTIONS, EscalationCheck

SILENCE_OPTIONS: Mapping[str, Any] = MappingProxyType({
    **HANDOFF_OPTIONS,
    "person-reply-chat-seconds": 300,
    "person-reply-voice-seconds": 120,
})
MAX_EVIDENCE_MESSAGES = 3


@dataclass(frozen=True, slots=True)
class Silence:
    """One join and what followed it until a person first wrote (or the end)."""

    join: Turn
    reply: Turn | None  # the person's first turn after the join, if any
    waiting: tuple[Turn, ...]  # the customer's messages between the join and the reply
    bot_instead: tuple[Turn, ...]  # bot turns between the join and the reply
    end: Turn  # the last turn of the conversation, or its closing event

    @property
    def reply_seconds(self) -> float | None:
        """Seconds from the join to the person's first turn, when both are timed."""
        return None if self.reply is None else seconds_between(self.join, self.reply)


class HandoffWentSilentCheck(EscalationCheck):
    """What it checks
        Every point where a person is said to join the conversation (an
        `agent_joined` event, or a notice such as "Maria has joined the chat", "You
        are now connected with an agent", "Un agente se ha unido a la conversación",
        "Un conseiller a rejoint la conversation", "Ein Mitarbeiter ist dem Chat
        beigetreten", from the platform or relayed by the bot), and whether a person
        then writes to the customer in time.

    Why it matters
        A handoff on paper is no handoff: Spain's Ley 10/2025 gives a right to be
        attended by a person, and a person who never answers is not one; the CFPB
        names customers stuck without a human; telling a customer a person is there
        when none attends is deceptive (FTC Act §5, UDAAP).

    Fails when
        After the join no person writes at all: `high`, with how many messages the
        customer sent meanwhile ("hello?", "anyone there?"), whether the bot
        answered instead (a bot's reply is not a person's), and, when the
        conversation ends that way, how long after the customer's last unanswered
        message. When the file's records end within the limit after the join, the
        finding says the export may have cut the conversation there. A person's
        first message comes later than the limit after the join: `high` when the
        customer wrote meanwhile and was left unanswered, `medium` when the customer
        wrote nothing until then.

    Passes when
        A person (an `agent` turn) writes within the limit after the join: 5 minutes
        on chat, 2 on voice. A join notice while a person is already attending, or
        a conversation from the bot's own log (which does not record people), is
        not judged.

    Options
        `person-reply-chat-seconds` (default 300) and `person-reply-voice-seconds`
        (default 120, for channels voice, phone, ivr, call): the limit for the
        person's first message after the join. And the pack's handoff options
        `handoff-bot-turns`, `handoff-seconds` and `escalation-decisions` (see
        ESC001).

    References
        Spain Ley 10/2025 (from 2025-12-28); CFPB, Chatbots in consumer finance
        (2023); FTC Act §5; CFPA §1031/§1036 (UDAAP).
    """

    code = "ESC009"
    plain = PlainWords(
        action="Make sure a person really answers",
        problem="the chat said a person had joined, but no one answered",
        fix=("Announce a person only when they are ready, and alert them when a customer is "
             "waiting."))
    name = "handoff-went-silent"
    title = "A person is said to join, then nobody answers"
    severity = Severity.HIGH
    remediation = ("Announce a person only once they are at the keyboard; alert the "
                   "assigned person when a customer waits unanswered after a join, "
                   "and re-queue the conversation when no one replies in time.")
    references = (ES_LEY_10_2025_PERSON, CFPB_DOOM_LOOPS, FTC_ACT_5, CFPA_UDAAP)
    default_options = SILENCE_OPTIONS

    def validate(self, options: Options) -> None:
        """The pack's options and the reply limits, which must be positive numbers."""
        super().validate(options)
        for name in ("person-reply-chat-seconds", "person-reply-voice-seconds"):
            value = options[name]
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise ValueError(f"{name} must be a positive number, not {value!r}")

    def prepare(self, audit: AuditInput, *, options: Options) -> None:
        """The pack's preparation, then where each input file's records end."""
        super().prepare(audit, options=options)
        self._export_ends = export_ends(audit)

    def is_relevant(self, conversation: Conversation) -> bool:
        """Conversations where a person is said to join and people are logged."""
        return conversation.people_logged and any(announces_join(turn)
                                                  for turn in conversation.turns)

    def check_conversation(
        self, conversation: Conversation, *, options: Options, references: tuple[Reference, ...]
    ) -> Iterator[Finding]:
        """Judge each join; report the first that went silent."""
        limit = float(options["person-reply-voice-seconds" if is_voice(conversation)
                              else "person-reply-chat-seconds"])
        for silence in _silences(conversation):
            finding = self._judge(conversation, silence, limit, references)
            if finding is not None:
                yield finding
                return

    def _judge(self, conversation: Conversation, silence: Silence, limit: float,
               references: tuple[Reference, ...]) -> Finding | None:
        wait = silence.reply_seconds
        if silence.reply is not None and (wait is None or wait <= limit):
            return None
        join = silence.join
        data: dict[str, Any] = {
            "join_turn": join.index,
            "join_source": _join_source(join),
            "reply_turn": silence.reply.index if silence.reply else None,
            "reply_after_seconds": wait,
            "limit_seconds": limit,
            "customer_messages_unanswered": len(silence.waiting),
            "bot_replies_instead": len(silence.bot_instead),
            "ended_after_seconds": None,
            "cut_by_export": False,
        }
        if silence.reply is not None:
            message = (f"At turn {join.index} a person was said to join, but their first "
                       f"message came {wait:.0f} s later, above the {limit:.0f} s limit"
                       f"{_meanwhile(silence)}.")
            # A customer left writing into the silence was not answered in time: as
            # serious as no answer. A slow first word to a customer who waited quietly
            # is a lesser lapse.
            severity = self.severity if silence.waiting else Severity.MEDIUM
        else:
            message = (f"At turn {join.index} a person was said to join, but no person "
                       f"wrote{_meanwhile(silence)}.")
            severity = self.severity
            message += self._ending(conversation, silence, limit, data)
        shown = [t for t in (join, *silence.waiting[:MAX_EVIDENCE_MESSAGES],
                             *silence.bot_instead[:1]) if t.text]
        return self.finding(conversation, message, turn=join, severity=severity,
                            evidence=sorted(shown, key=lambda t: t.index),
                            data=data, references=references)

    def _ending(self, conversation: Conversation, silence: Silence, limit: float,
                data: dict[str, Any]) -> str:
        """How the conversation ended after a silent join, and whether the export cut it."""
        text = ""
        last = silence.waiting[-1] if silence.waiting else None
        if last is not None:
            ended = seconds_between(last, silence.end)
            data["ended_after_seconds"] = ended
            if silence.end is last:
                text += " The conversation ends on the customer's message, unanswered."
            elif ended is not None:
                text += (f" The conversation ended {ended:.0f} s after the customer's last "
                         "message, unanswered by a person.")
        cut = self._cut_by_export(silence.join, limit)
        if cut is not None:
            data["cut_by_export"] = True
            text += (f" The export ends {cut:.0f} s after the join, so a person may have "
                     "written after it.")
        return text

    def _cut_by_export(self, join: Turn, limit: float) -> float | None:
        """Seconds from the join to the end of its file's records, when within the limit."""
        ends: dict[str, datetime] = getattr(self, "_export_ends", {})
        end = ends.get(join.source.path) if join.source is not None else None
        if join.timestamp is None or end is None:
            return None
        gap = (end - join.timestamp).total_seconds()
        return gap if gap <= limit else None


def _silences(conversation: Conversation) -> Iterator[Silence]:
    """Each join notice made while no person was attending, with what followed it
    until a person's first turn (the next join is looked for after that turn)."""
    turns = conversation.turns
    index = 0
    while index < len(turns):
        join = turns[index]
        # A colleague added while a person is attending is not a handoff to judge.
        if not announces_join(join) or person_present(conversation, join):
            index += 1
            continue
        reply = next((t for t in conversation.after(join) if t.role is Role.AGENT), None)
        stop = reply.index if reply is not None else len(turns)
        between = turns[join.index + 1:stop]
        closing = next((t for t in between if t.event in CLOSED_EVENTS), None)
        yield Silence(
            join=join, reply=reply,
            waiting=tuple(t for t in between if t.role is Role.CUSTOMER and t.text.strip()),
            bot_instead=tuple(t for t in between if t.role is Role.BOT and t.text.strip()
                              and not announces_join(t)),
            end=closing or turns[-1])
        index = stop + 1


def _join_source(turn: Turn) -> str:
    """What said a person joined: an event, the platform's notice or the bot."""
    if turn.event in JOINED_EVENTS:
        return "agent_joined event"
    return "bot message" if turn.role is Role.BOT else "system notice"


def _meanwhile(silence: Silence) -> str:
    """What the customer and the bot did while no person wrote."""
    parts = []
    if silence.waiting:
        count = len(silence.waiting)
        parts.append(f"the customer wrote {count} message{'s' if count != 1 else ''}")
    if silence.bot_instead:
        parts.append("the bot answered instead")
    return f"; meanwhile {' and '.join(parts)}" if parts else ""
