"""Files only the service's own user may read: 0600 files in 0700 folders.

The instance folder holds the database, the session secret and raw uploads, all
confidential. Each is created with its final mode (the process umask can only take
bits away, never add them), and one that already exists with a wider mode is narrowed,
so a folder made by hand or by an older version is covered too. The process umask is
left alone: other files the process writes are not ours to decide.
"""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

log = logging.getLogger(__name__)
FILE_MODE = 0o600
DIRECTORY_MODE = 0o700


def private_dir(path: Path) -> Path:
    """`path` as a folder that only we can enter; missing parents are made so too
    (`mkdir(parents=True)` would give them the umask's default mode)."""
    missing = [path, *(parent for parent in path.parents if not parent.exists())]
    for directory in sorted(set(missing), key=lambda p: len(p.parts)):
        directory.mkdir(mode=DIRECTORY_MODE, exist_ok=True)
    _narrow(path, DIRECTORY_MODE)
    return path


def private_file(path: Path) -> Path:
    """`path` as a file (made empty when missing) that only we can read and write."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        _narrow(path, FILE_MODE)
    return path


def create_private_file_once(path: Path, content: bytes) -> None:
    """Write `path` with `content`, mode 0600, unless it exists; atomically, so that of
    two processes starting together one writes it and both read the same content."""
    if path.exists():
        _narrow(path, FILE_MODE)
        return
    draft = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
        os.link(draft, path)  # fails if another process linked its own first
    except FileExistsError:
        pass
    finally:
        draft.unlink(missing_ok=True)


def narrow_if_exists(path: Path) -> None:
    """Take group and other permissions off `path` when it exists."""
    if path.exists():
        _narrow(path, FILE_MODE if path.is_file() else DIRECTORY_MODE)


def _narrow(path: Path, mode: int) -> None:
    current = stat.S_IMODE(path.stat().st_mode)
    if (current & ~mode & 0o077) == 0:
        return  # no group or other bits to take away
    try:
        path.chmod(current & mode)
    except OSError as error:  # e.g. a folder owned by someone else: say so, go on
        log.warning("cannot restrict %s to mode %o: %s", path, mode, error)
