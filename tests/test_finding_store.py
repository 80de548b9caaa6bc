"""The findings of an audit kept in a database (`FindingStore`) read back as the
result's findings were made in memory: sorted, each fingerprint unique, suppressions
set aside, in memory or on disk."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from datetime import date
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.finding_store import FindingStore, headers_of
from auditor.findings import Evidence, Finding, Severity
from auditor.redacted import RedactedText
from auditor.suppression import Suppression, Suppressor, apply_suppressions


def _reference(findings: list[Finding]) -> list[Finding]:
    """The result's findings as they were made in memory: sorted by `sort_key`, a
    repeated fingerprint numbered in (fingerprint, turn) order."""
    ordered = sorted(findings, key=Finding.sort_key)
    seen: dict[str, int] = {}
    unique = []
    for finding in sorted(ordered, key=lambda f: (f.fingerprint, f.turn_index or 0)):
        count = seen.get(finding.fingerprint, 0) + 1
        seen[finding.fingerprint] = count
        unique.append(finding if count == 1 else
                      replace(finding, fingerprint=f"{finding.fingerprint}-{count}"))
    return sorted(unique, key=Finding.sort_key)


_IDS = st.sampled_from([None, "", "a", "b", "B", "é-4", "\U0001f600", "\ud800x", "a\x00"])


@st.composite
def findings(draw: st.DrawFn) -> list[tuple[str, Finding]]:
    """Findings of a few checks with repeated fingerprints, ids and turns, each with the
    code of the check that made it."""
    made = []
    for number in range(draw(st.integers(min_value=0, max_value=30))):
        code = draw(st.sampled_from(["AAA001", "BBB002", "CCC003"]))
        turn = draw(st.none() | st.integers(min_value=0, max_value=3))
        made.append((code, Finding(
            code=code, check=code.lower(), severity=draw(st.sampled_from(list(Severity))),
            message=f"finding {number}", conversation_id=draw(_IDS), turn_index=turn,
            fingerprint=draw(st.sampled_from(["f1", "f2", "f1-2", "é", "\ud801"])),
            evidence=(Evidence(turn, "bot", RedactedText(f"excerpt {number}")),),
            data=MappingProxyType({"number": number}))))
    return made


@settings(max_examples=150, deadline=None)
@given(findings(), st.sampled_from([0, 1, 5, 20_000]))
def test_read_back_sorted_and_unique_in_memory_or_on_disk(
        made: list[tuple[str, Finding]], in_memory: int) -> None:
    store = FindingStore(in_memory=in_memory)
    for code, finding in made:
        store.add(code, [finding])
    assert len(store) == len(made)
    store.finish()
    try:
        expected = _reference([finding for _, finding in made])
        assert store.on_disk == (len(made) > in_memory)
        assert list(store) == expected
        assert [store[index] for index in range(-len(made), len(made))] == expected * 2
        assert store[1:4] == expected[1:4] and store[::-2] == expected[::-2]
        with pytest.raises(IndexError):
            store[len(made)]
        headers = store.headers()
        expected_headers = [(f.code, f.severity, f.conversation_id, f.turn_index, f.fingerprint)
                            for f in expected]
        assert len(headers) == len(made)
        assert [(h.code, h.severity, h.conversation_id, h.turn_index, h.fingerprint)
                for h in headers] == expected_headers
        assert [(h.code, h.severity, h.conversation_id, h.turn_index, h.fingerprint)
                for h in headers[::-1]] == expected_headers[::-1]
        assert headers_of(store) is not store and headers_of(expected) is expected
        for code in ("AAA001", "BBB002"):
            own = [finding for made_by, finding in made if made_by == code]
            assert list(store.of_check(code)) == own
            assert store.conversations_of_check(code) == len(
                {finding.conversation_id for finding in own})
    finally:
        store.close()


@settings(max_examples=60, deadline=None)
@given(findings(), st.sampled_from(["f1", "f2"]), st.booleans())
def test_suppressions_set_aside_what_applying_them_to_the_list_does(
        made: list[tuple[str, Finding]], fingerprint: str, expired: bool) -> None:
    day = date(2026, 11, 1)
    suppressions = (
        Suppression("accepted", "owner@example.com", date(2026, 10, 1) if expired else None,
                    fingerprint=fingerprint),
        Suppression("accepted", "owner@example.com", date(2026, 12, 1), code="BBB002",
                    conversation="a"))
    store = FindingStore(checks=["AAA001", "BBB002", "CCC003"],
                         suppressor=Suppressor(suppressions, day))
    for code in ("CCC003", "BBB002", "AAA001"):  # added out of the checks' order
        store.add(code, [finding for made_by, finding in made if made_by == code])
    store.finish()
    ordered = [finding for code in ("AAA001", "BBB002", "CCC003")
               for made_by, finding in made if made_by == code]
    applied = apply_suppressions(ordered, suppressions, day)
    assert list(store) == _reference(list(applied.kept))
    assert store.suppressed == applied.suppressed
    assert store.expiry_notes() == applied.notes()
    for code in ("AAA001", "BBB002"):
        assert store.suppressed_count(code) == sum(
            finding.code == code for finding, _ in applied.suppressed)
    store.close()


def test_a_dropped_check_leaves_nothing_and_nothing_is_added_when_finished() -> None:
    made = [Finding("AAA001", "a", Severity.HIGH, "m", f"c{n}", 1, f"f{n}") for n in range(5)]
    store = FindingStore(in_memory=2)
    store.add("AAA001", made[:3])
    store.add("BBB002", [replace(made[3], code="BBB002")])
    store.drop("AAA001")
    assert len(store) == 1
    store.finish()
    assert [f.code for f in store] == ["BBB002"]
    with pytest.raises(RuntimeError):
        store.add("AAA001", made)
    store.close()


def test_read_before_finish_is_an_error() -> None:
    store = FindingStore()
    with pytest.raises(RuntimeError):
        list(store)
    store.close()


def test_the_database_lies_in_a_private_folder_removed_on_close() -> None:
    store = FindingStore(in_memory=1)
    store.add("AAA001", [Finding("AAA001", "a", Severity.LOW, "m", f"c{n}", None, f"f{n}")
                         for n in range(3)])
    store.finish()
    assert store.on_disk
    folder = store._scratch.folder
    assert folder is not None
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    store.close()
    assert not folder.exists()


def test_a_forgotten_store_removes_its_folder() -> None:
    import gc

    store = FindingStore(in_memory=0)
    store.add("AAA001", [Finding("AAA001", "a", Severity.LOW, "m", "c", None, "f")])
    store.finish()
    folder = store._scratch.folder
    assert folder is not None and folder.exists()
    del store
    gc.collect()
    assert not folder.exists()


def test_the_findings_equal_the_same_findings_in_any_sequence() -> None:
    made = [Finding("AAA001", "a", Severity.HIGH, "m", f"c{n}", 1, f"f{n}") for n in range(3)]
    store = FindingStore()
    store.add("AAA001", made)
    store.finish()
    assert store == tuple(made) and tuple(made) == store and store == made
    assert store != made[:2] and store != () and store != "abc"
    store.close()
