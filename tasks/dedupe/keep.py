"""choose_kept: which document of each cluster becomes the article."""
from __future__ import annotations

import polars as pl

# A publication date counts for "earliest" only when the dates stage is this sure of it;
# below that, a page stamp or a sidebar date could make a re-host look like the original.
CREDIBLE_DATE_CONFIDENCE = 0.5


def choose_kept(clusters: pl.DataFrame, facts: pl.DataFrame) -> pl.DataFrame:
    """Return doc_id, kept_doc_id for every row of `clusters` (find_duplicates output).

    Rule, in order: a cluster holding an earlier run's article keeps that article (its id is
    the cluster_id); else the earliest credible published_date (date_confidence >= 0.5),
    then the most words, then the smallest doc_id. Singletons keep themselves. The rule only
    uses values, so a re-run over the same documents keeps the same one.
    """
    if clusters.height == 0:
        return pl.DataFrame(schema={"doc_id": pl.String, "kept_doc_id": pl.String})
    facts = facts.select("doc_id", "published_date", "date_confidence", "word_count").unique("doc_id", keep="first")
    ranked = clusters.select("doc_id", "cluster_id", "stored_match").join(facts, on="doc_id", how="left").with_columns(
        credible_date=pl.when(pl.col("date_confidence").fill_null(0.0) >= CREDIBLE_DATE_CONFIDENCE).then(pl.col("published_date")),
    )
    best = (
        ranked.filter(~pl.col("stored_match"))
        .sort(
            ["cluster_id", "credible_date", "word_count", "doc_id"],
            descending=[False, False, True, False],
            nulls_last=True,
        )
        .group_by("cluster_id", maintain_order=True)
        .agg(best=pl.col("doc_id").first())
    )
    return (
        ranked.join(best, on="cluster_id", how="left")
        .select("doc_id", kept_doc_id=pl.when(pl.col("stored_match")).then(pl.col("cluster_id")).otherwise(pl.col("best")))
        .sort("doc_id")
    )
