"""The conversation checks over partitions of the input, one partition per task.

An audit's conversations are cut into contiguous partitions. Each partition is judged
by every conversation check on its own (`judge_partition`), and the partitions'
outcomes are merged (`merge_outcomes`) into what judging every conversation in one
pass gives: tallies summed, findings in conversation order, a check that failed on a
conversation failed as a whole (with the first such conversation), so the result
does not depend on how the input was cut or how many processes did the work. A check
over the whole input that reads conversations one by one (`ConversationFactsCheck`,
ESC008) records each conversation in its partition, and judges the records, joined in
order, in the main process: a map and a reduce.

A check's `prepare` either reads the whole input to judge any conversation (the ESC
pack indexes the decision log and where each file's records end): it runs once, on
the whole input, before the partitions are judged, and each task sees the prepared
check. Or it only warms caches (`Check.prepare_warms_only`, the PII pack's batched
analysis): then it runs on each partition, where the work is.

`judge_in_processes` judges the partitions in forked worker processes that inherit
the prepared checks; what the workers' analysis caches learned comes back with each
outcome (`auditor.pii.warm_state`), so that whole-input checks and the report's notes
in this process read the same analyses without doing them again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

import auditor.read_only  # noqa: F401  (findings cross processes: their mappings pickle)
from auditor.check import ConversationCheck, ConversationFactsCheck, UnjudgeableInput
from auditor.findings import Finding
from auditor.model import AuditInput, Conversation
from auditor.pii.warm_state import absorb, collect, forget_languages, mark
from auditor.runs import runs
from auditor.scope import channel_of, on_channels

Item = TypeVar("Item")

# More partitions than workers, so a slow partition does not leave the others idle.
PARTITIONS_PER_WORKER = 4
# Below this many conversations per worker, forking costs more than it saves.
MIN_CONVERSATIONS_PER_WORKER = 50


@dataclass(frozen=True, slots=True)
class PartitionOutcome:
    """What the conversation checks found in one partition.

    `tallies` holds, per check, how many conversations it evaluated and found not
    applicable; `failed` the error that stopped a check (naming the conversation),
    `unjudged` the reason a check could not judge the partition at all. `warm` is
    what the worker's analysis caches learned, for this process to take in. `facts`
    holds, per `ConversationFactsCheck`, its record of each conversation, in order.
    """

    tallies: Mapping[str, tuple[int, int]]
    findings: Mapping[str, tuple[Finding, ...]]
    failed: Mapping[str, str]
    unjudged: Mapping[str, UnjudgeableInput]
    warm: Any = None
    facts: Mapping[str, tuple[object, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class MergedOutcome:
    """Every partition's outcome taken together, as one pass over the input gives it."""

    tallies: dict[str, tuple[int, int]] = field(default_factory=dict)
    findings: dict[str, tuple[Finding, ...]] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    unjudged: dict[str, UnjudgeableInput] = field(default_factory=dict)
    # Each facts check's records, in input order (read from disk in an audit read in
    # pieces, `auditor.fact_records`).
    facts: dict[str, Sequence[object]] = field(default_factory=dict)


def partition(audit: AuditInput, count: int) -> list[AuditInput]:
    """`audit` cut into at most `count` contiguous runs of conversations of near equal
    size, each with every decision (checks join conversations to the decision log)."""
    return [replace(audit, conversations=run) for run in cut(audit.conversations, count)]


def cut(items: Sequence[Item], count: int) -> list[tuple[Item, ...]]:
    """`items` in at most `count` contiguous runs of near equal size, in order (one,
    empty, when there are none)."""
    count = max(1, min(count, len(items)))
    size, extra = divmod(len(items), count)
    runs_of: list[tuple[Item, ...]] = []
    start = 0
    for number in range(count):
        end = start + size + (1 if number < extra else 0)
        runs_of.append(tuple(items[start:end]))
        start = end
    return runs_of


