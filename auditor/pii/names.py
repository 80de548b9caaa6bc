"""Names and places from the spaCy entity recognizer, trimmed to their name words.

The small models tag support-chat vocabulary ("an AI assistant"), greetings ("Call
John Smith"), shouting ("RIDICULOUS"), brands ("Xbox", "Spotify Premium") and the
pieces of handles, hashtags, links and e-mail addresses ("@AmazonHelp", "#fail",
"https") as names. An entity keeps only the span from its first to its last name word
of the text's language; it is dropped without one, when a word of it is a brand, and
when it lies in a handle, hashtag, link or e-mail address (`in_non_name_zone`). A
person's name in capitals is left to the cue-based recognizer ("my name is JOHN").
"""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from auditor.pii.context import current_context
from auditor.pii.nlp_engine import NER_SCORE
from auditor.pii.vocabulary import name_bounds

RECOGNIZER_NAME = "NameAndPlaceRecognizer"

# Stretches of text that hold no name however they are capitalised: a handle
# ("@AmazonHelp"), a hashtag ("#fail"), a link ("https://example.com/Help",
# "www.example.org", "example.com/Returns") or an e-mail address, whose local part
# the e-mail recognizer already reports.
_NON_NAME_ZONE = re.compile(
    r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"
    r"|(?<![\w@])[@#][\w]+"
    r"|\b(?:https?://|www\.)\S+"
    r"|\b[\w\-]+(?:\.[\w\-]+)*\.(?:com|org|net|io|co|app|ly|gl|me|info|biz|gov|edu)\b(?:/\S*)?",
    re.IGNORECASE)


def in_non_name_zone(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` overlaps a handle, hashtag, link or e-mail address."""
    return any(zone.start() < end and start < zone.end()
               for zone in _NON_NAME_ZONE.finditer(text))


class NameAndPlaceRecognizer(SpacyRecognizer):
    """Names (PERSON) and places (LOCATION) from the spaCy entity recognizer.

    An entity keeps only the span between its first and last name word, and is
    dropped when it has none ("an AI assistant" is not a place), when it names a
    brand, or when it lies in a handle, hashtag, link or e-mail address. Capitals do
    not make a person's name ("URGENT"); they may make a place ("NYC").
    """

    ENTITIES = ["PERSON", "LOCATION"]

    def __init__(self) -> None:
        super().__init__(supported_language="en", supported_entities=list(self.ENTITIES),
                         ner_strength=NER_SCORE, name=RECOGNIZER_NAME)

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """The pipeline's PERSON and LOCATION entities, trimmed to their name words."""
        if nlp_artifacts is None:
            return []
        language = current_context().reading_language
        results: list[RecognizerResult] = []
        for entity, score in zip(nlp_artifacts.entities, nlp_artifacts.scores, strict=True):
            label = entity.label_
            if label not in entities or label not in self.supported_entities:
                continue
            bounds = name_bounds(entity, language, shouting_allowed=label != "PERSON")
            if bounds is None or in_non_name_zone(text, *bounds):
                continue
            results.append(RecognizerResult(
                entity_type=label, start=bounds[0], end=bounds[1], score=score,
                analysis_explanation=self.build_explanation(
                    score, self.DEFAULT_EXPLANATION.format(label)),
                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: RECOGNIZER_NAME,
                                      RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return results
