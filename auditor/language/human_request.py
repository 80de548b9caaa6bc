"""Detectors for a customer asking to be passed to a human, or taking the request back.

English, Spanish, French and German. The request lexicons live in
:mod:`auditor.language.human_request_lexicon`; this module adds what a flat lexicon
cannot say: which negations govern the request, reported past, identity questions
and keypresses that are the whole message. It also holds the withdrawal phrases
("never mind", "no thanks"), which only count when no new request follows them.
"""

from __future__ import annotations

import re

from auditor.language import bot_question_lexicon as questions
from auditor.language import human_request_lexicon as lexicon
from auditor.language.normalise import fold
from auditor.language.patterns import Lexicon, PhraseMatch, cached_detector, leftmost

__all__ = ["find_human_request", "find_request_withdrawal"]




@cached_detector
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
      "no more bots", "no quiero hablar con una máquina";
    * ``"callback"``: a person asked to call back: "can someone call me?", "call me
      back", "I'd like a call back", "rappelez-moi", "Bitte um Rückruf".

    Not matched: asking how to reach a department ("How can I contact customer
    service?", "connect me to customer service"; the French "Mettez-moi en relation
    avec le service client" is a request), identity questions ("Am I talking to a
    human?"), negated requests ("I don't need an agent", "without talking to
    someone", "sin hablar con un agente", "sans parler à un conseiller", "ohne mit
    einem Mitarbeiter zu sprechen"), reported past ("I was talking to an agent"),
    third parties ("my travel agent booked it"), quoted words, and a "0" inside a
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
            *lexicon.CALLBACK_REQUESTS.find_all(text),
        )
        if match is not None and not _negated(folded, match.start)
    ]
    # On a tie (a bare "operator") the earlier candidate, the keypress, wins.
    return leftmost(candidates)


@cached_detector
def find_request_withdrawal(text: str) -> PhraseMatch | None:
    """Find the customer taking back or declining a request for a person.

    ``kind`` is ``"withdrawal"``. Recognises "never mind", "no thanks", "forget
    it", "it's fine, I found it", "not needed anymore", "no need", "I'll manage",
    "actually you can help me", "I don't need an agent anymore", "olvídalo", "da
    igual", "no hace falta", "ya lo encontré", "laisse tomber", "pas besoin",
    "c'est bon, j'ai trouvé", "vergiss es", "schon gut", "nicht nötig", "hat sich
    erledigt". A phrase followed in the same sentence by a new request is not a
    withdrawal ("no thanks to your bot, get me an agent", "never mind the order
    number, get me an agent"), nor is an answer "no" on its own ("no, I want a
    human"), nor a phrase in quotes. A request in a later sentence ("Never mind.
    Get me an agent.") leaves the withdrawal standing; compare its position with
    :func:`find_human_request` to tell which came last.
    """
    for found in WITHDRAWALS.find_all(text):
        withdrawal = _trimmed(text, found)
        end = _SENTENCE_END.search(text, withdrawal.end)
        # The rest of the sentence is searched together with the withdrawal, so that
        # the withdrawal's own negation still governs it: "no need to transfer me".
        sentence = text[withdrawal.start : end.start() if end else len(text)]
        request = find_human_request(sentence)
        if request is None or request.end <= len(withdrawal.phrase):
            return withdrawal
    return None


# --- withdrawals --------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
# Several phrases are also ordinary statements ("I found it cheaper elsewhere",
# "I always forget it", "je n'ai pas besoin de ce produit"), so they must open
# the clause, perhaps after a discourse marker ("oh", "ok", "it's fine", "bueno").
_OPENING = (
    r"(?:^|(?<=[.!?;:,(]))(?: ?(?:oh|ok|okay|ah|nah|no|actually|just|please|so|well|then|hmm"
    r"|sorry|oops|wait|thanks|thank you|(?:it's|its|it is|that's|thats) (?:fine|ok|okay|alright"
    r"|all right|all good)|bueno|vale|vaya|ah bon|bon|c'est bon|ca va|finalement|en fait|non"
    r"|ach|na|also|ja|nein)[,.!]?)* ?"
)
_CLAUSE_END = r"(?= ?(?:[.!?,;:)]|$))"

