"""Candidate pairs by LSH banding over the one-permutation MinHash bins.

Two documents become candidates when all ROWS bins of at least one of the BANDS bands are
equal. Candidates are only a shortlist: verify.py decides which pairs are copies.
"""
from __future__ import annotations

import numpy as np

from .minhash import splitmix64
from .params import BANDS, MAX_BUCKET, NUM_BINS, ROWS

U64 = np.uint64


def band_keys(sig: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (keys, usable), both (n, BANDS): a hash per document and band of its ROWS bins,
    masked bins counting as one shared placeholder; and whether the band has at least two
    unmasked bins (a band of chrome alone must not make two documents candidates)."""
    assert BANDS * ROWS <= NUM_BINS
    n = len(sig)
    rows = np.where(mask, 0, sig)[:, : BANDS * ROWS].reshape(n, BANDS, ROWS).astype(U64)
    key = np.full((n, BANDS), U64(BANDS), dtype=U64)
    for r in range(ROWS):
        key = splitmix64(key ^ rows[:, :, r])
    # The band number is mixed in so equal values in different bands never meet.
    keys = splitmix64(key ^ np.arange(BANDS, dtype=U64))
    unmasked = ROWS - mask[:, : BANDS * ROWS].reshape(n, BANDS, ROWS).sum(axis=2)
    return keys, unmasked >= min(2, ROWS)


def candidate_pairs(sig: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray, int]:
    """Return (left, right, skipped): unique row-index pairs left < right of documents that
    share at least one usable band, and how many buckets were skipped for having more than
    MAX_BUCKET members (leftover boilerplate: those members still meet in other bands)."""
    n = len(sig)
    if n < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), 0
    keys, usable = band_keys(sig, mask)
    pos = np.flatnonzero(usable.ravel())  # position p = doc * BANDS + band
    # Sort (band key, document) pairs packed in one uint64: the key's top bits above the
    # document number (np.sort is several times faster than argsort). Truncating keys to
    # 64 - doc_bits bits only adds a few chance candidates, which verification rejects.
    doc_bits = max(1, int(n).bit_length())
    packed = (keys.ravel()[pos] & ~U64((1 << doc_bits) - 1)) | (pos // BANDS).astype(U64)
    packed.sort()
    k = packed >> U64(doc_bits)
    docs = (packed & U64((1 << doc_bits) - 1)).astype(np.int64)
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
    code = np.sort(lo.astype(np.int64) * n + hi)
    code = code[np.concatenate([[True], code[1:] != code[:-1]])]
    return code // n, code % n, skipped
