"""Stable identities for input units.

A doc_id names one input unit by where it came from *and* what it contained, so the same file
(or JSONL record) gets the same id in every run, and an edited file gets a new one.
"""
from __future__ import annotations

import hashlib


def sha256_hex(data: bytes) -> str:
    """Return the hex SHA-256 of raw bytes (the `raw_sha256` column)."""
    return hashlib.sha256(data).hexdigest()


def make_doc_id(source_uri: str, raw_sha256: str) -> str:
    """Return a 20-hex-char id from the unit's origin (relative source_uri) and content hash."""
    h = hashlib.sha256(f"{source_uri}\x00{raw_sha256}".encode("utf-8"))
    return h.hexdigest()[:20]
