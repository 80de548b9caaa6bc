"""The findings of one audit, kept in a database until the report is written.

A large input gives hundreds of thousands of findings: held as objects they were most
of an audit's memory. `FindingStore` takes them as the checks make them (a check's
suppressions applied, dataset findings located on the decision log) and writes them
to an SQLite database; once every check is done (`finish`), it is the sequence of the
result's findings, read back in the report's order with each fingerprint made unique.

Up to `in_memory` findings the database is held in memory; past that it moves to a
file in a private temporary directory (`auditor.scratch`), removed when the store is
closed or forgotten. Evidence is redacted when a finding is made, so the file holds nothing
the report would not show; it still never outlives the result.

The order is `Finding.sort_key`: most severe first, then by conversation, turn, code
and fingerprint; a fingerprint found more than once gets an ordinal (`abc-2`), given
in the order of (turn, sort key, order found). Text is compared as Python compares
it (by code point): it is stored as UTF-8, whose bytes sort the same way.
"""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, overload

import auditor.read_only  # noqa: F401  (findings hold read-only mappings: they pickle)
from auditor.findings import Finding, FindingHeader
from auditor.scratch import ScratchDatabase
from auditor.severity import SEVERITY_ORDER, Severity
from auditor.suppression import Suppression, Suppressor, expiry_notes

__all__ = ["FindingStore", "StoredHeader", "headers_of"]

# Past this many findings the database moves to disk: some tens of megabytes.
IN_MEMORY_FINDINGS = 20_000
# Findings written per statement, and read per fetch.
_BATCH = 1_000
# The report's order (Finding.sort_key); among findings that tie (a fingerprint made
# unique that equals one found as such), the order the ordinals were given in.
_ORDER = ("rank DESC, COALESCE(conversation, X''), COALESCE(turn, -1), code, "
          "COALESCE(unique_fingerprint, fingerprint), fingerprint, COALESCE(turn, 0), seq")
# The findings in the report's order, with the columns read once they are so; made of
# this module's constants only.
_CREATE_ORDERED = (
    "CREATE TABLE ordered AS SELECT seq, origin, rank, conversation, turn, code, "  # nosec B608
    f"fingerprint, unique_fingerprint, finding FROM findings ORDER BY {_ORDER}")


