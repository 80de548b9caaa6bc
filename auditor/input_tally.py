"""What an audit counts over its whole input, one conversation at a time.

The report and the gate need figures over every conversation (how many, how many bot
turns, which files had none, how many on each channel a check is kept off) and the
ESC pack needs the last moment each file records. `InputTally` takes conversations one
by one and keeps only those figures, so an audit that reads its input a piece at a
time (`auditor.pipeline`) has them without holding the conversations, and an audit
of an input held whole computes them the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from auditor.escalation.evidence import handed_out_of_log, handoff_evidence, note_export_ends
from auditor.model import Conversation, Role
from auditor.scope import channel_of


@dataclass
class InputTally:
    """Figures over the conversations `add`ed so far.

    `watched_channels` are the channels some check is kept off: the ids of their
    conversations are kept, to keep those conversations' decisions off the check too.
    """

    watched_channels: frozenset[str] = frozenset()
    conversations: int = 0
    turns: int = 0
    bot_turns: int = 0
    files_read: set[str] = field(default_factory=set)
    files_with_bot: set[str] = field(default_factory=set)
    per_channel: dict[str, int] = field(default_factory=dict)
    ids_on_channel: dict[str, set[str]] = field(default_factory=dict)
    handed_out_of_log: int = 0
    # The last moment each file records, by the channel of the conversations read.
    ends_by_channel: dict[str, dict[str, datetime]] = field(default_factory=dict)

    @classmethod
    def of(cls, conversations: Iterable[Conversation],
           watched_channels: frozenset[str] = frozenset()) -> InputTally:
        """The tally of every conversation of `conversations`."""
        tally = cls(watched_channels)
        for conversation in conversations:
            tally.add(conversation)
        return tally

    def add(self, conversation: Conversation) -> None:
        """Count one conversation."""
        self.conversations += 1
        self.turns += len(conversation.turns)
        # A file that holds another system's side of conversations whose bot turns
        # are in another file (the agents' side of a bot's own log) is judged with them.
        paths = {turn.source.path if turn.source else "" for turn in conversation.turns}
        self.files_read.update(paths)
        bots = sum(1 for turn in conversation.turns if turn.role is Role.BOT)
        self.bot_turns += bots
        if bots:
            self.files_with_bot.update(paths)
        channel = channel_of(conversation)
        self.per_channel[channel] = self.per_channel.get(channel, 0) + 1
        if channel in self.watched_channels:
            self.ids_on_channel.setdefault(channel, set()).add(conversation.id)
        if handed_out_of_log(conversation, handoff_evidence(conversation)):
            self.handed_out_of_log += 1
        note_export_ends(conversation, self.ends_by_channel.setdefault(channel, {}))

    def export_ends(self, without: frozenset[str] = frozenset()) -> dict[str, datetime]:
        """The last moment each file records, over the conversations not on `without`."""
        latest: dict[str, datetime] = {}
        for channel, ends in self.ends_by_channel.items():
            if channel in without:
                continue
            for path, moment in ends.items():
                if path not in latest or moment > latest[path]:
                    latest[path] = moment
        return latest

    def ids_on(self, channels: frozenset[str]) -> set[str]:
        """The ids of the conversations on `channels` (each must be watched)."""
        return set().union(*(self.ids_on_channel.get(channel, set()) for channel in channels))
