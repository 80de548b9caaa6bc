"""Whether two customer messages ask for the same thing, in other words or the same ones.

A customer the bot does not help restates the request: "where is my refund", "I
still haven't got my money back", "when do I get the refund??". The words change;
the gist stays. :func:`request_gist` reads a message's gist with the lexicons of
:mod:`auditor.language.restatement_lexicon`: what it is about (subjects), what the
customer wants done (asks), its other content words stemmed with the Snowball
stemmer of its language (stop words removed), its numbers, and whether it adds a
request ("also", "another"). :func:`same_request` compares two gists; it needs no
model and no network.

Two messages ask for different things when one adds a request to the other, they
name different numbers (two order numbers are two orders), both say what they want
and it differs (cancelling is not changing; a parcel that has not come is not one
that came broken), or what they are about differs (a refund is not an invoice, a
subscription is not an order). Otherwise they ask for the same thing when they
report the same specific problem (broken, wrong, missing, charged twice, cannot
pay), ask the same thing about the same subject (or one of them names none), share
a subject and most of their gist, or, naming no subject at all, use nearly the same
content words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

import snowballstemmer  # type: ignore[import-untyped]
from rapidfuzz import fuzz

from auditor.language import restatement_lexicon as lexicon
from auditor.language.normalise import fold
from auditor.language.patterns import cached_detector

__all__ = ["RequestGist", "request_gist", "request_overlap", "same_request"]

# The weighted share of two gists that must be common (see `request_overlap`) when they
# share a subject but not an ask: most of it. On the dev half of
# benchmarks/data/restatements.csv no restatement took this path and one other request
# ("my discount code doesn't work" / "when does the sale start?") scored 0.5.
SAME_SUBJECT_OVERLAP = 0.6
# With neither subject nor ask in common, only nearly the same content words make one
# request (rapidfuzz token-set ratio).
SAME_WORDS_RATIO = 90
_SUBJECT_WEIGHT = 2.0
_CONTEXT_WEIGHT = 1.0


class _ConceptScanner:
    """Finds the concepts of a lexicon table in folded text, in one regex pass.

    Fragments follow the conventions of :mod:`auditor.language.patterns` (a space is
    any whitespace run, " ?" an optional one) and start with a word character. One
    pass over a message, not one per concept, keeps restatements cheap on large
    exports. Matches do not overlap: where fragments of two concepts could match at
    one place the concept listed first wins, except that a fragment listed under
    several concepts reports them all ("instalment": a payment, of a loan).
    """

    def __init__(self, table: Mapping[str, tuple[str, ...]]) -> None:
        names = list(table)
        body = "|".join(f"(?P<c{number}>" + "|".join(_spaced(f) for f in table[name]) + ")"
                        for number, name in enumerate(names))
        # Every fragment starts with a word character, so a match starts at a word start;
        # the end may be a non-word character ("need an ", "too,").
        self._pattern = re.compile(rf"(?<!\w)(?:{body})(?:(?!\w)|(?<=\W))")
        self._names = {f"c{number}": name for number, name in enumerate(names)}
        # A fragment listed under several concepts is found under the first: the others
        # are added to whatever it matches, checked by their own patterns.
        self._also: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {}
        for number, name in enumerate(names):
            shared = [other for other in names[number + 1:]
                      if set(table[name]) & set(table[other])]
            self._also[f"c{number}"] = tuple(
                (other, re.compile("(?:" + "|".join(
                    _spaced(f) for f in set(table[name]) & set(table[other])) + ")"))
                for other in shared)

    def scan(self, folded: str) -> list[tuple[int, int, frozenset[str]]]:
        """Each match's span and the concepts it belongs to."""
        found = []
        for match in self._pattern.finditer(folded):
            if match.end() == match.start():
                continue
            group = match.lastgroup or ""
            concepts = {self._names[group]}
            concepts.update(other for other, pattern in self._also[group]
                            if pattern.fullmatch(folded, match.start(), match.end()))
            found.append((match.start(), match.end(), frozenset(concepts)))
        return found


def _spaced(fragment: str) -> str:
    """A fragment's spaces as whitespace runs (the lexicon convention)."""
    return fragment.replace(" ?", r"\s*").replace(" ", r"\s+")


_SUBJECTS = _ConceptScanner(lexicon.SUBJECTS)
_ASKS = _ConceptScanner(lexicon.ASKS)
_ADDITIVE = _ConceptScanner({"additive": lexicon.ADDITIVE})
_WORD = re.compile(r"[^\W\d_]+")
_NUMBER = re.compile(r"\d+")
# English first, so that it wins a tie.
_LANGUAGE_ORDER = ("en", *(language for language in lexicon.STOP_WORDS if language != "en"))
_STOP_LANGUAGES: Mapping[str, tuple[str, ...]] = MappingProxyType({
    word: tuple(language for language in _LANGUAGE_ORDER if word in lexicon.STOP_WORDS[language])
    for word in frozenset().union(*lexicon.STOP_WORDS.values())})
