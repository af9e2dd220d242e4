"""Signatures: content hash of the normalised text and a one-permutation MinHash sketch.

The whole shard is processed as one byte buffer with numpy (no per-document Python loop over
words): Arrow stores the normalised strings back to back, so tokens are runs of non-space bytes
and shingles are windows over the token-hash array that stay inside one document.

Stability across library versions (signatures are persisted between runs): token hashes are
computed here from the raw UTF-8 bytes with fixed constants (splitmix64 mixing, written out in
numpy), the content hash is xxh3-128 of the normalised UTF-8 text (xxhash's algorithms are
frozen specifications). No polars `hash()` (documented as unstable across versions), no Python
`hash()` (salted per process).
"""
from __future__ import annotations

import numpy as np
import polars as pl
import pyarrow as pa
import xxhash

from .normalise import normalise
from .params import NUM_BINS, SHINGLE_WORDS, SIGNATURE_VERSION

U64 = np.uint64
EMPTY = np.uint32(0xFFFFFFFF)  # value of a bin no shingle fell into
_M1, _M2 = U64(0xBF58476D1CE4E5B9), U64(0x94D049BB133111EB)
_GOLDEN = U64(0x9E3779B97F4A7C15)
_SHINGLE_MUL = U64(0x100000001B3)
_BIN_SHIFT = U64(64 - int(np.log2(NUM_BINS)))
# Rotation densification offset (Shrivastava & Li 2014): an empty bin copies the next
# non-empty bin's value plus distance * _ROTATE, so two documents agree on it only when they
# agree on the donor bin and the gap.
_ROTATE = np.uint32(0x9E3779B1)

SIGNATURE_SCHEMA = {
    "doc_id": pl.String,
    "content_hash": pl.String,
    "n_shingles": pl.UInt32,
    "minhash": pl.Array(pl.UInt32, NUM_BINS),
    "signature_version": pl.String,
}


def splitmix64(x: np.ndarray) -> np.ndarray:
    """Return the splitmix64 finaliser of uint64 array `x` (a fixed, well-mixing bijection)."""
    x = x + _GOLDEN
    x = (x ^ (x >> U64(30))) * _M1
    x = (x ^ (x >> U64(27))) * _M2
    return x ^ (x >> U64(31))


def compute_signatures(docs: pl.DataFrame) -> pl.DataFrame:
    """Return one row per doc: doc_id, content_hash (hex xxh3-128 of the normalised text),
    n_shingles (shingle positions, for containment estimates), minhash (NUM_BINS uint32
    bin minima) and signature_version.

    docs needs doc_id and text; other columns (source_domain) are accepted and unused: site
    chrome is taken out by the cleaner and, for leftovers, by LSH bucket capping.
    """
    if docs.height == 0:
        return pl.DataFrame(schema=SIGNATURE_SCHEMA)
    norm = docs.select(pl.col("doc_id"), normalise(pl.col("text")).alias("norm"))
    hashes = [xxhash.xxh3_128_hexdigest(t.encode()) for t in norm["norm"]]
    buf, offsets = _byte_buffer(norm["norm"])
    starts, ends, doc_of_token = _tokens(buf, offsets)
    token_hash = _token_hashes(buf, starts, ends)
    shingles, doc_of_shingle = _shingles(token_hash, doc_of_token, norm.height)
    sig = _one_permutation_minhash(shingles, doc_of_shingle, norm.height)
    n_shingles = np.bincount(doc_of_shingle, minlength=norm.height).astype(np.uint32)
    return pl.DataFrame(
        {
            "doc_id": norm["doc_id"],
            "content_hash": hashes,
            "n_shingles": n_shingles,
            "minhash": pl.Series(sig, dtype=pl.Array(pl.UInt32, NUM_BINS)),
            "signature_version": [SIGNATURE_VERSION] * norm.height,
        },
        schema=SIGNATURE_SCHEMA,
    )


def _byte_buffer(strings: pl.Series) -> tuple[np.ndarray, np.ndarray]:
    """Return (UTF-8 bytes of all strings back to back, padded with 16 zero bytes so 8-byte
    reads past a token's end stay in bounds; int64 offsets, len(strings)+1 of them)."""
    arr = strings.to_arrow()
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    arr = arr.cast(pa.large_string())
    _, off_buf, data_buf = arr.buffers()
    offsets = np.frombuffer(off_buf, dtype=np.int64)[arr.offset : arr.offset + len(arr) + 1]
    data = np.frombuffer(data_buf, dtype=np.uint8) if data_buf is not None else np.zeros(0, np.uint8)
    data = data[offsets[0] : offsets[-1]]
    offsets = offsets - offsets[0]
    return np.concatenate([data, np.zeros(16, np.uint8)]), offsets


