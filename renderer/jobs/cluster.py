"""A batch on a Dask cluster (`resume render … --scheduler tcp://host:8786`; the extra
`[dask]`): the same files, names, checks and exit codes as a local run.

The cluster's workers render and check; the bytes come back and this machine writes them,
atomically, under the names a local run gives (the workers need the project installed and
the same fonts, not a shared disk). Profiles are loaded here first, as for a local run, so a
bad profile or two clashing names are reported before any work is sent.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from renderer.errors import OutputError
from renderer.files import write_atomic
from renderer.jobs.render import Job, Result, run_safely

CONNECT_SECONDS = 15


def _remote(job: Job) -> Result:
    """On a worker: render into the Result; what the layout was is not sent back."""
    result = run_safely(job)
    for written in result.written:
        written.layout = None
    return result


def run_on_cluster(
    jobs: list[Job], address: str, done: Callable[[], None] = lambda: None
) -> list[Result]:
    """Every job's Result, in order, rendered by the cluster at `address` and written here."""
    # dask: only for --scheduler (an extra, and a second of imports)
    from dask.distributed import Client

    kept = [dataclasses.replace(job, keep=True) for job in jobs]
    with Client(address, timeout=CONNECT_SECONDS, set_as_default=False) as client:
        futures = client.map(_remote, kept, pure=False)
        results = []
        for future in futures:  # in order, each written as soon as it is back
            result = future.result()
            _write(result)
            results.append(result)
            done()
    return results


def _write(result: Result) -> None:
    for written in list(result.written):
        data, written.data = written.data, None
        if data is None:
            continue
        try:
            write_atomic(written.path, data)
        except OutputError as error:
            result.written.remove(written)
            result.fail(str(error), 1)
