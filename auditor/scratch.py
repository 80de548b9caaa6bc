"""Scratch databases: what an audit sets aside until it is needed, out of memory.

`ScratchDatabase` is an SQLite database held in memory until it is told to move to a
file (`move_to_disk`, when what it holds grows past a caller's limit). The file lies
in a private temporary directory (mode 0700) and is removed when the database is
closed, forgotten, or the process ends: it never outlives the run.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import weakref
from pathlib import Path

__all__ = ["ScratchDatabase"]


class ScratchDatabase:
    """An SQLite connection to scratch space for one run (see the module's doc)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.connection = _connect(":memory:")
        self.folder: Path | None = None
        self._removal: weakref.finalize[[sqlite3.Connection, Path], ScratchDatabase] | None = None

    @property
    def on_disk(self) -> bool:
        """Whether the database moved to a file."""
        return self.folder is not None

    def move_to_disk(self) -> None:
        """Copy the database to a file in a new private directory, and use that."""
        if self.folder is not None:
            return
        self.folder = Path(tempfile.mkdtemp(prefix=f"auditor-{self.name}-"))  # mode 0700
        on_disk = _connect(str(self.folder / f"{self.name}.sqlite3"))
        self._removal = weakref.finalize(self, _remove, on_disk, self.folder)
        self.connection.backup(on_disk)
        self.connection.close()
        self.connection = on_disk

    def close(self) -> None:
        """Close the database and remove its file, if any."""
        self.connection.close()
        if self._removal is not None:
            self._removal()


def _connect(where: str) -> sqlite3.Connection:
    """A connection to scratch space for this run alone: no journal to keep safe."""
    database = sqlite3.connect(where, isolation_level=None, check_same_thread=False)
    database.execute("PRAGMA journal_mode = OFF")
    database.execute("PRAGMA synchronous = OFF")
    database.execute("PRAGMA temp_store = FILE")  # sorting a large table stays on disk
    return database


def _remove(database: sqlite3.Connection, folder: Path) -> None:
    """Close the database and remove its folder."""
    database.close()
    shutil.rmtree(folder, ignore_errors=True)
