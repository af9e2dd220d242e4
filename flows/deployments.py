"""Deployments: the scheduled inbox run and the on-demand backfill, served by one process.

    newsflow serve --inbox data/inbox --out data/out             # hourly (cron "0 * * * *")
    newsflow serve --inbox data/inbox --out data/out --interval 300

`serve` registers two deployments on the Prefect server named by PREFECT_API_URL and runs
their flow runs in subprocesses of this process until it is stopped (Ctrl-C pauses the
schedule; starting again resumes it):

- `news-pipeline/inbox-hourly`: `news_pipeline(input_dir=<inbox>, output_dir=<out>)` on a cron
  schedule. Every run processes whatever landed in the inbox since the last one: inputs
  already in the ledger are skipped, so a file is processed once however often it is seen.
- `newsflow-backfill/backfill`: no schedule; start it with parameters, e.g.
  `prefect deployment run newsflow-backfill/backfill -p input_dir=/archive -p reprocess=true`.

Schedules need a real server (`prefect server start`): Prefect's temporary in-process server
cannot schedule, so `serve` refuses to start without PREFECT_API_URL.
"""
from __future__ import annotations

from pathlib import Path

from flows.backfill import backfill
from flows.pipeline import news_pipeline

INBOX_DEPLOYMENT = "inbox-hourly"
BACKFILL_DEPLOYMENT = "backfill"
DEFAULT_CRON = "0 * * * *"
# A scheduled run waits this long for a run that is still writing (e.g. a backfill chunk)
# before it gives up; the next tick picks up whatever it left.
INBOX_LOCK_WAIT_SECONDS = 600.0


class NoServer(RuntimeError):
    """Schedules need a Prefect server and none is configured."""


def inbox_deployment(inbox: str | Path, output_dir: str | Path, cron: str | None = DEFAULT_CRON,
                     interval: float | None = None, lock_wait_seconds: float = INBOX_LOCK_WAIT_SECONDS):
    """The scheduled run over the inbox folder (cron, or every `interval` seconds when given)."""
    schedule = {"interval": interval} if interval else {"cron": cron or DEFAULT_CRON}
    return news_pipeline.to_deployment(
        name=INBOX_DEPLOYMENT,
        parameters={"input_dir": str(Path(inbox).resolve()), "output_dir": str(Path(output_dir).resolve()),
                    "lock_wait_seconds": lock_wait_seconds},
        description="Process whatever is new in the inbox folder into the output tables.",
        tags=["newsflow", "inbox"],
        **schedule,
    )


def backfill_deployment(output_dir: str | Path):
    """The parameterised backfill, run on demand (no schedule)."""
    return backfill.to_deployment(
        name=BACKFILL_DEPLOYMENT,
        parameters={"output_dir": str(Path(output_dir).resolve())},
        description="Process an archive folder (or sub-folders) in resumable chunks; "
                    "reprocess=true replaces exactly the rows of what it processed.",
        tags=["newsflow", "backfill"],
    )


def require_server() -> str:
    """Return the configured Prefect API URL, or raise NoServer with what to do."""
    from prefect.settings import PREFECT_API_URL

    url = PREFECT_API_URL.value()
    if not url:
        raise NoServer(
            "newsflow serve needs a Prefect server (schedules do not run on the temporary one).\n"
            "  start one:   prefect server start --host 127.0.0.1 --port 4200\n"
            "  then:        export PREFECT_API_URL=http://127.0.0.1:4200/api"
        )
    return url


def serve(inbox: str | Path, output_dir: str | Path, cron: str | None = DEFAULT_CRON,
          interval: float | None = None, limit: int | None = None) -> None:
    """Register both deployments and run their flow runs until stopped (blocks)."""
    from prefect import serve as prefect_serve

    require_server()
    Path(inbox).mkdir(parents=True, exist_ok=True)
    prefect_serve(
        inbox_deployment(inbox, output_dir, cron=cron, interval=interval),
        backfill_deployment(output_dir),
        limit=limit,
    )
