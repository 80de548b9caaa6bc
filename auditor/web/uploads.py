"""Uploaded exports, checked and saved into an audit's working directory.

Every file is copied with a byte cap (its declared size is never trusted), must be
non-empty text, and keeps only a sanitised name. A zip is opened, never executed,
and extracted member by member into the working directory: a member whose path
leaves the archive's root, a link, too many members, too many bytes or an extreme
compression ratio rejects the whole archive. Only the export files the loaders read are
extracted; nested archives are not opened. Saved files are 0600 and folders 0700:
raw uploads are readable by the service's user only.
"""

from __future__ import annotations

import os
import shutil
import stat
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Protocol

from werkzeug.utils import secure_filename

from auditor.errors import AuditorError
from auditor.loaders.detect import INPUT_SUFFIXES
from auditor.loaders.encoding import SAMPLE_BYTES, NotText, sniff_encoding
from auditor.web.permissions import FILE_MODE, private_dir

# Every file kind the command line reads (one list, in auditor.loaders.detect).
EXPORT_SUFFIXES = tuple(sorted(INPUT_SUFFIXES, key=lambda s: (s != ".jsonl", s)))
UPLOAD_SUFFIXES = (*EXPORT_SUFFIXES, ".zip")
EXPORTS_IN_WORDS = ", ".join(EXPORT_SUFFIXES)
_CHUNK = 1 << 16


class UploadError(AuditorError):
    """An upload that cannot be audited; the message names the file and what to do."""


