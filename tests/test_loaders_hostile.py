"""Hostile and unlucky input: every reader keeps one bounded record in memory, a record
over the limits is skipped at its line and the rest is read, any encoding with a
byte-order mark is read, and files that are not files are named, never read forever."""

from __future__ import annotations

import json
import os
import random
import threading
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from auditor.cli import main
from auditor.errors import InputError, PolicyError
from auditor.loaders import LoadedInputs, LoadOptions, ReadLimits, load_inputs
from auditor.pipeline import run_audit
from auditor.policy import Policy, parse_policy
from tests.conftest import conversation, write_jsonl

KB = ReadLimits(max_record_bytes=1024)
TURN = {"conversation_id": "c-1", "role": "bot", "text": "Hi, I'm Ava, an AI assistant."}
REPLY = {"conversation_id": "c-1", "role": "customer", "text": "Where is my parcel?"}
BIG = {"conversation_id": "c-1", "role": "customer", "text": "x" * 5000}
DEEP = "[" * 100_000 + "]" * 100_000


def _load(path: Path, limits: ReadLimits = KB, **options: Any) -> LoadedInputs:
    return load_inputs([path], options=LoadOptions(limits=limits, **options))


def _skips(loaded: LoadedInputs) -> list[tuple[int, str]]:
    return [(item.line, item.reason) for item in loaded.skipped]


def _lines(*records: dict[str, Any] | str) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


def _csv(*rows: str) -> str:
    return "conversation_id,role,text\n" + "".join(row + "\n" for row in rows)


# --- One record over the size limit is skipped at its line; the rest is read ---------

@pytest.mark.parametrize(("name", "text", "line"), [
    pytest.param("a.jsonl", _lines(TURN, BIG, REPLY), 2, id="json-line"),
    pytest.param("a.jsonl", _lines(TURN, REPLY, BIG).rstrip("\n"), 3,
                 id="last-json-line-without-end"),
    pytest.param("a.csv", _csv("c-1,bot,Hello", "c-1,customer," + "x" * 5000,
                               "c-1,customer,Bye"), 3, id="csv-row"),
    # A quoted cell over many lines is one record; reading goes on after its end, and
    # none of its lines is read as a row of its own.
    pytest.param("a.csv", _csv("c-1,bot,Hello", 'c-1,customer,"' + "c-2,bot,line\n" * 200
                               + '"', "c-1,customer,Bye"), 3, id="csv-quoted-cell-over-lines"),
    pytest.param("a.json", "[\n" + ",\n".join(json.dumps(r) for r in (TURN, BIG, REPLY))
                 + "\n]", 3, id="array-item"),
    pytest.param("a.json", '{"channel": "web", "turns": [\n'
                 + ",\n".join(json.dumps(r) for r in (TURN, BIG, REPLY)) + "\n]}", 3,
                 id="item-of-a-document-list"),
])
def test_an_overlong_record_is_skipped_at_its_line_and_the_rest_is_read(
        tmp_path: Path, name: str, text: str, line: int) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    loaded = _load(path)
    assert loaded.audit.turn_count == 2
    [(skipped_line, reason)] = _skips(loaded)
    assert skipped_line == line
    assert reason == "record longer than the 1 KB limit (`max-record-bytes` in the policy)"


