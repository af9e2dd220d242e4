"""Candidate pairs by LSH banding over the one-permutation MinHash bins.

Two documents become candidates when all ROWS bins of at least one of the BANDS bands are
equal. Candidates are only a shortlist: verify.py decides which pairs are copies.
"""
from __future__ import annotations

import numpy as np

from .minhash import splitmix64
from .params import BANDS, MAX_BUCKET, NUM_BINS, ROWS

U64 = np.uint64


def band_keys(sig: np.ndarray) -> np.ndarray:
    """Return an (n, BANDS) uint64 matrix: one hash per document and band of its ROWS bins."""
    assert BANDS * ROWS <= NUM_BINS
    n = len(sig)
    rows = sig[:, : BANDS * ROWS].reshape(n, BANDS, ROWS).astype(U64)
    key = np.full((n, BANDS), U64(BANDS), dtype=U64)
    for r in range(ROWS):
        key = splitmix64(key ^ rows[:, :, r])
    # The band number is mixed in so equal values in different bands never meet.
    return splitmix64(key ^ np.arange(BANDS, dtype=U64))


def candidate_pairs(sig: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Return (left, right, skipped): unique row-index pairs left < right of documents that
    share at least one band, and how many buckets were skipped for having more than
    MAX_BUCKET members (leftover boilerplate: those members still meet in other bands)."""
    n = len(sig)
    if n < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), 0
    keys = band_keys(sig).ravel()  # position p = doc * BANDS + band
    order = np.argsort(keys, kind="stable")
    k = keys[order]
    docs = order // BANDS
    # Runs of equal keys are buckets; drop singletons and oversized buckets.
    starts = np.flatnonzero(np.concatenate([[True], k[1:] != k[:-1]]))
    sizes = np.diff(np.append(starts, len(k)))
    skipped = int((sizes > MAX_BUCKET).sum())
    keep = np.repeat((sizes >= 2) & (sizes <= MAX_BUCKET), sizes)
    k, docs = k[keep], docs[keep]
    pairs = []
    # Pair every member with the members d places later in its bucket, for growing d.
    for d in range(1, MAX_BUCKET):
        same = np.flatnonzero(k[:-d] == k[d:])
        if len(same) == 0:
            break
        pairs.append((docs[same], docs[same + d]))
    if not pairs:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), skipped
    a = np.concatenate([p[0] for p in pairs])
    b = np.concatenate([p[1] for p in pairs])
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    code = np.unique(lo[lo != hi].astype(np.int64) * n + hi[lo != hi])
    return code // n, code % n, skipped
