"""Detectors for what a support bot (or its chat platform) says around escalation to a human.

English, Spanish, French and German. Each ``find_*`` function takes one bot
turn's text and returns the leftmost accepted
:class:`~auditor.language.patterns.PhraseMatch` (span and phrase in the original
text) or ``None``; :func:`reply_similarity` compares two bot replies for the
repeated-reply loop marker. The lexicons live in
:mod:`auditor.language.bot_escalation_lexicon`; this module adds what a flat
lexicon cannot express: a promise inside a question or a condition is an offer,
not a promise; self-service pointers next to a promise are not a deflection; and
an option that the same clause says is unavailable is not offered; a notice that a
person joined, asked, negated or put in the future is not a join.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rapidfuzz import fuzz

from auditor.language import bot_escalation_lexicon as lexicon
from auditor.language import bot_reply_lexicon as replies
from auditor.language import bot_support_lexicon as support
from auditor.language.normalise import fold
from auditor.language.patterns import PhraseMatch, cached_detector, leftmost

__all__ = [
    "NEAR_IDENTICAL",
    "find_crisis_resources",
    "find_deflection",
    "find_dispute_handling",
    "find_fallback",
    "find_hardship_support",
    "find_human_offer",
    "find_join_announcement",
    "find_reference_id",
    "find_review_offer",
    "find_transfer_promise",
    "reply_similarity",
]

NEAR_IDENTICAL = 0.9
"""Similarity at or above which two bot replies count as the same reply repeated."""


@cached_detector
def find_transfer_promise(text: str) -> PhraseMatch | None:
    """Find the bot saying that a handoff to a human is happening or will happen.

    ``kind`` is ``"transfer"`` for a live handoff ("I'll transfer you to an agent",
    "Transferring you now", "A member of our team will be with you shortly",
    "You're in the queue", "Te paso con un agente", "Un conseiller va prendre le
    relais", "Ich verbinde Sie mit einem Mitarbeiter"), ``"callback"`` for a
    promised call ("I'll have someone call you back", "We will call you
    tomorrow") and ``"ticket"`` for an escalation on record ("I've escalated this
    and created ticket #48213", "I've passed this to our complaints team").
    Offers ("Would you like me to transfer you?", "I can connect you"), refusals
    ("I can't transfer you"), promises inside a question or a condition ("If that
    doesn't help, I'll transfer you") and other tenses are not promises.
    """
    return leftmost(match for match in _promises(text) if not _is_hedged(text, match))


@cached_detector
def find_join_announcement(text: str) -> PhraseMatch | None:
    """Find a notice that a person has joined the conversation; ``kind`` is ``"joined"``.

    What a chat platform shows, or a bot relays, when a person takes over: "Maria has
    joined the chat", "You are now connected with an agent", "Un agente se ha unido a
    la conversación", "Ahora estás hablando con Laura", "Un conseiller a rejoint la
    conversation", "Vous êtes maintenant en relation avec un conseiller", "Ein
    Mitarbeiter ist dem Chat beigetreten", "Sie sind jetzt mit einem Mitarbeiter
    verbunden". Not a join: the customer's own notice ("You joined the chat"), a
    negation ("No agent has joined yet", "nobody has joined"), a question or a
    condition ("Has an agent joined?", "Once an agent has joined the chat, ..."), a
    promise ("An agent will join shortly", see :func:`find_transfer_promise`), and a
    bot introducing itself ("You're now chatting with Ava, our virtual assistant").
    """
    for match in lexicon.JOIN_ANNOUNCEMENTS.find_all(text):
        if not _is_hedged(text, match) and not _nobody_or_machine(text, match):
            return match
    return None


@cached_detector
def find_human_offer(text: str) -> PhraseMatch | None:
    """Find the bot offering to put the customer in touch with a human.

    Recognises questions and offers ("Would you like to speak to an agent?", "I
    can connect you with a person if you'd like", "Do you want me to transfer you
    to a human?", "¿Quieres hablar con un agente?", "Voulez-vous parler à un
    conseiller ?", "Möchten Sie mit einem Mitarbeiter sprechen?"), keyword
    instructions ("Type 'agent' to talk to a person") and transfer or callback
    promises put as a question or a condition ("¿Te paso con un agente?", "If you
    like, I'll connect you"). ``kind`` is ``"offer"``.
    """
    hedged = (
        replace(match, kind="offer")
        for match in _promises(text)
        if match.kind != "ticket" and _is_hedged(text, match)
    )
    return leftmost((replies.HUMAN_OFFERS.find(text), *hedged))


@cached_detector
def find_deflection(text: str) -> PhraseMatch | None:
    """Find the bot refusing a human or redirecting the customer elsewhere instead.

    ``kind`` is ``"refusal"`` for "You can't speak to a human here", "There are no
    human agents on this chat", "Live agents are not available through chat", "No
    es posible hablar con un agente", "Je ne peux pas vous transférer", "Ich kann
    Sie leider nicht weiterleiten", and ``"self_service"`` for redirects ("Please
    e-mail us at ...", "Please visit our help centre", "Here are some articles that
    might help", "Please fill in the contact form"). A self-service pointer in a
    turn that also promises a transfer, callback or ticket is not a deflection,
    and neither is a human contacting the customer ("An agent will e-mail you").
    A refusal is reported even next to a promise ("I can't transfer you, but an
    agent will call you back"); weighing the two is left to the caller.
    """
    refusal = replies.REFUSALS.find(text)
    if find_transfer_promise(text) is not None:
        return refusal
    return leftmost((refusal, replies.SELF_SERVICE.find(text)))


@cached_detector
def find_fallback(text: str) -> PhraseMatch | None:
    """Find a fallback or did-not-understand reply; ``kind`` is ``"fallback"``.

    "Sorry, I didn't understand that", "Could you rephrase?", "I'm not sure I can
    help with that", "Please choose one of the options below", "Lo siento, no te he
    entendido", "Pouvez-vous reformuler ?", "Das habe ich leider nicht verstanden".
    Apologies and acknowledgements ("Sorry for the delay", "I understand, let me
    check") are not fallbacks.
    """
    return replies.FALLBACKS.find(text)


@cached_detector
def find_crisis_resources(text: str) -> PhraseMatch | None:
    """Find crisis resources given to the customer; ``kind`` is ``"crisis"``.

    Lines and numbers with a dialling verb or their name (US 988 Suicide & Crisis
    Lifeline, 911, EU 112, Samaritans 116 123, Spain's Línea 024, France's 3114,
    Germany's TelefonSeelsorge 0800 111 0 111), "emergency services", "crisis
    line" and "a mental health professional" in the four languages. A bare number
    such as an order id ("order 19880") does not count.
    """
    return support.CRISIS_RESOURCES.find(text)


@cached_detector
def find_hardship_support(text: str) -> PhraseMatch | None:
    """Find the bot offering hardship options; ``kind`` is ``"hardship"``.

    Payment plans, hardship programmes, deferred or paused payments, payment
    holidays, "plan de pago", "aplazar el pago", "échéancier", "report de
    paiement", "Ratenzahlung", "Stundung", or a specialist team for financial
    difficulty. Options the same clause calls unavailable ("a payment plan is not
    available") or that are negated ("we don't offer payment plans") are skipped.
    """
    return _first_available(text, support.HARDSHIP_SUPPORT.find_all(text))


@cached_detector
def find_review_offer(text: str) -> PhraseMatch | None:
    """Find an offer of human review of a decision, or an explanation of it.

    ``kind`` is ``"review"`` for "I can ask a member of our team to review this
    decision", "You have the right to request a human review", "Puedes solicitar una
    revisión por una persona", "Vous pouvez demander un réexamen par un conseiller",
    "Sie können eine Überprüfung durch einen Mitarbeiter verlangen", and
    ``"explanation"`` for reasons given ("The refund was declined because...",
    "This decision was based on...", "La decisión se debe a", "Cette décision est
    due à", "Die Entscheidung beruht auf"). A review the same clause calls
    unavailable is skipped.
    """
    review = _first_available(text, support.REVIEW_OFFERS.find_all(text))
    return leftmost((review, support.DECISION_EXPLANATIONS.find(text)))


@cached_detector
def find_dispute_handling(text: str) -> PhraseMatch | None:
    """Find the bot recognising a payment dispute; ``kind`` is ``"dispute"``.

    An opened dispute or chargeback ("I've opened a dispute for this charge", "He
    abierto una disputa"), an investigation of the charge ("We'll investigate this
    unauthorized transaction", "Nous allons enquêter sur cette opération", "Wir
    prüfen die Abbuchung"), a fraud report, or instructions to dispute with a
    deadline ("To dispute this charge, send us a written notice within 60 days").
    """
    return support.DISPUTE_HANDLING.find(text)


@cached_detector
def find_reference_id(text: str) -> PhraseMatch | None:
    """Find a ticket, case or complaint reference given to the customer.

    A label followed by an identifier of at least four characters with three
    digits: "ticket #48213", "case number CX-2231", "your reference is 7781-AB",
    "número de incidencia 44821", "numéro de dossier 99812", "Vorgangsnummer
    55120". Order numbers, amounts and dates do not count. ``kind`` is
    ``"reference"``; the phrase includes the label.
    """
    return support.REFERENCE_IDS.find(text)


def reply_similarity(a: str, b: str) -> float:
    """Return how alike two bot replies are, from 0.0 (unrelated) to 1.0 (identical).

    Both replies are folded (case, accents), stripped of punctuation, and every
    run of digits is replaced by one placeholder, so templated repeats that differ
    in a number, a queue position or punctuation score as the same reply. The
    score is the normalised Indel similarity (``rapidfuzz.fuzz.ratio``): it is
    order-sensitive, and a short reply contained in a longer one scores low,
    unlike a token-set comparison. A differing name lowers the score by its share
    of the reply, so long templated replies stay above :data:`NEAR_IDENTICAL` and
    very short ones may not. Two empty replies are identical.
    """
    left, right = _comparable(a), _comparable(b)
    if not left or not right:
        return 1.0 if left == right else 0.0
    return fuzz.ratio(left, right) / 100.0


# --- helpers -----------------------------------------------------------------------------


def _promises(text: str) -> list[PhraseMatch]:
    return [
        *lexicon.TRANSFER_PROMISES.find_all(text),
        *lexicon.CALLBACK_PROMISES.find_all(text),
        *lexicon.TICKET_PROMISES.find_all(text),
    ]


# A sentence ends at terminal punctuation followed by a space or the end; "." inside
# "help@example.com" or "2.5" does not end one.
_SENTENCE_BREAK = re.compile(r"[.!?;…](?=\s|$)|\n")
# A condition earlier in the sentence: "If that doesn't help, I'll transfer you".
# Folded "sí" (yes) is "si", so "si" counts only when a clause follows it.
_CONDITION_BEFORE = re.compile(
    r"\b(?:if|unless|in case|otherwise|once you|should you|a menos que|en caso de que"
    r"|de lo contrario|sinon|sauf si|a moins que|au cas ou|wenn|falls|sofern|sonst|ansonsten)\b"
    r"|\bsi\b(?!\s*[,.!])"
)
# A condition after the promise: "I'll connect you with an agent if you want", "an
# agent will call you if the problem persists".
_CONDITION_AFTER = re.compile(
    r"\b(?:if|unless|in case|en caso de que|a menos que|au cas ou|sauf si|a moins que|wenn"
    r"|falls|sofern)\b|\bsi\b(?!\s*[,.!?]|$)"
)


def _sentence_bounds(folded: str, start: int, end: int) -> tuple[int, int, str]:
    """Return the sentence around ``[start, end)`` and the character that ends it."""
    sentence_start = 0
    for boundary in _SENTENCE_BREAK.finditer(folded, 0, start):
        sentence_start = boundary.end()
    closing = _SENTENCE_BREAK.search(folded, end)
    if closing is None:
        return sentence_start, len(folded), ""
    return sentence_start, closing.start(), closing.group()


def _is_hedged(text: str, match: PhraseMatch) -> bool:
    """Tell whether a promise is asked ("...?", "¿...") or made under a condition."""
    folded = fold(text)
    sentence_start, sentence_end, closing = _sentence_bounds(folded, match.start, match.end)
    before = folded[sentence_start : match.start]
    after = folded[match.end : sentence_end]
    return (
        closing == "?"
        or "¿" in before
        or _CONDITION_BEFORE.search(before) is not None
        or _CONDITION_AFTER.search(after) is not None
    )


# Before a join notice in its sentence: a time clause ("once an agent has joined", "when
# Maria joins") or nobody at all ("nobody has joined", "nadie se ha unido").
_NOT_YET_OR_NOBODY = re.compile(
    r"\b(?:once|when|after|as soon as|until|before|nobody|no one|noone|cuando|en cuanto"
    r"|hasta que|antes de que|nadie|ningun|ninguna|quand|lorsque|des que|une fois que"
    r"|avant que|jusqu'a ce que|personne|aucun|aucune|sobald|wenn|nachdem|bevor|bis"
    r"|niemand|kein|keine)\b")


def _nobody_or_machine(text: str, match: PhraseMatch) -> bool:
    """A join notice that is not yet true, says nobody joined, or names a machine."""
    folded = fold(text)
    start, end, _ = _sentence_bounds(folded, match.start, match.end)
    if _NOT_YET_OR_NOBODY.search(folded, start, match.start):
        return True
    return any(start <= other.start < end for other in lexicon.MACHINE_PARTY.find_all(text))


# The rest of the clause says the option does not exist: "a payment plan is not
# available", "la revisión humana no está disponible", "ist nicht möglich".
_UNAVAILABLE = re.compile(
    r"^[^.;!?]*?\b(?:(?:is|are|was|were)(?: currently)? not (?:available|possible|offered"
    r"|an option)|(?:isn't|aren't|wasn't|weren't) (?:available|possible|offered|an option)"
    r"|unavailable|no (?:esta|es|estan|son) (?:disponibles?|posibles?)"
    r"|n'(?:est|sont) pas (?:disponibles?|possibles?)|nicht (?:moglich|verfugbar|angeboten))\b"
)


def _first_available(text: str, matches: list[PhraseMatch]) -> PhraseMatch | None:
    folded = fold(text)
    for match in matches:
        clause_end = _SENTENCE_BREAK.search(folded, match.end)
        rest = folded[match.end : clause_end.start() if clause_end else len(folded)]
        if not _UNAVAILABLE.search(rest):
            return match
    return None


_PUNCTUATION = re.compile(r"[^\w\s]|_")
_DIGITS = re.compile(r"\d+")
_WHITESPACE = re.compile(r"\s+")


@cached_detector
def _comparable(reply: str) -> str:
    """Fold a reply, drop punctuation, mask numbers and collapse whitespace."""
    text = _PUNCTUATION.sub(" ", fold(reply))
    text = _DIGITS.sub("0", text)
    return _WHITESPACE.sub(" ", text).strip()
