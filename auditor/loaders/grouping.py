"""Turn records grouped by conversation, with bounded memory.

Exports list turns in any order: a conversation's turns may be spread over a file, or
over several files (the bot's side in one, the agents' in another). `TurnGrouping`
takes the records in reading order and gives back each conversation, assembled
(`assemble.py`), in the order conversations were first read: what grouping every
record in a dictionary gives, whatever the input's size.

Up to `in_memory` records are held as read. Past that, every record goes to an SQLite
database in a private temporary directory (mode 0700, removed when the grouping is
closed, or its process ends): the records are written in reading order and read back
sorted by conversation, so memory holds one conversation's records at a time. The
database holds the input's text as read, so it never outlives the run and lies where
only this user can read it.
"""

from __future__ import annotations

import pickle
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import auditor.read_only  # noqa: F401  (records hold read-only mappings: they pickle)
from auditor.loaders.assemble import assemble_conversation
from auditor.loaders.transcript import TurnRecord
from auditor.model import Conversation

# Past this many records, the grouping goes to disk: about 100 MB of typical turns.
IN_MEMORY_RECORDS = 200_000
# Records written to the database per statement.
_BATCH = 2_000


class TurnGrouping:
    """Turn records in, conversations out, in first-read order (see the module's doc).

    Use as a context manager, or call `close`; `add` every record, then iterate
    `conversations()` (as often as needed).
    """

    def __init__(self, in_memory: int | None = None) -> None:
        self.in_memory = IN_MEMORY_RECORDS if in_memory is None else in_memory
        # How many records were added.
        self.count = 0
        self._grouped: dict[str, list[TurnRecord]] = {}
        self._pending: list[tuple[int, str, bytes]] = []
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._database: sqlite3.Connection | None = None
        self._indexed = False

    @property
    def on_disk(self) -> bool:
        """Whether the records went to disk (more than `in_memory` of them)."""
        return self._database is not None

    def add(self, record: TurnRecord) -> None:
        """Take the next record in reading order."""
        self.count += 1
        if self._database is None:
            self._grouped.setdefault(record.conversation_id, []).append(record)
            if self.count > self.in_memory:
                self._spill()
            return
        self._pending.append((self.count, record.conversation_id,
                              pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)))
        if len(self._pending) >= _BATCH:
            self._write()

    def conversations(self) -> Iterator[Conversation]:
        """Each conversation, assembled, in the order its first record was read."""
        if self._database is None:
            for conversation_id, turns in self._grouped.items():
                yield assemble_conversation(conversation_id, turns)
            return
        self._ready()
        current: str | None = None
        records: list[TurnRecord] = []
        # Each conversation at its first record's place; its records in reading order.
        rows = self._database.execute(
            "SELECT r.conversation, r.record FROM records AS r JOIN "
            "(SELECT conversation, MIN(seq) AS first FROM records GROUP BY conversation) "
            "AS f ON f.conversation = r.conversation ORDER BY f.first, r.seq")
        for conversation_id, blob in rows:
            if conversation_id != current and current is not None:
                yield assemble_conversation(current, records)
                records = []
            current = conversation_id
            records.append(pickle.loads(blob))  # noqa: S301  (ours)  # nosec B301
        if current is not None:
            yield assemble_conversation(current, records)

    def conversation_count(self) -> int:
        """How many conversations the records make."""
        if self._database is None:
            return len(self._grouped)
        self._ready()
        (count,) = self._database.execute(
            "SELECT COUNT(DISTINCT conversation) FROM records").fetchone()
        return int(count)

    def conversation(self, conversation_id: str) -> Conversation | None:
        """The conversation of that id, assembled again, or None if none was read."""
        if self._database is None:
            held = self._grouped.get(conversation_id)
            return assemble_conversation(conversation_id, held) if held else None
        self._ready()
        records = [pickle.loads(blob)  # noqa: S301  (written by this process)  # nosec B301
                   for (blob,) in self._database.execute(
                       "SELECT record FROM records WHERE conversation = ? ORDER BY seq",
                       (conversation_id,))]
        return assemble_conversation(conversation_id, records) if records else None

    def close(self) -> None:
        """Remove the database, if any, and forget the records."""
        self._grouped = {}
        self._pending = []
        if self._database is not None:
            self._database.close()
            self._database = None
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def __enter__(self) -> TurnGrouping:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def _spill(self) -> None:
        """Move the records held so far to a new database, keeping their order: by
        conversation in first-read order, which sorts them as reading order would."""
        self._folder = tempfile.TemporaryDirectory(prefix="auditor-records-")
        database = sqlite3.connect(Path(self._folder.name) / "records.sqlite3",
                                   isolation_level=None, check_same_thread=False)
        # The database is scratch space for this run alone: no journal to keep safe.
        database.execute("PRAGMA journal_mode = OFF")
        database.execute("PRAGMA synchronous = OFF")
        database.execute("CREATE TABLE records (seq INTEGER PRIMARY KEY, "
                         "conversation TEXT NOT NULL, record BLOB NOT NULL)")
        self._database = database
        held, self._grouped = self._grouped, {}
        seq = 0
        for conversation_id, records in held.items():
            for record in records:
                seq += 1
                self._pending.append((seq, conversation_id,
                                      pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)))
                if len(self._pending) >= _BATCH:
                    self._write()
        self._write()

    def _ready(self) -> None:
        """Write what is pending, and index the records by conversation (once)."""
        assert self._database is not None
        self._write()
        if not self._indexed:
            self._database.execute("CREATE INDEX records_by_conversation "
                                   "ON records (conversation, seq)")
            self._indexed = True

    def _write(self) -> None:
        """Write the pending records."""
        if self._database is None or not self._pending:
            return
        self._database.execute("BEGIN")
        self._database.executemany("INSERT INTO records VALUES (?, ?, ?)", self._pending)
        self._database.execute("COMMIT")
        self._pending = []
