"""The records map-reduce checks keep of each conversation, set aside until the reduce.

A `ConversationFactsCheck` keeps a record of every conversation (`fact_of`) and judges
them together at the end (`outcome_from`). An audit read a piece at a time hands each
piece's records to `FactRecords`, which writes them, pickled, to a scratch database
(`auditor.scratch`: in memory up to `in_memory` records, in a private file past that);
at the end each check reads its records back, in input order, as a sequence that
holds none of them (`SpooledFacts`). So the records are not held while the pieces are
judged, and a check's reduce holds what it keeps of them, not them all.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, overload

import auditor.read_only  # noqa: F401  (records hold read-only mappings: they pickle)
from auditor.scratch import ScratchDatabase

__all__ = ["FactRecords", "SpooledFacts"]

# Past this many records the database moves to disk.
IN_MEMORY_FACTS = 20_000
# Records read per fetch.
_BATCH = 1_000


class FactRecords:
    """Each facts check's records, added a piece at a time (see the module's doc)."""

    def __init__(self, in_memory: int | None = None) -> None:
        self.in_memory = IN_MEMORY_FACTS if in_memory is None else in_memory
        self._scratch = ScratchDatabase("facts")
        self._scratch.connection.execute(
            "CREATE TABLE facts (seq INTEGER PRIMARY KEY, code TEXT NOT NULL, "
            "record BLOB NOT NULL)")
        self._scratch.connection.execute("CREATE INDEX facts_by_check ON facts (code, seq)")
        self._count = 0

    @property
    def on_disk(self) -> bool:
        """Whether the records moved to a file."""
        return self._scratch.on_disk

    def add(self, code: str, records: Iterable[object]) -> None:
        """Keep check `code`'s records of more conversations, in input order."""
        rows = [(code, pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
                for record in records]
        self._count += len(rows)
        if self._count > self.in_memory:
            self._scratch.move_to_disk()
        database = self._scratch.connection
        database.execute("BEGIN")
        database.executemany("INSERT INTO facts (code, record) VALUES (?, ?)", rows)
        database.execute("COMMIT")

    def drop(self, code: str) -> None:
        """Forget check `code`'s records (it failed: one pass would have stopped it)."""
        self._scratch.connection.execute("DELETE FROM facts WHERE code = ?", (code,))

    def of(self, code: str) -> SpooledFacts:
        """Check `code`'s records, read back when iterated."""
        return SpooledFacts(self, code)

    def close(self) -> None:
        """Remove the database and its file, if any."""
        self._scratch.close()

    def _count_of(self, code: str) -> int:
        (count,) = self._scratch.connection.execute(
            "SELECT COUNT(*) FROM facts WHERE code = ?", (code,)).fetchone()
        return int(count)

    def _records(self, code: str, offset: int = 0, limit: int = -1) -> Iterator[object]:
        cursor = self._scratch.connection.execute(
            "SELECT record FROM facts WHERE code = ? ORDER BY seq LIMIT ? OFFSET ?",
            (code, limit, offset))
        while rows := cursor.fetchmany(_BATCH):
            for (blob,) in rows:
                yield pickle.loads(blob)  # noqa: S301  (written by this process)  # nosec B301


class SpooledFacts(Sequence[object]):
    """One check's records in input order, read from `FactRecords` each time."""

    def __init__(self, records: FactRecords, code: str) -> None:
        self._records = records
        self._code = code

    def __len__(self) -> int:
        return self._records._count_of(self._code)

    @overload
    def __getitem__(self, index: int) -> object: ...

    @overload
    def __getitem__(self, index: slice) -> list[object]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return list(self)[index]
            return list(self._records._records(self._code, start, max(0, stop - start)))
        place = index + len(self) if index < 0 else index
        found = list(self._records._records(self._code, place, 1)) if place >= 0 else []
        if not found:
            raise IndexError("record index out of range")
        return found[0]

    def __iter__(self) -> Iterator[object]:
        return self._records._records(self._code)
