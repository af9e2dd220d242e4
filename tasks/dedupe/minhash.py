"""Signatures: a content hash of the normalised words and a one-permutation MinHash sketch.

A shard is processed as one byte buffer with numpy (no per-document Python over words): Arrow
stores the normalised strings back to back, so tokens are runs of non-space bytes and
shingles are windows over the token-hash array that stay inside one document.

Stable across library versions (signatures are persisted between runs): token hashes are
computed here from the UTF-8 bytes with fixed constants (splitmix64 mixing written out in
numpy), and the content hash is xxh3-128 (a frozen specification) of those token hashes. No
polars `hash()` (documented as unstable across versions), no Python `hash()` (salted).
"""
from __future__ import annotations

import numpy as np
import polars as pl
import xxhash

from .normalise import normalised_bytes
from .params import NUM_BINS, SHINGLE_WORDS, SIGNATURE_VERSION

U64 = np.uint64
EMPTY = np.uint32(0xFFFFFFFF)  # value of a bin that no shingle fell into
_M1, _M2 = U64(0xBF58476D1CE4E5B9), U64(0x94D049BB133111EB)
_GOLDEN = U64(0x9E3779B97F4A7C15)
_SHINGLE_MUL = U64(0x100000001B3)
_BIN_SHIFT = U64(64 - NUM_BINS.bit_length() + 1)

SIGNATURE_SCHEMA = {
    "doc_id": pl.String,
    "content_hash": pl.String,
    "site": pl.String,
    "n_shingles": pl.UInt32,
    "minhash": pl.Array(pl.UInt32, NUM_BINS),
    "signature_version": pl.String,
}


def splitmix64(x: np.ndarray) -> np.ndarray:
    """Return the splitmix64 finaliser of uint64 array `x` (a fixed, well-mixing bijection)."""
    x = x + _GOLDEN
    x ^= x >> U64(30)
    x *= _M1
    x ^= x >> U64(27)
    x *= _M2
    x ^= x >> U64(31)
    return x


def compute_signatures(docs: pl.DataFrame) -> pl.DataFrame:
    """Return one row per doc: doc_id, content_hash (hex xxh3-128 of the document's
    normalised word sequence), site (lower-cased source_domain, "" when unknown: chrome is
    counted per site), n_shingles (number of shingles, for containment estimates),
    minhash (NUM_BINS uint32 bin minima) and signature_version.

    docs needs doc_id and text, and may have source_domain. Site chrome is taken out by the
    cleaner; leftovers are masked in find_duplicates (boilerplate.py).
    """
    if docs.height == 0:
        return pl.DataFrame(schema=SIGNATURE_SCHEMA)
    n_docs = docs.height
    buf, offsets = normalised_bytes(docs["text"])
    starts, ends, doc_of_token = _tokens(buf, offsets)
    token_hash = _token_hashes(buf, starts, ends)
    shingles, doc_of_shingle = _shingles(token_hash, doc_of_token, n_docs)
    sig = _one_permutation_minhash(shingles, doc_of_shingle, n_docs)
    return pl.DataFrame(
        {
            "doc_id": docs["doc_id"],
            "content_hash": _content_hashes(token_hash, doc_of_token, n_docs),
            "site": _sites(docs),
            "n_shingles": np.bincount(doc_of_shingle, minlength=n_docs).astype(np.uint32),
            "minhash": pl.Series(sig, dtype=pl.Array(pl.UInt32, NUM_BINS)),
            "signature_version": [SIGNATURE_VERSION] * n_docs,
        },
        schema=SIGNATURE_SCHEMA,
    )


def _sites(docs: pl.DataFrame) -> pl.Series:
    """Return the site key per document: lower-cased source_domain without "www.", or ""."""
    if "source_domain" not in docs.columns:
        return pl.Series([""] * docs.height, dtype=pl.String)
    return docs["source_domain"].cast(pl.String).str.to_lowercase().str.strip_prefix("www.").fill_null("")