@pytest.mark.parametrize(("size", "skipped"), [
    pytest.param(1024, False, id="at-the-limit-read"),
    pytest.param(1025, True, id="one-byte-over-skipped"),
])
def test_the_limit_is_inclusive(tmp_path: Path, size: int, skipped: bool) -> None:
    record = dict(TURN, text="")
    padding = size - len(json.dumps(record))
    line = json.dumps(dict(record, text="é" * (padding // 2) + "x" * (padding % 2)),
                       ensure_ascii=False)
    assert len(line.encode("utf-8")) == size
    path = tmp_path / "a.jsonl"
    path.write_text(_lines(TURN, line), encoding="utf-8")
    assert bool(_load(path).skipped) is skipped
    csv_path = tmp_path / "a.csv"
    csv_path.write_text(_csv("c-1,bot,Hi", "c-1,bot," + "x" * (size - len("c-1,bot,"))),
                        encoding="utf-8")
    assert bool(_load(csv_path).skipped) is skipped


def test_a_one_record_document_over_the_limit_is_skipped_and_other_files_read(
        tmp_path: Path) -> None:
    chat = tmp_path / "chat.json"
    chat.write_text(json.dumps({"id": "chat-1", "messages": [
        {"role": "assistant", "content": "Hi, I'm a virtual assistant."},
        {"role": "user", "content": "x" * 5000}]}, indent=1), encoding="utf-8")
    other = write_jsonl(tmp_path / "other.jsonl", [TURN, REPLY])
    loaded = load_inputs([chat, other], options=LoadOptions(limits=KB))
    assert loaded.audit.turn_count == 2
    assert [(Path(s.path).name, s.line) for s in loaded.skipped] == [("chat.json", 1)]
    assert "1 KB limit" in loaded.skipped[0].reason


def test_the_default_limit_is_ten_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(_lines(TURN, dict(REPLY, text="x" * (10 * 2**20)), REPLY),
                    encoding="utf-8")
    loaded = load_inputs([path])
    assert loaded.audit.turn_count == 2
    assert _skips(loaded) == [(2, "record longer than the 10 MB limit (`max-record-bytes` "
                                  "in the policy)")]


@pytest.mark.parametrize(("name", "head", "tail"), [
    pytest.param("a.jsonl", _lines(TURN), "", id="line-without-end"),
    pytest.param("a.json", "[" + json.dumps(TURN) + ',\n{"text": "', '"}]', id="array-item"),
    pytest.param("a.csv", _csv("c-1,bot,Hi"), "", id="csv-line-without-end"),
])
def test_a_huge_record_is_read_past_in_chunks_never_held(tmp_path: Path, name: str,
                                                          head: str, tail: str) -> None:
    # The same file with a 2 KB record first: the first load imports the format plugins
    # and the language pipeline that redacts skip reasons, which is not the record's cost.
    warm = tmp_path / f"warm-{name}"
    warm.write_text(head + ("c-1,customer," if name.endswith(".csv") else "") + "y" * 2048 +
                    tail, encoding="utf-8")
    _load(warm)
    path = tmp_path / name
    with path.open("w", encoding="utf-8") as out:
        out.write(head)
        if name.endswith(".csv"):
            out.write("c-1,customer,")
        for _ in range(40):
            out.write("y" * 2**20)  # 40 MB without a line end
        out.write(tail)
    tracemalloc.start()
    try:
        loaded = _load(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert loaded.audit.turn_count == 1 and "1 KB limit" in loaded.skipped[0].reason
    assert peak < 8 * 2**20, f"peak {peak:,} bytes"


def test_the_record_limit_is_a_policy_option(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "t.jsonl", [*conversation(
        "c-1", ("bot", "Hi, I'm Ava, an AI assistant."), ("customer", "Thanks")),
        dict(REPLY, text="x" * 5000)])
    policy = parse_policy({"max-record-bytes": "1 KB"})
    assert policy.read_limits.max_record_bytes == 1024
    assert policy.to_dict()["max_record_bytes"] == 1024
    result = run_audit([path], policy=policy)
    assert [(s.line, "max-record-bytes" in s.reason) for s in result.skipped] == [(3, True)]
    assert not run_audit([path], policy=Policy()).skipped


@pytest.mark.parametrize(("value", "message"), [
    pytest.param(0, "number of bytes above 0", id="zero"),
    pytest.param("1.5 MB", "units KB, MB, GB", id="fraction"),
    pytest.param("ten", "number of bytes", id="words"),
])
def test_a_bad_record_limit_says_what_to_write(value: Any, message: str) -> None:
    with pytest.raises(PolicyError, match=message):
        parse_policy({"max-record-bytes": value})


# --- Nesting deeper than the limit is a skipped record, never a RecursionError -------

def _copilot_rows(content: str) -> str:
    good = json.dumps({"activities": [{"type": "message", "from": {"role": 0},
                                       "text": "Hi, I'm a virtual agent."}]})
    return json.dumps({"value": [
        {"conversationtranscriptid": "t-1", "name": "conv-1", "content": good},
        {"conversationtranscriptid": "t-2", "name": "conv-2", "content": content}]}, indent=1)


@pytest.mark.parametrize(("name", "text", "turns", "line"), [
    pytest.param("a.jsonl", _lines(TURN, DEEP, REPLY), 2, 2, id="json-line-of-arrays"),
    pytest.param("a.jsonl", _lines(TURN, '{"a":' * 100_000 + "1" + "}" * 100_000, REPLY), 2, 2,
                 id="json-line-of-objects"),
    pytest.param("a.jsonl", _lines(dict(TURN, extra=json.loads("[" * 600 + "]" * 600)), REPLY),
                 1, 1, id="600-levels-within-a-record"),
    pytest.param("a.json", "[\n" + json.dumps(TURN) + ",\n" + DEEP + ",\n" + json.dumps(REPLY)
                 + "\n]", 2, 3, id="array-item"),
    pytest.param("a.json", '{"channel": "web", "turns": [\n' + json.dumps(TURN) + ",\n" + DEEP
                 + ",\n" + json.dumps(REPLY) + "\n]}", 2, 3, id="item-of-a-document-list"),
    pytest.param("chat.json", '{"messages": ' + DEEP + "}", 0, 1, id="one-record-document"),
    pytest.param("page.json", _copilot_rows(DEEP), 1, 8, id="json-packed-in-a-field"),
])
def test_deep_nesting_is_a_skipped_record(tmp_path: Path, name: str, text: str, turns: int,
                                          line: int) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    loaded = load_inputs([path])
    assert loaded.audit.turn_count == turns
    [(skipped_line, reason)] = _skips(loaded)
    assert skipped_line == line
    assert "nested too deeply: more than 512 levels (`max-nesting` in the policy)" in reason


@pytest.mark.parametrize(("depth", "skipped"), [
    pytest.param(3, False, id="at-the-limit-read"),
    pytest.param(4, True, id="one-level-deeper-skipped"),
])
def test_the_nesting_limit_is_a_policy_option(tmp_path: Path, depth: int, skipped: bool) -> None:
    nested: Any = "x"
    for _ in range(depth - 1):
        nested = [nested]
    path = tmp_path / "a.jsonl"
    path.write_text(_lines(TURN, dict(REPLY, extra=nested)), encoding="utf-8")
    limits = parse_policy({"max-nesting": 3}).read_limits
    assert bool(_load(path, limits=limits).skipped) is skipped
    array = tmp_path / "a.json"
    array.write_text(json.dumps([TURN, dict(REPLY, extra=nested)]), encoding="utf-8")
    assert bool(_load(array, limits=limits).skipped) is skipped


def test_a_bad_nesting_limit_says_what_to_write() -> None:
    with pytest.raises(PolicyError, match="from 1 to 800"):
        parse_policy({"max-nesting": 5000})


def _chats_with_a_deep_record(tmp_path: Path) -> Path:
    """Fifty well-behaved conversations and, among them, one record 100,000 deep."""
    records: list[dict[str, Any] | str] = []
    for n in range(50):
        records.extend(conversation(f"c-{n}", ("bot", "Hi, I'm Ava, an AI assistant."),
                                    ("customer", "Thanks, bye"), region="EU"))
    records.insert(40, DEEP)
    return write_jsonl(tmp_path / "chats.jsonl", records)


def test_a_record_nested_100000_deep_leaves_the_audit_to_the_gate(tmp_path: Path) -> None:
    result = run_audit([_chats_with_a_deep_record(tmp_path)], policy=Policy(select=("DISC",)))
    assert result.exit_code in (0, 1)
    assert [(s.line, s.reason.split(":")[0]) for s in result.skipped] == [
        (41, "nested too deeply")]
    assert result.summary.conversations == 50


def test_the_command_line_audits_around_a_deeply_nested_record(tmp_path: Path) -> None:
    path = _chats_with_a_deep_record(tmp_path)
    code = main(["scan", str(path), "--format", "json", "--out", str(tmp_path / "out"),
                 "--quiet", "--select", "DISC"])
    assert code in (0, 1)
    document = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert [s["line"] for s in document["skipped"]] == [41]


# --- Encodings: a byte-order mark decides; other encodings are detected or named ------

GREETING = {"conversation_id": "c-1", "role": "bot", "text": "Grüße, ich bin Ava, ein Bot."}


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32",
                                      "utf-32-be"])
@pytest.mark.parametrize("name", ["a.jsonl", "a.csv", "a.json"])
def test_byte_order_marks_are_honoured_by_every_reader(tmp_path: Path, encoding: str,
                                                       name: str) -> None:
    if name.endswith(".csv"):
        text = _csv("c-1,bot,\"Grüße, ich bin Ava, ein Bot.\"", "c-1,customer,Hallo")
    elif name.endswith(".json"):
        text = json.dumps([GREETING, REPLY], ensure_ascii=False, indent=1)
    else:
        text = _lines(json.dumps(GREETING, ensure_ascii=False), REPLY)
    # Python writes the mark for "utf-16" and "utf-32" (little-endian here), not for
    # the -be codecs: it is added by hand.
    mark = {"utf-16-be": "\ufeff", "utf-32-be": "\ufeff"}.get(encoding, "")
    path = tmp_path / name
    path.write_bytes((mark + text).encode(encoding))
    loaded = load_inputs([path])
    assert not loaded.skipped and not loaded.notes
    turns = loaded.audit.conversations[0].turns
    assert [t.text for t in turns] == ["Grüße, ich bin Ava, ein Bot.",
                                       "Hallo" if name.endswith(".csv") else REPLY["text"]]


FRENCH = [f"c-{n},customer,\"Je voudrais parler à un conseiller, s'il vous plaît. Où est ma "
          f"commande n°{n}?\"" for n in range(4)]


def test_a_windows_1252_csv_is_detected_read_and_noted(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(_csv("c-0,bot,\"Bonjour, je suis un assistant virtuel.\"", *FRENCH)
                     .encode("cp1252"))
    loaded = load_inputs([path])
    assert not loaded.skipped
    assert "à un conseiller, s'il vous plaît. Où" in loaded.audit.conversations[1].turns[0].text
    [note] = loaded.notes
    assert "export.csv" in note and "cp1252" in note
    result = run_audit([path], policy=Policy(select=("DISC",)))
    assert note in result.notes


def test_a_utf8_file_with_damaged_lines_stays_utf8(tmp_path: Path) -> None:
    # Real UTF-8 beyond ASCII elsewhere: three Latin-1 lines are damage, skipped one by
    # one as undecodable, never a reason to read the whole file in another encoding.
    good = json.dumps(GREETING, ensure_ascii=False).encode("utf-8")
    bad = json.dumps(dict(REPLY, text="café"), ensure_ascii=False).encode("latin-1")
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\n".join([good, bad, bad, bad, good]) + b"\n")
    loaded = load_inputs([path])
    assert loaded.audit.turn_count == 2 and not loaded.notes
    assert [(line, reason.split(" at ")[0]) for line, reason in _skips(loaded)] == [
        (2, "undecodable bytes"), (3, "undecodable bytes"), (4, "undecodable bytes")]


@pytest.mark.parametrize(("data", "reason"), [
    pytest.param(random.Random(15).randbytes(50_000), "not text: binary data",
                 id="random-bytes"),
    pytest.param(b"\x00" * 100_000, "not text: binary data (it holds NUL bytes)",
                 id="zeros"),
    pytest.param(b"\x89PNG\r\n\x1a\n" + random.Random(7).randbytes(20_000),
                 "not text", id="an-image"),
])
def test_binary_garbage_is_skipped_with_a_reason(tmp_path: Path, data: bytes,
                                                 reason: str) -> None:
    garbage = tmp_path / "garbage.jsonl"
    garbage.write_bytes(data)
    good = write_jsonl(tmp_path / "good.jsonl", [TURN, REPLY])
    loaded = load_inputs([garbage, good])
    assert loaded.audit.turn_count == 2
    [(path, line, said)] = [(Path(s.path).name, s.line, s.reason) for s in loaded.skipped]
    assert (path, line) == ("garbage.jsonl", 0) and said.startswith(reason)
    with pytest.raises(InputError, match="no record could be read"):
        run_audit([garbage], policy=Policy(select=("DISC",)))


# --- Files that are not files ------------------------------------------------------

def test_a_dangling_symlink_in_a_directory_is_listed_as_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", [TURN, REPLY])
    (folder / "b.jsonl").symlink_to(tmp_path / "gone.jsonl")
    loaded = load_inputs([folder])
    assert loaded.audit.turn_count == 2
    [skipped] = loaded.skipped
    assert Path(skipped.path).name == "b.jsonl" and skipped.line == 0
    assert "symbolic link" in skipped.reason and "does not exist" in skipped.reason
    given = load_inputs([folder / "b.jsonl", folder / "a.jsonl"])
    assert given.audit.turn_count == 2 and "symbolic link" in given.skipped[0].reason


def test_a_symlink_to_a_file_is_read(tmp_path: Path) -> None:
    real = write_jsonl(tmp_path / "real.jsonl", [TURN, REPLY])
    (tmp_path / "link.jsonl").symlink_to(real)
    loaded = load_inputs([tmp_path / "link.jsonl"])
    assert loaded.audit.turn_count == 2 and not loaded.skipped


@pytest.mark.parametrize("forced", [None, "transcript-jsonl"])
def test_a_device_is_refused_not_read_forever(forced: str | None) -> None:
    with pytest.raises(InputError, match="character device, not a file"):
        load_inputs([Path("/dev/zero")], options=LoadOptions(input_format=forced))


def test_the_command_line_refuses_a_device_with_exit_2(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["scan", "/dev/zero", "--input-format", "transcript-jsonl",
                 "--out", str(tmp_path / "out"), "--quiet"])
    assert code == 2
    assert "/dev/zero: is a character device, not a file" in capsys.readouterr().err


def test_a_named_pipe_is_refused_even_with_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "stream.jsonl"
    os.mkfifo(fifo)

    def endless() -> None:  # `head -c 1G /dev/zero > fifo`, in small
        try:
            with open(fifo, "wb") as out:
                out.write(b"\x00" * 2**20)
        except OSError:
            pass

    writer = threading.Thread(target=endless, daemon=True)
    writer.start()
    with pytest.raises(InputError, match="named pipe"):
        load_inputs([fifo])
    with pytest.raises(InputError, match="named pipe"):
        load_inputs([fifo], options=LoadOptions(input_format="transcript-jsonl"))
    # Unblock the writer if it is still waiting for a reader.
    descriptor = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    os.close(descriptor)
    writer.join(timeout=5)


def test_a_named_pipe_in_a_directory_is_listed_not_read(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "a.jsonl", [TURN, REPLY])
    os.mkfifo(tmp_path / "b.jsonl")
    loaded = load_inputs([tmp_path])
    assert loaded.audit.turn_count == 2
    assert [(Path(s.path).name, "named pipe" in s.reason) for s in loaded.skipped] == [
        ("b.jsonl", True)]


def test_standard_input_is_not_read() -> None:
    with pytest.raises(InputError, match="standard input is not supported"):
        load_inputs([Path("-")])


# --- Reasons quote numbers as they were written --------------------------------------

@pytest.mark.parametrize(("value", "written"), [
    pytest.param(1e20, "1e20", id="number-1e20"),
    pytest.param("1e20", "1e20", id="text-1e20"),
    pytest.param(1e26, "1e26", id="number-1e26"),
    pytest.param(-1e20, "-1e20", id="negative"),
])
def test_an_epoch_out_of_range_is_skipped_and_quoted_as_written(
        tmp_path: Path, value: Any, written: str) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [TURN, dict(REPLY, timestamp=value)])
    loaded = load_inputs([path])
    assert loaded.audit.turn_count == 1
    [(line, reason)] = _skips(loaded)
    assert line == 2 and reason.startswith(f"bad timestamp {written}: out of range")
    assert "e+" not in reason


@pytest.mark.parametrize("value", [1_700_000_000, 1_700_000_000_000, 1.7e18, "1700000000"])
def test_an_epoch_in_any_unit_is_still_read(tmp_path: Path, value: Any) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [TURN, dict(REPLY, timestamp=value)])
    loaded = load_inputs([path])
    assert not loaded.skipped
    started = loaded.audit.conversations[0].turns[1].timestamp
    assert started is not None and started.year == 2023
