"""The only producer of evidence text: personal data masked by entity type.

Detection uses the shared personal-data engine (`auditor.pii`): presidio's pattern
recognizers (cards with the Luhn check, e-mail, phone numbers through
`phonenumbers`, IBAN, US SSN, national IDs, IP and street addresses) and, when a spaCy
pipeline is installed, names and places; secrets stated in text (card security
codes, PINs, passwords, one-time codes, dates of birth) come from `auditor.secrets`.
Masking uses presidio-anonymizer, so every excerpt a report, log or error message
shows has passed through here. Redaction is deliberately more eager than the PII
checks: lower score thresholds, no allow list for order or ticket numbers, and any
long digit run masked as well.

A bot's persona is a product, not a person: "Ava, an AI assistant" stays readable in
any text (`PERSONA_PATTERN`), and when the caller says the text is a bot's turn
(`speaker="bot"`), so does the name the bot introduces itself with ("Hi, I'm Emma
from the support team", "this is Emma", "Emma here", "soy Lucía", "je suis Camille",
"ich bin Lena"). The same words in a customer's or agent's turn name a person and
are masked, as is every name a bot turn uses for someone else ("Hi John").

Where the conversation is known, its text context (`auditor.pii.context`) reads the
text in its language and keeps the bot's persona name readable in every turn; the
names human agents introduce themselves with are still masked, as people's names.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from auditor.redacted import RedactedText

if TYPE_CHECKING:
    from auditor.pii.context import TextContext
    from auditor.redactor import Redactor

__all__ = ["RedactedText", "default_redactor", "excerpt", "prefetch", "redact",
           "redact_identifier"]

# The speaker whose self-introduction names a persona rather than a person (the
# `Role.BOT` value; this module sits below the model).
BOT_SPEAKER = "bot"


@lru_cache(maxsize=1)
def default_redactor() -> Redactor:
    """The shared redactor, built on first use (presidio and spaCy load then, not when
    this module is imported: a command that redacts nothing never loads them)."""
    from auditor.redactor import Redactor

    return Redactor()


def redact(text: str, *, speaker: str | None = None,
           context: TextContext | None = None) -> RedactedText:
    """Mask personal data in `text` with the shared redactor (see `Redactor.redact`)."""
    return default_redactor().redact(text, speaker=speaker, context=context)


def prefetch(texts: Sequence[str], contexts: Sequence[TextContext | None]) -> None:
    """Analyse texts about to be redacted (each with the context it will be redacted
    in) in one batch, ahead of `redact` asking about each (see `Redactor.prefetch`)."""
    default_redactor().prefetch(texts, contexts)


@lru_cache(maxsize=4096)
def redact_identifier(identifier: str) -> str:
    """A conversation id as reports may show it: personal data in it masked.

    Ids come from the export and can carry an e-mail address or a phone number. An
    all-digit id is kept unless a recognizer calls it personal data (a phone number,
    a card): numeric ids are how a reviewer finds the conversation in the vendor's
    console. Names are not looked for: without a sentence around it, a language
    model takes "g9" for a person.
    """
    redactor = default_redactor()
    return str(redactor.mask(identifier, redactor.identifier_spans(identifier)))


def excerpt(text: str, *, around: str | None = None, width: int = 240,
            speaker: str | None = None, context: TextContext | None = None) -> RedactedText:
    """A redacted excerpt of at most about `width` characters, centred on `around`.

    Redaction runs on the whole text first: cutting first could leave half a card
    number that no recognizer would match any more. `speaker` is the turn's role
    (`"bot"` keeps the bot's persona name readable); `context` is the turn's text
    context where the conversation is known
    (`auditor.pii.conversations.conversation_contexts(conversation).of(turn)`).
    """
    masked = redact(text, speaker=speaker, context=context)
    if len(masked) <= width:
        return masked
    centre = masked.find(around) if around else -1
    start = 0 if centre < 0 else max(0, centre - width // 3)
    end = min(len(masked), start + width)
    start = max(0, end - width)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(masked) else ""
    return RedactedText(prefix + masked[start:end].strip() + suffix)
