"""Read the listed files into decoded units: one per txt/html file, one per JSONL record.

Every unit that cannot become a document becomes a reject row instead (reason code + a sentence
a person can act on), so the run never stops on a bad file and nothing is lost.
"""
from __future__ import annotations

import json
import zlib
from pathlib import Path

import polars as pl

from tasks.decode import decode_bytes
from tasks.identity import make_doc_id, sha256_hex
from tasks.rejects import make_rejects

STAGE = "ingest"

DOCS_SCHEMA = pl.Schema(
    {
        "doc_id": pl.String,
        "record_id": pl.String,
        "source_uri": pl.String,
        "input_kind": pl.String,
        "raw_sha256": pl.String,
        "is_html": pl.Boolean,
        "content": pl.String,
        "encoding": pl.String,
        "meta_url": pl.String,
        "meta_fetched_at": pl.String,
        "meta_source": pl.String,
        "meta_published_at": pl.String,
        "meta_title": pl.String,
        # A JSONL record's own `text` when its `html` is the content: extract falls back to it
        # when the page yields no article text.
        "record_text": pl.String,
    }
)

_META_FIELDS = {"url": "meta_url", "fetched_at": "meta_fetched_at", "source": "meta_source",
                "published_at": "meta_published_at", "title": "meta_title"}

# A .jsonl.gz may expand to at most this many times max_bytes (guards against gzip bombs).
GZIP_EXPANSION_LIMIT = 20
_UTF8_BOM = b"\xef\xbb\xbf"


