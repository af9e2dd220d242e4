"""The run summary: printed at the end of `make run` and published as a Prefect artifact."""
from __future__ import annotations

import json


def _langs(summary: dict) -> list[tuple[str, int]]:
    langs = summary.get("languages") or "{}"
    langs = json.loads(langs) if isinstance(langs, str) else langs
    return sorted(langs.items(), key=lambda kv: (-kv[1], kv[0]))


def summary_text(summary: dict) -> str:
    """Return a short plain-text summary of one run (what a person reads in the terminal)."""
    lines = [
        f"newsflow run {summary['run_id']} -> {summary['output_dir']}",
        f"  documents in     {summary['inputs_seen']:>7}  (already done, skipped: {summary['inputs_skipped']})",
        f"  articles         {summary['articles_new']:>7}",
        f"  duplicates       {summary['duplicates_new']:>7}",
        f"  rejects          {summary['rejects_new']:>7}"
        + (f"  ({', '.join(f'{r}: {n}' for r, n in summary['reject_reasons'])})" if summary["reject_reasons"] else ""),
        f"  dates corrected  {summary['dates_corrected']:>7}  (articles where a stamp or impossible date was set aside)",
    ]
    langs = _langs(summary)
    if langs:
        lines.append("  by language      " + ", ".join(f"{k}: {v}" for k, v in langs))
    return "\n".join(lines)


def summary_markdown(summary: dict) -> str:
    """Return the same summary as a Markdown table (the run's Prefect artifact)."""
    rows = [
        ("documents in", summary["inputs_seen"]),
        ("skipped (already done)", summary["inputs_skipped"]),
        ("articles", summary["articles_new"]),
        ("duplicates", summary["duplicates_new"]),
        ("rejects", summary["rejects_new"]),
        ("dates corrected", summary["dates_corrected"]),
    ] + [(f"language `{k}`", v) for k, v in _langs(summary)]
    rows += [(f"reject `{r}`", n) for r, n in summary["reject_reasons"]]
    body = "\n".join(f"| {k} | {v} |" for k, v in rows)
    stages = "\n".join(
        f"| {name} | {m['seconds']:.2f} | {m['docs']} | {m['peak_rss_mb']:.0f} |"
        for name, m in summary.get("stage_metrics", {}).items()
    )
    return (
        f"# newsflow run `{summary['run_id']}`\n\nOutput: `{summary['output_dir']}`\n\n"
        f"| what | count |\n|---|---|\n{body}\n\n"
        f"## Stages\n\n| stage | seconds | docs | peak RSS MB |\n|---|---|---|---|\n{stages}\n"
    )
