"""presidio's view of a loaded spaCy pipeline: tokens, lemmas and name/place entities.

presidio's own `SpacyNlpEngine` loads pipelines by name and downloads missing ones;
this engine wraps a pipeline that is already loaded (see `pipeline.py`), so nothing
is ever fetched, and it can run only the entity recognizer when lemmas are not
needed. The same artifacts builder serves single texts (`process_text`, used by
presidio's `AnalyzerEngine`) and batches (`annotate`), so both see the same thing.

The same engine class serves the English and the French pipeline; the French model's
labels (PER, LOC) map to the same entity types as the English one's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngine
from spacy.tokens import Doc, Span

from auditor.pii.pipeline import LoadedPipeline

# presidio files every recognizer under a language key; all of ours are filed under
# this one whatever language a text is in (the text's language is in its
# `auditor.pii.context.TextContext`).
LANGUAGE = "en"
NER_SCORE = 0.85
# spaCy labels -> presidio entity types; other labels (dates, money, organisations)
# are not personal data the engine reports.
ENTITY_LABELS = {"PERSON": "PERSON", "PER": "PERSON", "GPE": "LOCATION", "LOC": "LOCATION",
                 "FAC": "LOCATION"}


class PipelineNlpEngine(NlpEngine):
    """An `NlpEngine` over an already loaded pipeline, offline and batch-friendly."""

    def __init__(self, pipeline: LoadedPipeline, *, batch_size: int = 256,
                 n_process: int = 1) -> None:
        self.pipeline = pipeline
        self.batch_size = batch_size
        self.n_process = n_process

    def load(self) -> None:
        """Nothing to do: the pipeline was loaded when the engine was built."""

    def is_loaded(self) -> bool:
        """Always true (see `load`)."""
        return True

    def tokenize(self, text: str) -> Doc:
        """The text split into tokens, with no pipeline component run yet."""
        return self.pipeline.nlp.make_doc(text)

    def annotate(self, docs: Sequence[Doc], *, ner_only: bool) -> Iterator[Doc]:
        """Run the pipeline over tokenized texts in batches.

        With `ner_only`, only the entity recognizer runs: it has its own embedding
        layer and reads no other component's output, so its entities are the same as
        in a full run, at about half the cost.
        """
        nlp = self.pipeline.nlp
        enabled = list(self.pipeline.ner_only) if ner_only else list(nlp.pipe_names)
        with nlp.select_pipes(enable=enabled):
            yield from nlp.pipe(docs, batch_size=self.batch_size, n_process=self.n_process)

    def artifacts(self, doc: Doc) -> NlpArtifacts:
        """presidio's artifacts for an annotated doc.

        A token's lemma falls back to its lower-case form where no lemmatizer ran
        (blank pipeline), which is what context words are compared with anyway.
        """
        entities = [Span(doc, ent.start, ent.end, label=ENTITY_LABELS[ent.label_])
                    for ent in doc.ents if ent.label_ in ENTITY_LABELS]
        return NlpArtifacts(
            entities=entities,
            tokens=doc,
            tokens_indices=[token.idx for token in doc],
            lemmas=[token.lemma_ or token.lower_ for token in doc],
            nlp_engine=self,
            language=LANGUAGE,
            scores=[NER_SCORE] * len(entities),
        )

    def process_text(self, text: str, language: str) -> NlpArtifacts:
        """Run the whole pipeline over one text (presidio's `AnalyzerEngine` path)."""
        return self.artifacts(self.pipeline.nlp(text))

    def process_batch(self, texts: Iterable[str], language: str, batch_size: int = 1,
                      n_process: int = 1, **kwargs: Any) -> Iterator[tuple[str, NlpArtifacts]]:
        """Run the whole pipeline over many texts, in order."""
        for doc in self.pipeline.nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
            yield doc.text, self.artifacts(doc)

    def is_stopword(self, word: str, language: str) -> bool:
        """Whether `word` is a stop word of the pipeline's language."""
        return bool(self.pipeline.nlp.vocab[word].is_stop)

    def is_punct(self, word: str, language: str) -> bool:
        """Whether `word` is punctuation."""
        return bool(self.pipeline.nlp.vocab[word].is_punct)

    def get_supported_entities(self) -> list[str]:
        """The entity types the pipeline yields: names and places, if it has an NER."""
        return sorted(set(ENTITY_LABELS.values())) if self.pipeline.ner else []

    def get_supported_languages(self) -> list[str]:
        """presidio's language key (see `LANGUAGE`)."""
        return [LANGUAGE]
