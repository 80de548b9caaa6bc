"""Names the small models miss (or that have no model at all), found by the words around them.

A capitalised name right after "my name is", a title ("Ms. Okafor"), a relation
("my partner Kendra Vida"), a greeting ("Hi Dana,"), a self-introduction ("this is
Sam, my order..."), a role ("agent Tom"), a sign-off ("Regards, Lena"), a name field
("Name: Jo Park"), a conversation partner ("ask for Priya"), an agent ("approved by
Lena Hart"), a possessive relation ("Sumaya's kid"), a verb only people take
("Filip lives on ...") or a recipient ("send Priya my receipt"). Spans cover the
name only, never the cue. After the strongest cues ("my name is john") and as a
recipient ("given shamhan his address") a lower-case name counts too, as chat users
often write without capitals, and after "my name is" a name in capitals as well.

The cues of the text's language (`current_context().language`: Spanish "me llamo",
French "je m'appelle", German "ich heiße", Italian, Portuguese, Dutch, Polish) apply,
and in a text of another language the unambiguous English ones as well ("my name
is", titles, greetings, name fields, signatures: people mix English into any chat).
They are the only names found where no pipeline reads the language.

Names alone on a line are found in two places: a signature closing a message ("— Dana
K.", "...let us know! -Anna"), and a customer's message that answers a question for
their name (`asks_for_name`; "Crystal Minh" after "What's your name?"), which the
conversation marks in the text's context.

A staff member introducing themself ("this is Dana from billing", "Omar here from
support") gives a name that is not the customer's: the "self introduction" cue stops
short of those, and `auditor.pii.settings` allow-lists them. `self_introduced_name`
finds the name a speaker gives as their own, for a conversation's staff names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult

from auditor.language.disclosure import find_self_introduction
from auditor.language.normalise import fold
from auditor.pii.context import DEFAULT_LANGUAGE, current_context
from auditor.pii.name_cue_lexicon import (
    AFTER_VOCATIVE,
    ANSWER_CUES,
    CUES_BY_LANGUAGE,
    ENGLISH_CUES,
    ENGLISH_CUES_ELSEWHERE,
    LOWER_CASE_CUES,
    NAME_REQUEST,
    STAFF_INTRODUCTION_PATTERN,
    STAFF_NAMES,
    VOCATIVE_CUE,
)
from auditor.pii.names import in_non_name_zone
from auditor.pii.vocabulary import is_brand_like, is_name_word

__all__ = [
    "STAFF_INTRODUCTION_PATTERN",
    "NameCueRecognizer",
    "asks_for_name",
    "could_hold_cued_name",
    "is_vocative",
    "name_word_bounds",
    "self_introduced_name",
    "staff_names_in",
]

RECOGNIZER_NAME = "NameCueRecognizer"

_WORD = re.compile(r"(?:[^\W\d_]|['’\-.])+")
# Lower-case words in these shapes are verbs and adverbs, not names: "my name is
# spelled wrong".
_NOT_A_LOWER_NAME = re.compile(r"(?:ed|ing|ly)$")

# Opening words of a demonstrative introduction in `auditor.language.disclosure`'s
# lexicon (folded text), and what may follow the name for it to be the speaker's.
_DEMONSTRATIVE = re.compile(r"(?:this is|it's|it is|c'est|ici|aqui|habla|hier ist)\b")
_CLOSES_INTRODUCTION = re.compile(
    r"\s*(?:[,.!;:\-\u2013\u2014]|$|(?:from|here|speaking|de|del|du|vom|von|aus)\b)")
_SENTENCE_END = re.compile(r"[.!?\n]")


def is_vocative(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` is the name of the person a greeting or thanks
    addresses ("Thanks Marcus!", "Hi Dana, my order...")."""
    return (VOCATIVE_CUE.search(text, max(0, start - 40), start) is not None
            and AFTER_VOCATIVE.match(text, end) is not None)


def asks_for_name(text: str) -> bool:
    """Whether `text` asks for the reader's name ("What's your name?", "¿Cómo te
    llamas?", "Quel est votre nom ?", "Wie heißen Sie?")."""
    return NAME_REQUEST.search(fold(text)) is not None


def self_introduced_name(text: str) -> tuple[int, int] | None:
    """Where the writer of `text` gives the name they introduce themselves with, or None.

    The introduction is one `find_self_introduction` recognises ("I'm Emma", "my name
    is Emma", "Emma here", "this is Emma from support", and their Spanish, French and
    German forms). "I" is the writer, but a demonstrative can point at someone else, so
    "this is Emma" counts only as a statement that closes on the name or goes on "from
    ..." ("this is Mara Lindqvist, right?" and "it's Mara Lindqvist on the account"
    name a customer). A possessive ("John's") is an owner.
    """
    match = find_self_introduction(text)
    if match is None:
        return None
    start = text.find(match.kind, match.start, match.end)
    if start < 0 or fold(match.kind).endswith("'s"):
        return None
    end = start + len(match.kind)
    if _DEMONSTRATIVE.match(fold(match.phrase)):
        sentence_end = _SENTENCE_END.search(text, end)
        if (sentence_end is not None and sentence_end.group() == "?") \
                or not _CLOSES_INTRODUCTION.match(fold(text), end):
            return None
    return start, end


