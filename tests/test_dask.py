"""Scale-out: the same flow on a local Dask cluster of two worker processes gives the same tables.

The runner is chosen the way production chooses it, by settings: NEWSFLOW_TASK_RUNNER=dask and
NEWSFLOW_DASK_ADDRESS=<scheduler> (flows/runners.py). The corpus is the sample plus four small
JSONL feeds, so there are six shards to spread; the test checks that both worker processes ran
tasks, then compares every table with a run on the default thread runner.
"""
from __future__ import annotations

import json
import os

import pytest

from tests.prodkit import DATA_TABLES, STATE, assert_same_tables, assert_tables_read_whole, copy_sample

FEED = [
    ("Harbour crane contract signed", "The port authority signed a contract for two new harbour cranes on Monday. "
     "The cranes will be delivered next spring and double the terminal's capacity for containers."),
    ("Library reopens after repairs", "The city library reopened its reading rooms after a summer of roof repairs. "
     "Visitors can borrow books again from Tuesday, and the children's section has been enlarged."),
    ("Bridge closed for inspection", "The old road bridge over the river will close for three nights next week "
     "while engineers inspect its steel supports, the roads office announced on Friday."),
    ("School lunches to be free", "Pupils in the district's primary schools will get free lunches from January "
     "after the council approved the plan by a large majority on Thursday evening."),
]


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c, Client(c) as client:
        yield c, client


def test_dask_cluster_gives_the_thread_runners_tables(prefect_harness, cluster, tmp_path, monkeypatch):
    from flows.pipeline import news_pipeline
    from flows.runners import make_task_runner

    c, client = cluster
    corpus = copy_sample(tmp_path / "corpus")
    for i, (title, text) in enumerate(FEED):
        (corpus / "feeds" / f"extra-{i}.jsonl").write_text(json.dumps(
            {"id": f"extra-{i}", "text": f"{title}\n\n{text}", "url": f"https://news.example.org/2024/03/0{i + 1}/story-{i}"}) + "\n")

    news_pipeline.with_options(task_runner=make_task_runner("thread"))(str(corpus), str(tmp_path / "thread"))

    monkeypatch.setenv("NEWSFLOW_TASK_RUNNER", "dask")
    monkeypatch.setenv("NEWSFLOW_DASK_ADDRESS", c.scheduler_address)
    runner = make_task_runner()
    assert type(runner).__name__ == "DaskTaskRunner"
    before = client.run(lambda dask_worker: dask_worker.state.executed_count)
    news_pipeline.with_options(task_runner=runner)(str(corpus), str(tmp_path / "dask"))
    after = client.run(lambda dask_worker: dask_worker.state.executed_count)
    pids = client.run(os.getpid)

    assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()
    ran = {w: after[w] - before.get(w, 0) for w in after}
    assert all(n > 0 for n in ran.values()), f"tasks per worker process: {ran}"
    assert_tables_read_whole(tmp_path / "dask")
    assert_same_tables(tmp_path / "dask", tmp_path / "thread", tables=(*DATA_TABLES, *STATE))


def test_dask_runner_without_an_address_starts_a_local_process_cluster(monkeypatch):
    from flows.runners import make_task_runner

    monkeypatch.delenv("NEWSFLOW_DASK_ADDRESS", raising=False)
    monkeypatch.setenv("NEWSFLOW_DASK_WORKERS", "3")
    runner = make_task_runner("dask")
    assert runner.cluster_kwargs["n_workers"] == 3 and runner.cluster_kwargs["processes"] is True
    with pytest.raises(ValueError, match="unknown task runner"):
        make_task_runner("spark")
