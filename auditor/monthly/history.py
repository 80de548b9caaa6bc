"""The history folder: one summary per month (`summary-YYYY-MM.json`), so a later run
adds to the trend without the old transcripts.

A summary is small (counts, lights, the ranked actions and the digest of the month's
result), holds no conversation text, and is rewritten whenever its month is audited
again. A file that cannot be read as a summary is reported and left alone.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from auditor.errors import UsageError
from auditor.monthly.periods import Month
from auditor.monthly.summary import MonthSummary

__all__ = ["History", "read_history", "write_summary"]

_PREFIX = "summary-"


@dataclass(frozen=True, slots=True)
class History:
    """The summaries read from a history folder, and the files that could not be."""

    summaries: dict[str, MonthSummary]
    unreadable: tuple[str, ...] = ()


def read_history(folder: Path | None) -> History:
    """Every `summary-YYYY-MM.json` in `folder` (none when it is None or missing)."""
    if folder is None or not folder.exists():
        return History({})
    if not folder.is_dir():
        raise UsageError(f"--history {folder}: not a folder")
    summaries: dict[str, MonthSummary] = {}
    unreadable = []
    for path in sorted(folder.glob(f"{_PREFIX}*.json")):
        name = path.stem[len(_PREFIX):]
        try:
            month = Month.parse(name, where=str(path))
            summary = MonthSummary.from_dict(json.loads(path.read_text(encoding="utf-8")))
            if summary.month != str(month):
                raise ValueError(f"holds {summary.month}")
        except (UsageError, OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
            unreadable.append(f"{path.name}: {type(error).__name__}")
            continue
        summaries[str(month)] = summary
    return History(summaries, tuple(unreadable))


def write_summary(folder: Path, summary: MonthSummary) -> Path:
    """Write (or replace) one month's summary in `folder`, atomically."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"--history {folder}: cannot create the folder ({error})") from None
    target = folder / f"{_PREFIX}{summary.month}.json"
    text = json.dumps(summary.to_dict(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    # Written beside the target and renamed, so a crash never leaves half a summary.
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".summary-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise UsageError(f"{target}: cannot be written ({error})") from None
    return target