WITHDRAWALS = Lexicon(
    kind="withdrawal",
    fragments={
        "en": (
            r"never ?mind|nvm|no,? ?(?:thanks|thank you|thx|ty)(?! to\b)",
            rf"{_OPENING}(?:just )?forget (?:it|about it|that)",
            rf"{_OPENING}(?:i|we)(?:'ve| have)? (?:just |finally |already )?(?:found it|found the"
            r" answer|figured it out|sorted it(?: out)?)(?: (?:in|on) (?:the |your |my )?(?:faq"
            r"|website|site|app|account|help (?:page|center|centre)|settings|email|menu))?"
            rf"(?: (?:myself|now|already|after all|thanks|thank you))*{_CLAUSE_END}",
            rf"(?:{_OPENING}|(?:it's|its|it is|that's|that is) )not needed(?: (?:anymore|any more"
            rf"|now|after all))?{_CLAUSE_END}|no longer (?:needed|necessary|required)",
            rf"{_OPENING}no need(?! to (?:be|shout|yell)\b)|(?:there's|theres|there is) no need"
            r" (?:anymore|any more|now|then|after all)",
            rf"(?:i'll|ill|i will|i can) (?:manage|figure it out|sort it out|do it (?:myself|on my"
            rf" own|by myself))(?: (?:myself|on my own|by myself|alone|somehow|thanks|then"
            rf"|fine|from here))*{_CLAUSE_END}",
            rf"{_OPENING}you can (?:help|assist)(?: me)?",
            r"(?:(?:i|we) )?(?:don't|dont|do not|no longer) (?:need|want) (?:one|(?:an? |the"
            r" |to (?:talk|speak) (?:to|with) (?:an? |the )?)?(?:agent|human|person|representative"
            r"|rep|operator|transfer|call ?-?back|someone|anyone|anybody))(?: (?:anymore|any more"
            r"|after all))?",
        ),
        "es": (
            r"olvidalo|olvidelo|olvidenlo|olvidate|dejalo|dejelo|da igual|no importa"
            r"|(?:ya )?no hace falta|ya no (?:lo )?necesito|no,? gracias(?! a\b)",
            r"ya lo (?:he )?encontr(?:e|ado)|(?:ya lo tengo|lo (?:he )?encontr(?:e|ado))"
            rf"{_CLAUSE_END}",
        ),
        "fr": (
            r"laisse(?:z)? tomber|oublie(?:z)? ca|non,? merci|(?:ce n'est |c'est )?(?:plus"
            r" )?pas la peine|plus besoin|(?:je )?n'en ai (?:pas|plus) besoin"
            r"|je me debrouille(?:rai)?",
            rf"{_OPENING}pas besoin",
            rf"{_OPENING}j'ai trouve(?: (?:tout seul|toute seule|la reponse|merci))?{_CLAUSE_END}",
        ),
        "de": (
            r"vergiss es|vergiss das|vergessen sie (?:es|das)|nicht (?:mehr )?(?:notig|noetig"
            r"|notwendig)|hat sich (?:schon |bereits |inzwischen |doch )?erledigt|nein,? danke",
            rf"{_OPENING}schon gut|(?:ich )?(?:habe|hab)(?:'s| es) (?:schon |jetzt |doch )?gefunden"
            r"|ich komme (?:schon |allein |alleine )?(?:zurecht|klar)",
        ),
    },
)


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
    not no never nor cannot dont doesnt didnt wont wouldnt shouldnt isnt arent wasnt werent
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
# "without talking to someone" declines a person unless a negation before it
# makes the phrase a need: "I can't sort this out without talking to someone".
_PRIVATIVES = frozenset("without sin sans ohne".split())
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
    clause_tokens = _TOKEN.findall(clause)
    tokens = clause_tokens[-window:]
    for offset, token in enumerate(reversed(tokens), start=1):
        if token in _BARRIERS:
            break
        if token in _PRIVATIVES:
            before = clause_tokens[: len(clause_tokens) - offset]
            return not any(_is_negator(word) for word in before)
    if any(token in _INABILITY for token in tokens):
        return False
    for token in reversed(tokens):
        if token in _BARRIERS:
            return False
        if _is_negator(token):
            return True
    return False


def _is_negator(token: str) -> bool:
    return token in _NEGATORS or token.endswith("n't") or token.startswith("n'")


# --- reported past ----------------------------------------------------------------

_PAST_AUXILIARY = re.compile(
    r"\b(?:was|were|had|been|wasn't|weren't)\s+(?:(?:already|just|finally|eventually|actually"
    r"|then|never|once)\s+)?$"
)


def _reported_past(folded: str, start: int) -> bool:
    """Tell whether the request at ``start`` is an event already past: "I was talking to..."."""
    return _PAST_AUXILIARY.search(folded, 0, start) is not None