def judge_partition(
    audit: AuditInput,
    checks: Mapping[str, ConversationCheck],
    options: Mapping[str, Mapping[str, Any]],
    skipped_channels: Mapping[str, frozenset[str]],
    *,
    prepare: Callable[[str, AuditInput], None] | None = None,
    on_conversation: Callable[[Conversation], object] | None = None,
    fact_checks: Mapping[str, ConversationFactsCheck] | None = None,
    prepare_in_runs: bool = False,
) -> PartitionOutcome:
    """Judge each conversation of `audit` by each check; one check failing does not
    stop the others. `prepare(code, audit)` is called first for each check (it may
    raise UnjudgeableInput, or fail like a conversation); with `prepare_in_runs`, on
    each run of conversations (`auditor.runs`) before it is judged instead, for checks
    whose preparation only warms caches. Each of `fact_checks` (prepared already)
    records each conversation of its channels."""
    tallies = {code: (0, 0) for code in checks}
    found: dict[str, list[Finding]] = {code: [] for code in checks}
    failed: dict[str, str] = {}
    unjudged: dict[str, UnjudgeableInput] = {}
    fact_checks = fact_checks or {}
    facts: dict[str, list[object]] = {code: [] for code in fact_checks}
    for run in runs(audit.conversations) if prepare_in_runs else (audit.conversations,):
        if prepare is not None:
            part = audit if run is audit.conversations else replace(audit, conversations=run)
            _prepared(part, [*checks, *fact_checks], prepare, failed, unjudged)
        _judge_run(run, checks, options, skipped_channels, on_conversation, fact_checks,
                   tallies, found, facts, failed, unjudged)
    return PartitionOutcome(tallies, {code: tuple(items) for code, items in found.items()},
                            failed, unjudged,
                            facts={code: tuple(items) for code, items in facts.items()})


def _prepared(part: AuditInput, codes: Sequence[str], prepare: Callable[[str, AuditInput], None],
              failed: dict[str, str], unjudged: dict[str, UnjudgeableInput]) -> None:
    """Prepare each check of `codes` still judging on `part`, noting those that fail."""
    for code in codes:
        if code in failed or code in unjudged:
            continue
        try:
            prepare(code, part)
        except UnjudgeableInput as reason:
            unjudged[code] = reason
        except Exception as error:  # one broken check must not stop the others
            failed[code] = describe_failure(error, None)


def _judge_run(
    conversations: Sequence[Conversation],
    checks: Mapping[str, ConversationCheck],
    options: Mapping[str, Mapping[str, Any]],
    skipped_channels: Mapping[str, frozenset[str]],
    on_conversation: Callable[[Conversation], object] | None,
    fact_checks: Mapping[str, ConversationFactsCheck],
    tallies: dict[str, tuple[int, int]],
    found: dict[str, list[Finding]],
    facts: dict[str, list[object]],
    failed: dict[str, str],
    unjudged: dict[str, UnjudgeableInput],
) -> None:
    """Judge and record `conversations`, adding to what `judge_partition` keeps."""
    for conversation in conversations:
        channel = channel_of(conversation)
        for code, check in checks.items():
            if code in failed or code in unjudged or channel in skipped_channels.get(code, ()):
                continue
            try:
                verdict = check.evaluate(conversation, options=options[code])
            except Exception as error:  # one broken check must not stop the others
                failed[code] = describe_failure(error, conversation.id)
                continue
            if verdict is None:
                continue
            evaluated, not_applicable = tallies[code]
            tallies[code] = ((evaluated + 1, not_applicable) if verdict.applies
                             else (evaluated, not_applicable + 1))
            found[code].extend(verdict.findings)
        for code, fact_check in fact_checks.items():
            if code in failed or code in unjudged or channel in skipped_channels.get(code, ()):
                continue
            try:
                facts[code].append(fact_check.fact_of(conversation, options=options[code]))
            except UnjudgeableInput as reason:
                unjudged[code] = reason
            except Exception as error:  # as in one pass, where the whole run fails
                failed[code] = describe_failure(error, None)
        if on_conversation is not None:
            on_conversation(conversation)


def merge_outcomes(codes: Sequence[str], outcomes: Sequence[PartitionOutcome]) -> MergedOutcome:
    """The partitions' outcomes, in partition order, as one pass would have found them:
    a check that failed or could not judge in any partition did so for the audit (the
    first partition's reason), and its findings elsewhere are dropped, as one pass
    stops a check at its first failure."""
    merged = MergedOutcome()
    for code in codes:
        failure = next((o.failed[code] for o in outcomes if code in o.failed), None)
        if failure is not None:
            merged.failed[code] = failure
            continue
        reason = next((o.unjudged[code] for o in outcomes if code in o.unjudged), None)
        if reason is not None:
            merged.unjudged[code] = reason
            continue
        if any(code in o.facts for o in outcomes):
            merged.facts[code] = tuple(f for o in outcomes for f in o.facts.get(code, ()))
            continue
        merged.tallies[code] = (sum(o.tallies[code][0] for o in outcomes),
                                sum(o.tallies[code][1] for o in outcomes))
        merged.findings[code] = tuple(f for o in outcomes for f in o.findings[code])
    return merged


