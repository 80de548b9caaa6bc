"""A size-bounded text -> result cache, so a long run cannot grow memory without end."""

from __future__ import annotations

from typing import Generic, TypeVar

Value = TypeVar("Value")


class BoundedCache(Generic[Value]):
    """Keeps the most recently stored `capacity` entries; the oldest go first."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._entries: dict[str, Value] = {}

    def get(self, key: str) -> Value | None:
        """The stored value, or None."""
        return self._entries.get(key)

    def put(self, key: str, value: Value) -> None:
        """Store `value`, dropping the oldest entry when full."""
        if key not in self._entries and len(self._entries) >= self.capacity:
            del self._entries[next(iter(self._entries))]
        self._entries[key] = value

    def __len__(self) -> int:
        return len(self._entries)