@dataclass(frozen=True, slots=True)
class UploadLimits:
    """How big uploads may be."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_zip_members: int = 1000
    max_unzipped_bytes: int = 200 * 1024 * 1024
    max_compression_ratio: int = 100


class Upload(Protocol):
    """What an uploaded file offers (Werkzeug's FileStorage has it)."""

    @property
    def filename(self) -> str | None:
        """The name the client gave."""

    @property
    def stream(self) -> IO[bytes]:
        """The content."""


def save_uploads(files: Iterable[Upload], directory: Path, limits: UploadLimits) -> list[Path]:
    """Save each upload (extracting zips) under `directory`; the export files written."""
    private_dir(directory)
    saved: list[Path] = []
    for upload in files:
        original = upload.filename or ""
        if not original:
            continue  # an empty file field
        name = secure_filename(original)
        suffix = Path(name).suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            raise UploadError(f"{original}: not an export; upload {EXPORTS_IN_WORDS} or "
                              ".zip files")
        target = _unique(directory / name)
        _copy_capped(upload.stream, target, limits.max_file_bytes, original)
        if target.stat().st_size == 0:
            raise UploadError(f"{original}: the file is empty")
        if suffix == ".zip":
            saved.extend(extract_zip(target, directory / f"{target.stem}-unzipped", limits,
                                     shown_as=original))
            target.unlink()
        else:
            require_text(target, original)
            saved.append(target)
    if not saved:
        raise UploadError(f"no export was uploaded: choose one or more {EXPORTS_IN_WORDS} "
                          "or .zip files")
    return saved


def extract_zip(archive: Path, directory: Path, limits: UploadLimits, *,
                shown_as: str) -> list[Path]:
    """Extract the export files of a zip safely, or raise UploadError saying why not."""
    try:
        with zipfile.ZipFile(archive) as bundle:
            members = [m for m in bundle.infolist() if not m.is_dir()]
            _check_members(members, limits, shown_as)
            wanted = [m for m in members if _is_export(m.filename)]
            if not wanted:
                raise UploadError(f"{shown_as}: the zip holds no {EXPORTS_IN_WORDS} file")
            return [_extract(bundle, member, directory, limits, shown_as) for member in wanted]
    except zipfile.BadZipFile:
        raise UploadError(f"{shown_as}: not a readable zip archive") from None
    except (RuntimeError, NotImplementedError) as error:  # encrypted or unknown method
        raise UploadError(f"{shown_as}: the zip cannot be read ({error})") from None


def _check_members(members: list[zipfile.ZipInfo], limits: UploadLimits, shown_as: str) -> None:
    if len(members) > limits.max_zip_members:
        raise UploadError(f"{shown_as}: the zip has {len(members)} files; the limit is "
                          f"{limits.max_zip_members}")
    declared = 0
    for member in members:
        path = PurePosixPath(member.filename.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts or ":" in member.filename:
            raise UploadError(f"{shown_as}: the zip holds a path outside its root "
                              f"({member.filename!r}); it was not extracted")
        if stat.S_ISLNK(member.external_attr >> 16):
            raise UploadError(f"{shown_as}: the zip holds a link ({member.filename!r}); it "
                              "was not extracted")
        if member.file_size > limits.max_compression_ratio * max(member.compress_size, 1):
            raise UploadError(f"{shown_as}: {member.filename!r} expands more than "
                              f"{limits.max_compression_ratio} times; the zip was rejected")
        declared += member.file_size
    if declared > limits.max_unzipped_bytes:
        raise UploadError(f"{shown_as}: the zip expands to more than "
                          f"{limits.max_unzipped_bytes // (1024 * 1024)} MB")


def _is_export(name: str) -> bool:
    parts = PurePosixPath(name.replace("\\", "/")).parts
    hidden = any(part.startswith(".") or part == "__MACOSX" for part in parts)
    return not hidden and PurePosixPath(name).suffix.lower() in EXPORT_SUFFIXES


def _extract(bundle: zipfile.ZipFile, member: zipfile.ZipInfo, directory: Path,
             limits: UploadLimits, shown_as: str) -> Path:
    relative = [secure_filename(part) or "_" for part in
                PurePosixPath(member.filename.replace("\\", "/")).parts]
    target = directory.joinpath(*relative)
    if not target.resolve().is_relative_to(directory.resolve()):
        raise UploadError(f"{shown_as}: the zip holds a path outside its root")
    private_dir(target.parent)
    target = _unique(target)
    # The declared size is only a claim: copy no more than it (and the file limit).
    cap = min(member.file_size, limits.max_file_bytes)
    with bundle.open(member) as source:
        _copy_capped(source, target, cap, f"{shown_as}: {member.filename}")
    if target.stat().st_size == 0:
        raise UploadError(f"{shown_as}: {member.filename} is empty")
    require_text(target, f"{shown_as}: {member.filename}")
    return target


def _copy_capped(source: IO[bytes], target: Path, cap: int, shown_as: str) -> None:
    written = 0
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(descriptor, "wb") as sink:
        while chunk := source.read(_CHUNK):
            written += len(chunk)
            if written > cap:
                sink.close()
                target.unlink()
                raise UploadError(f"{shown_as}: larger than the limit of "
                                  f"{_size(cap)}")
            sink.write(chunk)


def require_text(path: Path, shown_as: str) -> None:
    """Reject a file that is not text (a PDF renamed .csv, say), by the rules the
    loaders read with (`auditor.loaders.encoding`): UTF-8, a byte-order mark's UTF-16
    or UTF-32, or an encoding its content names with confidence.

    Single bad records further in are the loaders' business: they are skipped with
    their line and reported, as on the command line.
    """
    with path.open("rb") as handle:
        head = handle.read(SAMPLE_BYTES)
        complete = not handle.read(1)
    encoding = sniff_encoding(head, complete=complete)
    if isinstance(encoding, NotText):
        raise UploadError(f"{shown_as}: {encoding.reason}")


def _unique(path: Path) -> Path:
    """`path`, or `name-2.ext`... when it is taken (two uploads with one name)."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def _size(limit: int) -> str:
    return f"{limit / (1024 * 1024):g} MB" if limit >= 1024 * 1024 else f"{limit} bytes"


def remove_work_dir(directory: Path) -> None:
    """Delete an audit's raw uploads."""
    shutil.rmtree(directory, ignore_errors=True)
