"""The `TextContext` of each message of a conversation, computed once per conversation.

- language: `auditor.language.identify.conversation_language` (the declared
  attribute, else lingua over the conversation's messages: once per conversation,
  never per turn);
- region: `auditor.jurisdiction.region_of`;
- persona names: a persona attribute (`bot_name`, `persona`, `assistant_name`, ...)
  and the name the bot introduces itself with ("Hi, I'm Luis, Sample's bot");
- agent names: an `agent_name` attribute, the names human agents introduce themselves
  with ("Hi, this is Dana from billing"), and the agent a bot hands over to ("you're
  now chatting with Priya");
- answers to a name request: a customer message right after a bot's or agent's
  question for the customer's name ("What's your name?" - "Crystal Minh");
- the writer of each message (customer, bot or agent).

The PII checks, their batch preparation and evidence redaction all ask for the same
contexts, so they are remembered by a digest of the conversation's content.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from auditor.jurisdiction import region_of
from auditor.language.identify import conversation_language
from auditor.model import Conversation, Role, Turn
from auditor.pii.cache import BoundedCache
from auditor.pii.context import TextContext
from auditor.pii.name_cues import asks_for_name, self_introduced_name, staff_names_in

__all__ = [
    "AGENT_ATTRIBUTES",
    "PERSONA_ATTRIBUTES",
    "ConversationContexts",
    "conversation_contexts",
]

# Attributes naming the bot's persona or the human agents (compared casefolded, with
# "-", "." and spaces read as "_").
PERSONA_ATTRIBUTES = frozenset({
    "bot_name", "bot_persona", "bot_persona_name", "persona", "persona_name",
    "assistant_name", "virtual_agent_name", "copilot_name",
})
AGENT_ATTRIBUTES = frozenset({"agent_name", "agent_names", "human_agent_name"})
# Conversations whose contexts are remembered: more than a piece of an audit (every
# check of the pack asks about the conversations its preparation read), few enough
# that memory stays flat however long the input.
CONTEXTS_REMEMBERED = 10_000
_NAME_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


@dataclass(frozen=True, slots=True)
class ConversationContexts:
    """The contexts of one conversation's messages: `of(turn)` gives a turn's."""

    base: TextContext
    answers: frozenset[int]

    def of(self, turn: Turn) -> TextContext:
        """The context of `turn`'s text."""
        return _context(self.base, turn.role.value, turn.index in self.answers)


@lru_cache(maxsize=4096)
def _context(base: TextContext, written_by: str, answers_name_request: bool) -> TextContext:
    """`base` for one writer (shared, as checks ask for it turn after turn)."""
    return replace(base, written_by=written_by, answers_name_request=answers_name_request)


_remembered: BoundedCache[ConversationContexts] = BoundedCache(CONTEXTS_REMEMBERED)
_last: list[tuple[Conversation, ConversationContexts]] = []


def conversation_contexts(conversation: Conversation) -> ConversationContexts:
    """The contexts of `conversation`'s messages (see the module docstring)."""
    # The checks of a pack ask about one conversation after another: the same object
    # is asked about several times in a row, and a frozen conversation cannot change.
    if _last and _last[0][0] is conversation:
        return _last[0][1]
    key = _digest(conversation)
    found = _remembered.get(key)
    if found is None:
        found = _contexts(conversation)
        _remembered.put(key, found)
    _last[:] = [(conversation, found)]
    return found


def remembered_stores() -> int:
    """How many contexts were ever remembered, for `remembered_since`."""
    return _remembered.stores


def remembered_since(stores: int) -> list[tuple[str, ConversationContexts]]:
    """The contexts remembered since `remembered_stores` returned `stores`."""
    return _remembered.stored_since(stores)


def remember(entries: list[tuple[str, ConversationContexts]]) -> None:
    """Take in contexts another process computed (what its `remembered_since` gave)."""
    for key, contexts in entries:
        _remembered.put(key, contexts)


def _contexts(conversation: Conversation) -> ConversationContexts:
    """Compute what `conversation_contexts` remembers."""
    personas: set[str] = set(_attribute_names(conversation, PERSONA_ATTRIBUTES))
    agents: set[str] = set(_attribute_names(conversation, AGENT_ATTRIBUTES))
    answers: set[int] = set()
    previous: Turn | None = None
    for turn in conversation.turns:
        if not turn.is_message or not turn.text:
            continue
        if turn.role in (Role.BOT, Role.AGENT):
            introduced = self_introduced_name(turn.text)
            if introduced is not None:
                own = personas if turn.role is Role.BOT else agents
                own.update(_words(turn.text[introduced[0]:introduced[1]]))
            for name in staff_names_in(turn.text):
                agents.update(_words(name))
        elif (turn.role is Role.CUSTOMER and previous is not None
              and previous.role in (Role.BOT, Role.AGENT) and asks_for_name(previous.text)):
            answers.add(turn.index)
        previous = turn
    base = TextContext(language=conversation_language(conversation),
                       region=region_of(conversation), persona_names=frozenset(personas),
                       agent_names=frozenset(agents - personas))
    return ConversationContexts(base, frozenset(answers))


def _attribute_names(conversation: Conversation, names: frozenset[str]) -> list[str]:
    """Name words of the attributes among `names`."""
    words: list[str] = []
    for attribute, value in conversation.attributes.items():
        if re.sub(r"[\s.\-]+", "_", attribute.strip().casefold()) in names:
            words.extend(_words(value))
    return words


def _words(name: str) -> list[str]:
    """The words of a name, casefolded."""
    return [word.casefold() for word in _NAME_WORD.findall(name)]


def _digest(conversation: Conversation) -> str:
    """A digest of everything the contexts depend on: id, attributes, who wrote what."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(conversation.id.encode())
    for attribute, value in sorted(conversation.attributes.items()):
        digest.update(f"\x1e{attribute}\x1f{value}".encode())
    for turn in conversation.turns:
        digest.update(f"\x1d{turn.index}\x1f{turn.role.value}\x1f{turn.text}".encode())
    return digest.hexdigest()
