"""Conversations in runs small enough to be prepared and judged together.

A check that only warms caches in `prepare` (`Check.prepare_warms_only`: the PII
pack's batched analysis) analyses a run's messages at once, then judges its
conversations one by one, reading those analyses back from the caches. The caches
keep a bounded number of results (`auditor.pii.cache`), so that memory stays flat
however long the input: a run must hold fewer messages than they keep, or its first
analyses would be gone before they were read. An audit read a piece at a time holds
one run of conversations at once (`auditor.pieces`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from auditor.model import Conversation

# At most this many conversations, and (past the first) this many turns, in a run.
RUN_CONVERSATIONS = 2_000
RUN_TURNS = 20_000


def runs(conversations: Iterable[Conversation], most: int | None = None,
         most_turns: int | None = None) -> Iterator[tuple[Conversation, ...]]:
    """`conversations` in consecutive runs of at most `most` conversations and
    `most_turns` turns (by default `RUN_CONVERSATIONS` and `RUN_TURNS`; a longer
    conversation is a run of its own), in order."""
    most = most or RUN_CONVERSATIONS
    most_turns = most_turns or RUN_TURNS
    run: list[Conversation] = []
    turns = 0
    for conversation in conversations:
        if run and (len(run) >= most or turns + len(conversation.turns) > most_turns):
            yield tuple(run)
            run, turns = [], 0
        run.append(conversation)
        turns += len(conversation.turns)
    if run:
        yield tuple(run)
