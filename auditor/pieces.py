"""Judging an input a piece at a time, never holding every conversation.

The conversations of an input left grouped (`auditor.loaders.read_inputs`) are read in
pieces of `PIECE_CONVERSATIONS` (fewer when they are long, `auditor.runs`), in order,
and each piece is judged as one partition of a parallel run is
(`auditor.partitions.judge_partition`), one after another in this process; the
pieces' outcomes merge into what one pass over the whole input gives
(`merge_outcomes`), as `tests/test_partitions.py` shows for any cut.

That holds for a check whose reading of the whole input at once is limited to what
is here without the conversations: its `prepare` only warms caches (run on each piece),
or reads only the decision log and the files' export ends (`Check.reads_decision_log_only`,
run once, before); a check over the whole input (not a conversation check) must read
only those too. `in_pieces` says whether a check qualifies; an audit with one that
does not (a plugin's check over the whole input, say) is read whole instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from types import MappingProxyType
from typing import Any, Protocol

from auditor.check import Check, ConversationCheck, ConversationFactsCheck
from auditor.fact_records import FactRecords
from auditor.finding_store import FindingStore
from auditor.input_tally import InputTally
from auditor.loaders import ReadInputs
from auditor.model import AuditInput, Conversation, Decision
from auditor.partitions import (
    MergedOutcome,
    PartitionOutcome,
    judge_partition,
    merge_outcomes,
    prepare_once,
)
from auditor.registry import RegisteredCheck
from auditor.runs import RUN_CONVERSATIONS, runs
from auditor.scope import on_channels

# Conversations judged together (and at most `auditor.runs.RUN_TURNS` turns): enough
# for the PII engine's batches, few enough that a piece's memory does not matter and
# that its analyses are still in the caches when its conversations are judged.
PIECE_CONVERSATIONS = RUN_CONVERSATIONS


def in_pieces(check_class: type[Check]) -> bool:
    """Whether the check judges an input read a piece at a time as it judges it whole."""
    if issubclass(check_class, ConversationCheck | ConversationFactsCheck):
        return (check_class.prepare_warms_only or check_class.prepare is Check.prepare
                or check_class.reads_decision_log_only)
    return check_class.reads_decision_log_only


def all_in_pieces(selected: Sequence[RegisteredCheck]) -> bool:
    """Whether every selected check can judge an input read a piece at a time."""
    return all(in_pieces(registered.check_class) for registered in selected)


def whole_input_view(decisions: Sequence[Decision], tally: InputTally,
                     channels: frozenset[str],
                     with_policy: Callable[[AuditInput], AuditInput]) -> AuditInput:
    """What a check reads of the whole input when the conversations are not held: the
    decisions, less those of conversations on `channels` (the check is kept off them),
    and the last moment each file records over the other conversations."""
    dropped = tally.ids_on(channels)
    kept = tuple(d for d in decisions if d.conversation_id not in dropped)
    return with_policy(AuditInput(decisions=kept if dropped else tuple(decisions),
                                  export_ends=MappingProxyType(tally.export_ends(channels))))


def judge_in_pieces(
    checks: Mapping[str, Check],
    read: ReadInputs,
    options: Mapping[str, Mapping[str, Any]],
    skipped_channels: Mapping[str, frozenset[str]],
    *,
    tally: InputTally,
    with_policy: Callable[[AuditInput], AuditInput],
    on_conversation: Callable[[Conversation], object] | None = None,
    store: FindingStore | None = None,
    facts: FactRecords | None = None,
) -> MergedOutcome:
    """Judge `read`'s conversations a piece at a time by the conversation checks of
    `checks`, and record them for its `ConversationFactsCheck`s; prepare each first,
    once or on every piece (see the module's doc). `with_policy` gives a piece the
    policy's jurisdictions. Checks over the whole input are left to the caller.

    With a `store`, the conversation checks' findings go there as each piece is judged
    (and the outcome holds none), and with `facts` the facts checks' records (the
    outcome reads them from there): a check that fails on a later piece has what it
    found before dropped, as one pass over the whole input would have stopped it."""
    conversation_checks = {code: check for code, check in checks.items()
                           if isinstance(check, ConversationCheck)}
    fact_checks = {code: check for code, check in checks.items()
                   if isinstance(check, ConversationFactsCheck)}
    early, judged, recorders = prepare_once(
        conversation_checks, fact_checks, lambda code: checks[code].prepare(
            whole_input_view(read.decisions, tally, skipped_channels.get(code, frozenset()),
                             with_policy),
            options=options[code]))

    every: dict[str, Check] = {**judged, **recorders}

    def prepare(code: str, part: AuditInput) -> None:
        check = every[code]
        if check.prepare_warms_only:
            check.prepare(on_channels(part, skipped_channels.get(code, frozenset())),
                          options=options[code])

    outcomes = []
    stopped: set[str] = set()
    for piece in runs(read.conversations(), PIECE_CONVERSATIONS):
        outcome = judge_partition(
            with_policy(AuditInput(conversations=piece, decisions=read.decisions)),
            judged, options, skipped_channels, prepare=prepare,
            on_conversation=on_conversation, fact_checks=recorders)
        outcome = _handed_over(outcome, store, facts, stopped)
        outcomes.append(outcome)
    merged = merge_outcomes([*judged, *recorders], outcomes)
    if facts is not None:
        merged.facts.update({code: facts.of(code) for code in merged.facts})
    merged.failed.update(early.failed)
    merged.unjudged.update(early.unjudged)
    return merged


class _Keeper(Protocol):
    """Where what checks make is set aside: a `FindingStore` or `FactRecords`."""

    def add(self, code: str, made: Iterable[Any], /) -> None:
        """Keep more of what check `code` made."""

    def drop(self, code: str, /) -> None:
        """Forget what check `code` made."""


def _handed_over(outcome: PartitionOutcome, store: FindingStore | None,
                 facts: FactRecords | None, stopped: set[str]) -> PartitionOutcome:
    """`outcome` with its findings moved to `store` and its records to `facts` (each if
    given); a check that failed or could not judge this piece (added to `stopped`) has
    what it kept before dropped."""
    if store is not None:
        _hand_over(outcome, outcome.findings, store, stopped)
    if facts is not None:
        _hand_over(outcome, outcome.facts, facts, stopped)
    return replace(
        outcome,
        findings=({code: () for code in outcome.findings} if store is not None
                  else outcome.findings),
        facts={code: () for code in outcome.facts} if facts is not None else outcome.facts)


def _hand_over(outcome: PartitionOutcome, made: Mapping[str, Sequence[Any]], keeper: _Keeper,
               stopped: set[str]) -> None:
    for code, items in made.items():
        if code in stopped:
            continue
        if code in outcome.failed or code in outcome.unjudged:
            stopped.add(code)
            keeper.drop(code)
            continue
        keeper.add(code, items)
