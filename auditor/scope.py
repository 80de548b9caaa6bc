"""What each check sees: the policy's jurisdictions profile and per-channel ignores.

`jurisdictions = ["EU"]` holds conversations (and decisions) whose export names no
region to those jurisdictions' rules instead of all of them. `[channels.voice]
ignore = ["DISC002"]` keeps a check off one channel's conversations (and their
decisions) entirely: they are neither evaluated nor counted, and a note in the
report says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from auditor.jurisdiction import assume_jurisdictions, profile_codes
from auditor.model import AuditInput, Conversation
from auditor.policy import Policy
from auditor.registry import RegisteredCheck, Registry


def with_jurisdictions(audit: AuditInput, policy: Policy) -> AuditInput:
    """The policy's jurisdictions profile given to every record that names no region."""
    if not policy.jurisdictions:
        return audit
    return replace(audit,
                   conversations=assume_jurisdictions(audit.conversations, policy.jurisdictions),
                   assumed_jurisdictions=profile_codes(policy.jurisdictions))


def channel_ignores(registry: Registry, selected: Sequence[RegisteredCheck],
                     policy: Policy) -> dict[str, frozenset[str]]:
    """For each selected check, the channels (casefolded) it is not applied to."""
    skipped: dict[str, set[str]] = {r.code: set() for r in selected}
    for channel, tokens in policy.channel_ignores.items():
        for code in registry.codes_matching(tokens, where=f"[channels.{channel}] ignore"):
            if code in skipped:
                skipped[code].add(channel)
    return {code: frozenset(channels) for code, channels in skipped.items()}


def on_channels(audit: AuditInput, channels: frozenset[str]) -> AuditInput:
    """The audit without the conversations of `channels`, nor their decisions."""
    if not channels:
        return audit
    dropped = {c.id for c in audit.conversations if channel_of(c) in channels}
    if not dropped:
        return audit
    return replace(audit,
                   conversations=tuple(c for c in audit.conversations if c.id not in dropped),
                   decisions=tuple(d for d in audit.decisions if d.conversation_id not in dropped))


def channel_of(conversation: Conversation) -> str:
    """The conversation's channel as policies name it: trimmed, casefolded."""
    return (conversation.channel or "").strip().casefold()


def channel_notes(per_channel: Mapping[str, int],
                  skipped: Mapping[str, frozenset[str]]) -> tuple[str, ...]:
    """Say which checks the policy kept off which channel, and how many conversations
    (`per_channel`: the number of conversations on each channel)."""
    codes_by_channel: dict[str, list[str]] = {}
    for code, channels in skipped.items():
        for channel in channels:
            codes_by_channel.setdefault(channel, []).append(code)
    notes = []
    for channel, codes in sorted(codes_by_channel.items()):
        count = per_channel.get(channel, 0)
        notes.append(f"By the policy, {', '.join(sorted(codes))} "
                     f"{'was' if len(codes) == 1 else 'were'} not applied to the {count} "
                     f"conversation{'s' if count != 1 else ''} on channel '{channel}'.")
    return tuple(notes)
