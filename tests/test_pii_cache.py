"""The PII analysis caches stay within one budget however many reading keys (languages,
regions) an input brings."""

from __future__ import annotations

from auditor.pii.cache import BoundedCache, cache_for, learn, learned_since, marks_of


def test_caches_of_many_keys_share_one_budget() -> None:
    caches: dict[str, BoundedCache[int]] = {}
    for key in ("en", "de", "fr", "es"):
        cache = cache_for(caches, key, 100)
        for number in range(200):
            cache.put(f"{key}-{number}", number)
    assert sum(len(cache) for cache in caches.values()) <= 100
    assert all(cache.capacity == 25 for cache in caches.values())
    # The newest entries stay; the same cache is given back for a key already seen.
    assert caches["es"].get("es-199") == 199 and caches["es"].get("es-0") is None
    assert cache_for(caches, "en", 100) is caches["en"]


def test_a_shrunk_cache_still_tells_what_it_stored_since_a_mark() -> None:
    caches: dict[str, BoundedCache[int]] = {}
    cache_for(caches, "en", 10).put("a", 1)
    marks = marks_of(caches)
    cache_for(caches, "en", 10).put("b", 2)
    cache_for(caches, "de", 10).put("c", 3)  # the English cache shrinks to 5
    learned = learned_since(caches, marks)
    assert dict(learned) == {"en": [("b", 2)], "de": [("c", 3)]}
    elsewhere: dict[str, BoundedCache[int]] = {}
    learn(lambda key: cache_for(elsewhere, key, 10), learned)
    assert elsewhere["en"].get("b") == 2 and elsewhere["de"].get("c") == 3
