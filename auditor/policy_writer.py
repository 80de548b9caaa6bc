"""Policy TOML that the service writes for people to paste into `auditor.toml`.

The web service exports triage decisions as `[[suppressions]]` tables, and the
README tells users to paste them into their CI policy, so the file must say exactly
what the decisions say. Conversation ids and comments come from uploads and
reviewers: every such value is written by tomli-w as a TOML string, where no
quote, line break or `[[suppressions]]` can end it. A TOML comment cannot be
escaped, so comments carry only the caller's own words (dates, fixed sentences),
and a comment with a line break is refused. The tables use the keys that
`auditor.suppression.parse_suppressions` reads, so the output loads with
`auditor.policy.load_policy` as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import tomli_w

from auditor.suppression import Suppression

__all__ = ["CommentedSuppression", "suppressions_toml"]


@dataclass(frozen=True, slots=True)
class CommentedSuppression:
    """A suppression to write, with comment lines of the writer's own words above it."""

    suppression: Suppression
    comments: tuple[str, ...] = ()


def suppressions_toml(items: Iterable[CommentedSuppression], *,
                      header: Sequence[str] = ()) -> str:
    """`[[suppressions]]` tables as TOML text, each after its comments.

    Every suppression must have an expiry (a policy file requires one). Raises
    ValueError for a suppression without one and for a comment that is not one line.
    """
    parts = [_comments(header)] if header else []
    for item in items:
        # The header is ours; tomli-w writes the values. Dumping {"suppressions": [...]}
        # instead would let tomli-w write a short table inline (`suppressions = [...]`),
        # which a second one cannot follow.
        parts.append(_comments(item.comments) + "[[suppressions]]\n"
                     + tomli_w.dumps(_table(item.suppression)))
    return "\n".join(parts)


def _table(item: Suppression) -> dict[str, Any]:
    """The table `parse_suppressions` reads back into the same suppression."""
    if item.expires is None:
        raise ValueError(f"the suppression of {item.label()} has no expiry; a policy "
                         "file needs one")
    named = {"fingerprint": item.fingerprint, "code": item.code,
             "conversation": item.conversation}
    return {**{key: value for key, value in named.items() if value is not None},
            "justification": item.justification, "accepted-by": item.accepted_by,
            "expires": item.expires}


def _comments(lines: Sequence[str]) -> str:
    for line in lines:
        if not line.isprintable():
            raise ValueError(f"a TOML comment must be one printable line: {line!r}")
    return "".join(f"# {line}\n" for line in lines)
