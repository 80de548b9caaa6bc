"""Parsing cell values shared by every loader: timestamps, booleans, lists."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from auditor.loaders.records import RecordSkipped

# BigQuery and SQL exports name the zone instead of giving an offset
# ("2026-10-08 09:00:00.12 UTC").
_UTC_NAMED = re.compile(r"(?<=\d)\s*UTC$", re.IGNORECASE)
_TRUE = frozenset({"true", "yes", "y", "1", "t"})
_FALSE = frozenset({"false", "no", "n", "0", "f"})


def parse_timestamp(value: Any) -> datetime | None:
    """An aware UTC datetime from ISO 8601 text (also with the zone named, `... UTC`),
    RFC 2822 text (e-mail and Twitter style) or an epoch in seconds, milliseconds,
    microseconds or nanoseconds; naive times count as UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise RecordSkipped(f"bad timestamp {value!r}; use ISO 8601 such as 2026-10-01T10:00:00Z")
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    text = _UTC_NAMED.sub("+00:00", str(value).strip())
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            return _from_epoch(float(text))
        except ValueError:
            pass
        written: datetime | None
        try:
            written = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            written = _twitter_time(text)
        if written is not None:
            return written.replace(tzinfo=UTC) if written.tzinfo is None \
                else written.astimezone(UTC)
        raise RecordSkipped(
            f"bad timestamp {_clip(text)!r}; use ISO 8601 such as 2026-10-01T10:00:00Z"
        ) from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _twitter_time(text: str) -> datetime | None:
    """Twitter's `created_at` ("Tue Oct 31 22:10:47 +0000 2017"), or None."""
    try:
        return datetime.strptime(text, "%a %b %d %H:%M:%S %z %Y")
    except ValueError:
        return None


# An epoch past these is in finer units than seconds: ms, then µs, then ns (seconds
# reach 1e11 only in the year 5138).
_EPOCH_UNITS = ((1e17, 1e9), (1e14, 1e6), (1e11, 1e3))


def _from_epoch(seconds: float) -> datetime:
    """Epoch seconds, or milli-, micro- or nanoseconds when too large for seconds."""
    for bound, divisor in _EPOCH_UNITS:
        if abs(seconds) > bound:
            seconds /= divisor
            break
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise RecordSkipped(f"bad timestamp {seconds!r}: out of range") from None


def parse_bool(value: Any, field_name: str) -> bool | None:
    """True/False from common spellings; None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise RecordSkipped(f"{field_name} is {_clip(text)!r}; use true or false")


def parse_list(value: Any) -> tuple[str, ...]:
    """A list from a JSON array or a `;`/`|`/`,`-separated cell."""
    if value is None or value == "":
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(item).strip() for item in value if str(item).strip())
    text = str(value)
    for separator in (";", "|", ","):
        if separator in text:
            return tuple(part.strip() for part in text.split(separator) if part.strip())
    return (text.strip(),)


def as_text(value: Any) -> str | None:
    """A cell as text, or None when it is absent or blank."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    return text if text.strip() else None


def _clip(text: str, limit: int = 40) -> str:
    """Short enough for a one-line reason."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def epoch_microseconds(value: Any) -> datetime | None:
    """A field documented as microseconds since the epoch, read as such whatever its
    size (small values are offsets from the start, as in examples that count from 0)."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        micros = int(str(value).strip())
    except ValueError:
        raise RecordSkipped(f"bad timestamp {_clip(str(value))!r}: not a whole number of "
                            "microseconds") from None
    try:
        return datetime.fromtimestamp(micros / 1_000_000, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise RecordSkipped(f"bad timestamp {micros!r}: out of range") from None
