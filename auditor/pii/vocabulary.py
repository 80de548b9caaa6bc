"""Words that are never a name or a place on their own, and what counts as a name word.

The small English model tags support-chat vocabulary as entities ("an AI
assistant" gives a place called "AI"); a name or place must contain at least one
word outside this list. The same test decides which texts need the entity
recognizer at all: a text without any name word cannot yield a kept entity.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span, Token

# Stop words that are also common given names stay name words.
_NAME_LIKE_STOP_WORDS = frozenset({"will", "may"})

_SUPPORT_WORDS = frozenset({
    "ai", "a.i.", "bot", "bots", "chatbot", "chatbots", "robot", "robots", "assistant",
    "assistants", "agent", "agents", "human", "humans", "person", "people", "operator",
    "representative", "rep", "virtual", "automated", "automatic", "support", "customer",
    "customers", "service", "services", "team", "staff", "manager", "supervisor", "help",
    "helpdesk", "chat", "live", "hi", "hello", "hey", "thanks", "thank", "ok", "okay", "yes",
    "yeah", "yep", "nope", "sorry", "welcome", "bye", "goodbye", "regards", "cheers",
    "dear", "sir", "madam", "ma'am", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx.",
    "dr", "dr.", "prof", "prof.", "miss", "order", "orders", "ticket", "refund", "account",
    "card", "email", "e-mail", "phone", "number", "address", "password", "pin", "code",
    "faq", "app", "website", "online", "today", "tomorrow", "yesterday", "now", "asap",
    "please", "pls", "plz", "lol", "omg", "btw", "fyi",
})
# How exports print a missing value: never a name.
_MISSING_VALUE_WORDS = frozenset({"nan", "none", "null", "nil", "n/a", "na", "undefined"})
_CALENDAR_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "july", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "christmas", "easter",
})

NOT_NAME_WORDS: frozenset[str] = frozenset(
    (STOP_WORDS - _NAME_LIKE_STOP_WORDS) | _SUPPORT_WORDS | _CALENDAR_WORDS
    | _MISSING_VALUE_WORDS)


def is_name_word(word: str) -> bool:
    """Whether `word` could be (part of) a name or place: it has a letter and is no
    stop word or support-chat word."""
    return any(char.isalpha() for char in word) and word.lower() not in NOT_NAME_WORDS


def has_name_word(tokens: Iterable[Token]) -> bool:
    """Whether any of the tokens is a name word."""
    return any(is_name_word(token.text) for token in tokens)


def name_bounds(span: Span) -> tuple[int, int] | None:
    """Character bounds of `span` without its leading and trailing non-name words
    ("Call John Smith" -> "John Smith"); None when no name word is left."""
    words = [token for token in span if is_name_word(token.text)]
    if not words:
        return None
    return words[0].idx, words[-1].idx + len(words[-1].text)
