"""The PII analysis caches stay within one budget however many reading keys (languages,
regions) an input brings, and however unevenly its texts spread over them."""

from __future__ import annotations

from auditor.pii.cache import KeyedCache


def test_texts_of_many_keys_share_one_budget() -> None:
    cache: KeyedCache[str, int] = KeyedCache(100)
    for key in ("en", "de", "fr", "es"):
        for number in range(200):
            cache.put(key, f"{key}-{number}", number)
    assert len(cache) == 100
    # The newest entries stay, whatever their key.
    assert cache.get("es", "es-199") == 199 and cache.get("es", "es-100") == 100
    assert cache.get("es", "es-99") is None and cache.get("en", "en-199") is None
    # The same text read with another key is another entry.
    cache.put("en", "es-199", -1)
    assert cache.get("es", "es-199") == 199 and cache.get("en", "es-199") == -1


def test_a_key_read_far_more_than_the_others_keeps_the_whole_budget() -> None:
    cache: KeyedCache[str, int] = KeyedCache(1000)
    for key in ("de", "fr", "es", "it", "nl", "pt", "pl", "sv"):
        cache.put(key, "hallo", 0)
    for number in range(900):
        cache.put("en", f"text {number}", number)
    # Shared evenly, English would keep an eighth of the budget; here it keeps all 900.
    assert all(cache.get("en", f"text {number}") == number for number in range(900))


def test_what_was_stored_since_a_mark_travels_to_another_cache() -> None:
    cache: KeyedCache[str, int] = KeyedCache(10)
    cache.put("en", "a", 1)
    mark = cache.mark()
    cache.put("en", "b", 2)
    cache.put("de", "c", 3)
    cache.put("en", "d", 4)
    learned = cache.learned_since(mark)
    assert learned == [("en", [("b", 2), ("d", 4)]), ("de", [("c", 3)])]
    elsewhere: KeyedCache[str, int] = KeyedCache(10)
    elsewhere.learn(learned)
    assert (elsewhere.get("en", "b"), elsewhere.get("de", "c"), elsewhere.get("en", "a")) == (
        2, 3, None)
    # Clearing forgets the results, not where the marks stand.
    later = cache.mark()
    cache.clear()
    cache.put("fr", "e", 5)
    assert len(cache) == 1 and cache.learned_since(later) == [("fr", [("e", 5)])]
    assert cache.learned_since(cache.mark()) == []
