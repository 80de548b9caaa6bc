"""Parsing cell values shared by every loader: timestamps, booleans, lists."""

from __future__ import annotations

import math
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
        return _from_epoch(value, number_as_written(value))
    text = _UTC_NAMED.sub("+00:00", str(value).strip())
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            number = float(text)
        except ValueError:
            pass
        else:
            return _from_epoch(number, _clip(text))
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
# In whichever unit, an epoch is a time between these seconds (the years 1653 and
# 2286): a transcript is never dated further off, and `1e20` read as nanoseconds (the
# year 5138) is a broken value rather than a date.
_EPOCH_RANGE = 1e10


def _from_epoch(number: int | float, written: str) -> datetime:
    """Epoch seconds, or milli-, micro- or nanoseconds when too large for seconds; a
    value out of range is skipped with the value as it was written."""
    out_of_range = RecordSkipped(
        f"bad timestamp {written}: out of range (read as seconds, milliseconds, "
        "microseconds or nanoseconds since 1970, it is no date between the years 1653 and "
        "2286)")
    try:
        seconds = float(number)
    except OverflowError:
        raise out_of_range from None
    for bound, divisor in _EPOCH_UNITS:
        if abs(seconds) > bound:
            seconds /= divisor
            break
    if not math.isfinite(seconds) or abs(seconds) >= _EPOCH_RANGE:
        raise out_of_range
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise out_of_range from None


def number_as_written(number: int | float) -> str:
    """A number as an export writes it, for a reason that quotes it: `1e20`, not
    `1e+20`; `1700000000`, not `1700000000.0`."""
    if isinstance(number, int):
        try:
            return _clip(str(number))
        except ValueError:  # more digits than Python turns into text
            return "a number of thousands of digits"
    text = repr(number)
    mantissa, _, exponent = text.partition("e")
    mantissa = mantissa.removesuffix(".0")
    return f"{mantissa}e{int(exponent)}" if exponent else mantissa


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
    shown = number_as_written(value) if isinstance(value, int | float) else _clip(text)
    raise RecordSkipped(f"{field_name} is {shown!r}; use true or false")


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
    written = number_as_written(value) if isinstance(value, int | float) \
        else _clip(str(value).strip())
    try:
        micros = int(value) if isinstance(value, int) or (
            isinstance(value, float) and value.is_integer()) else int(str(value).strip())
    except ValueError:
        raise RecordSkipped(f"bad timestamp {written!r}: not a whole number of "
                            "microseconds") from None
    try:
        return datetime.fromtimestamp(micros / 1_000_000, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise RecordSkipped(f"bad timestamp {micros!r}: out of range") from None
