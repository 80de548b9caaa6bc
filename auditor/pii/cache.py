"""A size-bounded text -> result cache, so a long run cannot grow memory without end."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from typing import Generic, TypeVar

Value = TypeVar("Value")
Key = TypeVar("Key", bound=Hashable)


class BoundedCache(Generic[Value]):
    """Keeps the most recently stored `capacity` entries; the oldest go first."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._entries: dict[str, Value] = {}
        # How many values were ever stored: `stored_since` finds the recent ones by it.
        self.stores = 0

    def get(self, key: str) -> Value | None:
        """The stored value, or None."""
        return self._entries.get(key)

    def put(self, key: str, value: Value) -> None:
        """Store `value`, dropping the oldest entry when full."""
        if key not in self._entries and len(self._entries) >= self.capacity:
            del self._entries[next(iter(self._entries))]
        self._entries[key] = value
        self.stores += 1

    def shrink_to(self, capacity: int) -> None:
        """Keep at most `capacity` entries from now on, the oldest dropped first."""
        self.capacity = capacity
        while len(self._entries) > capacity:
            del self._entries[next(iter(self._entries))]

    def stored_since(self, stores: int) -> list[tuple[str, Value]]:
        """The entries stored since `self.stores` was `stores` (the newest are last; a
        value stored again under a key it had may bring along a few older entries)."""
        recent = min(self.stores - stores, len(self._entries))
        if recent <= 0:
            return []
        items = list(self._entries.items())
        return items[len(items) - recent:]

    def __len__(self) -> int:
        return len(self._entries)


# A set of caches (one per reading key) and what they stored since a mark, as carried
# between processes (`auditor.pii.warm_state`).
Learned = list[tuple[Key, list[tuple[str, Value]]]]


def cache_for(caches: dict[Key, BoundedCache[Value]], key: Key,
              total: int) -> BoundedCache[Value]:
    """The cache of `key` among `caches`, made when first asked for. Together they keep
    at most `total` entries, shared evenly: a new key's cache shrinks the others, so
    an input read in many languages and regions does not hold `total` results each."""
    cache = caches.get(key)
    if cache is None:
        cache = caches[key] = BoundedCache(total)
        share = max(1, total // len(caches))
        for each in caches.values():
            each.shrink_to(share)
    return cache


def marks_of(caches: Mapping[Key, BoundedCache[Value]]) -> dict[Key, int]:
    """Where each of `caches` stands now, for `learned_since`."""
    return {key: cache.stores for key, cache in caches.items()}


def learned_since(caches: Mapping[Key, BoundedCache[Value]],
                  marks: Mapping[Key, int]) -> Learned[Key, Value]:
    """The entries `caches` stored since `marks_of` returned `marks`, by cache."""
    return [(key, entries) for key, cache in caches.items()
            if (entries := cache.stored_since(marks.get(key, 0)))]


def learn(cache_for: Callable[[Key], BoundedCache[Value]], learned: Learned[Key, Value]) -> None:
    """Store what `learned_since` returned (in another process) into the caches
    `cache_for` gives for each key."""
    for key, entries in learned:
        cache = cache_for(key)
        for text, value in entries:
            cache.put(text, value)
