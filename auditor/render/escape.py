"""Text from the audited files made literal for the programs that read our outputs.

Conversation ids, messages, paths and reasons come from the inputs (or from a result
JSON handed to `auditor render`), so a hostile export could hold text that the reader
of an output takes for its own syntax. Each reader gets the escaping its own parser
needs, and nothing more, so the text still reads as written:

- Markdown (`markdown_text`): GitHub renders the PR comment and the step summary.
  Inline syntax is backslash-escaped, a line break becomes a character reference, so
  text cannot open a link, image, HTML tag, heading, list, code span or fence, or
  break out of a table row. GitHub links `@name` (a user or team it notifies),
  `#123`, URLs and e-mail addresses in plain text after rendering; a zero-width space
  after `@` and `#` and an escaped `:` in `://` and `.` in `www.` stop that.
- Workflow commands (`workflow_data`, `workflow_property`): the rules of the Actions
  runner (`ActionCommand.cs`) and toolkit (`command.ts`): `%`, CR and LF
  percent-encoded in the message; `:` and `,` too in a property value.
- Log lines (`log_line`): the runner reads every line a step prints and obeys
  `::command::` at its start and `##[command]` anywhere in it, so text printed in a
  CI log keeps to one line and cannot form either; control characters are shown as
  escapes, which also keeps them from driving the terminal.
- Spreadsheet cells (`spreadsheet_cell`): Excel, LibreOffice and Google Sheets run a
  CSV cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a
  formula; such a cell is prefixed with an apostrophe, which they show as text.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["markdown_code", "markdown_text", "log_line", "spreadsheet_cell",
           "workflow_data", "workflow_property"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Characters of Markdown's inline syntax (and GFM's `|`, `~` and `$` math), escaped
# wherever they are.
_MARKDOWN_INLINE = frozenset("\\`*_[]<>|~#!&$")
# Characters that open a block only at the start of a line (a list, a setext line).
_MARKDOWN_LINE_START = frozenset("-+=")
_ORDERED_LIST_MARKER = re.compile(r"^[0-9]{1,9}(?=[.)])")
# GitHub turns `@name` into a mention and `#12` into an issue link after rendering,
# whatever the escapes: a zero-width space after the sign breaks the pattern.
_LINKED_AFTER_RENDERING = frozenset("@#")
_ZERO_WIDTH_SPACE = "\u200b"
# A check code, or anything as plain, needs no escaping inside a code span.
_PLAIN_CODE = re.compile(r"[A-Za-z0-9_.-]+")


def spreadsheet_cell(value: object) -> str:
    """`value` as a CSV cell a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def markdown_text(value: object) -> str:
    """`value` as literal inline Markdown text, safe in a paragraph, list item or table
    cell: it renders as the same characters, with a zero-width space after each `@`
    and `#`, and a NUL as U+FFFD (as every CommonMark reader shows it)."""
    text = "" if value is None else str(value)
    body = text.strip()
    start = text.index(body) if body else len(text)
    lead, tail = text[:start], text[start + len(body):]
    return (_references(lead) + _first_character_escaped(_escaped_inline(body))
            + _references(tail))


def _escaped_inline(text: str) -> str:
    out: list[str] = []
    for index, char in enumerate(text):
        if char in _MARKDOWN_INLINE:
            out.append("\\" + char)
        elif char == ":" and text.startswith("//", index + 1):
            out.append("\\:")  # GFM's autolink of `scheme://` starts at the colon
        elif char == "." and text[max(0, index - 3):index].lower() == "www":
            out.append("\\.")  # ...and its `www.` autolink needs the dot as written
        elif char in "\r\n":
            out.append(f"&#{ord(char)};")  # a character, not a line ending
        elif char == "\x00":
            out.append("\ufffd")
        else:
            out.append(char)
        if char in _LINKED_AFTER_RENDERING:
            out.append(_ZERO_WIDTH_SPACE)
    return "".join(out)


def _first_character_escaped(text: str) -> str:
    """Escape what would open a block where the text starts a line (`- x`, `1. x`)."""
    if text[:1] in _MARKDOWN_LINE_START:
        return "\\" + text
    marker = _ORDERED_LIST_MARKER.match(text)
    if marker:
        return text[:marker.end()] + "\\" + text[marker.end():]
    return text


def _references(whitespace: str) -> str:
    """Leading or trailing whitespace as character references: Markdown readers trim
    it from table cells and lines, and four spaces would open a code block."""
    return "".join(f"&#{ord(char)};" for char in whitespace)


def markdown_code(value: object) -> str:
    """A check code or similar identifier as a code span, or as escaped text when it
    holds anything a code span could not show literally (backticks, `|`, line breaks)."""
    text = "" if value is None else str(value)
    return f"`{text}`" if _PLAIN_CODE.fullmatch(text) else markdown_text(text)


def workflow_data(value: str) -> str:
    """Escape the message part of a workflow command (`::error ...::message`)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(value: str) -> str:
    """Escape a property value (file, title) of a workflow command."""
    return workflow_data(value).replace(":", "%3A").replace(",", "%2C")


def log_line(text: str) -> str:
    """One line for a terminal or a CI log: control characters and line separators
    shown as escapes (`\\n`, `\\x1b`), `##[` and a leading `::` broken up so that the
    Actions runner reads no workflow command in it."""
    shown = "".join(_visible(char) for char in text).replace("##[", "#\\x23[")
    stripped = shown.lstrip()
    if stripped.startswith("::"):
        shown = shown[:len(shown) - len(stripped)] + "\\x3a" + stripped[1:]
    return shown


def _visible(char: str) -> str:
    if char == "\t" or unicodedata.category(char) not in ("Cc", "Zl", "Zp"):
        return char
    named = {"\n": "\\n", "\r": "\\r"}.get(char)
    if named:
        return named
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
