#!/usr/bin/env python3
"""Publication-date accuracy on the development set, ours beside htmldate's (`make eval-dates`).

Needs the shared development folder `../shared` next to the repository (eval/dates/ and
tools/score_dates.py); when it is absent the script says so and exits with status 0.

    python bench/eval_dates.py            # run flows.pipeline.news_pipeline on each variant
    python bench/eval_dates.py --direct   # call tasks.dates directly (fast, for iterating)
    python bench/eval_dates.py --direct --variants text,text_stamped --errors 20

Variants: html, html_stamped (pages.jsonl.gz records), text, text_stamped (one .txt per page).
htmldate runs on the same inputs (find_date(html or text, extensive_search=True,
original_date=True)); its answers are cached under $TMPDIR/newsflow-eval-dates/ because
they do not change between our iterations (--no-cache to recompute).
The pipeline mode falls back to --direct when flows.pipeline cannot be imported yet.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import html
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

# Prefect settings must be in place before prefect is imported (the Makefile sets the same):
# the ephemeral API server needs more than the default few seconds to start on 2 cores.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "60")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EVAL = SHARED / "eval" / "dates"
SCORER = SHARED / "tools" / "score_dates.py"
VARIANTS = ("html", "html_stamped", "text", "text_stamped")
CACHE = Path(tempfile.gettempdir()) / "newsflow-eval-dates"
sys.path.insert(0, str(REPO))


def load_variant(variant: str) -> list[dict]:
    """Records {id, content, is_html, url, fetched_at} of one variant."""
    d = EVAL / variant
    if variant.startswith("html"):
        out = []
        with gzip.open(d / "pages.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                out.append({"id": r["id"], "content": r["html"], "is_html": True,
                            "url": r.get("url"), "fetched_at": r.get("fetched_at")})
        return out
    return [{"id": p.stem, "content": p.read_text(encoding="utf-8", errors="replace"),
             "is_html": False, "url": None, "fetched_at": None}
            for p in sorted(d.glob("*.txt"))]


def _cached(name: str, compute):
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{name}.json"
    if path.exists() and not ARGS.no_cache:
        return json.loads(path.read_text())
    value = compute()
    path.write_text(json.dumps(value))
    return value


def body_hints(variant: str, recs: list[dict]) -> dict[str, str | None]:
    """Article text per HTML page (trafilatura), standing in for the cleaner's `text`."""
    import trafilatura

    def compute():
        return {r["id"]: trafilatura.extract(r["content"], include_comments=False) for r in recs}
    return _cached(f"{variant}_trafilatura", compute)


def htmldate_answers(variant: str, recs: list[dict]) -> dict[str, str | None]:
    from htmldate import find_date

    def compute():
        out = {}
        for r in recs:
            # plain text goes in as a minimal HTML page: htmldate reads a bare string as a
            # URL or as markup and finds nothing in it otherwise
            doc = r["content"] if r["is_html"] else "<html><body>" + "".join(
                f"<p>{html.escape(line)}</p>" for line in r["content"].splitlines()) + "</body></html>"
            try:
                out[r["id"]] = find_date(doc, extensive_search=True, original_date=True)
            except Exception:  # htmldate raises on some non-HTML input; count as no answer
                out[r["id"]] = None
        return out
    return _cached(f"{variant}_htmldate", compute)


def ours_direct(variant: str, recs: list[dict]) -> tuple[dict[str, str | None], float]:
    """Our answers via tasks.dates, and the milliseconds per document it took."""
    import polars as pl
    from tasks.dates import collect_evidence, decide_dates

    hints = body_hints(variant, recs) if variant.startswith("html") else {}
    docs = pl.DataFrame({
        "doc_id": [r["id"] for r in recs],
        "content": [r["content"] for r in recs],
        "is_html": [r["is_html"] for r in recs],
        "text": [hints.get(r["id"]) if r["is_html"] else r["content"] for r in recs],
        "chrome_text": ["" for _ in recs],
        "url": [r["url"] for r in recs],
        "meta_url": [None for _ in recs],
        "meta_fetched_at": [r["fetched_at"] for r in recs],
        "meta_published_at": [None for _ in recs],
    }, schema_overrides={c: pl.String for c in ("text", "url", "meta_url", "meta_fetched_at",
                                                 "meta_published_at")})
    t0 = time.perf_counter()
    ev = collect_evidence(docs)
    dec, ev = decide_dates(ev, docs.select("doc_id", "meta_fetched_at"), None,
                           datetime.now(timezone.utc), None)
    ms = (time.perf_counter() - t0) * 1000 / max(len(recs), 1)
    if ARGS.dump:
        out = Path(ARGS.dump)
        out.mkdir(parents=True, exist_ok=True)
        ev.write_parquet(out / f"{variant}_evidence.parquet")
        dec.write_parquet(out / f"{variant}_decisions.parquet")
    return {d: (str(p) if p else None) for d, p in zip(dec["doc_id"], dec["published_date"])}, ms


