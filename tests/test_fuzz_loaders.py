"""Every input format's reader fed arbitrary bytes and mutations of its own fixtures:
never an exception but the InputError of a file unreadable as a whole, and every
record either read or listed as skipped with a reason.

Each format is forced (`--input-format`) and also detected. The mutations are those
of broken exports: a field dropped, duplicated or of another type, text cut short,
garbage lines, deep nesting, huge strings, the whole file cut off, other encodings.
The suite runs a share of the hypothesis profile's examples per format;
`HYPOTHESIS_PROFILE=fuzz` (`make fuzz`) runs ten times as many.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.errors import InputError
from auditor.loaders import LoadedInputs, LoadOptions, ReadLimits, input_formats, load_inputs
from auditor.loaders.records import json_shape
from tests.conftest import FIXTURES

FORMATS = tuple(input_formats().values())
# Small limits, so that huge strings and deep nesting meet them in a few kilobytes.
LIMITS = ReadLimits(max_record_bytes=4096, max_nesting=24)
PER_FORMAT = settings(max_examples=max(4, settings.default.max_examples // 10),
                      suppress_health_check=[HealthCheck.function_scoped_fixture,
                                             HealthCheck.too_slow])
_SUFFIX = {"json": ".json", "csv": ".csv"}
_names = itertools.count()


def _fixtures() -> dict[str, Path]:
    """One bundled fixture per format, found by detection as a user's file would be."""
    from auditor.loaders.detect import detect_format

    found: dict[str, Path] = {}
    for path in sorted(FIXTURES.rglob("*")):
        if path.suffix in (".jsonl", ".json", ".csv", ".transcript"):
            fmt = detect_format(path, decisions="decisions" in path.parts)
            found.setdefault(fmt.name, path)
    return found


FIXTURE_OF = _fixtures()


def _fixture_bytes(name: str) -> tuple[bytes, str]:
    """A format's fixture and its file name ending; the decision log in JSON lines has
    none of its own and is made from the CSV one."""
    if name in FIXTURE_OF:
        path = FIXTURE_OF[name]
        return path.read_bytes(), path.suffix
    rows = csv.DictReader(io.StringIO((FIXTURES / "decisions" / "refunds.csv")
                                      .read_text(encoding="utf-8")))
    return "".join(json.dumps(row) + "\n" for row in rows).encode(), ".jsonl"


def _load(folder: Path, data: bytes, suffix: str, fmt: str | None,
          decisions: bool) -> LoadedInputs | None:
    """The file loaded as the format says (None when it is refused whole), with every
    promise about what was skipped checked."""
    path = folder / f"input-{next(_names)}{suffix}"
    path.write_bytes(data)
    options = LoadOptions(input_format=fmt, limits=LIMITS)
    try:
        loaded = load_inputs([], [path], options) if decisions \
            else load_inputs([path], options=options)
    except InputError as error:
        assert str(error)  # says why
        return None
    finally:
        path.unlink()
    for item in loaded.skipped:
        assert item.path == str(path) and item.line >= 0
        assert isinstance(item.reason, str) and item.reason.strip()
    for conversation in loaded.audit.conversations:
        assert all(isinstance(turn.text, str) for turn in conversation.turns)
    return loaded


# --- Arbitrary bytes ---------------------------------------------------------------

_BYTES = st.one_of(
    st.binary(max_size=3000),
    # Text-like bytes: JSON and CSV punctuation, line ends, quotes, a BOM.
    st.lists(st.sampled_from([b"{", b"}", b"[", b"]", b'"', b",", b":", b"\n", b"\r", b"\\",
                              b"null", b"1e20", b'"role"', b'"text"', b"\xef\xbb\xbf",
                              b"\xff\xfe", b"\x00", b"\xe9", b"conversation_id", b" "]),
             max_size=200).map(b"".join),
)


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
@PER_FORMAT
@given(data=_BYTES)
def test_arbitrary_bytes_never_crash_a_forced_format(tmp_path: Path, fmt: Any,
                                                     data: bytes) -> None:
    _load(tmp_path, data, _SUFFIX[fmt.container], fmt.name, fmt.kind == "decisions")


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".csv", ".transcript"])
@pytest.mark.parametrize("decisions", [False, True], ids=["transcripts", "decisions"])
@PER_FORMAT
@given(data=_BYTES)
def test_arbitrary_bytes_never_crash_detection(tmp_path: Path, suffix: str, decisions: bool,
                                               data: bytes) -> None:
    _load(tmp_path, data, suffix, None, decisions)


# --- Structured mutations of each format's own fixture -----------------------------

_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-2**70, 2**70),
    st.sampled_from([1e20, -1e20, 1e308, 1.5, 0, 1_700_000_000_000, "1e20", "", " "]),
    st.text(max_size=20),
)


