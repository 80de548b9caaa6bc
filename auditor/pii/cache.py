"""A size-bounded text -> result cache, so a long run cannot grow memory without end."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, Generic, TypeVar

Value = TypeVar("Value")
Key = TypeVar("Key", bound=Hashable)


class BoundedCache(Generic[Value]):
    """Keeps the most recently stored `capacity` entries; the oldest go first."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._entries: dict[Hashable, Value] = {}
        # How many values were ever stored: `stored_since` finds the recent ones by it.
        self.stores = 0

    def get(self, key: Hashable) -> Value | None:
        """The stored value, or None."""
        return self._entries.get(key)

    def put(self, key: Hashable, value: Value) -> None:
        """Store `value`, dropping the oldest entry when full."""
        if key not in self._entries and len(self._entries) >= self.capacity:
            del self._entries[next(iter(self._entries))]
        self._entries[key] = value
        self.stores += 1

    def clear(self) -> None:
        """Forget every entry (`stores` goes on counting)."""
        self._entries.clear()

    def stored_since(self, stores: int) -> list[tuple[Any, Value]]:
        """The entries stored since `self.stores` was `stores` (the newest are last; a
        value stored again under a key it had may bring along a few older entries)."""
        recent = min(self.stores - stores, len(self._entries))
        if recent <= 0:
            return []
        items = list(self._entries.items())
        return items[len(items) - recent:]

    def __len__(self) -> int:
        return len(self._entries)


# What a `KeyedCache` stored since a mark, by reading key, as carried between processes
# (`auditor.pii.warm_state`).
Learned = list[tuple[Key, list[tuple[str, Value]]]]


class KeyedCache(Generic[Key, Value]):
    """Results of texts read under reading keys (a language and a region, say), the
    most recently stored `capacity` of them kept over all keys: one budget, however an
    input's texts spread over its languages and regions, and none of them squeezed
    when another is read more."""

    def __init__(self, capacity: int) -> None:
        self._entries: BoundedCache[Value] = BoundedCache(capacity)

    def get(self, key: Key, text: str) -> Value | None:
        """The result stored for `text` read with `key`, or None."""
        return self._entries.get((key, text))

    def put(self, key: Key, text: str, value: Value) -> None:
        """Store a result, dropping the oldest entry when full."""
        self._entries.put((key, text), value)

    def clear(self) -> None:
        """Forget every result."""
        self._entries.clear()

    def mark(self) -> int:
        """Where the cache stands now, for `learned_since`."""
        return self._entries.stores

    def learned_since(self, mark: int) -> Learned[Key, Value]:
        """The results stored since `mark()` returned `mark`, by key."""
        by_key: dict[Key, list[tuple[str, Value]]] = {}
        for (key, text), value in self._entries.stored_since(mark):
            by_key.setdefault(key, []).append((text, value))
        return list(by_key.items())

    def learn(self, learned: Learned[Key, Value]) -> None:
        """Store what `learned_since` returned (in another process)."""
        for key, entries in learned:
            for text, value in entries:
                self.put(key, text, value)

    def __len__(self) -> int:
        return len(self._entries)
