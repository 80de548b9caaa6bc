"""Generic phrase-lexicon machinery: compiled lexicons, matches and exclusion contexts.

A :class:`Lexicon` is a set of regular-expression fragments per language, all of
one ``kind``. It is compiled once, matched on the folded text (see
:mod:`auditor.language.normalise`) with word boundaries on both sides, and
reports :class:`PhraseMatch` objects whose spans and phrases refer to the
original text. Two context helpers, :func:`is_negated` and :func:`is_quoted`,
let a lexicon drop matches that are negated ("I'm *not* a bot") or that repeat
someone else's words ("you asked 'are you a bot?'").

Fragment conventions: fragments are written against folded text (lower case,
no accents, straight quotes); a literal space matches any run of whitespace and
``" ?"`` an optional one, so write ``"are you"`` rather than ``"are\\s+you"`` and
``"chat ?bot"`` for "chatbot" or "chat bot". Do not put spaces inside character
classes; use ``\\s`` there.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import ParamSpec, TypeVar, cast

from auditor.language.normalise import fold

__all__ = [
    "DETECTOR_CACHE_SIZE",
    "Lexicon",
    "PhraseMatch",
    "cached_detector",
    "is_negated",
    "is_quoted",
    "leftmost",
    "typo_tolerant",
]


_P = ParamSpec("_P")
_R = TypeVar("_R")

# Texts each detector remembers. The checks of a run ask about the same turns many
# times, and bot replies repeat across conversations; a few thousand conversations'
# texts, so that a long input's memory stays flat (a detector is a few regular
# expressions: a text asked about again long after costs little).
DETECTOR_CACHE_SIZE = 16_384


def cached_detector(detector: Callable[_P, _R]) -> Callable[_P, _R]:
    """Remember a detector's answers by text (an LRU cache of `DETECTOR_CACHE_SIZE`).

    Detectors are pure functions of the text and return frozen matches, so a shared
    result is safe. The cast keeps the detector's own signature, which the cache
    wrapper's type would erase.
    """
    return cast("Callable[_P, _R]", functools.lru_cache(maxsize=DETECTOR_CACHE_SIZE)(detector))


@dataclass(frozen=True)
class PhraseMatch:
    """One lexicon hit, located in the original (unfolded) text.

    ``phrase`` is ``text[start:end]`` of the text that was searched; ``kind``
    says what was found (the lexicon's kind, or a detector-specific label) and
    ``language`` which language's fragments matched.
    """

    kind: str
    phrase: str
    start: int
    end: int
    language: str


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Regex fragments of one ``kind``, keyed by language, compiled once.

    :param kind: copied into every :class:`PhraseMatch` the lexicon reports.
    :param fragments: ``{language: [fragment, ...]}``; fragments follow the
        conventions in the module docstring.
    :param reject_negated: drop matches preceded by a negation in the same
        clause (see :func:`is_negated`). Leave it off for fragments that
        contain their own negation, such as "not a real person".
    :param reject_quoted: drop matches inside quotation marks or reported
        speech (see :func:`is_quoted`).
    """

    kind: str
    fragments: Mapping[str, Sequence[str]]
    reject_negated: bool = False
    reject_quoted: bool = True
    # Compiled on first use, not at import: some lexicons are large, and a command that
    # reads no text (help, listing checks) should not pay for them.
    _compiled: tuple[tuple[str, re.Pattern[str]], ...] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def _patterns(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        if self._compiled is None:
            compiled = tuple(
                (language, _compile(fragments))
                for language, fragments in self.fragments.items()
            )
            object.__setattr__(self, "_compiled", compiled)
        assert self._compiled is not None
        return self._compiled

    def find_all(self, text: str) -> list[PhraseMatch]:
        """Return every accepted, non-overlapping match, ordered by position.

        Where matches of different languages overlap, the one that starts first
        (then the longer one) wins.
        """
        folded = fold(text)
        candidates: list[PhraseMatch] = []
        for language, pattern in self._patterns():
            for hit in pattern.finditer(folded):
                start, end = hit.span()
                if start == end or not self._accepts(text, folded, start, end):
                    continue
                candidates.append(PhraseMatch(self.kind, text[start:end], start, end, language))
        return _drop_overlaps(candidates)

    def find(self, text: str) -> PhraseMatch | None:
        """Return the leftmost accepted match in ``text``, or ``None``."""
        matches = self.find_all(text)
        return matches[0] if matches else None

    def _accepts(self, text: str, folded: str, start: int, end: int) -> bool:
        if self.reject_negated and is_negated(folded, start):
            return False
        return not (self.reject_quoted and is_quoted(text, start, end))


def leftmost(matches: Iterable[PhraseMatch | None]) -> PhraseMatch | None:
    """Return the earliest (then longest) of several optional matches."""
    present = [match for match in matches if match is not None]
    if not present:
        return None
    return min(present, key=lambda match: (match.start, match.start - match.end))


def typo_tolerant(word: str) -> str:
    """Return a regex fragment for ``word`` that tolerates common chat typos.

    Every letter may be repeated ("robooot"). Words of five letters or more
    also accept one dropped letter (not the first) or one swap of adjacent
    letters ("humna", "robt", "persn"). Variants that are themselves ordinary
    words are excluded, because matching them would turn a typo allowance into
    a false positive ("root" is a dropped-letter variant of "robot").
    """
    variants = {word}
    if len(word) >= 5:
        variants.update(word[:i] + word[i + 1 :] for i in range(1, len(word)))
        variants.update(
            word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)
        )
    variants -= _REAL_WORD_VARIANTS
    variants.add(word)
    ordered = sorted(variants, key=lambda variant: (-len(variant), variant))
    return "(?:" + "|".join(_repeatable(variant) for variant in ordered) + ")"


# Dropped-letter variants of lexicon words that are real words in the same slot:
# "root" (robot), "taking" (talking), "tying" (typing).
_REAL_WORD_VARIANTS = frozenset({"root", "taking", "tying"})


def _repeatable(variant: str) -> str:
    return "".join(re.escape(char) + "+" if char.isalpha() else re.escape(char) for char in variant)


def _spaces_to_regex(fragment: str) -> str:
    # " ?" is an optional space and becomes any (possibly empty) whitespace run;
    # every other space becomes a non-empty whitespace run.
    return fragment.replace(" ?", r"\s*").replace(" ", r"\s+")


def _compile(fragments: Sequence[str]) -> re.Pattern[str]:
    body = "|".join("(?:" + _spaces_to_regex(fragment) + ")" for fragment in fragments)
    # Word boundaries apply only on the sides where the fragment itself starts or
    # ends with a word character, so a fragment may also begin at ", not a human".
    return re.compile(rf"(?:(?<!\w)|(?=\W))(?:{body})(?:(?!\w)|(?<=\W))")


def _drop_overlaps(matches: list[PhraseMatch]) -> list[PhraseMatch]:
    kept: list[PhraseMatch] = []
    for match in sorted(matches, key=lambda m: (m.start, m.start - m.end)):
        if not kept or match.start >= kept[-1].end:
            kept.append(match)
    return kept


# --- exclusion contexts -------------------------------------------------------

# Negators per language, as folded tokens. "no" is special-cased below.
# English, then Spanish, French ("n'" elisions are handled by prefix) and German.
_NEGATORS = frozenset(
    """
    not never no nor cannot neither dont doesnt isnt arent aint wasnt werent cant wont didnt
    nothing
    nunca jamas ni tampoco
    ne pas jamais aucun aucune
    nicht kein keine keinen keinem keiner keines nie niemals
    """.split()
)
# A negator directly followed by one of these limits rather than negates:
# "I'm not just a bot" still says the speaker is a bot.
_LIMITERS = frozenset({"just", "only", "merely", "simply", "solo", "seulement", "nur", "bloss"})
# Sentence-initial English "no" followed by a subject is an answer particle
# ("no I'm a real person"), not a negation of what follows.
_SUBJECTS_AFTER_ANSWER_NO = frozenset("i i'm im you you're we it it's this".split())
_NEW_CLAUSE_SUBJECTS = frozenset("i i'm im i'll i've ive we we're we'll".split())
_CLAUSE_BREAK = re.compile(r"[.;:!?,\"()\n]|\b(?:but|pero|sino|mais|aber|sondern|though)\b")
_TOKEN = re.compile(r"[\w']+")


def is_negated(folded_text: str, start: int, window: int = 4) -> bool:
    """Tell whether a negation governs the phrase that starts at ``start``.

    Looks at up to ``window`` tokens before ``start`` in the same clause of the
    *folded* text (a clause ends at punctuation or at "but", "pero", "mais",
    "aber"...). Recognises not/never/no/n't, Spanish no/nunca/ni, French
    ne/n'/pas/jamais and German nicht/kein*/nie. "not just a bot" is not a
    negation, nor is an answer "no" followed by a subject ("no I'm human"), nor a
    negation followed by a new first-person subject ("if it isn't fixed I'm
    going to sue").
    """
    clause = folded_text[:start]
    breaks = list(_CLAUSE_BREAK.finditer(clause))
    if breaks:
        clause = clause[breaks[-1].end() :]
    tokens = _TOKEN.findall(clause)[-window:]
    first_of_phrase = _TOKEN.match(folded_text, start)
    tokens.append(first_of_phrase.group() if first_of_phrase else "")
    for index, token in enumerate(tokens[:-1]):
        following = tokens[index + 1]
        if not _is_negator(token) or following in _LIMITERS:
            continue
        if token == "no" and following in _SUBJECTS_AFTER_ANSWER_NO:
            continue
        # A first-person subject after the negator opens a new clause that the
        # negation does not reach: "if it isn't refunded I'm going to sue".
        if any(later in _NEW_CLAUSE_SUBJECTS for later in tokens[index + 1:-1]):
            continue
        return True
    return False


def _is_negator(token: str) -> bool:
    return token in _NEGATORS or token.endswith("n't") or token.startswith("n'")


# Verbs that introduce someone else's words, in the second person (the speaker
# repeating the customer) or impersonal ("the question was whether...").
_REPORTED_SPEECH = re.compile(
    r"\b(?:"
    r"you (?:just |have |had )?(?:asked|said|wrote|typed|mentioned|wondered|wanted to know)"
    r"|(?:you're|you are) asking|asked (?:me )?(?:if|whether)|the question (?:was|is)"
    r"|(?:me )?(?:dijiste|preguntaste|escribiste)|me preguntas|(?:usted )?(?:pregunto|dijo) si"
    r"|vous (?:m'avez|avez) (?:demande|dit|ecrit)|tu (?:m'as|as) (?:demande|dit|ecrit)"
    r"|vous demandez|tu demandes"
    r"|sie (?:fragten|sagten|schrieben|wollten wissen|haben (?:gefragt|gesagt|geschrieben))"
    r"|du (?:fragtest|sagtest|hast (?:gefragt|gesagt|geschrieben)|wolltest wissen)"
    r")\b"
)
_SENTENCE_END = re.compile(r"[.!?\n]\s")
# Punctuation that closes the reported clause: "you said something, am I talking to
# a robot" asks a new question after the comma.
_CLAUSE_END = re.compile(r"[.!?;,\n]")
# A title is quoted even without quotation marks: "play my playlist named are you a bot".
_TITLE_INTRO = re.compile(r"\b(?:named|called|titled|entitled)\s*[:\-]?\s*$")


def is_quoted(text: str, start: int, end: int) -> bool:
    """Tell whether ``text[start:end]`` repeats someone else's words.

    True when the span lies inside quotation marks (straight, curly, or
    guillemets; a single quote counts only when it opens after a space and
    closes before one, so apostrophes in "I'm" are not quotes), or when the
    same clause introduces it as reported speech ("you asked whether...",
    "dijiste que...", "vous avez demandé si...", "Sie fragten, ob..."), or when it
    is a title ("a playlist named are you a bot").
    """
    folded = fold(text)
    if any(q_start <= start and end <= q_end for q_start, q_end in _quoted_regions(folded)):
        return True
    if _TITLE_INTRO.search(folded, 0, start):
        return True
    sentence_start = 0
    for boundary in _SENTENCE_END.finditer(folded, 0, start):
        sentence_start = boundary.end()
    for verb in _REPORTED_SPEECH.finditer(folded, sentence_start, start):
        # The reported words follow the verb, optionally after ", " or ": "
        # ("Sie fragten, ob..."), and end at the next clause break.
        between = folded[verb.end() : start].lstrip(" ,:")
        if not _CLAUSE_END.search(between):
            return True
    return False


def _quoted_regions(folded: str) -> list[tuple[int, int]]:
    regions: list[tuple[int, int]] = []
    opened: int | None = None
    for index, char in enumerate(folded):
        if char == '"':
            if opened is None:
                opened = index
            else:
                regions.append((opened, index + 1))
                opened = None
    if opened is not None:
        # An unclosed double quote quotes the rest of the text.
        regions.append((opened, len(folded)))
    regions.extend(_single_quoted_regions(folded))
    return regions


def _single_quoted_regions(folded: str) -> list[tuple[int, int]]:
    regions: list[tuple[int, int]] = []
    opened: int | None = None
    for index, char in enumerate(folded):
        if char != "'":
            continue
        before = folded[index - 1] if index else " "
        after = folded[index + 1] if index + 1 < len(folded) else " "
        if opened is None and not before.isalnum() and not after.isspace():
            opened = index
        elif opened is not None and not before.isspace() and not after.isalnum():
            regions.append((opened, index + 1))
            opened = None
    return regions