class FindingStore(Sequence[Finding]):
    """Findings in as checks make them; after `finish`, the result's findings in the
    report's order (see the module's doc)."""

    def __init__(self, *, checks: Sequence[str] = (), suppressor: Suppressor | None = None,
                 locate: Callable[[Finding], Finding] | None = None,
                 in_memory: int | None = None) -> None:
        # The checks in the result's order: suppressed findings are listed so.
        self._checks = {code: place for place, code in enumerate(checks)}
        self.in_memory = IN_MEMORY_FINDINGS if in_memory is None else in_memory
        self._suppressor = suppressor
        self._locate = locate
        self._suppressed: dict[str, list[tuple[Finding, Suppression]]] = {}
        self._pending: list[tuple[Any, ...]] = []
        self._count = 0
        self._seq = 0
        self._finished = False
        self._scratch = ScratchDatabase("findings")
        self._database.execute(
            "CREATE TABLE findings (seq INTEGER PRIMARY KEY, origin TEXT NOT NULL, "
            "rank INTEGER NOT NULL, conversation BLOB, turn INTEGER, code BLOB NOT NULL, "
            "fingerprint BLOB NOT NULL, unique_fingerprint BLOB, finding BLOB NOT NULL)")

    @property
    def on_disk(self) -> bool:
        """Whether the findings moved to a file (more than `in_memory` of them)."""
        return self._scratch.on_disk

    def add(self, origin: str, findings: Iterable[Finding]) -> None:
        """Keep the findings check `origin` made, less those a suppression in force sets
        aside (kept apart, `suppressed`)."""
        if self._finished:
            raise RuntimeError("the findings are complete: nothing can be added")
        for finding in findings:
            suppression = self._suppressor.suppression_of(finding) if self._suppressor else None
            if suppression is not None:
                self._suppressed.setdefault(origin, []).append((finding, suppression))
                continue
            if self._locate is not None:
                finding = self._locate(finding)
            self._seq += 1
            self._pending.append((
                self._seq, origin, finding.severity.rank, _text(finding.conversation_id),
                finding.turn_index, _text(finding.code), _text(finding.fingerprint),
                pickle.dumps(finding, protocol=pickle.HIGHEST_PROTOCOL)))
            if len(self._pending) >= _BATCH:
                self._write()

    def drop(self, origin: str) -> None:
        """Forget what check `origin` found (it failed: one pass would have stopped it)."""
        self._write()
        self._database.execute("DELETE FROM findings WHERE origin = ?", (origin,))
        self._count = self._scalar("SELECT COUNT(*) FROM findings")
        self._suppressed.pop(origin, None)

    def finish(self) -> None:
        """Every check is done: give repeated fingerprints their ordinals and put the
        findings in the report's order."""
        if self._finished:
            return
        self._write()
        database = self._database
        database.execute("BEGIN")
        repeated = database.execute(
            "SELECT seq, fingerprint, ROW_NUMBER() OVER (PARTITION BY fingerprint ORDER BY "
            "COALESCE(turn, 0), rank DESC, COALESCE(conversation, X''), "
            "COALESCE(turn, -1), code, seq) FROM findings WHERE fingerprint IN "
            "(SELECT fingerprint FROM findings GROUP BY fingerprint HAVING COUNT(*) > 1)")
        database.executemany(
            "UPDATE findings SET unique_fingerprint = ? WHERE seq = ?",
            [(fingerprint + f"-{ordinal}".encode(), seq)
             for seq, fingerprint, ordinal in repeated.fetchall() if ordinal > 1])
        # Rows go in in the report's order: a row's id is its place in the report.
        database.execute(_CREATE_ORDERED)
        database.execute("DROP TABLE findings")
        database.execute("CREATE INDEX ordered_by_check ON ordered (origin, seq)")
        database.execute("COMMIT")
        self._finished = True

    @property
    def suppressed(self) -> tuple[tuple[Finding, Suppression], ...]:
        """The findings a suppression set aside, with it: check by check in the result's
        order, each check's in the order it made them."""
        order = sorted(self._suppressed, key=lambda code: self._checks.get(code, len(self._checks)))
        return tuple(item for code in order for item in self._suppressed[code])

    def expiry_notes(self) -> tuple[str, ...]:
        """A sentence per expired suppression that still matches findings."""
        return expiry_notes(self._suppressor.expired) if self._suppressor else ()

    def suppressed_count(self, origin: str) -> int:
        """How many of check `origin`'s findings a suppression set aside."""
        return len(self._suppressed.get(origin, ()))

    def headers(self) -> Sequence[StoredHeader]:
        """The findings' headers (code, severity, conversation, turn, fingerprint made
        unique) in the report's order, read from their columns: a pass over them costs
        a small fraction of one over the findings, which are unpickled one by one."""
        self._require_finished()
        return _Headers(self)

    def of_check(self, origin: str) -> Iterator[Finding]:
        """Check `origin`'s findings in the order it made them, fingerprints as made."""
        self._require_finished()
        for (blob,) in self._rows("SELECT finding FROM ordered WHERE origin = ? ORDER BY seq",
                                  (origin,)):
            yield pickle.loads(blob)  # noqa: S301  (written by this process)  # nosec B301

    def conversations_of_check(self, origin: str) -> int:
        """How many conversations check `origin`'s findings are about (findings about no
        conversation counting as one), as `CheckOutcome.flagged_count` counts them."""
        self._require_finished()
        named = self._scalar("SELECT COUNT(DISTINCT conversation) FROM ordered "
                             "WHERE origin = ?", (origin,))
        unnamed = self._scalar("SELECT EXISTS (SELECT 1 FROM ordered WHERE origin = ? "
                               "AND conversation IS NULL)", (origin,))
        return named + unnamed

    def close(self) -> None:
        """Remove the database and its file, if any (done too when the store is
        forgotten, or the process ends)."""
        self._scratch.close()

    def __len__(self) -> int:
        return self._count + len(self._pending) if not self._finished else self._count

    @overload
    def __getitem__(self, index: int) -> Finding: ...

    @overload
    def __getitem__(self, index: slice) -> list[Finding]: ...

    def __getitem__(self, index: int | slice) -> Finding | list[Finding]:
        self._require_finished()
        if isinstance(index, slice):
            return [self[place] for place in range(*index.indices(self._count))]
        return _finding(*self._row("SELECT unique_fingerprint, finding FROM ordered", index))

    def __eq__(self, other: object) -> bool:
        """Equal to any sequence (a tuple, a list) of the same findings, in order."""
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(
            mine == theirs for mine, theirs in zip(self, other, strict=True))

    # Equal to mutable sequences, so not hashable.
    __hash__ = None  # type: ignore[assignment]

    def __iter__(self) -> Iterator[Finding]:
        self._require_finished()
        for unique, blob in self._rows(
                "SELECT unique_fingerprint, finding FROM ordered ORDER BY rowid", ()):
            yield _finding(unique, blob)

    def _write(self) -> None:
        """Write the pending findings; past `in_memory`, to a file first."""
        if not self._pending:
            return
        self._count += len(self._pending)
        if self._count > self.in_memory:
            self._scratch.move_to_disk()
        self._database.execute("BEGIN")
        self._database.executemany(
            "INSERT INTO findings (seq, origin, rank, conversation, turn, code, fingerprint, "
            "finding) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", self._pending)
        self._database.execute("COMMIT")
        self._pending = []

    @property
    def _database(self) -> sqlite3.Connection:
        return self._scratch.connection

    def _rows(self, query: str, parameters: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
        """The rows of `query`, fetched a batch at a time."""
        cursor = self._database.execute(query, parameters)
        while rows := cursor.fetchmany(_BATCH):
            yield from rows

    def _row(self, query: str, index: int) -> tuple[Any, ...]:
        """The row of `query` (on the ordered table) at place `index` in the report's
        order, counted from the end when negative."""
        place = index + self._count if index < 0 else index
        if not 0 <= place < self._count:
            raise IndexError("finding index out of range")
        row: tuple[Any, ...] = self._database.execute(f"{query} WHERE rowid = ?",
                                                      (place + 1,)).fetchone()
        return row

    def _scalar(self, query: str, parameters: tuple[Any, ...] = ()) -> int:
        (value,) = self._database.execute(query, parameters).fetchone()
        return int(value)

    def _require_finished(self) -> None:
        if not self._finished:
            raise RuntimeError("the findings are read once every check is done (finish)")


@dataclass(frozen=True, slots=True)
class StoredHeader:
    """A stored finding's header (see `FindingHeader`)."""

    code: str
    severity: Severity
    conversation_id: str | None
    turn_index: int | None
    fingerprint: str


class _Headers(Sequence[StoredHeader]):
    """A finished store's headers, read from the database each time they are read."""

    _QUERY = ("SELECT code, rank, conversation, turn, COALESCE(unique_fingerprint, "
              "fingerprint) FROM ordered")

    def __init__(self, store: FindingStore) -> None:
        self._store = store

    def __len__(self) -> int:
        return len(self._store)

    @overload
    def __getitem__(self, index: int) -> StoredHeader: ...

    @overload
    def __getitem__(self, index: slice) -> list[StoredHeader]: ...

    def __getitem__(self, index: int | slice) -> StoredHeader | list[StoredHeader]:
        if isinstance(index, slice):
            return [self[place] for place in range(*index.indices(len(self)))]
        return _header(*self._store._row(self._QUERY, index))

    def __iter__(self) -> Iterator[StoredHeader]:
        for row in self._store._rows(f"{self._QUERY} ORDER BY rowid", ()):
            yield _header(*row)


def headers_of(findings: Sequence[Finding]) -> Sequence[FindingHeader]:
    """What the gate and the summaries read of `findings`: a store's headers, read
    without unpickling its findings, or the findings themselves."""
    return findings.headers() if isinstance(findings, FindingStore) else findings


def _header(code: bytes, rank: int, conversation: bytes | None, turn: int | None,
            fingerprint: bytes) -> StoredHeader:
    """A header from its stored columns."""
    return StoredHeader(_str(code), Severity(SEVERITY_ORDER[rank]),
                        None if conversation is None else _str(conversation), turn,
                        _str(fingerprint))


def _str(value: bytes) -> str:
    """Text as `_text` stored it."""
    return value.decode("utf-8", "surrogatepass")


def _text(value: str | None) -> bytes | None:
    """Text as stored: UTF-8 (a lone surrogate from a JSON escape kept as it is)."""
    return None if value is None else value.encode("utf-8", "surrogatepass")


def _finding(unique_fingerprint: bytes | None, blob: bytes) -> Finding:
    """A stored finding, with its fingerprint made unique where it was repeated."""
    finding: Finding = pickle.loads(blob)  # noqa: S301  (written by this process)  # nosec B301
    if unique_fingerprint is None:
        return finding
    return replace(finding, fingerprint=_str(unique_fingerprint))
