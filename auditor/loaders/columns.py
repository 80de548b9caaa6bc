"""Which source column or value means which canonical field or role.

Exports name things differently (`speaker`, `author`, `from`; `user`, `visitor`);
these tables recognise the common names, and users override them from the command
line (`--column role=speaker`, `--role narrator=bot`).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from auditor.errors import UsageError
from auditor.loaders.records import RecordSkipped
from auditor.model import Role

# Canonical field -> accepted source names, most specific first.
TRANSCRIPT_COLUMNS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "conversation_id": ("conversation_id", "conversation", "conv_id", "conversationid",
                        "session_id", "session", "chat_id", "thread_id", "dialog_id",
                        "dialogue_id", "ticket_id", "conversation.id"),
    # Dotted names reach into nested objects: Bot Framework's `from.role`, an
    # Intercom part's `author.type`.
    "role": ("role", "speaker", "author", "from", "sender", "participant", "actor",
             "author_type", "sender_type", "from.role", "author.type", "sender.type"),
    "text": ("text", "message", "content", "body", "utterance", "msg"),
    "timestamp": ("timestamp", "time", "ts", "created_at", "datetime", "date", "sent_at"),
    "event": ("event", "event_type"),
    "channel": ("channel", "source_channel"),
})

DECISION_COLUMNS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "decision_id": ("decision_id", "id", "decision"),
    "conversation_id": ("conversation_id", "conversation", "session_id", "chat_id"),
    "timestamp": ("timestamp", "time", "ts", "created_at", "decided_at", "date"),
    "decision_type": ("decision_type", "type", "kind"),
    "outcome": ("outcome", "result", "decision_outcome", "status"),
    "favourable": ("favourable", "favorable", "is_favourable", "is_favorable"),
    "label": ("label", "ground_truth", "label_value"),
    "automated": ("automated", "is_automated"),
    "human_reviewed": ("human_reviewed", "reviewed", "human_review"),
    "reason_codes": ("reason_codes", "reasons", "reason_code"),
})

ROLE_ALIASES: Mapping[str, Role] = MappingProxyType({
    **dict.fromkeys(("customer", "user", "visitor", "client", "consumer", "enduser",
                     "end_user", "end-user", "contact", "lead", "caller", "human",
                     "cliente", "kunde", "usuario"), Role.CUSTOMER),
    **dict.fromkeys(("bot", "assistant", "ai", "chatbot", "virtual_agent", "virtual-agent",
                     "virtualagent", "va", "ai_agent", "automated", "model"), Role.BOT),
    **dict.fromkeys(("agent", "human_agent", "human-agent", "operator", "staff", "admin",
                     "representative", "rep", "advisor", "adviser", "teammate",
                     "live_agent", "supervisor"), Role.AGENT),
    **dict.fromkeys(("system", "event", "notice"), Role.SYSTEM),
})
# Words that hint at a role inside a vendor's speaker value ("CUSTOM_BOT",
# "HumanAgent", "team"), for the --role suggestion only: a guess is never applied.
_ROLE_HINTS: Mapping[str, Role] = MappingProxyType({
    **ROLE_ALIASES, "team": Role.AGENT, "member": Role.AGENT,
    "employee": Role.AGENT, "person": Role.AGENT, "virtual": Role.BOT, "flow": Role.BOT,
    "ivr": Role.BOT, "llm": Role.BOT, "answer": Role.BOT, "end": Role.CUSTOMER,
    "patron": Role.CUSTOMER, "guest": Role.CUSTOMER, "buyer": Role.CUSTOMER,
})
_HINT_ORDER = (Role.BOT, Role.AGENT, Role.CUSTOMER, Role.SYSTEM)
_WORD_PARTS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def likely_role(value: str) -> Role:
    """The role a speaker value no mapping covers most likely stands for, to suggest
    the --role to add: a bot word anywhere wins ("CUSTOM_BOT", "AI Agent"), then a
    person's, then a customer's; the bot when nothing hints."""
    hinted = {_ROLE_HINTS[word] for word in
              (part.casefold() for part in _WORD_PARTS.findall(value)) if word in _ROLE_HINTS}
    return next((role for role in _HINT_ORDER if role in hinted), Role.BOT)


def role_option_hint(value: str) -> str:
    """The --role option that maps an unknown speaker value, quoted for the shell, with
    the role its name suggests and the others: `--role CUSTOM_BOT=bot (or customer,
    agent, system)`."""
    guess = likely_role(value)
    others = ", ".join(role.value for role in Role if role is not guess)
    return f"--role {shlex.quote(value.strip())}={guess.value} (or {others})"


@dataclass(frozen=True, slots=True)
class ColumnOverrides:
    """User-supplied mappings: canonical field -> source column, source value -> role."""

    columns: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    roles: Mapping[str, Role] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def parse(cls, columns: Iterable[str] = (), roles: Iterable[str] = ()) -> ColumnOverrides:
        """Read `field=column` and `value=role` pairs, with errors that list valid names."""
        column_map: dict[str, str] = {}
        known = sorted(set(TRANSCRIPT_COLUMNS) | set(DECISION_COLUMNS))
        for pair in columns:
            name, source = _split_pair(pair, "--column", "role=speaker")
            if name not in known:
                raise UsageError(f"--column {pair}: unknown field {name!r}; "
                                 f"use one of {', '.join(known)}")
            column_map[name] = source
        role_map: dict[str, Role] = {}
        for pair in roles:
            value, role = _split_pair(pair, "--role", "narrator=bot")
            try:
                role_map[value.casefold()] = Role(role.casefold())
            except ValueError:
                valid = ", ".join(r.value for r in Role)
                raise UsageError(f"--role {pair}: unknown role {role!r}; use one of {valid}")\
                    from None
        return cls(MappingProxyType(column_map), MappingProxyType(role_map))

    def resolve_role(self, value: str) -> Role | None:
        """The canonical role for a source value, or None when it is unknown."""
        key = value.strip().casefold()
        if key in self.roles:
            return self.roles[key]
        return ROLE_ALIASES.get(key.replace(" ", "_"))


def _split_pair(pair: str, option: str, example: str) -> tuple[str, str]:
    """Split `a=b`, with an error that shows the expected form."""
    name, sep, value = pair.partition("=")
    if not sep or not name.strip() or not value.strip():
        raise UsageError(f"{option} {pair!r}: expected NAME=VALUE, e.g. {option} {example}")
    return name.strip(), value.strip()


def find_column(
    fields: Mapping[str, Any],
    canonical: str,
    aliases: Mapping[str, tuple[str, ...]],
    overrides: ColumnOverrides,
) -> str | None:
    """The source name holding `canonical`: the override if given, else the first alias
    present. A dotted name (`from.role`) is a path into nested objects."""
    if canonical in overrides.columns:
        return overrides.columns[canonical]
    by_folded = {name.casefold(): name for name in fields}
    for alias in aliases[canonical]:
        if alias in by_folded:
            # A plain name whose value is an object is not the field (Bot Framework's
            # `conversation` is {"id": ...}); its dotted alias may be.
            if "." in alias or not isinstance(fields[by_folded[alias]], Mapping | list):
                return by_folded[alias]
        elif "." in alias and lookup(fields, alias) is not None:
            return alias
    return None


def lookup(fields: Mapping[str, Any], column: str) -> Any:
    """The value at `column`: a key of the record, else a dotted path into nested objects
    (`from.role`); None when absent."""
    if column in fields:
        return fields[column]
    value: Any = fields
    for part in column.split("."):
        if not isinstance(value, Mapping):
            return None
        folded = {str(key).casefold(): key for key in value}
        if part.casefold() not in folded:
            return None
        value = value[folded[part.casefold()]]
    return value


def scalar(value: Any, canonical: str, column: str | None) -> Any:
    """A field's value when it is a plain value; an object or a list where text, a role
    or a time is expected is a skipped record that names the field, never its repr."""
    if isinstance(value, Mapping | list):
        inside = (f"; map a field inside it, e.g. --column {canonical}={column}."
                  f"{next(iter(value), 'NAME')}" if isinstance(value, Mapping) and value
                  else "")
        raise RecordSkipped(f"{canonical} field {column!r} holds "
                            f"{'an object' if isinstance(value, Mapping) else 'a list'}, "
                            f"not a value{inside}", kind="unmapped_field", value=canonical)
    return value
