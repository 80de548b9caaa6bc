"""A check's findings told in plain words, for readers who are not auditors.

The monthly owner report ranks what to fix and says it without codes or legal terms.
Each built-in check sets `plain` (a `PlainWords`); a plugin may too. When it does not,
`plain_words_for` falls back to the check's title and remediation, which say the same
in the reviewer's words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["PlainWords", "plain_words_for"]


@dataclass(frozen=True, slots=True)
class PlainWords:
    """What an owner reads about one check's findings.

    `action` is an instruction in a few words ("Pass customers to a person when they
    ask"); `problem` completes "In 3 of 60 chats, ..." ("a customer asked for a person
    and did not get one"); `fix` says what to change, in one or two short sentences.
    """

    action: str
    problem: str
    fix: str

    def to_dict(self) -> dict[str, str]:
        """The JSON form kept in monthly summaries."""
        return {"action": self.action, "problem": self.problem, "fix": self.fix}


def plain_words_for(check_class: type | None, entry: Mapping[str, Any]) -> PlainWords:
    """The check's own plain words, else words made from its result entry (`entry`: the
    check's line in a result, with `title` and `remediation`)."""
    words = getattr(check_class, "plain", None)
    if isinstance(words, PlainWords):
        return words
    title = str(entry.get("title") or entry.get("code") or "a check")
    return PlainWords(action=f"Fix: {title}",
                      problem=f"a problem was found ({title[:1].lower()}{title[1:]})",
                      fix=str(entry.get("remediation") or title))
