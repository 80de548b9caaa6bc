"""Detector for a customer asking to be passed to a human, in English, Spanish, French and German.

The lexicons live in :mod:`auditor.language.human_request_lexicon`; this module adds
what a flat lexicon cannot say: which negations govern the request, reported past,
identity questions and keypresses that are the whole message.
"""

from __future__ import annotations

import re

from auditor.language import bot_question_lexicon as questions
from auditor.language import human_request_lexicon as lexicon
from auditor.language.normalise import fold
from auditor.language.patterns import PhraseMatch, leftmost

__all__ = ["find_human_request"]


def find_human_request(text: str) -> PhraseMatch | None:
    """Find a customer asking for a person; return the leftmost request or ``None``.

    ``kind`` is one of:

    * ``"explicit"``: a request for a person, agent, representative, operator,
      manager, supervisor, advisor, someone or a human ("Can I talk to a human?",
      "put me through to an agent", "live agent please", "escalate this",
      "Quiero hablar con una persona", "Passez-moi un agent", "Einen Mitarbeiter,
      bitte");
    * ``"dtmf"``: a keypad-style request: "press 0", "pulsar 0", "Taste 0", or a
      message that is only "0", "zero" or "operator";
    * ``"refuses_bot"``: "I don't want to talk to a bot", "stop talking to a bot",
      "no more bots", "no quiero hablar con una máquina".

    Not matched: asking how to reach a department ("How can I contact customer
    service?"), identity questions ("Am I talking to a human?"), negated requests
    ("I don't need an agent"), reported past ("I was talking to an agent"), third
    parties ("my travel agent booked it"), quoted words, and a "0" inside a
    sentence ("I have 0 items"). Inability counts as a request ("I can't reach a
    live agent"), and so does "I don't know how to talk to a person".
    """
    folded = fold(text)
    identity = questions.CLEAR_BOT_QUESTIONS.find_all(text)
    explicit = [
        match
        for match in lexicon.EXPLICIT_REQUESTS.find_all(text)
        if not _overlaps_any(match, identity) and not _reported_past(folded, match.start)
    ]
    candidates = [
        _trimmed(text, match)
        for match in (
            _whole_message_keypress(text, folded),
            *lexicon.KEYPRESS_REQUESTS.find_all(text),
            *explicit,
            *lexicon.BOT_REFUSALS.find_all(text),
        )
        if match is not None and not _negated(folded, match.start)
    ]
    # On a tie (a bare "operator") the earlier candidate, the keypress, wins.
    return leftmost(candidates)


# A message that is only a keypad key or the IVR keyword, perhaps with punctuation
# and a "please": "0", "zero!", "Operator.", "0 please".
_WHOLE_KEYPRESS = re.compile(
    r"^\W*(?P<key>0+(?:\W+0+)*|zero|cero|operator|operador|operateur)"
    r"(?:\W+(?:please|pls|por favor|s'il vous plait|svp|bitte))?\W*$"
)


def _whole_message_keypress(text: str, folded: str) -> PhraseMatch | None:
    found = _WHOLE_KEYPRESS.match(folded)
    if found is None:
        return None
    start, end = found.span("key")
    language = {"cero": "es", "operador": "es", "operateur": "fr"}.get(found["key"], "en")
    return PhraseMatch("dtmf", text[start:end], start, end, language)


def _overlaps_any(match: PhraseMatch, others: list[PhraseMatch]) -> bool:
    return any(match.start < other.end and other.start < match.end for other in others)


def _trimmed(text: str, match: PhraseMatch) -> PhraseMatch:
    # Sentence-level fragments may start at the whitespace after a full stop.
    start = match.start + len(match.phrase) - len(match.phrase.lstrip())
    if start == match.start:
        return match
    return PhraseMatch(match.kind, text[start : match.end], start, match.end, match.language)


# --- negation ---------------------------------------------------------------------

_CLAUSE_BREAK = re.compile(r"[.;:!?,\"()\n]|\b(?:but|and|so|pero|sino|mais|aber|sondern|und)\b")
_TOKEN = re.compile(r"[\w']+")
_NEGATORS = frozenset(
    """
    not no never nor dont doesnt didnt wont wouldnt shouldnt isnt arent wasnt werent
    nunca jamas ni tampoco
    ne pas jamais
    nicht kein keine keinen keinem keiner nie niemals
    """.split()
)
# Inability is a complaint that the customer cannot reach a person, which asks
# for one: "I can't speak to a live agent", "I can not reach anyone", "no puedo
# hablar con un agente".
_INABILITY = frozenset(
    """
    can can't cant cannot could couldn't couldnt unable able manage managed succeed
    puedo puede pude consigo logro
    peux peut arrive parviens reussis
    kann konnte schaffe
    """.split()
)
# A negation stops governing the request at a new subject or at another verb of
# knowing: "I don't know how to reach an agent", "no sé cómo hablar con alguien".
_BARRIERS = frozenset(
    """
    i u you ya we know kno knw understand sure how what where why when who whether if
    helpful helping get got
    se sabe entiendo como que
    sais sait comprends comment
    weiß weiss verstehe wie
    """.split()
)


def _negated(folded: str, start: int, window: int = 4) -> bool:
    """Tell whether a negation in the same clause governs the request at ``start``."""
    clause = folded[:start]
    breaks = list(_CLAUSE_BREAK.finditer(clause))
    if breaks:
        clause = clause[breaks[-1].end() :]
    tokens = _TOKEN.findall(clause)[-window:]
    if any(token in _INABILITY for token in tokens):
        return False
    for token in reversed(tokens):
        if token in _BARRIERS:
            return False
        if token in _NEGATORS or token.endswith("n't") or token.startswith("n'"):
            return True
    return False


# --- reported past ----------------------------------------------------------------

_PAST_AUXILIARY = re.compile(
    r"\b(?:was|were|had|been|wasn't|weren't)\s+(?:(?:already|just|finally|eventually|actually"
    r"|then|never|once)\s+)?$"
)


def _reported_past(folded: str, start: int) -> bool:
    """Tell whether the request at ``start`` is an event already past: "I was talking to..."."""
    return _PAST_AUXILIARY.search(folded, 0, start) is not None
