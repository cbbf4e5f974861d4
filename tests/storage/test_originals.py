"""The stored form of a capture's verbatim input and of the reader's blocks: compressed when
that pays, self-describing, and old uncompressed rows read as they always did."""

from __future__ import annotations

import sqlite3
import zlib
from pathlib import Path

import pytest
import zstandard

from core.blocks import Block, BlockKind, Span
from core.content import blocks_from_json, blocks_to_json
from storage import originals
from storage.errors import LibraryDamaged
from storage.importing import import_into
from storage.library import Library
from tests.captures import write_captures
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


# -- content: the reader's blocks (core.content JSON) ---------------------------------------

MIXED = [  # what the reader's blocks hold beyond ASCII
    "Трафик контейнеров через порт Латакии вырос третий месяц подряд.",
    "ارتفعت حركة الحاويات عبر ميناء اللاذقية للشهر الثالث على التوالي.",  # right to left
    "התנועה בנמל עלתה בחודש השלישי ברציפות.",
    "Emoji 🚢📦 with a family 👩‍👩‍👧 and a flag 🇸🇾, accents e\u0301 and ﬁ ligatures.",
    "Container traffic through the port rose for a third consecutive month. " * 20,
]


def _blocks(paragraphs: list[str]) -> list[Block]:
    linked = Span("the harbour authority", href="https://port.test/a?x=1&y=2", bold=True)
    return [
        Block(BlockKind.HEADING, (Span("Латакия: порт"),), level=2),
        *(Block(BlockKind.PARAGRAPH, (Span(p), linked)) for p in paragraphs),
    ]


def _stored_content(path: Path, table: str = "articles") -> list[tuple[str, object]]:
    """(SQLite's type of the value, the value) of every content in table, as stored."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(f"SELECT typeof(content), content FROM {table} ORDER BY id").fetchall()
    finally:
        conn.close()


def test_a_content_is_stored_as_a_zlib_stream_and_read_back_exactly():
    text = blocks_to_json(_blocks(MIXED))
    stored = originals.pack_text(text)
    assert isinstance(stored, bytes)
    assert len(stored) < len(text.encode()) // 3
    assert zlib.decompress(stored) == text.encode()  # its own checksum: damage is seen
    assert originals.unpack_text(stored) == text


@pytest.mark.parametrize("text", ["", "[]", '[{"k":"p","s":["é"]}]'])
def test_a_content_too_short_to_shrink_stays_text(text: str):
    assert originals.pack_text(text) == text
    assert originals.unpack_text(text) == text


def test_a_content_written_before_compression_reads_as_itself():
    old = blocks_to_json(_blocks(MIXED))
    assert originals.unpack_text(old) is old


def test_a_damaged_content_frame_is_reported_as_damage():
    stored = bytearray(originals.pack_text(blocks_to_json(_blocks(MIXED))))
    stored[len(stored) // 2] ^= 0xFF
    with pytest.raises(LibraryDamaged):
        originals.unpack_text(bytes(stored))


def test_the_library_stores_contents_as_blobs_and_gives_back_the_json(
    library: Library, library_path: Path
):
    """A BLOB stays a BLOB in the TEXT column; the record the reader gets holds the JSON."""
    imported = make_article("Латакия", MIXED)
    imported.blocks = _blocks(MIXED)
    article_id = library.articles.add(imported).article_id
    ((kind, stored),) = _stored_content(library_path)
    assert kind == "blob" and zlib.decompress(stored) == blocks_to_json(imported.blocks).encode()
    article = library.articles.get(article_id)
    assert isinstance(article.content, str)
    assert article.content == blocks_to_json(imported.blocks)
    assert blocks_from_json(article.content) == imported.blocks
    assert article.text == imported.text


def test_a_content_stored_as_text_by_an_older_postil_reads_the_same(
    library: Library, library_path: Path, monkeypatch
):
    with monkeypatch.context() as patch:
        patch.setattr(originals, "pack_text", lambda text: text)
        old = library.articles.add(make_article("Old", MIXED[:2])).article_id
    new = library.articles.add(make_article("New", MIXED[2:])).article_id
    assert [kind for kind, _ in _stored_content(library_path)] == ["text", "blob"]
    assert library.articles.get(old).content == blocks_to_json(make_article("", MIXED[:2]).blocks)
    assert library.articles.get(new).content == blocks_to_json(make_article("", MIXED[2:]).blocks)


def test_versions_keep_their_contents_packed_and_whole(library: Library, library_path: Path):
    """A new text moves the old row's content into article_versions as it was stored; the
    new current content is packed too."""
    url = "https://port.test/latakia"
    first = make_article("Port", MIXED, url=url)
    second = make_article("Port", [*MIXED[1:], "A correction at the end. " * 20], url=url)
    article_id = library.articles.add(first).article_id
    assert library.articles.add(second).status == "updated"
    ((kind, stored),) = _stored_content(library_path, "article_versions")
    assert kind == "blob" and originals.unpack_text(stored) == blocks_to_json(first.blocks)
    assert library.articles.get(article_id).content == blocks_to_json(second.blocks)
    assert [k for k, _ in _stored_content(library_path)] == ["blob"]


def test_a_capture_kept_behind_the_current_one_stores_its_content_packed(
    library: Library, library_path: Path, tmp_path: Path
):
    """The browser copy after the saved page: kept as an older version (add_older_version)."""
    browser, page = write_captures(tmp_path / "captures")
    (first,) = import_into(library, [page])
    before = library.articles.get(first.outcome.article_id)
    (second,) = import_into(library, [browser])
    assert second.outcome.status == "version" and not second.outcome.current
    ((kind, stored),) = _stored_content(library_path, "article_versions")
    assert kind == "blob"
    assert "Update, 16 March" not in originals.unpack_text(stored)
    assert library.articles.get(first.outcome.article_id).content == before.content


def test_a_deleted_article_comes_back_with_its_content(library: Library, library_path: Path):
    from storage.article_removal import put_back, remove_articles

    imported = make_article("Port", MIXED)
    article_id = library.articles.add(imported).article_id
    before = _stored_content(library_path)
    put_back(library, remove_articles(library, [article_id]))
    assert _stored_content(library_path) == before
    assert library.articles.get(article_id).content == blocks_to_json(imported.blocks)


def test_pack_text_works_from_several_threads():
    from concurrent.futures import ThreadPoolExecutor

    texts = [blocks_to_json(_blocks([*MIXED, str(i)])) for i in range(16)]
    with ThreadPoolExecutor(4) as pool:
        stored = list(pool.map(originals.pack_text, texts))
        assert list(pool.map(originals.unpack_text, stored)) == texts
