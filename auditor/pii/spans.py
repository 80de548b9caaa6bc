"""`PiiSpan`: where a personal-data value sits in a text, of which type, how sure."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PiiSpan:
    """One detected value: `text[start:end]` is of `entity_type` with confidence `score`."""

    entity_type: str
    start: int
    end: int
    score: float

    def value(self, text: str) -> str:
        """The raw value in `text`; personal data, so callers must never print it."""
        return text[self.start:self.end]

    def overlaps(self, other: PiiSpan) -> bool:
        """Whether the two spans share at least one character."""
        return self.start < other.end and other.start < self.end
