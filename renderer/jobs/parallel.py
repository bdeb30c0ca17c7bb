"""Many profiles over worker processes, when that pays.

A worker that starts from nothing imports the whole stack and parses fonts and templates
before its first render (a third of a second), so small batches lost time to `-j 2`. Here
the parent renders the first profile itself, which imports and prepares everything the batch
needs (the formats' libraries, themes, fonts, DOCX templates, locales), and only then forks
the workers (on systems that can fork): they start with all of it in memory, copy-on-write,
and read their jobs from the parent's memory instead of unpickling them. A batch too small to
repay even that is rendered in this process, and no more workers start than there are jobs
or processors to run them.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor

from renderer.jobs.render import Job, Result, run_safely

# Fewer jobs than this per worker and the pool costs more than it saves. A profile in PDF and
# DOCX takes ~40 ms here; 9 of them took 0.43 s in one process and 0.23 s on two forked
# workers, so two jobs per worker is about where forking stops losing.
MIN_JOBS_PER_WORKER = 2

_jobs: list[Job] = []  # the batch, for forked workers to read by index


def cpus() -> int:
    """Processors this process may run on (a container or `taskset` may allow fewer)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


AUTO_MAX = 8  # `-j` left to us: at most this many workers (each holds ~50 MiB)


def free_cpus(window: float = 0.05) -> int:
    """Processors not busy with other work right now: from the idle time the system counted
    over a short window (Linux's /proc/stat), else all of them. Another process holding a
    core makes two workers slower than one; this sees it."""

    def idle_and_total() -> tuple[int, int]:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(n) for n in stat.readline().split()[1:]]
        return fields[3] + fields[4], sum(fields[:8])  # idle + iowait, all but guests

    try:
        idle_before, total_before = idle_and_total()
        time.sleep(window)
        idle_after, total_after = idle_and_total()
    except (OSError, ValueError, IndexError):
        return cpus()
    elapsed = total_after - total_before
    if elapsed <= 0:
        return cpus()
    share = (idle_after - idle_before) / elapsed  # of all the machine's processors
    free = round(share * (os.cpu_count() or 1) + 0.25)  # a quarter-busy core counts as free
    return max(1, min(cpus(), free))


def workers_for(total: int, asked: int) -> int:
    """How many worker processes a batch of `total` profiles gets when `asked` for (0: as many
    as pays, on the processors free now): 0 means render in this process."""
    if total // MIN_JOBS_PER_WORKER < 2:
        return 0  # too few to repay a second process, free or not
    limit = min(free_cpus(), AUTO_MAX) if asked == 0 else asked
    count = min(limit, cpus(), total // MIN_JOBS_PER_WORKER)
    return count if count > 1 else 0


def run_all(jobs: list[Job], asked: int, done: Callable[[], None] = lambda: None) -> list[Result]:
    """Every job's Result, in order; `done` is called after each."""
    results: list[Result] = []
    if not jobs:
        return results
    results.append(run_safely(jobs[0]))  # warms this process for the rest (and any fork)
    done()
    rest = jobs[1:]
    count = workers_for(len(rest), asked)
    for result in _parallel(rest, count) if count else map(run_safely, rest):
        results.append(result)
        done()
    return results


def _parallel(jobs: list[Job], count: int) -> Iterator[Result]:
    forking = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forking else None)
    chunk = max(1, len(jobs) // (count * 8))  # small enough to keep both busy to the end
    global _jobs
    _jobs = jobs
    # Out of the collector's sight, the parent's objects are not written to (and so not
    # copied page by page) in every worker each time it collects.
    gc.freeze()
    try:
        with ProcessPoolExecutor(count, mp_context=context, initializer=_worker_start) as pool:
            if forking:
                yield from pool.map(_run_index, range(len(jobs)), chunksize=chunk)
            else:  # a fresh interpreter: the jobs travel pickled
                yield from pool.map(run_safely, jobs, chunksize=chunk)
    finally:
        _jobs = []
        gc.unfreeze()


def _run_index(index: int) -> Result:
    return run_safely(_jobs[index])


def _worker_start() -> None:
    """Workers leave Ctrl-C to the parent, which stops them and says so once; and they end
    when the parent does, however it ends (SIGTERM, SIGKILL), rather than run on for ever
    holding the caller's pipe."""

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()
    _die_with_parent()
    watcher = threading.Thread(target=_watch_parent, args=(parent,), daemon=True)
    watcher.start()


def _die_with_parent() -> None:
    """Linux: the kernel sends SIGTERM when the parent ends (prctl PR_SET_PDEATHSIG)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # elsewhere the watcher thread does it


def _watch_parent(parent: int) -> None:
    """Everywhere (and if the parent ended before prctl): look twice a second."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
