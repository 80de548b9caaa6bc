"""Opening inputs: only regular files are read, never a device, a pipe or a socket.

`/dev/zero`, a named pipe or standard input never end, so reading one would hold the
audit (and its memory) forever; they are refused with a message that says what to do,
and the check is made on the opened file itself, so a path swapped for a device
between looking and opening is refused too.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from io import BufferedReader
from pathlib import Path

from auditor.errors import InputError

__all__ = ["STDIN", "dangling_link_reason", "file_digest", "not_regular_reason", "open_raw"]

# What a shell user types for standard input.
STDIN = "-"

_KINDS = ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"))


def not_regular_reason(mode: int) -> str | None:
    """Why a file of this mode is not read (a device, a pipe, a socket), or None for
    a regular file or a directory."""
    for test, kind in _KINDS:
        if test(mode):
            return (f"is {kind}, not a file: it may never end; save the export to a "
                    "file and give that")
    return None


def dangling_link_reason(path: Path) -> str | None:
    """Why a symbolic link is not read (what it points at does not exist), or None."""
    if not path.is_symlink() or path.exists():
        return None
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return f"a symbolic link to {target}, which does not exist; nothing was read"


@contextmanager
def open_raw(path: Path) -> Iterator[BufferedReader]:
    """A regular file opened for reading its bytes, or an InputError that says what
    went wrong."""
    if str(path) == STDIN:
        raise InputError("reading from standard input is not supported; save the export "
                         "to a file and give its path")
    try:
        # Not blocked by a named pipe with no writer: it is refused just below.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory with no readable inputs") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied; make the file readable") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror})") from None
    mode = os.fstat(descriptor).st_mode
    reason = not_regular_reason(mode)
    if reason is not None or stat.S_ISDIR(mode):
        os.close(descriptor)
        raise InputError(f"{path}: {reason or 'is a directory with no readable inputs'}")
    os.set_blocking(descriptor, True)
    with os.fdopen(descriptor, "rb") as stream:
        yield stream


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in chunks."""
    with open_raw(path) as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()
