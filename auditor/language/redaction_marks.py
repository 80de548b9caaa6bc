"""Marks that platforms leave where they redacted personal data.

Exports are often redacted before anyone audits them: Amazon Connect Contact Lens and
Amazon Transcribe write `[PII]`, Google's Data Loss Prevention `[PERSON_NAME]`,
template engines `{{EMAIL}}`, help desks `****`, `<REDACTED>` or blocks such as
`▇▇▇▇`, public complaint data `XXXX`. A mark is the absence of a value: never a
name or a leak. Where a mark stands in for a name ("This is [PII] from support"), it
still says that someone introduced themselves.
"""

from __future__ import annotations

import re

__all__ = ["NAME_MARK", "REDACTION_MARK", "with_name_marks_as_names"]

_BRACKETED_TYPE = r"\[[A-Z][A-Z0-9_ -]*\]"  # [PII], [PERSON_NAME], [EMAIL ADDRESS]
_TEMPLATE_FIELD = r"\{\{\s*[A-Za-z_][\w.-]*\s*\}\}"  # {{EMAIL}}, {{ customer.name }}
# "[REDACTED]", "<redacted_email>", "(removed)": the word and at most a type name,
# never anything that could itself be the value ("(removed: jo@example.com)").
_SAID_REDACTED = (r"[\[<(](?i:redacted|removed|hidden|masked|pii)"
                  r"(?:[ _:-]{1,2}[A-Za-z_]{1,24})?[\]>)]")
_MASK_RUN = r"(?<![\w*#])(?:\*{3,}|#{3,}|X{3,}|[█▇■]{2,})(?![\w*#])"

# One regular expression for every mark, for allow lists and scanners.
REDACTION_MARK = "|".join((_BRACKETED_TYPE, _TEMPLATE_FIELD, _SAID_REDACTED, _MASK_RUN))

# Marks that can stand where a name was: a generic one, or one of a name's type.
_NAME_TYPES = (r"(?i:PII|NAME|PERSON|PERSON_NAME|FIRST_NAME|LAST_NAME|FULL_NAME|AGENT_NAME"
               r"|REDACTED)")
NAME_MARK = re.compile(
    rf"\[{_NAME_TYPES}\]|<{_NAME_TYPES}>|\{{\{{\s*(?i:[\w.]*name|pii)\s*\}}\}}"
    rf"|{_SAID_REDACTED}|{_MASK_RUN}"
)


def with_name_marks_as_names(text: str) -> str:
    """`text` with each mark that can stand for a name replaced by a capitalised word
    of the same length, so offsets into it are offsets into `text` and a name
    detector reads "This is [PII]" as "This is Xxxxx"."""
    return NAME_MARK.sub(lambda mark: "X" + "x" * (len(mark.group()) - 1), text)
