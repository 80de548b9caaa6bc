"""Grouping turn records by conversation gives the same conversations whether the
records stay in memory or go to disk, in whatever order the records come."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import auditor.loaders.grouping as grouping
from auditor.loaders import load_inputs
from auditor.loaders.assemble import assemble_conversations
from auditor.loaders.grouping import TurnGrouping
from auditor.loaders.transcript import TurnRecord
from auditor.model import Role, SourceRef
from tests.conftest import FIXTURES

START = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)


@st.composite
def records(draw: st.DrawFn) -> list[TurnRecord]:
    """Turn records of a few conversations, interleaved, some timed out of order, some
    untimed, with attributes and channels on any of them."""
    count = draw(st.integers(min_value=0, max_value=40))
    made = []
    for line in range(1, count + 1):
        seconds = draw(st.none() | st.integers(min_value=0, max_value=50))
        made.append(TurnRecord(
            conversation_id=draw(st.sampled_from(["a", "b", "c", "é-4", ""])),
            role=draw(st.sampled_from([Role.CUSTOMER, Role.BOT, Role.AGENT])),
            text=draw(st.text(max_size=12)),
            source=SourceRef(draw(st.sampled_from(["one.jsonl", "two.csv"])), line),
            timestamp=None if seconds is None else START + timedelta(seconds=seconds),
            channel=draw(st.none() | st.sampled_from(["web", "sms"])),
            attributes=MappingProxyType(draw(st.dictionaries(
                st.sampled_from(["email", "region"]), st.text(max_size=5), max_size=2))),
            people_logged=draw(st.booleans())))
    return made


@settings(max_examples=60, deadline=None)
@given(records(), st.sampled_from([0, 1, 3, 10_000]))
def test_the_same_conversations_in_memory_or_on_disk(read: list[TurnRecord],
                                                      in_memory: int) -> None:
    with TurnGrouping(in_memory=in_memory) as grouped:
        for record in read:
            grouped.add(record)
        assert grouped.on_disk == (len(read) > in_memory)
        first, again = tuple(grouped.conversations()), tuple(grouped.conversations())
        assert grouped.conversation_count() == len(first)
        assert all(grouped.conversation(c.id) == c for c in first)
        assert grouped.conversation("never-read") is None
    assert first == again == assemble_conversations(read)


def test_the_records_on_disk_are_private_and_removed() -> None:
    record = TurnRecord("c1", Role.CUSTOMER, "my e-mail is ana@example.com",
                        SourceRef("x.jsonl", 1))
    grouped = TurnGrouping(in_memory=0)
    grouped.add(record)
    assert grouped.on_disk and grouped._folder is not None
    folder = Path(grouped._folder.name)
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700  # this user alone
    assert [c.turns[0].text for c in grouped.conversations()] == [record.text]
    grouped.close()
    assert not folder.exists()


def test_reading_the_fixtures_through_the_disk_gives_the_same_input(
        monkeypatch: pytest.MonkeyPatch) -> None:
    paths = [FIXTURES / "transcripts"]
    in_memory = load_inputs(paths)
    monkeypatch.setattr(grouping, "IN_MEMORY_RECORDS", 5)
    through_disk = load_inputs(paths)
    assert in_memory.audit.turn_count > 5
    assert through_disk == in_memory