# Nesting too deep for `json.dumps` itself is written in as text: a placeholder value
# is replaced by it once the mutated record is serialised.
_DEEP = re.compile(r'"@deep-(\d+)@"')


def _with_deep_text(text: str) -> str:
    def nested(match: re.Match[str]) -> str:
        depth = int(match.group(1))
        return ("[" * depth + "]" * depth) if depth % 2 else ('{"a":' * depth + "1"
                                                             + "}" * depth)
    return _DEEP.sub(nested, text)


def _nodes(value: Any) -> list[tuple[Any, Any]]:
    """(container, key) of every value inside, breadth first (bounded)."""
    found: list[tuple[Any, Any]] = []
    queue = [value]
    while queue and len(found) < 400:
        node = queue.pop(0)
        items = node.items() if isinstance(node, dict) else enumerate(node) \
            if isinstance(node, list) else ()
        for key, child in items:
            found.append((node, key))
            queue.append(child)
    return found


@st.composite
def _mutated_value(draw: st.DrawFn, value: Any) -> Any:
    """The value with a few of its fields dropped, duplicated, retyped or cut."""
    for _ in range(draw(st.integers(1, 3))):
        nodes = _nodes(value)
        if not nodes:
            return draw(_SCALARS)
        node, key = draw(st.sampled_from(nodes))
        action = draw(st.sampled_from(["drop", "duplicate", "retype", "cut", "huge", "deep"]))
        if action == "drop":
            del node[key]
        elif action == "duplicate":
            if isinstance(node, list):
                node.insert(key, node[key])
            else:
                node[f"{key}"[:10] + "_copy"] = node[key]
        elif action == "retype":
            node[key] = draw(st.one_of(_SCALARS, st.just([]), st.just({}),
                                       st.just([node[key]]), st.just({"value": node[key]})))
        elif action == "cut" and isinstance(node[key], str):
            node[key] = node[key][:draw(st.integers(0, max(0, len(node[key]) - 1)))]
        elif action == "huge":
            node[key] = "y" * draw(st.sampled_from([500, 5000, 20_000]))
        elif action == "deep":
            node[key] = f"@deep-{draw(st.sampled_from([10, 23, 25, 601, 3000]))}@"
    return value


def _json_text(draw: st.DrawFn, data: bytes, suffix: str) -> str:
    """A JSON fixture mutated, written as its original shape (lines or one document)."""
    text = data.decode("utf-8-sig")
    if json_shape(data) == "lines":
        lines = [line for line in text.splitlines() if line.strip()]
        records = [json.loads(line) for line in lines]
        chosen = draw(st.lists(st.integers(0, len(records) - 1), max_size=3))
        for index in chosen:
            records[index] = draw(_mutated_value(records[index]))
        return _with_deep_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                       for r in records))
    document = draw(_mutated_value(json.loads(text)))
    return _with_deep_text(json.dumps(document, ensure_ascii=False,
                                      indent=draw(st.sampled_from([None, 1]))))