def staff_names_in(text: str) -> list[str]:
    """Names `text` gives as a staff member's: "Dana from billing", "you're chatting
    with Priya" (what `STAFF_INTRODUCTION_PATTERN` allow-lists)."""
    return [match.group("introduced") or match.group("told")
            for match in STAFF_NAMES.finditer(text)]


def could_hold_cued_name(text: str) -> bool:
    """Whether any cue pattern could match: a capital letter, a lower-case cue word, or
    a message answering a question for a name."""
    return (any(char.isupper() for char in text)
            or LOWER_CASE_CUES.search(text) is not None
            or current_context().answers_name_request)


def name_word_bounds(text: str, start: int, end: int,
                     language: str = DEFAULT_LANGUAGE) -> tuple[int, int] | None:
    """Bounds of `text[start:end]` from its first to its last name word, if any."""
    words = [match for match in _WORD.finditer(text, start, end)
             if is_name_word(match.group().strip(".'’-"), language)]
    if not words:
        return None
    return words[0].start(), words[-1].end()


class _CueSet(PatternRecognizer):
    """One language's cue patterns; matches without a name word are invalid."""

    def __init__(self, language: str, cues: Sequence[tuple[str, str, float]]) -> None:
        self.language = language
        # Case matters for names, so the default IGNORECASE flag is off; cues that
        # ignore case say so inline. (presidio compiles with the `regex` module, whose
        # flag values are those of `re`; the patterns use its \p{..} classes.)
        super().__init__(
            supported_entity="PERSON", name=f"{RECOGNIZER_NAME}[{language}]",
            patterns=[Pattern(name, pattern, score) for name, pattern, score in cues],
            global_regex_flags=re.MULTILINE)

    def invalidate_result(self, pattern_text: str) -> bool:
        """No name word at all ("Thanks Again"), a brand, or a lower-case phrase that is
        no name ("my name is spelled wrong")."""
        language = current_context().reading_language
        words = [word.strip(".,'’-") for word in pattern_text.split()]
        words = [word for word in words if word]
        if any(is_brand_like(word) for word in words):
            return True
        if pattern_text.islower():
            return not all(_is_name_word(word, language, self.language)
                           and not _NOT_A_LOWER_NAME.search(word) for word in words)
        return not any(_is_name_word(word, language, self.language) for word in words)


def _is_name_word(word: str, *languages: str) -> bool:
    """A name word in every one of `languages` (the text's and the cue's)."""
    return all(is_name_word(word, language) for language in languages)


class NameCueRecognizer(EntityRecognizer):
    """PERSON names after (or before) the words that introduce a person, in the
    text's language and in English."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["PERSON"], name=RECOGNIZER_NAME)
        self._cue_sets = {language: _CueSet(language, cues)
                          for language, cues in CUES_BY_LANGUAGE.items()}
        self._english_elsewhere = _CueSet(DEFAULT_LANGUAGE, [
            cue for cue in ENGLISH_CUES if cue[0] in ENGLISH_CUES_ELSEWHERE])
        self._answer = _CueSet("answer", ANSWER_CUES)

    def load(self) -> None:
        """Nothing to load: the patterns are compiled when first used."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        """Matches of the applicable cues, trimmed to their name words ("My Friend Filip"
        -> "Filip"), outside handles, links and e-mail addresses."""
        context = current_context()
        language = context.reading_language
        if language == DEFAULT_LANGUAGE:
            cue_sets = [self._cue_sets[DEFAULT_LANGUAGE]]
        else:
            cue_sets = [self._english_elsewhere]
            if language in self._cue_sets:
                cue_sets.append(self._cue_sets[language])
        if context.answers_name_request:
            cue_sets.append(self._answer)
        results: list[RecognizerResult] = []
        for cue_set in cue_sets:
            for found in cue_set.analyze(text, entities, nlp_artifacts, regex_flags):
                bounds = name_word_bounds(text, found.start, found.end, language)
                if bounds is None or in_non_name_zone(text, *bounds):
                    continue
                results.append(RecognizerResult(
                    entity_type="PERSON", start=bounds[0], end=bounds[1], score=found.score,
                    analysis_explanation=found.analysis_explanation,
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: RECOGNIZER_NAME,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return EntityRecognizer.remove_duplicates(results)
