"""Which engine runs the flow's tasks: threads in this process (default) or a Dask cluster.

Chosen by the setting NEWSFLOW_TASK_RUNNER (`thread` | `dask`) or by the CLI's --runner.
Dask: NEWSFLOW_DASK_ADDRESS=tcp://scheduler:8786 joins an existing cluster; without it a
local cluster of NEWSFLOW_DASK_WORKERS processes (default 2) is started for the run.
"""
from __future__ import annotations

import os

from prefect.task_runners import ThreadPoolTaskRunner


def make_task_runner(kind: str | None = None):
    """Return a Prefect task runner for `kind` (default: the NEWSFLOW_TASK_RUNNER setting)."""
    kind = (kind or os.environ.get("NEWSFLOW_TASK_RUNNER") or "thread").lower()
    if kind == "thread":
        return ThreadPoolTaskRunner(max_workers=int(os.environ.get("NEWSFLOW_THREADS", "2")))
    if kind == "dask":
        from prefect_dask import DaskTaskRunner

        address = os.environ.get("NEWSFLOW_DASK_ADDRESS")
        if address:
            return DaskTaskRunner(address=address)
        workers = int(os.environ.get("NEWSFLOW_DASK_WORKERS", "2"))
        return DaskTaskRunner(
            cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True,
                            "dashboard_address": None}
        )
    raise ValueError(f"unknown task runner {kind!r}: use 'thread' or 'dask'")
