"""spaCy's stop-word lists, read without importing the language packages they sit in.

`from spacy.lang.fr.stop_words import STOP_WORDS` first runs `spacy/lang/fr/__init__`,
which compiles the French tokenizer exceptions: over two seconds on every audit that
never reads French. Each `stop_words.py` is a self-contained module (one set, no
imports), so it is executed from its file alone; should a spaCy release change
that, the ordinary import is used instead.
"""

from __future__ import annotations

import importlib
import importlib.util
from functools import lru_cache
from pathlib import Path

import spacy


@lru_cache(maxsize=16)
def stop_words(language: str) -> frozenset[str]:
    """spaCy's stop words for an ISO 639-1 `language` code (empty when it has none)."""
    path = Path(spacy.__file__).parent / "lang" / language / "stop_words.py"
    spec = importlib.util.spec_from_file_location(f"_spacy_stop_words_{language}", path)
    if spec is not None and spec.loader is not None and path.is_file():
        module = importlib.util.module_from_spec(spec)
        try:
            spec.loader.exec_module(module)
            return frozenset(module.STOP_WORDS)
        except Exception:  # a list that needs its package: fall back to the real import
            pass
    try:
        return frozenset(importlib.import_module(f"spacy.lang.{language}.stop_words").STOP_WORDS)
    except (ImportError, AttributeError):
        return frozenset()
