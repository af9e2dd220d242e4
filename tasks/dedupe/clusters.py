"""find_duplicates: exact groups by content hash, then verified near-duplicate joins.

1. Documents with the same content hash form one exact group; only its first member (an
   earlier run's article if there is one, else the smallest doc_id) takes part in step 2, so a
   story copied verbatim a thousand times costs one LSH entry.
2. LSH candidates among group representatives (lsh.py) are verified (verify.py), then joined
   strongest first by union-find with two guards:
   - two earlier runs' articles are never merged (their choice was published already);
   - the anchors of the two clusters (the earlier run's article, else the member with the most
     shingles) must pass verification against each other too, so one loose pair cannot chain
     two different articles into one cluster through a third document.
Deterministic: rows are sorted by (stored first, doc_id) before anything else, and edges are
applied in (similarity desc, ids) order, so input row order does not matter.
"""
from __future__ import annotations

import numpy as np
import polars as pl

from .boilerplate import boilerplate_mask
from .lsh import candidate_pairs
from .minhash import EMPTY, NUM_BINS, splitmix64
from .params import BANDS, ROWS
from .verify import accepted, estimated_containment, estimated_jaccard

CLUSTER_SCHEMA = {
    "doc_id": pl.String,
    "cluster_id": pl.String,
    "match": pl.String,
    "similarity": pl.Float64,
    "matched_doc_id": pl.String,
    "stored_match": pl.Boolean,
    "containment": pl.Float64,
}

_SIG_COLUMNS = ["doc_id", "content_hash", "site", "n_shingles", "minhash", "signature_version"]


def find_duplicates(new: pl.DataFrame, stored: pl.DataFrame | None = None) -> pl.DataFrame:
    """Return one row per document of `new`: doc_id, cluster_id, match ('exact' | 'near' |
    None when it has no partner), similarity (estimated Jaccard with matched_doc_id; 1.0 for
    exact), matched_doc_id, stored_match (its cluster holds an earlier run's article, whose id
    is then the cluster_id) and containment (estimated share of the smaller document inside
    the larger, for near matches).

    new and stored are compute_signatures outputs (stored: earlier runs' kept articles, doc_id
    = their article_id); either may be empty.
    """
    docs = _combined(new, stored)
    if docs.height == 0:
        return pl.DataFrame(schema=CLUSTER_SCHEMA)
    ids = docs["doc_id"].to_numpy()
    is_stored = docs["is_stored"].to_numpy()
    sig = docs["minhash"].to_numpy().reshape(docs.height, NUM_BINS)
    rep = docs["rep"].to_numpy()  # row index of each row's exact-group representative

    reps = np.flatnonzero((rep == np.arange(docs.height)) & (docs["n_shingles"].to_numpy() > 0))
    mask = np.ones_like(sig, dtype=bool)  # rows outside `reps` never take part in step 2
    site = docs["site"].cast(pl.Categorical).to_physical().to_numpy()
    mask[reps] = boilerplate_mask(sig[reps], site[reps])
    # Shingles without the chrome: bins of boilerplate minima ~ share of boilerplate shingles.
    sizes = docs["n_shingles"].to_numpy() * (1.0 - mask.mean(axis=1))

    a, b, _skipped = candidate_pairs(_band_input(sig[reps], mask[reps], reps))
    a, b = reps[a], reps[b]
    jac, bins = estimated_jaccard(sig, mask, a, b)
    con = estimated_containment(jac, sizes[a], sizes[b])
    ok = accepted(jac, con, sizes[a], sizes[b], bins)
    a, b, jac, con = a[ok], b[ok], jac[ok], con[ok]
    # Strongest first; ties by position (= by doc_id), so the result is order-independent.
    order = np.lexsort((b, a, -jac))
    a, b, jac, con = a[order], b[order], jac[order], con[order]

    root = _join(a, b, sig, mask, sizes, is_stored)
    component = np.array([root(i) for i in range(docs.height)])[rep]
    return _result(docs, ids, is_stored, rep, component, a, b, jac, con)


