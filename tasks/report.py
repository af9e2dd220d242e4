"""The report: one self-contained HTML page (inline SVG charts, no scripts) from the output tables.

    from tasks.report import write_report
    write_report("data/out", "data/out/report.html")

Charts: articles per day by publisher and by language, dates corrected by flag, duplicates per
cluster size; then the run history. `report_numbers` computes the numbers once; the HTML page
and the Prefect artifacts (`publish_artifacts`) both show exactly those numbers.
"""
from __future__ import annotations

import html
import json
from datetime import datetime, timezone
from pathlib import Path

import polars as pl

from tasks.store import OutputStore

# More days than this and the "per day" charts count per month instead (and say so).
MAX_DAYS = 400
# Publishers beyond the most frequent ones are summed as "other".
TOP_PUBLISHERS = 8
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac"]
NOT_A_CORRECTION = "no_date_evidence"


# --------------------------------------------------------------------------- numbers
def report_numbers(output_dir: str | Path) -> dict:
    """Return the report's numbers as small frames (and totals) read from the output tables."""
    store = OutputStore(output_dir)
    cols = ["doc_id", "published_date", "publisher", "source_domain", "language", "date_flags", "duplicate_count"]
    articles = store.read_table("articles", columns=cols)
    if articles is None:
        articles = pl.DataFrame(schema={"doc_id": pl.String, "published_date": pl.Date, "publisher": pl.String,
                                        "source_domain": pl.String, "language": pl.String,
                                        "date_flags": pl.List(pl.String), "duplicate_count": pl.Int32})
    articles = articles.with_columns(
        pl.coalesce("publisher", "source_domain", pl.lit("(unknown)")).alias("publisher"),
        pl.col("language").fill_null("und"),
    )
    dated = articles.filter(pl.col("published_date").is_not_null())
    span = (dated["published_date"].max() - dated["published_date"].min()).days + 1 if dated.height else 0
    unit = "day" if span <= MAX_DAYS else "month"
    period = pl.col("published_date").cast(pl.String) if unit == "day" else pl.col("published_date").dt.strftime("%Y-%m")
    dated = dated.with_columns(period.alias("period"))

    top = dated.group_by("publisher").len().sort(["len", "publisher"], descending=[True, False]).head(TOP_PUBLISHERS)
    publisher = pl.when(pl.col("publisher").is_in(top["publisher"].implode())).then("publisher").otherwise(pl.lit("other"))
    by_publisher = (dated.with_columns(publisher.alias("publisher"))
                    .group_by("period", "publisher").len("articles").sort("period", "publisher"))
    by_language = dated.group_by("period", "language").len("articles").sort("period", "language")

    flags = (articles.select(pl.col("date_flags").explode().alias("flag")).drop_nulls()
             .group_by("flag").len("articles").sort(["articles", "flag"], descending=[True, False]))
    corrected = articles.filter(
        pl.col("date_flags").list.eval(pl.element() != NOT_A_CORRECTION).list.any().fill_null(False)).height

    sizes = (articles.select((pl.col("duplicate_count").fill_null(0) + 1).alias("cluster_size"))
             .group_by("cluster_size").len("clusters").sort("cluster_size"))
    duplicates = store.read_table("duplicates", columns=["doc_id"])
    rejects = store.read_table("rejects", columns=["reason"])
    runs = store.read_table("runs")
    if runs is not None:
        keep = [c for c in ("run_id", "started_at", "finished_at", "status", "inputs_seen", "inputs_skipped",
                            "articles_new", "duplicates_new", "rejects_new", "dates_corrected") if c in runs.columns]
        runs = runs.select(keep).sort("started_at")
    return {
        "output_dir": str(store.root),
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "unit": unit,
        "totals": {
            "articles": articles.height,
            "undated articles": articles.height - dated.height,
            "duplicates": duplicates.height if duplicates is not None else 0,
            "rejects": rejects.height if rejects is not None else 0,
            "articles with corrected dates": corrected,
            "runs": runs.height if runs is not None else 0,
        },
        "by_publisher": by_publisher,
        "by_language": by_language,
        "flags": flags,
        "cluster_sizes": sizes,
        "rejects_by_reason": (rejects.group_by("reason").len("rejects").sort("reason")
                              if rejects is not None else pl.DataFrame(schema={"reason": pl.String, "rejects": pl.UInt32})),
        "runs": runs if runs is not None else pl.DataFrame(),
    }


