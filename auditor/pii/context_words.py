"""Words near a value that confirm what it is: "call" before a number, "address" before a street.

presidio's lemma context enhancer compares the lemmas of non-stop words with context
words by substring. Both hurt these recognizers: spaCy counts "call" as a stop word,
so "call me on 21 212 133 2727" has no context, and "tel" is a substring of the
German and Dutch words for an order ("Bestellung", "bestelling"). `ContextWords`
looks at the words themselves instead, on the value's own line: up to
`WORDS_BEFORE` words before it and `WORDS_AFTER` after it (labels follow numbers in
signatures: "555-0147 (mobile)").

`WordContextMixin` plugs this into presidio's recognizer-level hook,
`enhance_using_context`: a result with a word nearby gains what presidio's enhancer
would give it, and every result is marked as enhanced, so presidio's own enhancer
leaves it alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

__all__ = ["CONTEXT_BOOST", "ContextWords", "WordContextMixin"]

WORDS_BEFORE = 5
WORDS_AFTER = 2
# presidio's defaults: a context word adds 0.35 and lifts a score to at least 0.4.
CONTEXT_BOOST = 0.35
MIN_SCORE_WITH_CONTEXT = 0.4
_WORD = re.compile(r"[^\W_][\w'’.\-]*")


@dataclass(frozen=True, slots=True)
class ContextWords:
    r"""Words or phrases that confirm a value, each a regular expression.

    They are matched case-insensitively, as whole words, against the words near a
    value joined by single spaces: ``("phones?", "call(?:s|ed|ing)?", "national
    insurance", r"\w*adresse")`` (the last one also finds "Lieferadresse").
    """

    words: tuple[str, ...]
    _compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_compiled", re.compile(
            rf"(?<!\w)(?:{'|'.join(self.words)})(?!\w)", re.IGNORECASE))

    def near(self, text: str, start: int, end: int) -> bool:
        """Whether a context word stands just before or after `text[start:end]`."""
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        before = _WORD.findall(text, line_start, start)[-WORDS_BEFORE:]
        after = _WORD.findall(text, end, len(text) if line_end == -1 else line_end)
        return any(self._compiled.search(" ".join(words))
                   for words in (before, after[:WORDS_AFTER]) if words)


class WordContextMixin:
    """presidio's recognizer-level context hook, driven by `context_words`."""

    context_words: ContextWords

    def enhance_using_context(self, text: str, raw_recognizer_results: list[RecognizerResult],
                              other_raw_recognizer_results: list[RecognizerResult],
                              nlp_artifacts: NlpArtifacts | None,
                              context: list[str] | None = None) -> list[RecognizerResult]:
        """Raise the score of each result with a context word nearby; mark all as done."""
        for result in raw_recognizer_results:
            metadata = result.recognition_metadata or {}
            if metadata.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                continue
            if self.context_words.near(text, result.start, result.end):
                result.score = max(min(result.score + CONTEXT_BOOST, 1.0),
                                   MIN_SCORE_WITH_CONTEXT)
            metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] = True
            result.recognition_metadata = metadata
        return raw_recognizer_results