_STEMMER_NAMES: Mapping[str, str] = MappingProxyType(
    {"en": "english", "es": "spanish", "fr": "french", "de": "german"})


@dataclass(frozen=True, slots=True)
class RequestGist:
    """What a customer message asks for, as sets that two messages can compare."""

    subjects: frozenset[str]
    asks: frozenset[str]
    words: frozenset[str]
    numbers: frozenset[str]
    additive: bool

    @property
    def empty(self) -> bool:
        """True when the message carries no request at all ("ok", "hello?")."""
        return not (self.subjects or self.asks or self.words)


@cached_detector
def request_gist(text: str) -> RequestGist:
    """Read the gist of one customer message (cached: runs ask about the same turns)."""
    folded = fold(text)
    subjects = _SUBJECTS.scan(folded)
    asks = _ASKS.scan(folded)
    covered = [(start, end) for start, end, _ in (*subjects, *asks)]
    tokens = [(m.start(), m.group()) for m in _WORD.finditer(folded)]
    language = _language(token for _, token in tokens)
    stop = lexicon.STOP_WORDS[language]
    free = [token for start, token in tokens
            if token not in stop and len(token) > 1
            and not any(begin <= start < end for begin, end in covered)]
    return RequestGist(
        subjects=frozenset().union(*(concepts for _, _, concepts in subjects)),
        asks=frozenset().union(*(concepts for _, _, concepts in asks)),
        words=frozenset(_stem(language, token) for token in free),
        numbers=frozenset(_NUMBER.findall(folded)),
        additive=bool(_ADDITIVE.scan(folded)))


def request_overlap(a: RequestGist, b: RequestGist) -> float:
    """The weighted share of two gists they have in common, from 0.0 to 1.0.

    A weighted Jaccard index over subjects (weight 2 for a subject that names the
    request, 1 for one that only sets the scene, such as "order"), asks and stemmed
    content words (weight 1 each).
    """
    def weight(items: frozenset[str]) -> float:
        return sum(_CONTEXT_WEIGHT if item in lexicon.CONTEXT_SUBJECTS else _SUBJECT_WEIGHT
                   for item in items)

    shared = weight(a.subjects & b.subjects) + len(a.asks & b.asks) + len(a.words & b.words)
    union = weight(a.subjects | b.subjects) + len(a.asks | b.asks) + len(a.words | b.words)
    return shared / union if union else 0.0


def same_request(first: str, second: str) -> bool:
    """Whether two customer messages ask for the same thing (see the module docstring)."""
    a, b = request_gist(first), request_gist(second)
    if a.empty or b.empty or a.additive != b.additive:
        return False
    if a.numbers and b.numbers and not a.numbers & b.numbers:
        return False  # two order numbers are two orders
    shared_ask = a.asks & b.asks
    if a.asks and b.asks and not shared_ask:
        return False  # cancelling is not changing
    if not _subjects_agree(a.subjects, b.subjects):
        return False  # a refund is not an invoice; a subscription is not an order
    if shared_ask and (shared_ask & lexicon.DISTINCT_ASKS or a.subjects & b.subjects
                       or not a.subjects or not b.subjects):
        return True  # the same problem, or the same ask about the same thing
    if a.subjects & b.subjects:
        return request_overlap(a, b) >= SAME_SUBJECT_OVERLAP
    return (not a.subjects and not b.subjects and len(a.words | b.words) >= 2
            and fuzz.token_set_ratio(" ".join(sorted(a.words)),
                                     " ".join(sorted(b.words))) >= SAME_WORDS_RATIO)


def _subjects_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Named subjects on both sides are shared, and a named subject on one side facing
    only scene-setting ones on the other shares one of them: "my subscription" / "my
    order" are two things, "my loan payment" / "the payment" one."""
    named_a, named_b = a - lexicon.CONTEXT_SUBJECTS, b - lexicon.CONTEXT_SUBJECTS
    if named_a and named_b:
        return bool(named_a & named_b)
    if (named_a and b) or (named_b and a):
        return bool(a & b)
    return True


def _language(tokens: Iterable[str]) -> str:
    """The language whose stop words the message uses most (English on a tie)."""
    counts = dict.fromkeys(_LANGUAGE_ORDER, 0)
    for token in tokens:
        for language in _STOP_LANGUAGES.get(token, ()):
            counts[language] += 1
    return max(_LANGUAGE_ORDER, key=counts.__getitem__)


@lru_cache(maxsize=65536)
def _stem(language: str, word: str) -> str:
    """A word's Snowball stem in `language` (cached: vocabularies repeat)."""
    return str(_stemmer(language).stemWord(word))


@lru_cache(maxsize=4)
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(_STEMMER_NAMES[language])
