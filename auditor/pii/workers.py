"""Spreading a large batch over worker processes forked from this one.

spaCy spends a core on each text it reads, and a big audit has tens of thousands
of distinct texts. Forked workers start with the pipeline already loaded, so a
batch can use every core at the cost of a fork. Forking is safe only in a
single-threaded process: `can_fork` says whether this one is, and callers fall back
to working in-process when it is not (or on a platform without `fork`).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
import warnings
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# The function workers apply: set just before forking, so children inherit it
# instead of receiving a pickled copy of everything it refers to.
_task: Callable[[Any], Any] | None = None


def usable_cpus() -> int:
    """How many CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether worker processes can be forked from this one safely.

    Only on Linux (macOS system libraries are not fork-safe), only outside a daemonic
    process (which may not have children) and only while no other Python thread runs:
    a thread holding a lock at the fork would leave it locked in the child forever.
    """
    return (sys.platform.startswith("linux")
            and "fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1
            and not multiprocessing.current_process().daemon)


def map_forked(function: Callable[[Item], Result], items: Sequence[Item],
               workers: int, *,
               on_result: Callable[[Result, int], None] | None = None) -> list[Result]:
    """`[function(item) for item in items]`, computed by `workers` forked processes.

    Items and results travel between processes pickled; `function` does not. Call
    only when `can_fork()` is true. An exception in a worker is raised here.
    `on_result(result, position)` is called here as each result comes back, in order.
    """
    global _task
    _task = function
    try:
        with warnings.catch_warnings():
            # Python 3.12+ warns about fork whenever the process has more than one OS
            # thread. `can_fork` has made sure no other Python thread runs; the
            # remaining threads belong to native libraries (a BLAS thread pool) that
            # re-initialise themselves in the child.
            warnings.filterwarnings("ignore", message=r".*fork\(\) may lead to deadlocks",
                                    category=DeprecationWarning)
            # The workers inherit every object of this process; a garbage collection
            # in one would touch (and so copy) all of them. Frozen, they are left to
            # share this process's memory.
            gc.freeze()
            try:
                pool = multiprocessing.get_context("fork").Pool(workers)
            finally:
                gc.unfreeze()
        try:
            results: list[Result] = []
            for result in pool.imap(_run_task, items, chunksize=1):
                if on_result is not None:
                    on_result(result, len(results))
                results.append(result)
        except BaseException:
            pool.terminate()
            raise
        else:
            pool.close()
        finally:
            pool.join()
        return results
    finally:
        _task = None


def _run_task(item: Any) -> Any:
    """Apply the inherited task to one item (runs in a worker)."""
    if _task is None:  # only reachable if a worker was not forked by `map_forked`
        raise RuntimeError("no task was set before the workers were forked")
    return _task(item)
