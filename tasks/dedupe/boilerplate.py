"""Site chrome left in the text, found from the signatures themselves.

The cleaner removes lines seen on many pages of one site, but leftovers (a donation appeal
that wraps differently, a footer with a changing date) can make two short articles of one
site look alike. A MinHash bin whose minimum is the same shingle in many documents of one
site is such a leftover: no article is re-published that often by one site, while site chrome
is on every page. Those bins are masked (left out of LSH bands and of the similarity
estimates) for the documents that have them.

Why this is sound: when a document's minimum in a bin is not boilerplate, it is also the
minimum of its non-boilerplate shingles in that bin, so comparing two documents on the bins
that are unmasked in both estimates the Jaccard of their texts without the chrome.
Counting per site keeps wire stories safe: one story on fifty sites counts once per site.
"""
from __future__ import annotations

import numpy as np
import polars as pl

from .params import BOILERPLATE_DOCS


def boilerplate_mask(sig: np.ndarray, site: np.ndarray) -> np.ndarray:
    """Return a boolean matrix shaped like `sig` (documents x bins): True where the document's
    bin value is shared by at least BOILERPLATE_DOCS documents with the same `site` code.
    Pass one row per distinct text (exact copies would count a story several times)."""
    n, k = sig.shape
    frame = pl.DataFrame(
        {
            "site": np.repeat(site.astype(np.int64), k),
            "bin": np.tile(np.arange(k, dtype=np.int16), n),
            "value": sig.ravel(),
        }
    )
    counts = frame.select(pl.len().over("site", "bin", "value").alias("n"))["n"].to_numpy()
    return (counts >= BOILERPLATE_DOCS).reshape(n, k)
