"""Which language a conversation is written in: declared by the export, else identified.

An export that names the language (`language`, `lang` or `locale` attribute) is
believed. Otherwise the customer's and the bot's messages are identified with lingua
(a maintained detector that runs offline on n-gram models bundled in its wheel),
restricted to the languages support conversations in our scope are written in: fewer
candidates make short chat text far less ambiguous. Text too short or too mixed to
tell ("ok", "thanks", a name) gives no answer rather than a guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from auditor.model import Conversation, Role

__all__ = [
    "CANDIDATE_LANGUAGES",
    "LANGUAGE_ATTRIBUTES",
    "UNKNOWN_LANGUAGE",
    "conversation_language",
    "declared_language",
    "identified_language",
    "language_of",
]

UNKNOWN_LANGUAGE = "unknown"
LANGUAGE_ATTRIBUTES = ("language", "lang", "locale")
# ISO 639-1 codes of the languages identification chooses among.
CANDIDATE_LANGUAGES: tuple[str, ...] = ("en", "es", "fr", "de", "it", "pt", "nl")
# How far ahead of the runner-up the best language must be: below it, no answer.
_MINIMUM_RELATIVE_DISTANCE = 0.1
# Identification needs a few words; a conversation's first few hundred characters of
# messages say its language as well as all of them, at a bounded cost.
_MINIMUM_LETTERS = 12
_SAMPLE_CHARACTERS = 2000


if TYPE_CHECKING:
    from lingua import LanguageDetector


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    """One lingua detector for the candidate languages, built on first use (lingua is
    imported then, not with this module)."""
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(IsoCode639_1.from_str(code))
                 for code in CANDIDATE_LANGUAGES]
    return (LanguageDetectorBuilder.from_languages(*languages)
            .with_minimum_relative_distance(_MINIMUM_RELATIVE_DISTANCE)
            .build())



def declared_language(conversation: Conversation) -> str | None:
    """The language code the export declares ("es" from "es-ES" or "es_MX"), or None."""
    for name in LANGUAGE_ATTRIBUTES:
        value = (conversation.attributes.get(name) or "").strip()
        if value:
            return value.replace("_", "-").split("-")[0].casefold()
    return None


def identified_language(texts: Iterable[str]) -> str | None:
    """The language of `texts` taken together, or None when they cannot tell."""
    sample: list[str] = []
    size = 0
    for text in texts:
        if size >= _SAMPLE_CHARACTERS:
            break
        sample.append(text)
        size += len(text)
    return _identify("\n".join(sample)[:_SAMPLE_CHARACTERS])


# Several checks ask for the language of the same conversation; the sample is short,
# so remembering it by its text is cheap.
@lru_cache(maxsize=4096)
def _identify(sample: str) -> str | None:
    """The language of one bounded sample of text, or None."""
    if sum(char.isalpha() for char in sample) < _MINIMUM_LETTERS:
        return None
    found = _detector().detect_language_of(sample)
    return found.iso_code_639_1.name.casefold() if found is not None else None


def conversation_language(conversation: Conversation) -> str | None:
    """The declared language, else the one its customer's and bot's messages are in."""
    declared = declared_language(conversation)
    if declared is not None:
        return declared
    # The customer's words first: a bot's canned English greeting says little about
    # the language the customer writes in.
    customer = [turn.text for turn in conversation.turns if turn.role is Role.CUSTOMER]
    others = [turn.text for turn in conversation.turns
              if turn.is_message and turn.role is not Role.CUSTOMER]
    return identified_language(customer) or identified_language(customer + others)


def language_of(conversation: Conversation) -> str:
    """`conversation_language`, or "unknown" when neither the export nor the text tells."""
    return conversation_language(conversation) or UNKNOWN_LANGUAGE
