"""How much of one record a reader keeps: the policy's `max-record-bytes` and
`max-nesting`, and the reasons a record over either limit is skipped with.

Every reader (JSON lines, CSV rows, JSON array items, whole JSON documents, JSON packed
into a field) holds at most one record of `max_record_bytes` plus a read-ahead chunk:
a longer record is read past without being kept, and skipped at its line. JSON nested
deeper than `max_nesting` is skipped before it is parsed, so no parser and no walker
of the parsed value recurses past Python's own limit.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_MAX_NESTING", "DEFAULT_MAX_RECORD_BYTES", "MAX_NESTING_CEILING",
           "ReadLimits", "byte_size"]

# Ten times the largest real export record we know of (a long chat as one Genesys or
# Rasa document is well under 1 MB), small enough to hold one per file being read.
DEFAULT_MAX_RECORD_BYTES = 10 * 2**20
# Real exports nest a dozen levels; 512 leaves room for any of them and for the
# parser and the walkers of the parsed value below Python's recursion limit (1000).
DEFAULT_MAX_NESTING = 512
# The highest `max-nesting` a policy may set, with the same margin below that limit.
MAX_NESTING_CEILING = 800


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """The most one record may hold: its bytes (UTF-8) and its JSON nesting depth."""

    max_record_bytes: int = DEFAULT_MAX_RECORD_BYTES
    max_nesting: int = DEFAULT_MAX_NESTING

    @property
    def too_long(self) -> str:
        """The reason a record over `max_record_bytes` is skipped with."""
        return (f"record longer than the {byte_size(self.max_record_bytes)} limit "
                "(`max-record-bytes` in the policy)")

    @property
    def too_deep(self) -> str:
        """The reason a record nested deeper than `max_nesting` is skipped with."""
        return (f"nested too deeply: more than {self.max_nesting} levels "
                "(`max-nesting` in the policy)")


def byte_size(count: int) -> str:
    """A byte count as people write it: `10 MB`, `1 KB`, `1,500 bytes`."""
    for unit, size in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10)):
        if count >= size and count % size == 0:
            return f"{count // size} {unit}"
    return f"{count:,} bytes"