# --------------------------------------------------------------------------- SVG
def _esc(x) -> str:
    return html.escape(str(x), quote=True)


def svg_stacked_bars(frame: pl.DataFrame, x: str, stack: str, value: str, title: str) -> str:
    """A stacked bar chart (one bar per x, one colour per stack value) with a legend, as SVG."""
    if frame.height == 0:
        return f"<p class='empty'>{_esc(title)}: no data.</p>"
    xs = frame[x].unique().sort().to_list()
    keys = frame[stack].unique().sort().to_list()
    wide = (frame.pivot(on=stack, index=x, values=value, aggregate_function="sum")
            .fill_null(0).sort(x))
    totals = wide.select(pl.sum_horizontal([pl.col(str(k)) for k in keys])).to_series().to_list()
    top = max(totals) or 1
    left, bottom, height = 48, 70, 240
    bar_w = max(2.0, min(28.0, 900 / len(xs)))
    width = left + bar_w * len(xs) + 20
    colour = {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(keys)}
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{width:.0f}' height='{height + bottom + 10}' "
             f"role='img' aria-label='{_esc(title)}'>"]
    for frac in (0, 0.5, 1):  # y axis ticks
        y = 10 + height * (1 - frac)
        parts.append(f"<line x1='{left}' x2='{width - 10:.0f}' y1='{y:.1f}' y2='{y:.1f}' class='grid'/>"
                     f"<text x='{left - 6}' y='{y + 4:.1f}' text-anchor='end'>{round(top * frac)}</text>")
    label_every = max(1, len(xs) // 30)
    for i, row in enumerate(wide.iter_rows(named=True)):
        x0 = left + i * bar_w
        y = 10 + height
        tip = [f"{row[x]}"]
        for k in keys:
            n = row[str(k)]
            if not n:
                continue
            h = height * n / top
            y -= h
            tip.append(f"{k}: {n}")
            parts.append(f"<rect x='{x0:.1f}' y='{y:.1f}' width='{bar_w * 0.85:.1f}' height='{h:.1f}' "
                         f"fill='{colour[k]}'><title>{_esc(row[x])} — {_esc(k)}: {n}</title></rect>")
        if i % label_every == 0:
            parts.append(f"<text x='{x0 + bar_w / 2:.1f}' y='{height + 16}' text-anchor='end' "
                         f"transform='rotate(-45 {x0 + bar_w / 2:.1f} {height + 16})'>{_esc(row[x])}</text>")
    parts.append("</svg>")
    legend = "".join(f"<span class='key'><i style='background:{colour[k]}'></i>{_esc(k)}</span>" for k in keys)
    return f"<figure><figcaption>{_esc(title)}</figcaption>{''.join(parts)}<div class='legend'>{legend}</div></figure>"


def svg_bars(labels: list, values: list[int], title: str) -> str:
    """A horizontal bar chart with the value at the end of each bar, as SVG."""
    if not labels:
        return f"<p class='empty'>{_esc(title)}: no data.</p>"
    top = max(values) or 1
    left, bar_h, width = 220, 22, 720
    height = bar_h * len(labels) + 10
    parts = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' role='img' "
             f"aria-label='{_esc(title)}'>"]
    for i, (label, v) in enumerate(zip(labels, values)):
        y = 5 + i * bar_h
        w = (width - left - 70) * v / top
        parts.append(f"<text x='{left - 8}' y='{y + 15}' text-anchor='end'>{_esc(label)}</text>"
                     f"<rect x='{left}' y='{y + 3}' width='{w:.1f}' height='{bar_h - 6}' fill='{PALETTE[0]}'>"
                     f"<title>{_esc(label)}: {v}</title></rect>"
                     f"<text x='{left + w + 6:.1f}' y='{y + 15}'>{v}</text>")
    parts.append("</svg>")
    return f"<figure><figcaption>{_esc(title)}</figcaption>{''.join(parts)}</figure>"