def _csv_text(draw: st.DrawFn, data: bytes) -> str:
    """A CSV fixture with a few cells dropped, added, cut or made huge."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    for _ in range(draw(st.integers(1, 3))):
        row = rows[draw(st.integers(0, len(rows) - 1))]
        action = draw(st.sampled_from(["drop", "add", "cut", "huge", "quote"]))
        cell = draw(st.integers(0, max(0, len(row) - 1)))
        if action == "drop" and row:
            del row[cell]
        elif action == "add":
            row.insert(cell, draw(st.text(max_size=10)))
        elif action == "cut" and row:
            row[cell] = row[cell][:draw(st.integers(0, len(row[cell])))]
        elif action == "huge" and row:
            row[cell] = "z\n" * draw(st.sampled_from([10, 3000]))
        elif action == "quote" and row:
            row[cell] = '"' + row[cell]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


_GARBAGE = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40)
_ENCODINGS = ["utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-32", "utf-16-be", "cp1252"]


@st.composite
def _mutated_file(draw: st.DrawFn, name: str) -> tuple[bytes, str, str]:
    """A format's fixture, mutated, with garbage lines, perhaps cut off, in some
    encoding: its bytes, its file name ending and the encoding."""
    data, suffix = _fixture_bytes(name)
    text = _csv_text(draw, data) if suffix == ".csv" else _json_text(draw, data, suffix)
    lines = text.split("\n")
    for _ in range(draw(st.integers(0, 3))):
        lines.insert(draw(st.integers(0, len(lines))), draw(_GARBAGE))
    text = "\n".join(lines)
    if draw(st.booleans()):
        text = text[:draw(st.integers(0, len(text)))]
    encoding = draw(st.sampled_from(_ENCODINGS))
    mark = "\ufeff" if encoding == "utf-16-be" else ""
    try:
        encoded = (mark + text).encode(encoding)
    except UnicodeEncodeError:
        encoding, encoded = "utf-8", text.encode("utf-8")
    return encoded, suffix, encoding


def _check_every_line_is_accounted_for(data: bytes, encoding: str,
                                       loaded: LoadedInputs) -> None:
    """Canonical JSON lines: each line is a turn, a skipped record, or blank."""
    if any(item.line == 0 for item in loaded.skipped):
        assert not loaded.inputs  # skipped whole, as not text
        return
    text = data.decode(encoding).lstrip("\ufeff")
    if json_shape(text.encode("utf-8")) != "lines":
        return  # read as one document or array, not line by line
    lines = re.split(r"\r\n|\r|\n", text)
    if lines and lines[-1] == "":
        lines.pop()
    written = sum(1 for line in lines if line.strip())
    [read] = loaded.inputs
    assert read.records + read.skipped == written, (read, loaded.skipped)


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
@PER_FORMAT
@given(choice=st.data())
def test_mutated_fixtures_never_crash_and_lose_nothing_unsaid(tmp_path: Path, fmt: Any,
                                                              choice: st.DataObject) -> None:
    data, suffix, encoding = choice.draw(_mutated_file(fmt.name))
    decisions = fmt.kind == "decisions"
    forced = _load(tmp_path, data, suffix, fmt.name, decisions)
    _load(tmp_path, data, suffix, None, decisions)
    # Only Unicode is read the same whichever way it is told; cp1252 may be read as
    # a neighbouring code page, with other blank lines.
    if fmt.name == "transcript-jsonl" and forced is not None and encoding != "cp1252":
        _check_every_line_is_accounted_for(data, encoding, forced)


def test_every_format_has_a_fixture_to_mutate() -> None:
    assert all(_fixture_bytes(fmt.name)[0] for fmt in FORMATS)


# --- Where a CSV record ends, told after one was cut short, as `csv` tells it -------

@settings(max_examples=max(50, settings.default.max_examples * 2))
@given(lines=st.lists(st.text(alphabet='ab",', max_size=8), min_size=1, max_size=8))
def test_the_csv_quote_tracker_agrees_with_the_csv_module(lines: list[str]) -> None:
    from auditor.loaders.csv_rows import _open_quote

    reader = csv.reader(line + "\n" for line in lines)
    consumed = 0
    for _ in reader:
        record = lines[consumed:reader.line_num]
        consumed = reader.line_num
        if consumed == len(lines) and _open_quote(record):
            return  # the data ended inside a quoted cell: `csv` gives what it has
        assert not _open_quote(record)
        assert all(_open_quote(record[:n]) for n in range(1, len(record)))


# --- The JSON scanner keeps what is within the limits and steps over the rest -------

_VALUES = st.recursive(
    st.none() | st.integers() | st.text(alphabet='ab "\\[]{}\n\té😀', max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner,
                                                                max_size=3),
    max_leaves=20)


def _depth(value: Any) -> int:
    children = value.values() if isinstance(value, dict) else value \
        if isinstance(value, list) else None
    return 0 if children is None else 1 + max((_depth(c) for c in children), default=0)


@settings(max_examples=max(50, settings.default.max_examples * 2))
@given(values=st.lists(_VALUES, max_size=6), max_bytes=st.integers(1, 80),
       max_nesting=st.integers(1, 4), chunk=st.integers(1, 9),
       indent=st.sampled_from([None, 1]))
def test_the_scanner_steps_over_exactly_the_values_over_the_limits(
        values: list[Any], max_bytes: int, max_nesting: int, chunk: int,
        indent: int | None) -> None:
    from auditor.loaders.json_stream import JsonStream, ValueOverLimit, array_items

    texts = [json.dumps(v, ensure_ascii=False, indent=indent) for v in values]
    document = "[\n" + ",\n".join(texts) + "\n]"
    cursor = JsonStream(io.BytesIO(document.encode("utf-8")), chunk=chunk,
                        limits=ReadLimits(max_record_bytes=max_bytes, max_nesting=max_nesting))
    found = list(array_items(cursor))
    assert len(found) == len(values) and cursor.at_end()
    line = 2
    for value, text, item in zip(values, texts, found, strict=True):
        over = len(text.encode("utf-8")) > max_bytes or _depth(value) > max_nesting
        assert isinstance(item, ValueOverLimit) is over
        assert (item.line if isinstance(item, ValueOverLimit) else item[1]) == line
        if not over:
            assert not isinstance(item, ValueOverLimit) and json.loads(item[0]) == value
        line += text.count("\n") + 1
