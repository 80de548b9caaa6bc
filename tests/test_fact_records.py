"""The records facts checks keep of each conversation, set aside in a scratch database
(`FactRecords`), read back as they were added, in memory or on disk."""

from __future__ import annotations

import os
import stat
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.fact_records import FactRecords

_RECORDS = st.lists(st.tuples(st.sampled_from(["AAA001", "BBB002"]),
                              st.none() | st.integers() | st.text(max_size=5)
                              | st.builds(lambda d: MappingProxyType(d),
                                          st.dictionaries(st.text(max_size=3), st.integers(),
                                                          max_size=2))),
                    max_size=40)


@settings(max_examples=80, deadline=None)
@given(_RECORDS, st.sampled_from([0, 3, 20_000]), st.integers(min_value=1, max_value=7))
def test_records_come_back_in_order_in_memory_or_on_disk(
        made: list[tuple[str, object]], in_memory: int, piece: int) -> None:
    records = FactRecords(in_memory=in_memory)
    for start in range(0, len(made), piece):
        for code in ("AAA001", "BBB002"):
            records.add(code, [r for c, r in made[start:start + piece] if c == code])
    try:
        assert records.on_disk == (len(made) > in_memory)
        for code in ("AAA001", "BBB002"):
            expected = [r for c, r in made if c == code]
            spooled = records.of(code)
            assert list(spooled) == expected and list(spooled) == expected  # read twice
            assert len(spooled) == len(expected)
            assert [spooled[i] for i in range(-len(expected), len(expected))] == expected * 2
            assert spooled[1:4] == expected[1:4] and spooled[::2] == expected[::2]
            with pytest.raises(IndexError):
                spooled[len(expected)]
    finally:
        records.close()


def test_a_dropped_check_keeps_no_record_and_the_folder_is_private_and_removed() -> None:
    records = FactRecords(in_memory=1)
    records.add("AAA001", [1, 2, 3])
    records.add("BBB002", ["x"])
    records.drop("AAA001")
    assert list(records.of("AAA001")) == [] and list(records.of("BBB002")) == ["x"]
    folder = records._scratch.folder
    assert folder is not None and stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    records.close()
    assert not folder.exists()