def read_inputs(files: pl.DataFrame, max_bytes: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return (docs, rejects) for the files frame produced by list_inputs."""
    docs: list[dict] = []
    rejects: list[dict] = []
    for f in files.iter_rows(named=True):
        uri, kind = f["source_uri"], f["kind"]
        stem = record_stem(Path(uri).name)
        if f["problem"] is not None:
            rejects.append(_problem_reject(f, stem, max_bytes))
            continue
        try:
            raw = Path(f["path"]).read_bytes()
        except OSError as exc:
            rejects.append(_reject(uri, stem, "unreadable", f"{uri} could not be read ({exc.strerror}); "
                                   "check that it exists and is readable.", sha256_hex(b""), None))
            continue
        if len(raw) > max_bytes:  # grew since it was listed
            rejects.append(_reject(uri, stem, "too_large", f"{uri} is {len(raw):,} bytes, over the "
                                   f"{max_bytes:,}-byte limit; split it or raise max_bytes.", sha256_hex(raw), None))
            continue
        if kind in ("txt", "html"):
            _read_file_unit(uri, stem, kind, raw, docs, rejects)
        else:
            _read_jsonl(uri, stem, kind, raw, max_bytes, docs, rejects)
    return pl.DataFrame(docs, schema=DOCS_SCHEMA), make_rejects(rejects)


def record_stem(name: str) -> str:
    """Return the file name without its input extension ('a.jsonl.gz' -> 'a')."""
    lower = name.lower()
    for suffix in (".jsonl.gz", ".jsonl", ".html", ".htm", ".txt"):
        if lower.endswith(suffix):
            return name[: -len(suffix)]
    return name.rsplit(".", 1)[0] if "." in name[1:] else name


def _problem_reject(f: dict, stem: str, max_bytes: int) -> dict:
    """A listed file that cannot be a document: hash what can be read so its id is stable."""
    raw = None
    sha = sha256_hex(b"")
    if f["problem"] in ("too_large", "unsupported_type"):
        try:
            sha, raw = _hash_file(Path(f["path"]), keep=f["size_bytes"] <= max_bytes)
        except OSError:
            pass
    return _reject(f["source_uri"], stem, f["problem"], f["problem_detail"], sha, raw)


def _hash_file(path: Path, keep: bool) -> tuple[str, bytes | None]:
    """Return (sha256 hex, bytes when keep) reading in chunks, so a huge file costs no memory."""
    import hashlib

    h = hashlib.sha256()
    kept = bytearray() if keep else None
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
            if kept is not None:
                kept += chunk
    return h.hexdigest(), bytes(kept) if kept is not None else None


def _read_file_unit(uri: str, stem: str, kind: str, raw: bytes, docs: list, rejects: list) -> None:
    sha = sha256_hex(raw)
    dec = decode_bytes(raw, is_html=(kind == "html"))
    if dec.reason is None and not dec.text.strip():
        dec = dec.__class__(None, dec.encoding, "empty",
                            f"{uri} holds only whitespace; re-export it or remove it.")
    if dec.reason is not None:
        rejects.append(_reject(uri, stem, dec.reason, f"{uri}: {dec.detail}", sha, raw))
        return
    docs.append(_doc(uri, stem, kind, sha, kind == "html", dec.text, dec.encoding, {}))


def _read_jsonl(uri: str, stem: str, kind: str, raw: bytes, max_bytes: int, docs: list, rejects: list) -> None:
    data, broken = (raw, None) if kind == "jsonl" else _gunzip(raw, max_bytes * GZIP_EXPANSION_LIMIT)
    lines = data.split(b"\n")
    if broken is not None:
        # The last piece was cut by the break: it and everything after it are lost.
        tail = lines.pop()
        n = len(lines) + 1
        rejects.append(_reject(f"{uri}#{n}", f"{stem}#{n}", broken[0],
                               f"{uri}: {broken[1]} Lines 1-{n - 1} were loaded; line {n} and any "
                               "after it are lost: re-fetch or re-compress the file.", sha256_hex(tail), tail))
    seen_any = False
    for i, line in enumerate(lines, start=1):
        line = line.rstrip(b"\r")
        if i == 1 and line.startswith(_UTF8_BOM):
            line = line[len(_UTF8_BOM):]
        if not line.strip():
            continue  # blank separator lines are not inputs
        seen_any = True
        _read_record(uri, stem, i, line, max_bytes, docs, rejects)
    if not seen_any and broken is None:
        rejects.append(_reject(uri, stem, "empty", f"{uri} holds no JSON records; re-export it or "
                               "remove it.", sha256_hex(raw), raw))


def _read_record(uri: str, stem: str, lineno: int, line: bytes, max_bytes: int, docs: list, rejects: list) -> None:
    unit_uri = f"{uri}#{lineno}"
    sha = sha256_hex(line)
    fallback_id = f"{stem}#{lineno}"
    if len(line) > max_bytes:
        rejects.append(_reject(unit_uri, fallback_id, "too_large", f"Line {lineno} of {uri} is "
                               f"{len(line):,} bytes, over the {max_bytes:,}-byte limit; split the "
                               "record or raise max_bytes.", sha, None))
        return
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        dec = decode_bytes(line)  # JSON should be UTF-8; accept a legacy export rather than lose it
        if dec.reason is not None:
            rejects.append(_reject(unit_uri, fallback_id, "malformed_json", f"Line {lineno} of {uri} "
                                   f"is not text ({dec.detail}); fix or remove the line (the other "
                                   "lines were loaded).", sha, line))
            return
        text = dec.text
    try:
        rec = json.loads(text)
    except json.JSONDecodeError as exc:
        rejects.append(_reject(unit_uri, fallback_id, "malformed_json", f"Line {lineno} of {uri} is "
                               f"not valid JSON ({exc.msg} at character {exc.pos}); fix or remove the "
                               "line (the other lines were loaded).", sha, line))
        return
    if not isinstance(rec, dict):
        rejects.append(_reject(unit_uri, fallback_id, "malformed_json", f"Line {lineno} of {uri} is "
                               f"a JSON {type(rec).__name__}, not an object with 'id' and 'text' or "
                               "'html'; fix or remove the line.", sha, line))
        return
    rid = rec.get("id")
    record_id = str(rid) if rid not in (None, "") else fallback_id
    html, body = rec.get("html"), rec.get("text")
    # Prefer the page source when a record has both: it carries title, author, canonical URL
    # and date metadata that the scraper's text has lost.
    if isinstance(html, str) and html.strip():
        content, is_html = html, True
    elif isinstance(body, str) and body.strip():
        content, is_html = body, False
    else:
        rejects.append(_reject(unit_uri, record_id, "no_text", f"Record {record_id!r} (line {lineno} "
                               f"of {uri}) has no non-empty 'text' or 'html' field; add one or drop "
                               "the record.", sha, line))
        return
    meta = {col: _as_str(rec.get(field)) for field, col in _META_FIELDS.items()}
    if is_html and isinstance(body, str) and body.strip():
        meta["record_text"] = body
    docs.append(_doc(unit_uri, record_id, "jsonl", sha, is_html, content, "utf-8", meta))


def _gunzip(raw: bytes, limit: int) -> tuple[bytes, tuple[str, str] | None]:
    """Return (decompressed bytes, None) or (what decompressed before the break, (reason, why)).

    Reads member after member (concatenated gzip is legal) and stops at a truncation, a corrupt
    block or the expansion limit, keeping everything decompressed so far.
    """
    out = bytearray()
    data = raw
    while data:
        d = zlib.decompressobj(wbits=31)
        try:
            out += d.decompress(data, max(limit - len(out), 1))
        except zlib.error as exc:
            return bytes(out), ("corrupt_gzip", f"The gzip data is corrupt ({exc}).")
        if len(out) >= limit and (d.unconsumed_tail or not d.eof):
            return bytes(out), ("too_large", f"It expands past {limit:,} bytes.")
        if not d.eof:
            return bytes(out), ("truncated_gzip", "The gzip stream ends early (the file was cut off).")
        data = d.unused_data.lstrip(b"\x00")
    return bytes(out), None


def _as_str(v) -> str | None:
    if v is None or v == "":
        return None
    return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)


def _doc(uri: str, record_id: str, kind: str, sha: str, is_html: bool, content: str, encoding: str, meta: dict) -> dict:
    row = {
        "doc_id": make_doc_id(uri, sha),
        "record_id": record_id,
        "source_uri": uri,
        "input_kind": kind,
        "raw_sha256": sha,
        "is_html": is_html,
        "content": content,
        "encoding": encoding,
    }
    for col in ("meta_url", "meta_fetched_at", "meta_source", "meta_published_at", "meta_title", "record_text"):
        row[col] = meta.get(col)
    return row


def _reject(uri: str, record_id: str, reason: str, detail: str, sha: str, raw: bytes | None) -> dict:
    return {
        "doc_id": make_doc_id(uri, sha),
        "record_id": record_id,
        "source_uri": uri,
        "stage": STAGE,
        "reason": reason,
        "detail": detail,
        "raw_sha256": sha,
        "raw": raw,
    }