def prepare_once(
    checks: Mapping[str, ConversationCheck],
    fact_checks: Mapping[str, ConversationFactsCheck],
    prepare: Callable[[str], None],
) -> tuple[MergedOutcome, dict[str, ConversationCheck], dict[str, ConversationFactsCheck]]:
    """Prepare, once and first, each check whose preparation reads the whole input (not
    `prepare_warms_only`) with `prepare(code)`, one failure not stopping the others:
    the checks that failed or could not judge are in the outcome returned, with the
    conversation checks and the facts checks left to judge."""
    early = MergedOutcome()
    for code, check in {**checks, **fact_checks}.items():
        if check.prepare_warms_only:
            continue
        try:
            prepare(code)
        except UnjudgeableInput as reason:
            early.unjudged[code] = reason
        except Exception as error:  # one broken check must not stop the others
            early.failed[code] = describe_failure(error, None)
    stopped = early.failed.keys() | early.unjudged.keys()
    return (early, {code: check for code, check in checks.items() if code not in stopped},
            {code: check for code, check in fact_checks.items() if code not in stopped})


def describe_failure(error: Exception, conversation_id: str | None) -> str:
    """An error line for the result; exception text may quote input, so it is redacted."""
    from auditor.redaction import redact

    where = f" (conversation {conversation_id})" if conversation_id else ""
    return redact(f"{type(error).__name__}: {error}{where}")


def worker_count(requested: int, conversations: int) -> int:
    """How many processes to use for `conversations`: at most `requested`, and only as
    many as have enough conversations each to pay for their start."""
    return max(1, min(requested, conversations // MIN_CONVERSATIONS_PER_WORKER))


@dataclass(frozen=True, slots=True)
class PartitionTask:
    """One partition and what judging it needs: the (prepared) checks, their options,
    the channels each is kept off, and which checks prepare on the partition itself."""

    audit: AuditInput
    checks: Mapping[str, ConversationCheck]
    fact_checks: Mapping[str, ConversationFactsCheck]
    options: Mapping[str, Mapping[str, Any]]
    skipped_channels: Mapping[str, frozenset[str]]
    warm_up: frozenset[str]


# The analysis engines of a process are shared: tasks a Dask worker runs in several
# threads take turns.
_TASK_LOCK = threading.Lock()


def run_task(task: PartitionTask) -> PartitionOutcome:
    """Judge one partition where the task runs (a forked worker, a Dask worker), with
    what the analysis caches learned meanwhile."""
    every = {**task.checks, **task.fact_checks}

    def prepare(code: str, part: AuditInput) -> None:
        if code in task.warm_up:
            every[code].prepare(
                on_channels(part, task.skipped_channels.get(code, frozenset())),
                options=task.options[code])

    with _TASK_LOCK:
        since = mark()
        forget_languages()  # what this partition's messages are in, for the report's note
        outcome = judge_partition(task.audit, task.checks, task.options, task.skipped_channels,
                                  prepare=prepare, fact_checks=task.fact_checks,
                                  prepare_in_runs=True)
        return replace(outcome, warm=collect(since))


def judge_in_processes(
    audit: AuditInput,
    checks: Mapping[str, ConversationCheck],
    options: Mapping[str, Mapping[str, Any]],
    skipped_channels: Mapping[str, frozenset[str]],
    *,
    workers: int,
    warm_up: frozenset[str],
    partitions: int | None = None,
    on_partition: Callable[[int], object] | None = None,
    fact_checks: Mapping[str, ConversationFactsCheck] | None = None,
    scheduler: str | None = None,
) -> MergedOutcome:
    """Judge `audit`'s partitions in `workers` forked processes, or on the Dask cluster
    whose scheduler is at `scheduler`, and merge the outcomes.

    The checks must be prepared already, except those in `warm_up`, which each worker
    prepares on its partition; `fact_checks` record each conversation there.
    `partitions` defaults to `PARTITIONS_PER_WORKER` per worker (per worker thread of
    the cluster). `on_partition(conversations)` is called here as each partition comes
    back. What the workers' caches learned is taken into this process's caches.
    """
    def task_of(part: AuditInput) -> PartitionTask:
        return PartitionTask(part, checks, fact_checks or {}, options, skipped_channels,
                             warm_up)

    def returned(outcome: PartitionOutcome, task: PartitionTask) -> None:
        absorb(outcome.warm)
        if on_partition is not None:
            on_partition(len(task.audit.conversations))

    def tasks_for(slots: int) -> list[PartitionTask]:
        return [task_of(part) for part in
                partition(audit, partitions or slots * PARTITIONS_PER_WORKER)]

    if scheduler is not None:
        from auditor.cluster import map_on_cluster

        outcomes = map_on_cluster(scheduler, tasks_for, run_task, returned)
    else:
        from auditor.pii.workers import map_forked

        tasks = tasks_for(workers)
        # Forked workers inherit the tasks: only their numbers and outcomes are pickled.
        outcomes = map_forked(lambda number: run_task(tasks[number]), list(range(len(tasks))),
                              workers, on_result=lambda outcome, number: returned(
                                  outcome, tasks[number]))
    return merge_outcomes([*checks, *(fact_checks or {})],
                          [replace(o, warm=None) for o in outcomes])
