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


@settings(max_examples=max(300, settings.default.max_examples * 3), deadline=None)
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


def _turn(n: int) -> dict[str, str]:
    return {"conversation_id": "c-1", "role": "bot" if n % 2 else "customer",
            "text": f"Message {n}"}


def _loaded(tmp_path: Path, name: str, data: bytes) -> Any:
    path = tmp_path / name
    path.write_bytes(data)
    return load_inputs([path])


def _lines(loaded: Any) -> list[tuple[int, str]]:
    return [(s.line, s.reason) for s in loaded.skipped]


def test_a_trailing_comma_and_arrays_one_after_another_lose_nothing(tmp_path: Path) -> None:
    rows = [json.dumps(_turn(n)) for n in range(4)]
    trailing = _loaded(tmp_path, "a.json", ("[" + ",\n".join(rows) + ",\n]").encode())
    assert trailing.audit.turn_count == 4 and not trailing.skipped
    pages = _loaded(tmp_path, "b.json", ("[" + ",".join(rows[:2]) + "]\n["
                                         + ",".join(rows[2:]) + "]\n").encode())
    assert pages.audit.turn_count == 4 and not pages.skipped
    tail = _loaded(tmp_path, "c.json", ("[" + ",".join(rows) + "]\n{\"more\": 1}\n").encode())
    assert tail.audit.turn_count == 4
    assert [line for line, reason in _lines(tail) if "more follows" in reason] == [2]


def test_what_follows_a_broken_element_is_said_to_be_lost(tmp_path: Path) -> None:
    loaded = _loaded(tmp_path, "a.json",
                     ('[\n' + json.dumps(_turn(1)) + ',\n{"role": "bot"]},\n'
                      + json.dumps(_turn(3)) + '\n]').encode())
    assert loaded.audit.turn_count == 1
    assert [line for line, _ in _lines(loaded)] == [3, 3]
    assert "the rest of the file cannot be read" in _lines(loaded)[-1][1]


def test_undecodable_bytes_late_in_an_array_keep_what_came_before(tmp_path: Path) -> None:
    rows = [json.dumps(_turn(n)) for n in range(3000)]
    rows[2500] = rows[2500].replace("Message", "Caf\udce9")  # replaced below by a raw byte
    text = "[\n" + ",\n".join(rows) + "\n]\n"
    data = text.encode("utf-8", errors="surrogateescape")
    loaded = _loaded(tmp_path, "a.json", data)
    assert loaded.audit.turn_count == 2500
    [(line, reason)] = _lines(loaded)
    assert line == 2502 and "undecodable bytes" in reason


def test_a_minified_document_reads_the_same_whatever_its_size(tmp_path: Path) -> None:
    for count in (3, 2000):
        document = {"conversation_id": "c-1", "turns": [
            {k: v for k, v in _turn(n).items() if k != "conversation_id"}
            for n in range(count)]}
        loaded = _loaded(tmp_path, f"d{count}.json", json.dumps(document).encode())
        assert loaded.audit.turn_count == count and not loaded.skipped


def test_a_broken_one_record_document_is_skipped_at_its_line_not_the_run(
        tmp_path: Path) -> None:
    chat = '{"id": "chat-1", "messages": [\n {"role": "user", "content": "hi"},\n' \
           ' {"role": "assistant" "content": "hello"}\n]}\n'
    broken = tmp_path / "broken.json"
    broken.write_text(chat, encoding="utf-8")
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"messages": [{"role": "assistant", "content": "Hi, I'm a bot."},
                                             {"role": "user", "content": "ok"}]}) + "\n",
                    encoding="utf-8")
    loaded = load_inputs([broken, good])
    assert loaded.audit.turn_count == 2
    assert [(Path(s.path).name, s.line) for s in loaded.skipped] == [("broken.json", 3)]


def test_deep_nesting_old_mac_line_ends_and_a_bom_alone_are_handled(tmp_path: Path) -> None:
    deep = _loaded(tmp_path, "deep.json", ("[" + json.dumps(_turn(1)) + ","
                                           + "[" * 5000 + "]" * 5000 + "]").encode())
    assert deep.audit.turn_count == 1 and "nested too deeply" in _lines(deep)[0][1]
    mac = _loaded(tmp_path, "mac.jsonl", "\r".join(json.dumps(_turn(n)) for n in range(3))
                  .encode())
    assert mac.audit.turn_count == 3 and not mac.skipped
    csv = _loaded(tmp_path, "mac.csv", b"conversation_id,role,text\rc-1,bot,Hello\r"
                  b"c-1,customer,Hi\r")
    assert csv.audit.turn_count == 2
    from auditor.errors import InputError
    (tmp_path / "bom.json").write_bytes(b"\xef\xbb\xbf\n")
    try:
        load_inputs([tmp_path / "bom.json"])
    except InputError as error:
        assert "file is empty" in str(error)
    else:
        raise AssertionError("a file with a byte-order mark alone is empty")


def test_records_of_a_one_line_page_count_one_by_one(tmp_path: Path) -> None:
    def row(n: int, content: str) -> dict[str, str]:
        return {"conversationtranscriptid": f"t-{n}", "name": f"conv-{n}", "content": content}

    good = json.dumps({"activities": [{"type": "message", "from": {"role": 0},
                                       "text": "Hi, I'm a virtual agent."}]})
    rows = [row(n, good) for n in range(400)] + [row(400, '{"activities": [')]
    loaded = _loaded(tmp_path, "page.json", json.dumps({"value": rows}).encode())
    assert loaded.inputs[0].records == 401 and len(loaded.skipped) == 1
    # An envelope whose list holds a null among its records: the null alone is skipped.
    envelope = {"activities": [{"type": "message", "from": {"role": "bot"},
                                "conversation": {"id": "d-1"}, "text": "Hi"}, None,
                               {"type": "message", "from": {"role": "user"},
                                "conversation": {"id": "d-1"}, "text": "Hello"}]}
    loaded = _loaded(tmp_path, "dl.json", json.dumps(envelope, indent=1).encode())
    assert loaded.inputs[0].format == "botframework-transcript"
    assert loaded.audit.turn_count == 2
    assert [reason for _, reason in _lines(loaded)] == ["not a JSON object"]
