"""How frustrated one customer turn reads, and whether a bot turn acknowledges the feeling.

A turn's **frustration score** adds the points of the signals found in it, each kind
counted once:

========================  ======  ==================================================
signal                    points  examples
========================  ======  ==================================================
``insult``                2       profanity or an insult ("wtf", "stupid bot",
                                  "una mierda", "putain", "Saftladen")
``exasperation``          2       "useless", "ridiculous", "waste of time", "I'm fed
                                  up", "inútil", "une honte", "unmöglich", 😡 🙄
``repetition``            2       "this is the third time", "I already told you",
                                  "ya te lo dije", "zum dritten Mal"
``recurrence``            1       "again", "still not working", "for weeks"
``sentiment``             1       strongly negative wording (see below)
``shouting``              1 or 2  a run of words in capitals with a small word in it
                                  ("WHERE IS MY ORDER"); 2 when the whole message
                                  is in capitals. Acronyms and product names
                                  ("my UPS PIN", "NETGEAR NIGHTHAWK") do not count.
``punctuation``           1       "??", "!!!", "?!", "¿¿"
========================  ======  ==================================================

A turn is **frustrated** from 2 points (one direct word of frustration, or two weaker
signs) and **strongly** frustrated from 3. Sentiment is VADER's compound score for
English (and for text in any other language, where it mostly reads nothing): 1 point at
-0.5 or below. VADER is English-only, so Spanish, French and German use hand-curated
word lists: 1 point when negative words outnumber positive ones by two. Sentiment only
strengthens the other signs and is measured only in a turn that has one. A turn that
reads as praise (VADER 0.5 or more; more positive than negative words) keeps its words
of exasperation and repetition, but its swear words, capitals and exclamation marks are
delight ("thanks so much!!!", "this is damn good"), not frustration; a swear word right
next to praise ("holy shit that was fast", "verdammt gut") is delight in any turn.

Words are read with the lexicons of the conversation's language
(:mod:`auditor.language.frustration_lexicon`); for a language outside English,
Spanish, French and German, all four. Sarcasm without a marker ("great service" with
no eye-roll) and frustration in other languages are not recognised.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from vaderSentiment.vaderSentiment import (  # type: ignore[import-untyped]  # ships no types
    SentimentIntensityAnalyzer,
)

from auditor.language import frustration_lexicon as lexicon
from auditor.language.bot_escalation import find_fallback
from auditor.language.normalise import fold
from auditor.language.patterns import PhraseMatch, cached_detector

__all__ = [
    "FRUSTRATED",
    "POINTS",
    "STRONG",
    "FrustrationSignal",
    "TurnFrustration",
    "find_acknowledgement",
    "turn_frustration",
]

POINTS: Mapping[str, int] = {
    "insult": 2, "exasperation": 2, "repetition": 2, "recurrence": 1, "sentiment": 1,
    "shouting": 1, "punctuation": 1,
}
"""Points per signal kind; shouting counts 2 when the whole message is in capitals."""
FRUSTRATED = 2
"""The score from which a turn counts as frustrated."""
STRONG = 3
"""The score from which a turn counts as strongly frustrated."""

# VADER's own conventions put "negative" at -0.05; -0.5 keeps mild complaints ("the
# parcel is late") out and lets "this is horrible" in.
NEGATIVE_COMPOUND = -0.5
POSITIVE_COMPOUND = 0.5
# Spanish, French and German: negative words must outnumber positive ones by this many.
NEGATIVE_MARGIN = 2
# Words around a swear word searched for praise ("damn good", "joder qué rápido").
_DELIGHT_TOKENS_AFTER = 4
_DELIGHT_TOKENS_BEFORE = 2

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_TOKEN = re.compile(r"[\w']+")
_REPEATED_PUNCTUATION = re.compile(r"[!?]{2,}|[¡¿]{2,}")
_CLAUSE_BREAK = re.compile(r"[.;:,\n]")
# A whole message in capitals needs this many words and letters to be shouting.
_WHOLE_MESSAGE_WORDS = 3
_SHOUT_LETTERS = 6


@dataclass(frozen=True, slots=True)
class FrustrationSignal:
    """One sign of frustration in a turn: its kind, its points and the words that show it.

    `phrase` is the matched text for words and the characters found for shouting and
    punctuation; for sentiment it is the reading ("VADER compound -0.72", "3 negative,
    0 positive words").
    """

    kind: str
    points: int
    phrase: str


@dataclass(frozen=True, slots=True)
class TurnFrustration:
    """The frustration signals of one customer turn and the score they add up to."""

    signals: tuple[FrustrationSignal, ...] = ()

    @property
    def score(self) -> int:
        """The sum of the signals' points."""
        return sum(signal.points for signal in self.signals)

    @property
    def frustrated(self) -> bool:
        """At least `FRUSTRATED` points."""
        return self.score >= FRUSTRATED

    @property
    def strong(self) -> bool:
        """At least `STRONG` points."""
        return self.score >= STRONG

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of signal found, in the order of `POINTS`."""
        return tuple(signal.kind for signal in self.signals)

    def describe(self) -> str:
        """The signals in words for a finding: 'exasperation, shouting'."""
        return ", ".join(self.kinds)


@cached_detector
def turn_frustration(text: str, language: str) -> TurnFrustration:
    """The frustration signals of one customer turn written in `language`.

    `language` is an ISO 639-1 code ("en", "es", "fr", "de"); any other value reads
    the turn with all four languages' lexicons and VADER. Sentiment only adds to the
    other signs (its one point alone never makes a turn frustrated), so it is measured
    only in a turn that has one: a turn with none scores 0.
    """
    key = language if language in lexicon.LANGUAGES else lexicon.ALL_LANGUAGES
    swearing = lexicon.INSULTS[key].find_all(text)
    words = {kind: family[key].find_all(text)
             for kind, family in (("exasperation", lexicon.EXASPERATION),
                                  ("repetition", lexicon.REPETITION),
                                  ("recurrence", lexicon.RECURRENCE))}
    shouting = _shouting(text, key)
    punctuation = _REPEATED_PUNCTUATION.search(text)
    if not (swearing or any(words.values()) or shouting or punctuation):
        return TurnFrustration()
    delight = [match for match in swearing if _delight(text, match, key)]
    # A swear word that intensifies praise carries no negative sentiment either.
    polarity, reading = _sentiment(_blank(text, delight), language)
    found: dict[str, FrustrationSignal] = {}
    insults = [] if polarity > 0 else [match for match in swearing if match not in delight]
    if insults:
        found["insult"] = FrustrationSignal("insult", POINTS["insult"], insults[0].phrase)
    for kind, matches in words.items():
        if matches:
            found[kind] = FrustrationSignal(kind, POINTS[kind], matches[0].phrase)
    if polarity < 0:
        found["sentiment"] = FrustrationSignal("sentiment", POINTS["sentiment"], reading)
    # Capitals and "!!!" in praise are delight ("THANK YOU so much!!!").
    if polarity <= 0 and shouting is not None:
        found["shouting"] = shouting
    if polarity <= 0 and punctuation is not None:
        found["punctuation"] = FrustrationSignal("punctuation", POINTS["punctuation"],
                                                 punctuation.group())
    return TurnFrustration(tuple(found[kind] for kind in POINTS if kind in found))


@cached_detector
def find_acknowledgement(text: str) -> PhraseMatch | None:
    """Find a bot turn acknowledging the customer's feeling, in any of the four languages.

    ``kind`` is ``"empathy"`` when the bot names the feeling or grants the customer is
    right ("I understand how frustrating this is", "entiendo su frustración", "je
    comprends votre agacement", "ich verstehe Ihren Ärger", "you're right") and
    ``"apology"`` when it apologises for the trouble ("I'm sorry for the trouble",
    "lo siento mucho", "toutes nos excuses", "das tut mir leid"). A bare "I
    understand." or "Sorry about that" does not count, and neither does an apology in
    a did-not-understand fallback ("Sorry, I didn't understand that"): that is the
    bot's failure, not the customer's feeling.
    """
    empathy = lexicon.EMPATHY[lexicon.ALL_LANGUAGES].find(text)
    if empathy is not None:
        return empathy
    if find_fallback(text) is not None:
        return None
    return lexicon.APOLOGIES[lexicon.ALL_LANGUAGES].find(text)


@lru_cache(maxsize=1)
def _vader() -> SentimentIntensityAnalyzer:
    """VADER's analyser, built once (it reads its lexicon file)."""
    return SentimentIntensityAnalyzer()


def _sentiment(text: str, language: str) -> tuple[int, str]:
    """-1 for a strongly negative turn, 1 for praise, 0 for neither; and the reading."""
    if language in lexicon.NEGATIVE_WORDS:
        negative = len(lexicon.NEGATIVE_WORDS[language].find_all(text))
        positive = len(lexicon.POSITIVE_WORDS[language].find_all(text))
        reading = f"{negative} negative, {positive} positive words"
        if negative - positive >= NEGATIVE_MARGIN:
            return -1, reading
        return (1 if positive > negative else 0), reading
    # VADER reads English; it also reads a turn in an unidentified language, which is
    # most often English too short to identify.
    compound = float(_vader().polarity_scores(text)["compound"])
    reading = f"VADER compound {compound:.2f}"
    if compound <= NEGATIVE_COMPOUND:
        return -1, reading
    return (1 if compound >= POSITIVE_COMPOUND else 0), reading


def _delight(text: str, match: PhraseMatch, key: str) -> bool:
    """A swear word next to praise in the same clause: "damn good", "putain c'est rapide"."""
    folded = fold(text)
    before = _CLAUSE_BREAK.split(folded[:match.start])[-1]
    after = _CLAUSE_BREAK.split(folded[match.end:])[0]
    near = (" ".join(_TOKEN.findall(before)[-_DELIGHT_TOKENS_BEFORE:]) + " "
            + " ".join(_TOKEN.findall(after)[:_DELIGHT_TOKENS_AFTER]))
    return lexicon.DELIGHT[key].find(near) is not None


def _blank(text: str, matches: list[PhraseMatch]) -> str:
    """`text` with the matched spans replaced by spaces."""
    for match in matches:
        text = text[:match.start] + " " * (match.end - match.start) + text[match.end:]
    return text


def _shouting(text: str, key: str) -> FrustrationSignal | None:
    """A run of capitals that reads as a sentence, or a whole message in capitals."""
    words = _WORD.findall(text)
    function_words = (lexicon.SHOUT_FUNCTION_WORDS.get(key)
                      or frozenset().union(*lexicon.SHOUT_FUNCTION_WORDS.values()))
    capitals = [_is_capitals(word, function_words) for word in words]
    long_words = [w for w in words if len(w) > 1]
    shouted = [w for w in long_words if w.isupper() and w not in lexicon.ACRONYMS]
    if (len(long_words) >= _WHOLE_MESSAGE_WORDS and len(shouted) >= 2
            and all(w.isupper() for w in long_words)
            and sum(len(w) for w in shouted) >= _SHOUT_LETTERS):
        return FrustrationSignal("shouting", 2 * POINTS["shouting"], " ".join(words))
    run: list[str] = []
    for word, is_capital in zip([*words, ""], [*capitals, False], strict=True):
        if is_capital:
            run.append(word)
            continue
        if _shouted_run(run, function_words):
            return FrustrationSignal("shouting", POINTS["shouting"], " ".join(run))
        run = []
    return None


def _is_capitals(word: str, function_words: frozenset[str]) -> bool:
    """A word in capitals: two letters or more, or a one-letter small word ("I", "A")."""
    return word.isupper() and (len(word) > 1 or word in function_words)


def _shouted_run(run: list[str], function_words: frozenset[str]) -> bool:
    """Two or more capitalised words, one a small word, not all acronyms, long enough."""
    if len(run) < 2 or not any(word in function_words for word in run):
        return False
    content = [word for word in run if word not in lexicon.ACRONYMS]
    return len(content) >= 2 and sum(len(word) for word in content) >= _SHOUT_LETTERS