def ours_pipeline(variant: str, out_dir: Path) -> float:
    """Run the real flow on the variant folder; returns ms per document (wall clock)."""
    from flows.pipeline import news_pipeline
    t0 = time.perf_counter()
    news_pipeline(input_dir=str(EVAL / variant), output_dir=str(out_dir))
    n = sum(1 for _ in csv.DictReader(open(EVAL / "labels.csv")))
    return (time.perf_counter() - t0) * 1000 / n


def write_csv(path: Path, answers: dict[str, str | None]) -> None:
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "published_date"])
        for k, v in answers.items():
            w.writerow([k, v or ""])


def score(target: Path) -> dict[str, str]:
    """score_dates.py's numbers as a dict (accuracy, within_1_day, coverage, ...)."""
    out = subprocess.run([sys.executable, str(SCORER), str(EVAL / "labels.csv"), str(target)],
                         capture_output=True, text=True, check=True).stdout.strip()
    return dict(kv.split("=", 1) for kv in out.split())


def show_errors(variant: str, answers: dict, n: int) -> None:
    labels = {r["id"]: r["published_date"] for r in csv.DictReader(open(EVAL / "labels.csv"))}
    bad = [(k, labels[k], answers.get(k)) for k in labels if answers.get(k) != labels[k]]
    print(f"  {variant}: {len(bad)} not exact; first {n}:")
    for k, want, got in bad[:n]:
        print(f"    {k} want={want} got={got}")


def main() -> int:
    if not SCORER.exists() or not EVAL.exists():
        print(f"eval-dates: {SHARED} (eval/dates, tools/score_dates.py) not found; nothing to do.")
        return 0
    variants = ARGS.variants.split(",") if ARGS.variants else list(VARIANTS)
    mode = "direct" if ARGS.direct else "pipeline"
    if mode == "pipeline":
        try:
            import flows.pipeline  # noqa: F401
        except Exception as exc:  # the flow is being written in parallel
            print(f"flows.pipeline not importable ({type(exc).__name__}: {exc}); using --direct")
            mode = "direct"
    keys = ("accuracy", "within_1_day", "coverage", "wrong_year", "leaks_2026")
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        for v in variants:
            recs = load_variant(v)
            if mode == "direct":
                answers, ms = ours_direct(v, recs)
                write_csv(Path(tmp) / f"{v}_ours.csv", answers)
                ours = score(Path(tmp) / f"{v}_ours.csv")
                if ARGS.errors:
                    show_errors(v, answers, ARGS.errors)
            else:
                out = Path(tmp) / f"{v}_out"
                try:
                    ms = ours_pipeline(v, out)
                    ours = score(out)
                except Exception as exc:  # report, and still measure the date stage itself
                    print(f"{v}: pipeline failed ({type(exc).__name__}: {exc}); direct mode instead")
                    answers, ms = ours_direct(v, recs)
                    write_csv(Path(tmp) / f"{v}_ours.csv", answers)
                    ours = score(Path(tmp) / f"{v}_ours.csv")
            hd = htmldate_answers(v, recs)
            write_csv(Path(tmp) / f"{v}_htmldate.csv", hd)
            theirs = score(Path(tmp) / f"{v}_htmldate.csv")
            lines.append((v, ours, theirs, ms))
    print(f"\nmode={mode}  (exact-day accuracy / within 1 day / coverage / wrong year / 2026 leaks)")
    head = "variant        | " + " ".join(f"{k:>12}" for k in keys) + " | htmldate: " + \
        " ".join(f"{k:>12}" for k in keys) + " | ours ms/doc"
    print(head)
    print("-" * len(head))
    for v, ours, theirs, ms in lines:
        print(f"{v:<14} | " + " ".join(f"{ours[k]:>12}" for k in keys) + " |           " +
              " ".join(f"{theirs[k]:>12}" for k in keys) + f" | {ms:8.1f}")
    return 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--direct", action="store_true", help="call tasks.dates directly")
    ap.add_argument("--variants", help="comma-separated subset of " + ",".join(VARIANTS))
    ap.add_argument("--errors", type=int, default=0, help="list this many wrong answers per variant")
    ap.add_argument("--dump", help="write evidence/decisions Parquet here (direct mode)")
    ap.add_argument("--no-cache", action="store_true", help="recompute htmldate / trafilatura")
    ARGS = ap.parse_args()
    sys.exit(main())
