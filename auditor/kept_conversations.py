"""The conversations a finding is about, kept redacted so a reviewer can read each
finding in its context after the raw uploads are gone.

Only conversations with at least one finding are kept, the ones with the most severe
findings first, up to the policy's `keep-conversations`; the result says how many had
findings and how many were kept. Every turn is redacted the way evidence is (the same
redactor, with the turn's speaker and its conversation's language and region, so the
bot's persona name stays readable and everything else personal is masked), and a long
turn is cut to `MAX_TURN_CHARS` after redaction. Raw text is never kept.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass

from auditor.finding_store import headers_of
from auditor.findings import Finding
from auditor.model import Conversation
from auditor.redaction import RedactedText, prefetch, redact, redact_identifier

__all__ = ["KeptConversation", "KeptConversations", "KeptTurn", "MAX_TURN_CHARS",
           "conversation_segment", "keep_conversations"]

# A turn longer than this (after redaction) is cut, with a note in the text: one pasted
# log must not make a result of megabytes.
MAX_TURN_CHARS = 4000
MAX_SEGMENT_CHARS = 64  # a channel, language or region longer than this is cut


@dataclass(frozen=True, slots=True)
class KeptTurn:
    """One turn as a reviewer may read it: redacted, and whether a finding points at it."""

    index: int
    role: str
    text: RedactedText
    timestamp: str | None
    event: str | None
    flagged: bool

    def to_dict(self) -> dict[str, object]:
        """The JSON form used in results."""
        return {"index": self.index, "role": self.role, "text": self.text,
                "timestamp": self.timestamp, "event": self.event, "flagged": self.flagged}


@dataclass(frozen=True, slots=True)
class KeptConversation:
    """A conversation with findings: its id as the export gives it (masked when the
    result is written, like every id) and its redacted turns."""

    conversation_id: str
    channel: str | None
    language: str | None
    region: str | None
    turns: tuple[KeptTurn, ...]


@dataclass(frozen=True, slots=True)
class KeptConversations:
    """The kept conversations, how many had findings, and the limit that applied."""

    items: tuple[KeptConversation, ...] = ()
    with_findings: int = 0
    limit: int = 0


def keep_conversations(findings: Sequence[Finding], limit: int, *, present: Container[str],
                       conversation_of: Callable[[str], Conversation | None]
                       ) -> KeptConversations:
    """The redacted conversations of `findings`, most severe first, at most `limit`.

    `present` holds the ids of the findings' conversations that were read (a finding
    from a decision log may name one that was not); `conversation_of` gives one by id.
    Only the kept ones are asked for. `findings` is read twice.
    """
    worst: dict[str, int] = {}
    for finding in headers_of(findings):
        if finding.conversation_id is not None:
            conversation_id = finding.conversation_id
            worst[conversation_id] = max(worst.get(conversation_id, 0), finding.severity.rank)
    read = [cid for cid in worst if cid in present]
    # Most severe first; among equals, the order the findings came in.
    order = sorted(read, key=lambda cid: -worst[cid])[:max(0, limit)]
    # The turns findings point at, of the kept conversations only: a second reading of
    # the findings rather than a record of every conversation's.
    flagged: dict[str, set[int]] = {cid: set() for cid in order}
    for finding in findings if flagged else ():
        turns = flagged.get(finding.conversation_id or "")
        if turns is None:
            continue
        if finding.turn_index is not None:
            turns.add(finding.turn_index)
        turns.update(e.turn_index for e in finding.evidence if e.turn_index is not None)
    conversations = [(conversation, flagged[cid]) for cid in order
                     if (conversation := conversation_of(cid)) is not None]
    _prefetch([conversation for conversation, _ in conversations])
    return KeptConversations(items=tuple(_kept(*item) for item in conversations),
                             with_findings=len(read), limit=limit)


def _prefetch(conversations: Sequence[Conversation]) -> None:
    """Analyse the kept conversations' messages in one batch before they are redacted
    one by one: of a large input, few are still in the analysis caches by now."""
    from auditor.pii.conversations import conversation_contexts

    texts, contexts = [], []
    for conversation in conversations:
        of = conversation_contexts(conversation).of
        for turn in conversation.turns:
            if turn.text:
                texts.append(turn.text)
                contexts.append(of(turn))
    if texts:
        prefetch(texts, contexts)


def _kept(conversation: Conversation, flagged: set[int]) -> KeptConversation:
    from auditor.pii.conversations import conversation_contexts

    contexts = conversation_contexts(conversation)
    turns = tuple(
        KeptTurn(index=turn.index, role=turn.role.value,
                 text=_cut(redact(turn.text, speaker=turn.role.value,
                                  context=contexts.of(turn))),
                 timestamp=(turn.timestamp.isoformat().replace("+00:00", "Z")
                            if turn.timestamp else None),
                 event=turn.event, flagged=turn.index in flagged)
        for turn in conversation.turns)
    segment = conversation_segment(conversation)
    return KeptConversation(conversation.id, segment["channel"], segment["language"],
                            segment["region"], turns)


def conversation_segment(conversation: Conversation) -> dict[str, str | None]:
    """The conversation's channel, language and region as the export names them, each
    masked like an id (they are free text) and None when not given."""
    from auditor.jurisdiction import region_of

    values = {"channel": conversation.channel,
              "language": conversation.attributes.get("language"),
              "region": region_of(conversation)}
    return {key: _segment_value(value) for key, value in values.items()}


def _segment_value(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return redact_identifier(value.strip()[:MAX_SEGMENT_CHARS])


def _cut(text: RedactedText) -> RedactedText:
    if len(text) <= MAX_TURN_CHARS:
        return text
    return RedactedText(f"{text[:MAX_TURN_CHARS]} [… {len(text) - MAX_TURN_CHARS:,} more "
                        "characters not kept]")

