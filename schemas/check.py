"""Run a stage contract between two stages: structural errors stop the run, bad rows become rejects."""
from __future__ import annotations

import functools

import dataframely as dy
import polars as pl

from tasks.rejects import rejects_from_frame

ROW = "nf_row_nr"  # dataframely ignores attributes starting with "_"


class StageContractError(RuntimeError):
    """A stage produced a frame that lacks columns its contract requires: a bug, not bad input."""


@functools.cache
def _with_row_nr(schema: type[dy.Schema]) -> type[dy.Schema]:
    """Return the schema plus a row-number column, so failures can be joined back to rows."""
    return type(f"{schema.__name__}", (schema,), {ROW: dy.UInt32(nullable=False)})


def check_stage(df: pl.DataFrame, schema: type[dy.Schema], stage: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return (valid rows with every original column, rejects for the rows that broke a rule).

    Missing columns raise StageContractError naming the stage; a row that breaks a rule is
    rejected with reason `schema:<rule>` (the first rule it broke) and the run goes on.
    Columns the schema does not name pass through untouched.
    """
    required = schema.column_names()
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise StageContractError(
            f"stage '{stage}' produced a frame without the column(s) {missing} that its contract "
            f"{schema.__name__} requires (it has: {df.columns})"
        )
    indexed = df.with_row_index(ROW)
    good, failure = _with_row_nr(schema).filter(indexed.select(ROW, *required), cast=True)
    extras = indexed.drop(required)
    valid = good.join(extras, on=ROW, how="left").sort(ROW).drop(ROW).select(df.columns)
    details = failure.details()
    if details.height == 0:
        return valid, rejects_from_frame(df.head(0), stage, "", "")
    rule_cols = [c for c in details.columns if c not in (ROW, *required)]
    first_rule = pl.coalesce(
        [pl.when(pl.col(c).cast(pl.String) == "invalid").then(pl.lit(c)) for c in rule_cols]
    )
    bad = details.select(ROW, first_rule.alias("rule")).join(indexed, on=ROW, how="left").sort(ROW)
    rejects = rejects_from_frame(
        bad,
        stage,
        pl.lit("schema:") + pl.col("rule"),
        pl.format("row failed the {} contract rule '{}' after the {} stage", pl.lit(schema.__name__), pl.col("rule"), pl.lit(stage)),
    )
    return valid, rejects
