"""Scheduled runs, for real: a local Prefect server, `newsflow serve`, files dropped in an inbox.

Starts `prefect server start` on a free loopback port with its own PREFECT_HOME, then
`newsflow serve --interval 10` (the same deployment as the hourly cron, on a short interval),
drops a page into the inbox and waits (bounded) until the articles table holds it; drops a
second page and waits again. The runs must come from the schedule (auto-scheduled flow runs of
the `news-pipeline/inbox-hourly` deployment, completed). Server and serve are always stopped.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import polars as pl
import pytest

from tests.prodkit import REPO, read_table

BRIDGE = """Old stone bridge to be rebuilt

Saltmere council approved a plan on Tuesday to rebuild the old stone bridge over the river,
after engineers found cracks in two of its five arches. The bridge will close to cars in
April; pedestrians can still cross on a temporary walkway while masons replace the arches.
Shop owners on the east bank fear a quiet summer and asked for free parking near the market.
"""

POOL = """Swimming pool gets a new roof before winter

The public swimming pool in Brenford will close for six weeks from September while builders
replace its leaking glass roof with insulated panels, the sports office said. Swimming clubs
will train at the school pool in Ostby, and a free bus will run on weekday evenings.
The new roof is expected to cut the heating bill by a third.
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen, sig=signal.SIGINT, grace: float = 20) -> None:
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def _wait_for(what: str, check, timeout: float, procs: list[subprocess.Popen]):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        for p in procs:
            assert p.poll() is None, f"{p.args[:4]} exited with {p.returncode} while waiting for {what}"
        time.sleep(1)
    pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}")


@pytest.fixture
def prefect_server(tmp_path):
    """A real Prefect server (SQLite under a temp PREFECT_HOME) on a free loopback port."""
    port = _free_port()
    env = dict(os.environ, PREFECT_HOME=str(tmp_path / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_LOGGING_LEVEL="WARNING")
    env.pop("PREFECT_API_URL", None)
    log = open(tmp_path / "server.log", "w")
    server = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    url = f"http://127.0.0.1:{port}/api"
    try:
        def healthy():
            try:
                return httpx.get(f"{url}/health", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        _wait_for("the Prefect server to answer", healthy, 180, [server])
        yield url, env
    finally:
        _stop(server, signal.SIGTERM)
        log.close()


def test_scheduled_deployment_picks_up_files_dropped_in_the_inbox(prefect_server, tmp_path):
    url, env = prefect_server
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    env = dict(env, PREFECT_API_URL=url, PREFECT_RUNNER_POLL_FREQUENCY="2",
               PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    log = open(tmp_path / "serve.log", "w")
    serve = subprocess.Popen([sys.executable, "-m", "flows.cli", "serve", "--inbox", str(inbox), "--out", str(out),
                              "--interval", "10", "--limit", "1"], cwd=REPO, env=env, stdout=log,
                             stderr=subprocess.STDOUT, start_new_session=True)

    def has(name: str):
        def check():
            try:
                arts = read_table(out, "articles")
            except Exception:  # noqa: BLE001 - a table being committed: look again
                return False
            return arts.height > 0 and name in set(arts["source_uri"])
        return check

    try:
        deployment = _wait_for("the deployment to be registered", lambda: _deployment(url), 120, [serve])
        assert deployment["schedules"] and deployment["schedules"][0]["schedule"]["interval"] == 10

        (inbox / "bridge.txt").write_text(BRIDGE)
        _wait_for("bridge.txt in the articles table", has("bridge.txt"), 300, [serve])

        (inbox / "pool.txt").write_text(POOL)
        _wait_for("pool.txt in the articles table", has("pool.txt"), 300, [serve])

        runs = httpx.post(f"{url}/flow_runs/filter", json={
            "deployments": {"id": {"any_": [deployment["id"]]}},
            "flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}}}, timeout=10).json()
        assert any(r["auto_scheduled"] for r in runs), "no completed run came from the schedule"
        table = read_table(out, "runs")
        assert table.filter(pl.col("articles_new") > 0).height >= 2  # each page was new in its own run
        arts = read_table(out, "articles")
        assert arts["doc_id"].n_unique() == arts.height == 2
    finally:
        _stop(serve)
        log.close()


def _deployment(url: str):
    r = httpx.get(f"{url}/deployments/name/news-pipeline/inbox-hourly", timeout=5)
    return r.json() if r.status_code == 200 else None


def test_serve_without_a_server_says_how_to_start_one(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("PREFECT_API_URL", None)
    res = subprocess.run([sys.executable, "-m", "flows.cli", "serve", "--inbox", str(tmp_path / "inbox"),
                          "--out", str(tmp_path / "out")], cwd=REPO, env=env, capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 4
    assert "prefect server start" in res.stderr and "PREFECT_API_URL" in res.stderr