def _tokens(buf: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (start, end, document index) of every token (run of non-space bytes). Documents
    are single-spaced and stripped, so a token starts at a document start or after a space."""
    n = int(offsets[-1])
    word = buf[:n] != 0x20
    is_start = word.copy()
    is_start[1:] &= ~word[:-1]
    is_end = word.copy()
    is_end[:-1] &= ~word[1:]
    # A token never crosses a document boundary: force breaks there.
    inner = offsets[1:-1]
    inner = inner[(inner > 0) & (inner < n)]
    is_start[inner] = word[inner]
    is_end[inner - 1] = word[inner - 1]
    starts = np.flatnonzero(is_start)
    ends = np.flatnonzero(is_end) + 1
    doc = np.searchsorted(offsets, starts, side="right") - 1
    return starts, ends, doc


_LOW_BYTES = np.array([0] + [(1 << (8 * k)) - 1 for k in range(1, 8)] + [(1 << 64) - 1], dtype=U64)


def _token_hashes(buf: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Return a 64-bit hash per token from its bytes: the first 16 bytes, the last 8 and the
    length. Tokens up to 24 bytes are hashed in full; longer ones (rare in prose) could only
    collide if they also agree in length and in those 24 bytes."""
    # Unaligned little-endian uint64 view at every byte offset (stride 1 byte).
    u64 = np.ndarray(shape=(len(buf) - 7,), dtype="<u8", buffer=buf, strides=(1,))
    length = (ends - starts).astype(np.int64)
    first = u64[starts] & _LOW_BYTES[np.minimum(length, 8)]
    second = u64[starts + 8] & _LOW_BYTES[np.clip(length - 8, 0, 8)]
    last = np.where(length > 16, u64[np.maximum(ends - 8, 0)], U64(0))
    h = splitmix64(first ^ (length.astype(U64) << U64(56)))
    h = splitmix64(h ^ second)
    return splitmix64(h ^ last)


def _shingles(token_hash: np.ndarray, doc: np.ndarray, n_docs: int) -> tuple[np.ndarray, np.ndarray]:
    """Return (hash, document index) of every word SHINGLE_WORDS-gram that lies inside one
    document. A document with fewer words than that gets its single words as shingles, so
    every non-empty document has a signature (datatrove gives such documents none)."""
    k = SHINGLE_WORDS
    words_per_doc = np.bincount(doc, minlength=n_docs)
    m = len(token_hash) - k + 1
    if m > 0:
        s = token_hash[:m].copy()
        for j in range(1, k):
            s = s * _SHINGLE_MUL + token_hash[j : j + m]
        inside = doc[:m] == doc[k - 1 :]
        grams, gram_doc = splitmix64(s[inside]), doc[:m][inside]
    else:
        grams, gram_doc = np.zeros(0, U64), np.zeros(0, np.int64)
    short = words_per_doc[doc] < k
    singles = splitmix64(token_hash[short] ^ _M2)
    return np.concatenate([grams, singles]), np.concatenate([gram_doc, doc[short]])


def _one_permutation_minhash(shingles: np.ndarray, doc: np.ndarray, n_docs: int) -> np.ndarray:
    """Return an (n_docs, NUM_BINS) uint32 matrix: per document and bin, the minimum low-32-bit
    value of the shingles whose top bits select that bin; empty bins densified by rotation.
    Documents without shingles keep EMPTY everywhere (find_duplicates ignores them)."""
    bins = (shingles >> _BIN_SHIFT).astype(np.int64)
    values = np.minimum(shingles & U64(0xFFFFFFFF), U64(0xFFFFFFFE)).astype(np.uint32)
    sig = np.full(n_docs * NUM_BINS, EMPTY, dtype=np.uint32)
    np.minimum.at(sig, doc * NUM_BINS + bins, values)
    return _densify(sig.reshape(n_docs, NUM_BINS))


def _densify(sig: np.ndarray) -> np.ndarray:
    """Fill each empty bin from the next non-empty bin to its right (circularly), offset by
    the distance, so that Jaccard estimates stay unbiased for short documents."""
    empty = sig == EMPTY
    rows = np.flatnonzero(empty.any(axis=1) & ~empty.all(axis=1))
    if len(rows) == 0:
        return sig
    sub = sig[rows]
    k = NUM_BINS
    pos = np.arange(2 * k)
    filled = ~np.concatenate([empty[rows], empty[rows]], axis=1)
    # Index of the next filled position at or after each position, via a reversed running min.
    nxt = np.where(filled, pos, 4 * k)
    nxt = np.minimum.accumulate(nxt[:, ::-1], axis=1)[:, ::-1][:, :k]
    donor = sub[np.arange(len(rows))[:, None], nxt % k]
    dist = (nxt - pos[:k]).astype(np.uint32)
    sig[rows] = np.where(empty[rows], donor + dist * _ROTATE, sub)
    return sig
