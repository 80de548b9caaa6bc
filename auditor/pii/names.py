"""Names and places from the spaCy entity recognizer, trimmed to their name words.

The small English model tags support-chat vocabulary ("an AI assistant") and
greetings ("Call John Smith") as parts of entities; an entity keeps only the span
from its first to its last name word, and is dropped without one.
"""

from __future__ import annotations

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from auditor.pii.nlp_engine import NER_SCORE
from auditor.pii.vocabulary import name_bounds

RECOGNIZER_NAME = "NameAndPlaceRecognizer"


class NameAndPlaceRecognizer(SpacyRecognizer):
    """Names (PERSON) and places (LOCATION) from the spaCy entity recognizer.

    An entity keeps only the span between its first and last name word, and is
    dropped when it has none ("an AI assistant" is not a place).
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
        results: list[RecognizerResult] = []
        for entity, score in zip(nlp_artifacts.entities, nlp_artifacts.scores, strict=True):
            label = entity.label_
            if label not in entities or label not in self.supported_entities:
                continue
            bounds = name_bounds(entity)
            if bounds is None:
                continue
            results.append(RecognizerResult(
                entity_type=label, start=bounds[0], end=bounds[1], score=score,
                analysis_explanation=self.build_explanation(
                    score, self.DEFAULT_EXPLANATION.format(label)),
                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: RECOGNIZER_NAME,
                                      RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return results
