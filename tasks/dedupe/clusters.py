"""find_duplicates: exact groups by content hash, then verified near-duplicate joins.

1. Documents with the same content hash form one exact group; only its first member (an
   earlier run's article if there is one, else the smallest doc_id) takes part in step 2, so a
   story copied verbatim a thousand times costs one LSH entry.
2. LSH candidates among group representatives (lsh.py) are verified (verify.py), then joined
   strongest first by union-find with two guards:
   - two earlier runs' articles are never merged (their choice was published already);
   - no member of one cluster may be clearly unrelated to a member of the other (estimated
     Jaccard below UNRELATED_JACCARD), so one loose pair cannot chain two different articles
     into one cluster through a third document (a digest printing both, say).
Deterministic: rows are sorted by (stored first, doc_id) before anything else, and edges are
applied in (similarity desc, ids) order, so input row order does not matter.
"""
from __future__ import annotations

import numpy as np
import polars as pl

from .boilerplate import boilerplate_mask
from .lsh import candidate_pairs
from .minhash import EMPTY, NUM_BINS
from .params import GUARD_MEMBERS, MIN_INFORMATIVE_BINS, UNRELATED_JACCARD
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
    # Bins not to compare: empty ones, and chrome (boilerplate.py). Rows outside `reps` never
    # take part in step 2.
    site = docs.select(pl.col("site").rank("dense") - 1)["site"].to_numpy()
    chrome = boilerplate_mask(sig[reps], site[reps])
    empty = sig[reps] == EMPTY
    mask = np.ones_like(sig, dtype=bool)
    mask[reps] = chrome | empty
    # Shingles without the chrome: the share of filled bins holding chrome estimates the
    # share of chrome shingles.
    sizes = docs["n_shingles"].to_numpy().astype(np.float64)
    sizes[reps] *= 1.0 - chrome.sum(axis=1) / np.maximum((~empty).sum(axis=1), 1)

    a, b, _skipped = candidate_pairs(sig[reps], mask[reps])
    a, b = reps[a], reps[b]
    jac, bins = estimated_jaccard(sig, mask, a, b)
    con = estimated_containment(jac, sizes[a], sizes[b])
    ok = accepted(jac, con, sizes[a], sizes[b], bins)
    a, b, jac, con = a[ok], b[ok], jac[ok], con[ok]
    # Strongest first; ties by position (= by doc_id), so the result is order-independent.
    order = np.lexsort((b, a, -jac))
    a, b, jac, con = a[order], b[order], jac[order], con[order]

    root = _join(a, b, sig, mask, is_stored)
    component = np.array([root(i) for i in range(docs.height)])[rep]
    return _result(docs, ids, is_stored, rep, component, a, b, jac, con)


def _combined(new: pl.DataFrame, stored: pl.DataFrame | None) -> pl.DataFrame:
    """Return stored and new signatures in one frame sorted by (stored first, doc_id), with
    is_stored and rep (row index of the exact-group representative)."""
    frames = [_signature_columns(new).with_columns(is_stored=pl.lit(False))]
    if stored is not None and stored.height:
        frames.insert(0, _signature_columns(stored).with_columns(is_stored=pl.lit(True)))
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


def _signature_columns(frame: pl.DataFrame) -> pl.DataFrame:
    """Return the signature columns of `frame`, or raise ValueError naming what is missing
    (e.g. a state table written by an older compute_signatures)."""
    missing = [c for c in _SIG_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"signatures lack columns {missing}: recompute them with the current compute_signatures")
    return frame.select(_SIG_COLUMNS)


def _join(a, b, sig, mask, is_stored):
    """Union-find over the verified pairs, applied in the given order with the two guards of
    the module docstring. Returns find(i) -> root row index."""
    parent = list(range(len(is_stored)))
    members = [[i] for i in range(len(is_stored))]  # per root, up to GUARD_MEMBERS rows
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
        if (len(members[rx]) > 1 or len(members[ry]) > 1) and _unrelated(members[rx], members[ry], sig, mask):
            continue
        lo, hi = min(rx, ry), max(rx, ry)  # the lower row (stored rows come first) is the root
        parent[hi] = lo
        members[lo] = (members[lo] + members[hi])[:GUARD_MEMBERS]
        members[hi] = []
        has_stored[lo] = has_stored[rx] or has_stored[ry]
    return find


def _unrelated(xs: list[int], ys: list[int], sig: np.ndarray, mask: np.ndarray) -> bool:
    """Return whether some member of xs and some member of ys are clearly different texts:
    estimated Jaccard below UNRELATED_JACCARD on enough comparable bins."""
    pa = np.repeat(xs, len(ys))
    pb = np.tile(ys, len(xs))
    jac, bins = estimated_jaccard(sig, mask, pa, pb)
    return bool(((jac < UNRELATED_JACCARD) & (bins >= MIN_INFORMATIVE_BINS)).any())


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
