"""Dedupe stage: content hashes and MinHash signatures, verified near-duplicate clusters, and
the choice of the article kept per cluster. Plain functions over polars frames (no Prefect).

    sigs = compute_signatures(docs)          # per shard: doc_id, text
    clusters = find_duplicates(sigs, stored) # whole run against earlier runs' signatures
    kept = choose_kept(clusters, facts)      # facts: doc_id, published_date, date_confidence, word_count

See params.py for the parameters and why they have these values.
"""
from .clusters import find_duplicates
from .keep import choose_kept
from .minhash import compute_signatures
from .normalise import normalise_text
from .params import SIGNATURE_VERSION

__all__ = ["compute_signatures", "find_duplicates", "choose_kept", "normalise_text", "SIGNATURE_VERSION"]
