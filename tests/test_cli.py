"""The `newsflow` command line: help that teaches, clear errors, one writer per output root,
status, and the HTML report (and the same numbers as Prefect artifacts).

Lock tests: another process holding the output root's lock makes `newsflow run` refuse at once
(exit 3, naming the holder) or, with --wait, wait and then run; a lock left by a process killed
with SIGKILL is not a lock at all (fcntl locks die with their process): status says "free" and
the next run proceeds.
"""
from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.prodkit import REPO, copy_sample, read_table

HOLD_LOCK = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {repo!r})
    from tasks.store import OutputStore
    with OutputStore({out!r}).lock(run_id="holder-run"):
        print("locked", flush=True)
        time.sleep({seconds})
""")


def _hold_lock(out: Path, seconds: float) -> subprocess.Popen:
    """A process that takes the writer lock of `out` and keeps it `seconds` (or until killed)."""
    p = subprocess.Popen([sys.executable, "-c", HOLD_LOCK.format(repo=str(REPO), out=str(out), seconds=seconds)],
                         stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "locked"
    return p


@pytest.fixture(scope="module")
def done(prefect_harness, tmp_path_factory):
    """The sample corpus processed once through the command line."""
    from flows.cli import main

    tmp = tmp_path_factory.mktemp("cli")
    corpus, out = copy_sample(tmp / "corpus"), tmp / "out"
    assert main(["run", str(corpus), "--out", str(out), "--no-progress"]) == 0
    return corpus, out


# ------------------------------------------------------------------------ help and errors
def test_help_teaches_every_command():
    from flows.cli import build_parser

    parser = build_parser()
    top = parser.format_help()
    for command in ("run", "backfill", "serve", "status", "report"):
        assert command in top
    assert "examples:" in top and "exit codes" in top and "NEWSFLOW_TASK_RUNNER" in top
    sub = {a.dest: a for a in parser._actions if a.dest == "command"}["command"].choices
    assert "--reprocess" in sub["backfill"].format_help() and "resumes" in sub["backfill"].format_help()
    assert "prefect server start" in sub["serve"].format_help()
    assert "--published-between" in sub["run"].format_help()


def test_bad_input_and_bad_ranges_are_clear_errors(tmp_path, capsys):
    from flows.cli import main

    assert main(["run", str(tmp_path / "missing"), "--out", str(tmp_path / "out")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["backfill", str(tmp_path), "--published-between", "2024-02-30..2024-03-01"]) == 2
    assert "YYYY-MM-DD..YYYY-MM-DD" in capsys.readouterr().err
    assert main(["run", str(tmp_path), "--window", "2024-05-01..2024-01-01"]) == 2
    assert "starts after it ends" in capsys.readouterr().err
    assert main(["report", "--out", str(tmp_path / "nothing")]) == 2
    assert "run the pipeline first" in capsys.readouterr().err


# ------------------------------------------------------------------------ one writer at a time
def test_a_second_run_refuses_the_lock_with_a_clear_message(done, capsys):
    from flows.cli import main

    corpus, out = done
    holder = _hold_lock(out, 120)
    try:
        assert main(["status", "--out", str(out)]) == 0
        assert f"pid={holder.pid}" in capsys.readouterr().out
        assert main(["run", str(corpus), "--out", str(out), "--no-progress"]) == 3
        err = capsys.readouterr().err
        assert "Another newsflow run is writing" in err and f"pid={holder.pid}" in err and "--wait" in err
    finally:
        holder.kill()
        holder.wait()


def test_a_second_run_with_wait_runs_when_the_first_finishes(done, capsys):
    from flows.cli import main

    corpus, out = done
    holder = _hold_lock(out, 4)
    t0 = time.monotonic()
    try:
        assert main(["run", str(corpus), "--out", str(out), "--wait", "120", "--no-progress"]) == 0
    finally:
        holder.kill()
        holder.wait()
    assert time.monotonic() - t0 >= 3  # it did wait for the holder
    seen, skipped = re.search(r"documents in\s+(\d+)\s+\(already done, skipped: (\d+)\)", capsys.readouterr().out).groups()
    assert seen == skipped != "0"  # everything was done by the first run


def test_a_lock_left_by_a_killed_process_does_not_block(done, capsys):
    from flows.cli import main

    corpus, out = done
    holder = _hold_lock(out, 600)
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert f"pid={holder.pid}" in (out / ".lock").read_text()  # its note is still there ...
    assert main(["status", "--out", str(out)]) == 0
    assert "lock: free" in capsys.readouterr().out  # ... but the lock died with it
    assert main(["run", str(corpus), "--out", str(out), "--no-progress"]) == 0


# ------------------------------------------------------------------------ status and report
def test_status_lists_tables_runs_and_backfills(done, capsys):
    from flows.cli import main

    _, out = done
    assert main(["status", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "articles" in text and "rows in" in text and "lock: free" in text and "inputs_seen" in text


def test_report_is_a_self_contained_page_with_the_charts(done, tmp_path, capsys):
    from flows.cli import main
    from tasks.report import report_numbers

    _, out = done
    page = tmp_path / "report.html"
    assert main(["report", "--out", str(out), "--html", str(page)]) == 0
    html = page.read_text()
    for title in ("by publisher", "by language", "Dates corrected, by flag", "Duplicates per cluster size",
                  "Run history"):
        assert title in html
    assert html.count("<svg") >= 4 and "<script" not in html and "http://" not in html.replace(
        "http://www.w3.org/2000/svg", "")
    n = report_numbers(out)
    articles = read_table(out, "articles")
    assert n["totals"]["articles"] == articles.height
    assert n["by_language"]["articles"].sum() + n["totals"]["undated articles"] == articles.height
    assert n["cluster_sizes"].select((n["cluster_sizes"]["cluster_size"] - 1) * n["cluster_sizes"]["clusters"]).sum().item() \
        == read_table(out, "duplicates").height


def test_the_run_numbers_are_published_as_prefect_artifacts(done):
    import httpx
    from prefect import flow

    from tasks.report import publish_artifacts
    from tests.prodkit import api_url

    _, out = done

    @flow
    def publish():
        return publish_artifacts(out)

    numbers = publish()
    # Raw API call: the 3.8.8 client sends "limit": null, which fastapi 0.154 rejects (422).
    arts = httpx.post(f"{api_url()}/artifacts/filter", timeout=10, json={
        "artifacts": {"key": {"any_": ["newsflow-date-flags", "newsflow-cluster-sizes"]}}, "limit": 50,
        "sort": "CREATED_DESC"}).json()
    assert {a["key"] for a in arts} == {"newsflow-date-flags", "newsflow-cluster-sizes"}
    # Other flow runs of this test session publish the same keys: the newest is this one's.
    sizes = next(a for a in arts if a["key"] == "newsflow-cluster-sizes")
    rows = json.loads(sizes["data"]) if isinstance(sizes["data"], str) else sizes["data"]
    assert [r["cluster_size"] for r in rows] == numbers["cluster_sizes"]["cluster_size"].to_list()