def _band_input(sig: np.ndarray, mask: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Return `sig` prepared for LSH banding: a masked (boilerplate) bin becomes one shared
    placeholder, so bands still work on a document that is half chrome (its other bins must
    match), and a band with fewer than two unmasked bins gets values unique to the row, so
    chrome alone never makes two documents candidates."""
    n = len(sig)
    out = np.where(mask, EMPTY, sig)
    banded = mask[:, : BANDS * ROWS].reshape(n, BANDS, ROWS)
    weak = np.repeat((ROWS - banded.sum(axis=2)) < min(2, ROWS), ROWS, axis=1)
    filler = splitmix64(rows.astype(np.uint64)[:, None] * np.uint64(NUM_BINS) + np.arange(BANDS * ROWS, dtype=np.uint64))
    out[:, : BANDS * ROWS] = np.where(weak, (filler >> np.uint64(32)).astype(np.uint32), out[:, : BANDS * ROWS])
    return out


def _combined(new: pl.DataFrame, stored: pl.DataFrame | None) -> pl.DataFrame:
    """Return stored and new signatures in one frame sorted by (stored first, doc_id), with
    is_stored and rep (row index of the exact-group representative)."""
    frames = [new.select(_SIG_COLUMNS).with_columns(is_stored=pl.lit(False))]
    if stored is not None and stored.height:
        frames.insert(0, stored.select(_SIG_COLUMNS).with_columns(is_stored=pl.lit(True)))
    docs = pl.concat(frames, how="vertical_relaxed")
    versions = docs["signature_version"].unique().to_list()
    if len(versions) > 1:
        raise ValueError(
            f"signatures of different versions {sorted(versions)} cannot be compared: "
            "recompute the stored signatures with the current compute_signatures"
        )
    docs = docs.sort(["is_stored", "doc_id"], descending=[True, False]).with_row_index("row")
    # An earlier run's article other than the first with its hash keeps a group of its own:
    # two stored articles are never merged.
    first_stored = pl.col("is_stored") & (pl.col("row") == pl.col("row").min().over("content_hash", "is_stored"))
    # A document with no words left after normalisation (only punctuation) is nobody's copy.
    key = (
        pl.when(pl.col("n_shingles") == 0).then(pl.lit("empty:") + pl.col("doc_id"))
        .when(pl.col("is_stored") & ~first_stored).then(pl.lit("stored:") + pl.col("doc_id"))
        .otherwise(pl.col("content_hash"))
    )
    return docs.with_columns(rep=pl.col("row").min().over(key).cast(pl.Int64))


def _join(a, b, sig, mask, sizes, is_stored):
    """Union-find over the verified pairs, applied in the given order with the two guards of
    the module docstring. Returns find(i) -> root row index."""
    parent = list(range(len(sizes)))
    anchor = list(range(len(sizes)))  # per root: the row other rows are checked against
    has_stored = [bool(s) for s in is_stored]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for x, y in zip(a.tolist(), b.tolist()):
        rx, ry = find(x), find(y)
        if rx == ry or (has_stored[rx] and has_stored[ry]):
            continue
        ax, ay = anchor[rx], anchor[ry]
        if {ax, ay} != {x, y}:
            pa, pb = np.array([ax]), np.array([ay])
            j, bins = estimated_jaccard(sig, mask, pa, pb)
            c = estimated_containment(j, sizes[pa], sizes[pb])
            if not accepted(j, c, sizes[pa], sizes[pb], bins)[0]:
                continue
        # The root is the lower row (stored rows come first); the anchor is the stored
        # article, else the member with most shingles (lower row on ties).
        lo, hi = min(rx, ry), max(rx, ry)
        parent[hi] = lo
        if has_stored[rx] or has_stored[ry]:
            anchor[lo] = ax if has_stored[rx] else ay
        else:
            anchor[lo] = min(ax, ay, key=lambda r: (-sizes[r], r))
        has_stored[lo] = has_stored[rx] or has_stored[ry]
    return find


def _result(docs, ids, is_stored, rep, component, a, b, jac, con) -> pl.DataFrame:
    """Assemble the output rows for the new documents."""
    n = docs.height
    comp = pl.DataFrame({"row": np.arange(n), "component": component, "doc_id": ids, "is_stored": is_stored})
    # cluster_id: the earlier run's article in the cluster, else the smallest doc_id.
    names = comp.group_by("component").agg(
        cluster_id=pl.col("doc_id").filter(pl.col("is_stored")).first().fill_null(pl.col("doc_id").min()),
        stored_match=pl.col("is_stored").any(),
        size=pl.len(),
    )
    # Exact partner: the group representative, or for the representative the next member.
    group = pl.DataFrame({"row": np.arange(n), "rep": rep}).with_columns(
        partner=pl.when(pl.col("row") == pl.col("rep"))
        .then(pl.col("row").filter(pl.col("row") != pl.col("rep")).min().over("rep"))
        .otherwise(pl.col("rep"))
    )
    # Near partner of a representative: its strongest verified pair inside its cluster.
    same = component[a] == component[b]
    edges = pl.DataFrame(
        {"rep": np.concatenate([a[same], b[same]]), "other": np.concatenate([b[same], a[same]]),
         "similarity": np.tile(jac[same], 2), "containment": np.tile(con[same], 2)}
    )
    best = edges.sort(["similarity", "other"], descending=[True, False]).group_by("rep").first()
    out = (
        comp.join(names, on="component")
        .join(group, on="row")
        .join(best, on="rep", how="left")
        .filter(~pl.col("is_stored"))
    )
    exact = pl.col("partner").is_not_null()
    near = ~exact & (pl.col("size") > 1)
    out = out.with_columns(
        match=pl.when(exact).then(pl.lit("exact")).when(near).then(pl.lit("near")),
        matched_row=pl.when(exact).then(pl.col("partner")).when(near).then(pl.col("other")),
        similarity=pl.when(exact).then(1.0).when(near).then(pl.col("similarity")),
        containment=pl.when(exact).then(1.0).when(near).then(pl.col("containment")),
    )
    row_ids = comp.select(matched_row=pl.col("row"), matched_doc_id=pl.col("doc_id"))
    return (
        out.join(row_ids, on="matched_row", how="left")
        .select(list(CLUSTER_SCHEMA))
        .cast(CLUSTER_SCHEMA)
        .sort("doc_id")
    )
