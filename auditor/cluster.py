"""Partition tasks on a Dask cluster: `auditor scan --scheduler tcp://HOST:8786`.

The tasks (`auditor.partitions.PartitionTask`: a partition's conversations and the
prepared checks) are sent to the cluster's workers with `Client.map`; each outcome is
handed back as it completes and put in its partition's place, so the merge sees them
in input order. Workers need this package and its language models installed (the
`dask` extra: `pip install 'support-auditor[dask]'`); they read nothing from the
network or from the machine that asked, only the tasks they are sent.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from auditor.errors import UsageError

Task = TypeVar("Task")
Outcome = TypeVar("Outcome")

# How long to wait for the scheduler to answer, and for a first worker to join it.
CONNECT_SECONDS = 30


def map_on_cluster(address: str, tasks_for: Callable[[int], list[Task]],
                   function: Callable[[Task], Outcome],
                   on_result: Callable[[Outcome, Task], None]) -> list[Outcome]:
    """`[function(task) for task in tasks_for(slots)]` computed on the cluster whose
    scheduler is at `address`; `slots` is how many tasks its workers run at once.
    `on_result(outcome, task)` is called here as each outcome arrives. UsageError
    when Dask is not installed or the cluster cannot be reached or has no worker."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise UsageError("--scheduler needs Dask: pip install 'support-auditor[dask]'") from None
    try:
        client = Client(address, timeout=CONNECT_SECONDS,  # type: ignore[no-untyped-call]
                        set_as_default=True)
    except (OSError, TimeoutError, ValueError) as error:
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {error}") from None
    with client:
        try:
            client.wait_for_workers(1, timeout=CONNECT_SECONDS)
        except TimeoutError:
            raise UsageError(f"the Dask scheduler at {address} has no worker (waited "
                             f"{CONNECT_SECONDS} s)") from None
        workers = client.scheduler_info(n_workers=-1)["workers"].values()
        slots = max(1, sum(int(worker.get("nthreads", 1)) for worker in workers))
        tasks = tasks_for(slots)
        futures = client.map(function, tasks, pure=False)
        position = {future.key: number for number, future in enumerate(futures)}
        results: dict[int, Outcome] = {}
        for future, outcome in as_completed(  # type: ignore[no-untyped-call]
                futures, with_results=True):
            number = position[future.key]
            on_result(outcome, tasks[number])
            results[number] = outcome
        return [results[number] for number in range(len(tasks))]