def _tokens(buf: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (start, end, document index) of every token, i.e. run of non-space bytes, in
    buffer order. Every document ends with a space, so no token crosses two documents."""
    n = int(offsets[-1])
    word = np.zeros(n + 2, dtype=np.bool_)
    np.not_equal(buf[:n], 0x20, out=word[1:-1])
    edges = np.flatnonzero(word[1:] != word[:-1])  # alternating token starts and ends
    starts, ends = edges[0::2], edges[1::2]
    first_token = np.searchsorted(starts, offsets)
    doc = np.repeat(np.arange(len(offsets) - 1), np.diff(first_token))
    return starts, ends, doc


def _content_hashes(token_hash: np.ndarray, doc: np.ndarray, n_docs: int) -> list[str]:
    """Return per document the hex xxh3-128 of its token hashes (little-endian uint64): equal
    exactly when the normalised word sequences are equal, whatever the spacing was."""
    bounds = np.searchsorted(doc, np.arange(n_docs + 1))
    raw = token_hash.astype("<u8", copy=False).tobytes()
    return [xxhash.xxh3_128_hexdigest(raw[8 * a : 8 * b]) for a, b in zip(bounds[:-1], bounds[1:])]


_LOW_BYTES = np.array([0] + [(1 << (8 * k)) - 1 for k in range(1, 8)] + [(1 << 64) - 1], dtype=U64)


def _token_hashes(buf: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Return a 64-bit hash per token from its bytes: the first 16, the last 8 and the length.
    Tokens up to 24 bytes are hashed in full; longer ones (rare in prose) could only collide
    if they also agree in length and in those 24 bytes."""
    # Unaligned little-endian uint64 view at every byte offset (stride of one byte).
    u64 = np.ndarray(shape=(len(buf) - 7,), dtype="<u8", buffer=buf, strides=(1,))
    length = ends - starts
    h = u64[starts] & _LOW_BYTES[np.minimum(length, 8)]
    h ^= length.astype(U64) << U64(56)
    # Only the few long tokens need their later bytes read.
    long8 = np.flatnonzero(length > 8)
    tail = u64[starts[long8] + 8] & _LOW_BYTES[np.minimum(length[long8] - 8, 8)]
    long16 = np.flatnonzero(length[long8] > 16)
    tail[long16] ^= splitmix64(u64[ends[long8[long16]] - 8])
    h[long8] ^= splitmix64(tail ^ _M1)
    return splitmix64(h)


def _shingles(token_hash: np.ndarray, doc: np.ndarray, n_docs: int) -> tuple[np.ndarray, np.ndarray]:
    """Return (hash, document index) of every word SHINGLE_WORDS-gram that lies inside one
    document. A document with fewer words than that gets its single words as shingles, so
    every non-empty document has a signature (datatrove gives such documents none)."""
    k = SHINGLE_WORDS
    m = len(token_hash) - k + 1
    if m > 0:
        s = token_hash[:m].copy()
        for j in range(1, k):
            s *= _SHINGLE_MUL
            s += token_hash[j : j + m]
        inside = np.flatnonzero(doc[:m] == doc[k - 1 :])
        grams, gram_doc = splitmix64(s[inside]), doc[inside]
    else:
        grams, gram_doc = np.zeros(0, U64), np.zeros(0, np.int64)
    words_per_doc = np.bincount(doc, minlength=n_docs)
    short = np.flatnonzero(words_per_doc[doc] < k)
    if len(short) == 0:
        return grams, gram_doc
    singles = splitmix64(token_hash[short] ^ _M2)
    return np.concatenate([grams, singles]), np.concatenate([gram_doc, doc[short]])


def _one_permutation_minhash(shingles: np.ndarray, doc: np.ndarray, n_docs: int) -> np.ndarray:
    """Return an (n_docs, NUM_BINS) uint32 matrix: per document and bin, the minimum low-32-bit
    value of the shingles whose top bits select that bin, EMPTY where none did. Empty bins are
    left empty, not densified: find_duplicates compares documents on the bins filled in both
    (the one-permutation estimator of Li, Owen and Zhang 2012). Densification would copy a
    neighbouring bin, often site chrome in a short article, and make chrome look like text."""
    bins = (shingles >> _BIN_SHIFT).astype(np.int64)
    values = np.minimum(shingles & U64(0xFFFFFFFF), U64(0xFFFFFFFE)).astype(np.uint32)
    sig = np.full(n_docs * NUM_BINS, EMPTY, dtype=np.uint32)
    np.minimum.at(sig, doc * NUM_BINS + bins, values)
    return sig.reshape(n_docs, NUM_BINS)
