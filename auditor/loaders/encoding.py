"""An input's text encoding, and its text as a stream of UTF-8 bytes for every reader.

A byte-order mark decides (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE). Without one, a file
is UTF-8 unless a sample of it (its first megabyte) says otherwise: UTF-8 with a few
damaged lines stays UTF-8 (those lines are skipped, the rest read), while text with
several undecodable lines and more undecodable sequences than characters beyond ASCII
that decode is in another encoding, which charset-normalizer names from the sample. A
confident guess is used, and said in the run's notes; anything else (binary data, an
encoding no guess is sure of) is skipped whole with a reason that names what the file
seems to be.

Readers see UTF-8 bytes whatever the file holds, so line splitting, the JSON scanner
and detection work one way. A byte sequence the file's encoding cannot decode comes
out as a byte that is never valid UTF-8, so the line holding it is skipped as
undecodable, as in a UTF-8 file.
"""

from __future__ import annotations

import codecs
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from auditor.loaders.files import open_raw

__all__ = ["NotText", "TextEncoding", "forget_encodings", "open_text", "sniff_encoding",
           "text_encoding"]

# Longest first: a UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
         (b"\xef\xbb\xbf", "utf-8"), (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"))
# How much of a file the encoding is told from, and how much of that the guesser reads
# (it samples within it; more only slows it down).
SAMPLE_BYTES = 1 << 20
_GUESS_BYTES = 1 << 16
_CHUNK = 1 << 16
# Fewer undecodable lines than this are damaged lines of a UTF-8 file, skipped one by
# one as before.
_FOREIGN_LINES = 3
# Text never holds NUL; one in a hundred bytes is UTF-16/32 without a mark, or binary.
_NUL_SHARE = 0.01
# charset-normalizer's "chaos" (0 clean .. 1 noise) up to which a guess is used, and
# the difference in it below which two readings are as clean (charset-normalizer's own).
_MAX_CHAOS = 0.1
_SAME_CHAOS = 0.01
# How much better (0..1) another reading must fit a language to win over a more used
# one: on a short sample the language fit is weak evidence (French read as Windows-1257
# "fits" Lithuanian nearly as well as French).
_CLEARLY_FITTER = 0.1
# The encodings a guess is made among: what tools write when not writing UTF-8 (the
# Windows "ANSI" code pages, which spreadsheet programs save CSV in, the legacy CJK
# encodings, KOI8-R) and UTF-16/32 without a mark. Rarer code pages (Mac, ISO 8859-14,
# HP Roman-8) fit short Western samples as well as Windows-1252 does and would misread
# them. Among readings as clean as the cleanest that fit a language nearly as well as
# the fittest, the first in this order wins: the most used first, Windows-1252 (Western
# European, the languages the checks read).
_CANDIDATES = ("cp1252", "cp1250", "cp1251", "cp1254", "cp1257", "cp1253", "cp1255",
               "cp1256", "cp1258", "cp874", "koi8_r", "cp932", "euc_jp", "gb18030", "big5",
               "cp949", "utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be")
_UNDECODABLE = "auditor-undecodable"


def _mark_undecodable(error: UnicodeError) -> tuple[str | bytes, int]:
    """Undecodable input becomes one lone surrogate, which is re-encoded as a byte that
    UTF-8 never holds (0xFF); the line is then skipped as undecodable."""
    if isinstance(error, UnicodeDecodeError):
        return "\udcff", error.end
    if isinstance(error, UnicodeEncodeError):
        return b"\xff" * (error.end - error.start), error.end
    raise error


codecs.register_error(_UNDECODABLE, _mark_undecodable)


@dataclass(frozen=True, slots=True)
class TextEncoding:
    """How a file's text is encoded: a Python codec, the byte-order mark to step over,
    and whether the codec was guessed from the content (said in the run's notes)."""

    codec: str
    bom: int = 0
    detected: bool = False

    @property
    def is_utf8(self) -> bool:
        """Whether the bytes after the mark are read as they are."""
        return codecs.lookup(self.codec).name == "utf-8"

    def note(self, path: Path | str) -> str | None:
        """What the run's notes say about this file's encoding, if anything."""
        if not self.detected:
            return None
        return (f"{path}: read as {self.codec}, the encoding its content suggests (it has "
                "no byte-order mark and is not UTF-8); save it as UTF-8 to be sure")


@dataclass(frozen=True, slots=True)
class NotText:
    """A file that is not text in any encoding that could be told: why."""

    reason: str


def sniff_encoding(sample: bytes, *, complete: bool) -> TextEncoding | NotText:
    """The encoding of a file from its first bytes (`complete` when they are all of it)."""
    for bom, codec in _BOMS:
        if sample.startswith(bom):
            return TextEncoding(codec, len(bom))
    if sample.count(b"\x00") > _NUL_SHARE * len(sample):
        guess = _guess(sample, wide_only=True)
        return guess if isinstance(guess, TextEncoding) else NotText(
            "not text: binary data (it holds NUL bytes); export the transcripts as JSON "
            "lines, JSON or CSV")
    if _mostly_utf8(sample, complete=complete):
        return TextEncoding("utf-8")
    return _guess(sample, wide_only=False)


def _mostly_utf8(sample: bytes, *, complete: bool) -> bool:
    """Whether a sample reads as UTF-8, perhaps with a few damaged lines: fewer than
    three undecodable lines, or more characters beyond ASCII that decode than
    sequences that do not (text in another encoding has next to none that decode)."""
    lines = sample.split(b"\n")
    # The sample may end inside a character: its last line is read as a prefix.
    undecodable = sum(1 for index, line in enumerate(lines)
                      if not _decodes(line, final=complete or index < len(lines) - 1))
    if undecodable < _FOREIGN_LINES:
        return True
    text = sample.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    beyond_ascii = len(text) - len(text.encode("ascii", errors="ignore")) - damaged
    return beyond_ascii > damaged


def _decodes(line: bytes, *, final: bool) -> bool:
    try:
        codecs.utf_8_decode(line, "strict", final)
    except UnicodeDecodeError:
        return False
    return True


def _guess(sample: bytes, *, wide_only: bool) -> TextEncoding | NotText:
    """charset-normalizer's reading of the sample, if it is a confident one."""
    from charset_normalizer import from_bytes

    candidates = [c for c in _CANDIDATES if c.startswith(("utf_16", "utf_32")) or not wide_only]
    matches = list(from_bytes(sample[:_GUESS_BYTES], cp_isolation=candidates))
    if not matches:
        return NotText("not text: binary data or an encoding that could not be told; "
                       "save the file as UTF-8")
    # The cleanest readings; of those, the most used one that fits a language nearly as
    # well as the fittest.
    cleanest = min(m.chaos for m in matches)
    clean = [m for m in matches if m.chaos - cleanest < _SAME_CHAOS]
    fittest = max(m.coherence for m in clean)
    best = min((m for m in clean if fittest - m.coherence < _CLEARLY_FITTER),
               key=lambda m: _CANDIDATES.index(m.encoding) if m.encoding in _CANDIDATES
               else len(_CANDIDATES))
    if best.chaos > _MAX_CHAOS or best.encoding in ("utf_8", "ascii"):
        return NotText(f"text in an encoding that could not be told with confidence (it "
                       f"looks like {best.encoding}, but reads as noise); save the file "
                       "as UTF-8")
    return TextEncoding(best.encoding, detected=True)


def text_encoding(path: Path) -> TextEncoding | NotText:
    """The encoding of the file at `path`, told once while a run reads it (the readers
    open a file several times) and again for a file changed since."""
    try:
        status = os.stat(path)
    except OSError:
        status = None  # opening says what is wrong
    key = (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns) \
        if status is not None else None
    return _encoding_of(str(path), key)


def forget_encodings() -> None:
    """Tell every file's encoding afresh: called as a run starts, since a file rewritten
    within the clock's resolution, at the same size, would look unchanged."""
    _encoding_of.cache_clear()


@lru_cache(maxsize=64)
def _encoding_of(path: str, _version: tuple[int, ...] | None) -> TextEncoding | NotText:
    with open_raw(Path(path)) as stream:
        sample = stream.read(SAMPLE_BYTES)
        complete = not stream.read(1)
    return sniff_encoding(sample, complete=complete)


@contextmanager
def open_text(path: Path) -> Iterator[BinaryIO]:
    """The file's text as UTF-8 bytes, its byte-order mark stepped over.

    A file that is not text is read as UTF-8, whose readers skip what they cannot
    decode; callers that should not read it at all ask `text_encoding` first.
    """
    encoding = text_encoding(path)
    if isinstance(encoding, NotText):
        encoding = TextEncoding("utf-8")
    with open_raw(path) as raw:
        raw.read(encoding.bom)
        if encoding.is_utf8:
            yield raw
        else:
            with io.BufferedReader(_Utf8Transcoder(raw, encoding.codec),
                                   buffer_size=_CHUNK) as text:
                yield text


class _Utf8Transcoder(io.RawIOBase):
    """A binary stream in another encoding, read as UTF-8 bytes, chunk by chunk."""

    def __init__(self, raw: BinaryIO, codec: str):
        super().__init__()
        self._raw = raw
        self._decoder = codecs.getincrementaldecoder(codec)(errors=_UNDECODABLE)
        self._pending = b""
        self._ended = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while not self._pending and not self._ended:
            data = self._raw.read(_CHUNK)
            self._ended = not data
            text = self._decoder.decode(data, final=self._ended)
            self._pending = text.encode("utf-8", errors=_UNDECODABLE)
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count
