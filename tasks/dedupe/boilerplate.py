"""Site chrome left in the text, found from the signatures themselves.

The cleaner removes lines seen on many pages of one site, but leftovers (a donation appeal
that wraps differently, a footer with a changing date) can make two short articles of one
site look alike. A MinHash bin whose minimum is the same shingle in many documents of one
site is such a leftover: site chrome is on a large share of a site's pages, while a story is
re-published a handful of times, and across sites. Those bins are masked (left out of LSH
bands and of the similarity estimates) for the documents that have them.

Why this is sound: when a document's minimum in a bin is not boilerplate, it is also the
minimum of its non-boilerplate shingles in that bin, so comparing two documents on the bins
unmasked in both estimates the Jaccard similarity of their texts without the chrome.
"""
from __future__ import annotations

import numpy as np

from .params import BOILERPLATE_DOCS, BOILERPLATE_SHARE

U64 = np.uint64


def boilerplate_mask(sig: np.ndarray, site: np.ndarray) -> np.ndarray:
    """Return a boolean matrix shaped like `sig` (documents x bins): True where the document's
    bin value is shared by at least BOILERPLATE_DOCS documents with the same `site` code (small
    non-negative ints) and by at least BOILERPLATE_SHARE of that site's documents.
    Pass one row per distinct text (exact copies would count one story several times)."""
    n, k = sig.shape
    site = site.astype(np.int64)
    # One uint64 per (bin, document): bin in the top byte, site in the next 24 bits, value low;
    # sorting each bin's row makes equal keys adjacent and the whole matrix one sorted array.
    key = (np.arange(k, dtype=U64) << U64(56))[:, None] | (site.astype(U64) << U64(32)) | sig.T.astype(U64)
    ordered = np.sort(key, axis=1)
    lag = BOILERPLATE_DOCS - 1
    if n <= lag:
        return np.zeros((n, k), dtype=bool)
    # Keys with at least BOILERPLATE_DOCS copies: first of a run of equal keys, and equal to
    # the key `lag` places further on. Rows are bins, so these are sorted and distinct.
    head = ordered[:, :-lag]
    run_start = np.ones_like(head, dtype=bool)
    run_start[:, 1:] = head[:, 1:] != head[:, :-1]
    candidates = head[run_start & (head == ordered[:, lag:])]
    flat = ordered.ravel()
    count = np.searchsorted(flat, candidates, side="right") - np.searchsorted(flat, candidates, side="left")
    need = np.maximum(BOILERPLATE_DOCS, np.ceil(BOILERPLATE_SHARE * np.bincount(site)))
    frequent = candidates[count >= need[((candidates >> U64(32)) & U64(0xFFFFFF)).astype(np.int64)]]
    if len(frequent) == 0:
        return np.zeros((n, k), dtype=bool)
    at = np.minimum(np.searchsorted(frequent, key), len(frequent) - 1)
    return (frequent[at] == key).T
