"""How the verbatim input of a capture is kept in the library (articles.original and
article_versions.original). pack() when writing, unpack() when reading: every reader and
writer of those columns goes through here, so the stored form can change in one place.
pack_text() and unpack_text() do the same, with the same codec, for the reader's blocks
(articles.content and article_versions.content: core.content JSON), described at the end.

The stored form is self-describing, with no schema change and no flag column:
- packed: one zstandard frame (magic 28 B5 2F FD) that records the input's size and ends in
  its content checksum, holding exactly the input (level LEVEL, no dictionary);
- raw: the input itself. Libraries written before compression hold only raw originals, and
  pack() still keeps an input raw when compressing would not make it smaller.

Telling them apart: pack() never leaves raw an input that starts with the zstd magic (it
packs it, whatever the size), so a new raw value never looks packed. An old raw value that
happens to start with the magic is read as raw unless it is, as a whole, one complete zstd
frame with a checksum that matches what it decompresses to: the importers never take a zstd
file as an article, and text that starts "(µ/ý" is read as itself. docs/storage-size.md
says why zstd, why this level and why no trained dictionary (measured on the corpus).

The content column (declared TEXT) says which form it holds by SQLite's own type of the
value, so nothing there has to be sniffed: a TEXT value is the JSON itself (every library
written before, and a JSON too short to shrink), a BLOB is a frame as above of its UTF-8.
SQLite keeps a BLOB as a BLOB in a TEXT column (type affinity never converts one).
"""

from __future__ import annotations

import threading
from typing import Any

MAGIC = b"\x28\xb5\x2f\xfd"  # a zstd frame
LEVEL = 9  # measured: 6.05x on saved pages at 41 MB/s (19: 6.39x at 0.7 MB/s)
_local = threading.local()  # zstd contexts are not thread-safe: one pair per thread


def _codec() -> tuple[Any, Any]:
    pair = getattr(_local, "pair", None)
    if pair is None:
        import zstandard  # lazily: the window's first frame never loads it

        pair = (
            zstandard.ZstdCompressor(level=LEVEL, write_checksum=True, write_content_size=True),
            zstandard.ZstdDecompressor(),
        )
        _local.pair = pair
    return pair


def pack(data: bytes) -> bytes:
    """The stored form of an input: a zstd frame, or the input itself when that is smaller
    (and it cannot be mistaken for a frame)."""
    data = bytes(data)
    if not data:
        return data
    frame = _codec()[0].compress(data)
    if len(frame) < len(data) or data.startswith(MAGIC):
        return frame
    return data


def is_packed(stored: bytes) -> bool:
    """Is this stored value a frame that pack() wrote (checked in full: decompressed)?"""
    return _unframe(bytes(stored)) is not None


def unpack(stored: bytes) -> bytes:
    """The input as it was imported, from its stored form."""
    stored = bytes(stored)
    data = _unframe(stored)
    return stored if data is None else data


def _unframe(stored: bytes) -> bytes | None:
    """The input inside a frame of ours, or None if stored is not one (then it is raw)."""
    if not stored.startswith(MAGIC):
        return None
    import zstandard

    try:
        params = zstandard.get_frame_parameters(stored)
        if not params.has_checksum or params.content_size >= zstandard.CONTENTSIZE_ERROR:
            return None
        data = _codec()[1].decompress(stored, allow_extra_data=False)
    except zstandard.ZstdError:
        return None
    return data if len(data) == params.content_size else None


def pack_text(text: str) -> str | bytes:
    """The stored form of a content JSON: a zlib stream of its UTF-8 (bytes, kept as a BLOB),
    or the text itself (kept as TEXT) when the stream would not be smaller. zlib, not zstd:
    the window's first frame reads an article's content, zlib is loaded there already and
    zstd is not (7-9 ms), and on these small JSON documents the two compress alike (4.49 KB
    against 4.44 KB an article on the corpus's saved pages, docs/storage-size.md)."""
    import zlib

    data = text.encode("utf-8")
    stream = zlib.compress(data, 9) if data else data
    return stream if len(stream) < len(data) else text


def unpack_text(stored: str | bytes) -> str:
    """The content JSON from its stored form: TEXT is the JSON, a BLOB its zlib stream
    (whose checksum tells a damaged value from a good one)."""
    if isinstance(stored, str):
        return stored
    import zlib

    try:
        return zlib.decompress(bytes(stored)).decode("utf-8")
    except (zlib.error, UnicodeDecodeError) as exc:  # a bit flipped on disk
        from storage.errors import LibraryDamaged

        raise LibraryDamaged(f"an article's stored content cannot be read: {exc}") from exc
