"""Multilingual phrase detectors shared by the checks."""

from auditor.language.disclosure import (
    find_ai_disclosure,
    find_answer_disclosure,
    find_bot_question,
    find_human_claim,
    find_misleading_label,
    find_self_introduction,
    find_weak_disclosure,
)
from auditor.language.normalise import fold
from auditor.language.patterns import Lexicon, PhraseMatch, is_negated, is_quoted

__all__ = [
    "Lexicon",
    "PhraseMatch",
    "find_ai_disclosure",
    "find_answer_disclosure",
    "find_bot_question",
    "find_human_claim",
    "find_misleading_label",
    "find_self_introduction",
    "find_weak_disclosure",
    "fold",
    "is_negated",
    "is_quoted",
]
