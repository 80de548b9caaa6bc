"""Big JSON exports are read as a stream: values are cut out whole whatever the chunk
boundaries, lines are right, and memory holds records, not the file."""

from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.loaders import load_inputs
from auditor.loaders.json_stream import JsonStream, JsonStreamError, array_items
from auditor.loaders.records import first_json_record

# Strings that stress the scanner: quotes, backslashes, brackets and characters that
# take several bytes in UTF-8 (split across chunks).
_TEXT = st.text(alphabet=st.sampled_from('ab "\\[]{},:\n\té€😀\u2028'), max_size=12)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False,
                                                          allow_infinity=False) | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(values=st.lists(_JSON, max_size=6), chunk=st.integers(1, 9),
       indent=st.sampled_from([None, 1]))
def test_every_value_is_cut_out_whole_at_any_chunk_size(values: list[Any], chunk: int,
                                                        indent: int | None) -> None:
    text = json.dumps(values, indent=indent, ensure_ascii=False)
    cursor = JsonStream(io.BytesIO(("\ufeff" + text).encode("utf-8")), chunk=chunk)
    found = list(array_items(cursor))
    assert [json.loads(item) for item, _ in found] == values
    # Each value starts on the line the whole text puts it on.
    lines = [text.count("\n", 0, text.index(item)) + 1 for item, _ in found[:1]]
    assert [line for _, line in found[:1]] == lines
    assert cursor.at_end()


def test_a_cut_off_file_is_an_error_with_its_line() -> None:
    cursor = JsonStream(io.BytesIO(b'[\n{"a": 1},\n{"b": "never clos'), chunk=4)
    items = array_items(cursor)
    assert next(items) == ('{"a": 1}', 2)
    try:
        next(items)
    except JsonStreamError as error:
        assert "ends inside" in str(error) and error.line == 3
    else:
        raise AssertionError("a cut-off string must be an error")


def _big_document(path: Path, conversations: int, blob: int) -> None:
    """A Dataverse-style page, `{"value": [...]}`, whose records carry a large field
    the audit never reads, written without building the file in memory."""
    filler = "x" * blob
    with path.open("w", encoding="utf-8") as out:
        out.write('{"@odata.context": "https://example.com/$metadata",\n "value": [\n')
        for n in range(conversations):
            record = {"conversation_id": f"c-{n}", "role": "bot" if n % 2 else "customer",
                      "text": f"Message {n}", "raw": filler}
            out.write(("," if n else "") + json.dumps(record) + "\n")
        out.write("]}\n")


def test_a_big_document_is_read_record_by_record(tmp_path: Path) -> None:
    path = tmp_path / "page.json"
    _big_document(path, conversations=800, blob=50_000)  # a 40 MB file
    size = path.stat().st_size
    tracemalloc.start()
    try:
        loaded = load_inputs([path])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert loaded.inputs[0].records == 800 and not loaded.skipped
    assert loaded.audit.conversations[0].turns[0].text == "Message 0"
    # The whole file held once would be its size again; records alone are far less.
    assert peak < size / 4, f"peak {peak:,} bytes for a {size:,}-byte file"


def test_detection_sees_a_big_documents_keys_and_first_items(tmp_path: Path) -> None:
    path = tmp_path / "page.json"
    _big_document(path, conversations=200, blob=1_000)
    sample = first_json_record(path)
    assert sample is not None and set(sample) == {"@odata.context", "value"}
    assert len(sample["value"]) == 3


def test_a_broken_record_inside_a_document_loses_only_itself(tmp_path: Path) -> None:
    path = tmp_path / "page.json"
    good = [json.dumps({"conversation_id": "c-1", "role": r, "text": "Hi"})
            for r in ("bot", "customer")]
    path.write_text('{"channel": "web", "turns": [\n' + good[0] + ",\n"
                    '{"conversation_id": "c-1", "role": "bot", "text": tru},\n'
                    + good[1] + "\n]}\n", encoding="utf-8")
    loaded = load_inputs([path])
    assert [t.role.value for t in loaded.audit.conversations[0].turns] == ["bot", "customer"]
    assert loaded.audit.conversations[0].channel == "web"
    [skipped] = loaded.skipped
    assert skipped.line == 3 and skipped.reason.startswith("not valid JSON")
