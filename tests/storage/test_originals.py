"""The stored form of a capture's verbatim input: compressed when that pays, self-describing,
and old uncompressed rows read as they always did."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import zstandard

from storage import originals
from storage.library import Library
from tests.conftest import make_article

PAGE = (
    b"<!doctype html><html><head><title>Port</title><script>var x = 1;</script></head><body>"
    + b"<p>Container traffic through the port rose for a third month.</p>" * 400
    + b"</body></html>"
)


def test_a_page_is_stored_as_a_zstd_frame_and_read_back_exactly():
    stored = originals.pack(PAGE)
    assert stored.startswith(originals.MAGIC)
    assert len(stored) < len(PAGE) // 10
    assert originals.is_packed(stored)
    assert originals.unpack(stored) == PAGE


@pytest.mark.parametrize("raw", [b"", b"x", b"short note", "café".encode()])
def test_what_compression_would_not_shrink_stays_raw(raw: bytes):
    assert originals.pack(raw) == raw
    assert originals.unpack(raw) == raw


def test_an_input_that_starts_like_a_frame_is_always_packed():
    """Else a new raw value could be taken for a frame; packed, it reads back as itself."""
    for raw in (originals.MAGIC, originals.MAGIC + b"not a frame", zstandard.compress(b"a" * 99)):
        stored = originals.pack(raw)
        assert stored != raw and originals.unpack(stored) == raw


@pytest.mark.parametrize(
    "old",
    [
        originals.MAGIC + b"(\xb5/\xfd text in cp1252 that merely starts like a frame",
        zstandard.ZstdCompressor(write_checksum=False).compress(b"no checksum " * 20),
        zstandard.ZstdCompressor(write_content_size=False, write_checksum=True).compress(b"a" * 99),
        originals.pack(PAGE) + b"trailing bytes",
        originals.pack(PAGE)[:-1] + bytes([originals.pack(PAGE)[-1] ^ 1]),  # checksum broken
    ],
)
def test_old_raw_rows_that_start_like_a_frame_read_as_raw(old: bytes):
    """Rows written before compression are raw; only a complete, checksummed frame with its
    size (what pack writes) is decompressed."""
    assert not originals.is_packed(old)
    assert originals.unpack(old) == old


def test_the_library_stores_originals_compressed_and_gives_them_back(
    library: Library, library_path: Path
):
    imported = make_article("Port", ["Container traffic rose again. " * 300])
    article_id = library.articles.add(imported).article_id
    conn = sqlite3.connect(library_path)
    stored = conn.execute("SELECT original FROM articles WHERE id = ?", [article_id]).fetchone()[0]
    conn.close()
    assert stored.startswith(originals.MAGIC) and len(stored) < len(imported.original) // 5
    assert library.articles.original(article_id) == imported.original


def test_an_old_version_keeps_its_original(library: Library):
    first = make_article("Port", ["Container traffic rose again. " * 300], url="https://x.test/a")
    second = make_article(
        "Port", ["Container traffic fell at last. " * 300], url="https://x.test/a"
    )
    article_id = library.articles.add(first).article_id
    assert library.articles.add(second).status == "updated"
    stored = library.conn.execute(
        "SELECT original FROM article_versions WHERE article_id = ?", [article_id]
    ).fetchone()[0]
    assert originals.unpack(stored) == first.original
    assert library.articles.original(article_id) == second.original


def test_pack_works_from_several_threads():
    from concurrent.futures import ThreadPoolExecutor

    inputs = [PAGE + str(i).encode() for i in range(16)]
    with ThreadPoolExecutor(4) as pool:
        stored = list(pool.map(originals.pack, inputs))
    assert [originals.unpack(s) for s in stored] == inputs