def _table(df: pl.DataFrame) -> str:
    if df.height == 0:
        return "<p class='empty'>none yet.</p>"
    head = "".join(f"<th>{_esc(c)}</th>" for c in df.columns)
    rows = "".join("<tr>" + "".join(f"<td>{_esc('' if v is None else v)}</td>" for v in r) + "</tr>"
                   for r in df.iter_rows())
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222}
h1{font-size:1.5em} h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ddd}
figure{margin:1em 0;overflow-x:auto} figcaption{font-weight:600;margin-bottom:.3em}
svg text{font-size:11px;fill:#333} .grid{stroke:#e5e5e5}
.legend .key{display:inline-block;margin-right:1em} .legend i{display:inline-block;width:.8em;height:.8em;margin-right:.3em}
table{border-collapse:collapse;font-size:12px} td,th{border:1px solid #ddd;padding:2px 6px;text-align:right}
th{background:#f4f4f4} .empty{color:#888} dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}
"""


def render_html(numbers: dict) -> str:
    """Return the report page for `report_numbers(...)`."""
    unit = numbers["unit"]
    per = "per day" if unit == "day" else "per month (the dates span more than %d days)" % MAX_DAYS
    totals = "".join(f"<dt>{_esc(k)}</dt><dd>{v}</dd>" for k, v in numbers["totals"].items())
    flags = numbers["flags"]
    sizes = numbers["cluster_sizes"]
    reasons = numbers["rejects_by_reason"]
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>newsflow report</title><style>{CSS}</style></head>
<body>
<h1>newsflow report</h1>
<p>Output root <code>{_esc(numbers['output_dir'])}</code>, generated {_esc(numbers['generated_at'])}.</p>
<dl>{totals}</dl>
<h2>Articles {per}</h2>
{svg_stacked_bars(numbers['by_publisher'], 'period', 'publisher', 'articles', f'Articles {per}, by publisher')}
{svg_stacked_bars(numbers['by_language'], 'period', 'language', 'articles', f'Articles {per}, by language')}
<h2>Dates corrected, by flag</h2>
<p>How many articles carry each date flag (a date found on the page was set aside or corrected;
<code>{NOT_A_CORRECTION}</code> means no date could be found at all).</p>
{svg_bars(flags['flag'].to_list(), flags['articles'].to_list(), 'Articles per date flag')}
<h2>Duplicates per cluster size</h2>
<p>A cluster is one article and its copies; size 1 = no copy found.</p>
{svg_bars([f'size {s}' for s in sizes['cluster_size'].to_list()], sizes['clusters'].to_list(), 'Clusters per size')}
<h2>Rejects by reason</h2>
{svg_bars(reasons['reason'].to_list(), reasons['rejects'].to_list(), 'Rejected inputs per reason')}
<h2>Run history</h2>
{_table(numbers['runs'])}
</body></html>
"""


def write_report(output_dir: str | Path, html_path: str | Path | None = None) -> Path:
    """Write the report page (default `<output_dir>/report.html`, atomically); return its path."""
    numbers = report_numbers(output_dir)
    path = Path(html_path) if html_path else Path(numbers["output_dir"]) / "report.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(render_html(numbers), encoding="utf-8")
    tmp.replace(path)
    return path


# --------------------------------------------------------------------------- Prefect
def _records(df: pl.DataFrame) -> list[dict]:
    return json.loads(df.write_json()) if df.height else []


def publish_artifacts(output_dir: str | Path) -> dict:
    """Publish the report's numbers as Prefect table artifacts (call inside a flow run)."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    n = report_numbers(output_dir)
    create_table_artifact(key="newsflow-articles-by-publisher", table=_records(n["by_publisher"]),
                          description=f"articles per {n['unit']} by publisher")
    create_table_artifact(key="newsflow-articles-by-language", table=_records(n["by_language"]),
                          description=f"articles per {n['unit']} by language")
    create_table_artifact(key="newsflow-date-flags", table=_records(n["flags"]), description="articles per date flag")
    create_table_artifact(key="newsflow-cluster-sizes", table=_records(n["cluster_sizes"]),
                          description="clusters per size (1 = article without copies)")
    totals = "\n".join(f"| {k} | {v} |" for k, v in n["totals"].items())
    create_markdown_artifact(key="newsflow-totals", markdown=f"| table | rows |\n|---|---|\n{totals}\n",
                             description=f"totals of {n['output_dir']}")
    return n
