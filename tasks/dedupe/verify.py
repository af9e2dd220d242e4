"""Verification of candidate pairs from signatures alone (earlier runs' texts are not re-read).

Estimated Jaccard J = share of equal bins. Estimated containment of the smaller shingle set in
the larger follows from J and the set sizes: |A n B| = J (|A| + |B|) / (1 + J).
"""
from __future__ import annotations

import numpy as np

from .params import ACCEPT_CONTAINMENT, ACCEPT_JACCARD, MIN_INFORMATIVE_BINS, MIN_SIZE_RATIO

_CHUNK = 200_000  # pairs compared at once (bounds the temporary pairs x bins matrix)


def estimated_jaccard(sig: np.ndarray, mask: np.ndarray, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (jaccard, bins) per pair (a[i], b[i]): the share of equal bins among the bins
    unmasked (neither chrome nor empty) in both, and how many such bins there were."""
    jac = np.zeros(len(a), dtype=np.float64)
    bins = np.zeros(len(a), dtype=np.int64)
    for s in range(0, len(a), _CHUNK):
        e = min(s + _CHUNK, len(a))
        valid = ~(mask[a[s:e]] | mask[b[s:e]])
        bins[s:e] = valid.sum(axis=1)
        equal = ((sig[a[s:e]] == sig[b[s:e]]) & valid).sum(axis=1)
        jac[s:e] = equal / np.maximum(bins[s:e], 1)
    return jac, bins


def estimated_containment(jaccard: np.ndarray, size_a: np.ndarray, size_b: np.ndarray) -> np.ndarray:
    """Return the estimated share of the smaller document's shingles found in the larger."""
    size_a, size_b = size_a.astype(np.float64), size_b.astype(np.float64)
    inter = jaccard * (size_a + size_b) / (1.0 + jaccard)
    return np.minimum(inter / np.maximum(np.minimum(size_a, size_b), 1.0), 1.0)


def accepted(jaccard: np.ndarray, containment: np.ndarray, size_a: np.ndarray, size_b: np.ndarray,
             bins: np.ndarray) -> np.ndarray:
    """Return a boolean per pair: is it a copy? Either most shingles are shared (Jaccard), or
    the smaller document is mostly inside the larger one (trimmed copy, dropped paragraph)
    and the two are of comparable size (a brief quoted inside a long roundup is no copy).
    Pairs compared on fewer than MIN_INFORMATIVE_BINS bins are never copies."""
    ratio = np.minimum(size_a, size_b) / np.maximum(np.maximum(size_a, size_b), 1)
    similar = (jaccard >= ACCEPT_JACCARD) | ((containment >= ACCEPT_CONTAINMENT) & (ratio >= MIN_SIZE_RATIO))
    return similar & (bins >= MIN_INFORMATIVE_BINS)
