"""The checks that need only counts of the decision log, over partitions of it.

A `DecisionCountsCheck` (FAIR001, FAIR002, FAIR005) turns a run of consecutive
decisions into a small count table and judges the tables of the runs that make up
the log, which give the same outcome for any cut. `count_in_partitions` cuts the log
into contiguous partitions and has each counted by every such check: here, or on the
workers of a Dask cluster, so that only the tables travel back, and the statistics
are computed once, here, on their sum: a map and a reduce.

Checks kept off some channels see the log less those channels' decisions: checks
that see the same decisions share their partitions (and, within a partition, the
FAIR checks share one count).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from auditor.check import DecisionCountsCheck
from auditor.model import Decision
from auditor.partitions import cut

# Decisions counted together when the log is counted here: a partition's counts are
# small whatever its size, so the cut only bounds what counting holds at once.
DECISIONS_PER_PARTITION = 200_000
# On a cluster, partitions per worker thread, as for the conversations.
PARTITIONS_PER_SLOT = 4


@dataclass(frozen=True, slots=True)
class CountJob:
    """A check to count the decisions it sees, with its options."""

    check: DecisionCountsCheck
    decisions: Sequence[Decision]
    options: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class CountTask:
    """One partition of a log and the checks that count it."""

    decisions: tuple[Decision, ...]
    checks: Mapping[str, DecisionCountsCheck]
    options: Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True, slots=True)
class Raised:
    """The exception that stopped a check's count, raised again where its outcome is
    made, so the audit records it as one pass over the log would."""

    error: Exception


def run_count_task(task: CountTask) -> dict[str, object]:
    """Each check's count of the partition (a `Raised` for a check that failed)."""
    counted: dict[str, object] = {}
    for code, check in task.checks.items():
        try:
            counted[code] = check.count(task.decisions, options=task.options[code])
        except Exception as error:  # one broken check must not stop the others
            counted[code] = Raised(error)
    return counted


def count_in_partitions(jobs: Mapping[str, CountJob], scheduler: str | None = None,
                        partitions: int | None = None) -> dict[str, list[object]]:
    """Each job's counts of consecutive partitions of the decisions it sees, in order
    (a `Raised` among them when its check failed), counted here or on the Dask cluster
    whose scheduler is at `scheduler`. `partitions` defaults to one per
    `DECISIONS_PER_PARTITION` decisions here, `PARTITIONS_PER_SLOT` per worker thread
    of the cluster."""
    groups: dict[int, list[str]] = {}
    for code, job in jobs.items():
        groups.setdefault(id(job.decisions), []).append(code)

    def tasks_for(slots: int) -> list[CountTask]:
        """The tasks for a cluster running `slots` tasks at once (0: here)."""
        tasks: list[CountTask] = []
        for codes in groups.values():
            decisions = jobs[codes[0]].decisions
            wanted = partitions or (slots * PARTITIONS_PER_SLOT if slots > 0
                                    else -(-len(decisions) // DECISIONS_PER_PARTITION))
            checks = {code: jobs[code].check for code in codes}
            options = {code: jobs[code].options for code in codes}
            tasks.extend(CountTask(run, checks, options) for run in cut(decisions, wanted))
        return tasks

    if not jobs:
        return {}
    # An empty log is counted here: there is nothing to send.
    if scheduler is not None and any(job.decisions for job in jobs.values()):
        from auditor.cluster import map_on_cluster

        counted = map_on_cluster(scheduler, tasks_for, run_count_task, lambda *_: None)
    else:
        counted = [run_count_task(task) for task in tasks_for(0)]
    # Outcomes come in task order: each check's counts in partition order.
    by_code: dict[str, list[object]] = {code: [] for code in jobs}
    for outcome in counted:
        for code, count in outcome.items():
            by_code[code].append(count)
    return by_code
