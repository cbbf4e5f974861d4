"""Compressing an old library's originals and contents in the background and giving the
space back: every row reads the same before, during and after, a cancelled run resumes, a
row changed meanwhile is left to whoever changed it, a library whose originals the last
release packed gets its contents packed, and the file ends smaller."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from storage import compaction, originals
from storage.library import Library
from tests.conftest import make_article


@pytest.fixture(autouse=True)
def small_libraries_count(monkeypatch):
    """A test library frees far less than a real one: any free page is worth reclaiming."""
    monkeypatch.setattr(compaction, "MIN_RECLAIM_BYTES", 0)


def page(n: int) -> list[str]:
    """A saved page's worth of text, different for every article."""
    return [
        f"Report {n}, paragraph {j}: " + f"the harbour council met on day {n}. " * 60
        for j in range(8)
    ]


def old_library(path: Path, monkeypatch: pytest.MonkeyPatch, n: int = 12) -> dict[int, str]:
    """A library as written before compression: every original and every content raw, some
    older versions. Returns each article's original's digest."""
    with monkeypatch.context() as patch:
        patch.setattr(originals, "pack", lambda data: bytes(data))
        patch.setattr(originals, "pack_text", lambda text: text)
        with Library.open(path) as library:
            digests = {}
            for i in range(n):
                url = f"https://news.test/{i}"
                outcome = library.articles.add(make_article(f"Report {i}", page(i), url=url))
                if i % 4 == 0:  # a second capture: the first becomes an older version
                    library.articles.add(make_article(f"Report {i}", page(i + 1000), url=url))
                digests[outcome.article_id] = _digest(library.articles.original(outcome.article_id))
    return digests


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def raw_rows(conn: sqlite3.Connection) -> int:
    return sum(
        conn.execute(
            f"SELECT count(*) FROM {t} WHERE substr(original, 1, 4) != ?", [originals.MAGIC]
        ).fetchone()[0]
        for t in compaction.TABLES
    )


def raw_contents(conn: sqlite3.Connection) -> int:
    """Contents still stored as text (as an older Postil wrote them)."""
    return sum(
        conn.execute(f"SELECT count(*) FROM {t} WHERE typeof(content) != 'blob'").fetchone()[0]
        for t in compaction.TABLES
    )


def contents(conn: sqlite3.Connection) -> dict[tuple[str, int], str]:
    """Every row's content JSON, as the reader gets it."""
    return {
        (t, row_id): originals.unpack_text(stored)
        for t in compaction.TABLES
        for row_id, stored in conn.execute(f"SELECT id, content FROM {t}")
    }


def versions(conn: sqlite3.Connection) -> dict[int, str]:
    rows = conn.execute("SELECT id, original FROM article_versions").fetchall()
    return {row_id: _digest(originals.unpack(stored)) for row_id, stored in rows}


def test_an_old_library_is_compressed_and_shrinks(library_path: Path, monkeypatch):
    digests = old_library(library_path, monkeypatch)
    with Library.open(library_path) as library:
        before_versions = versions(library.conn)
        before_contents = contents(library.conn)
        assert raw_rows(library.conn) == len(digests) + len(before_versions)
        assert raw_contents(library.conn) == len(before_contents) == raw_rows(library.conn)
        library.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size_before = library_path.stat().st_size
        seen: list[tuple[int, int]] = []
        report = compaction.compact(library.conn, progress=lambda d, t: seen.append((d, t)))
        assert report.state == "done" and report.packed == raw_rows_total(digests, before_versions)
        assert raw_rows(library.conn) == 0 and raw_contents(library.conn) == 0
        assert {i: _digest(library.articles.original(i)) for i in digests} == digests
        assert versions(library.conn) == before_versions
        assert contents(library.conn) == before_contents
        assert {i: library.articles.get(i).content for i in digests} == {
            i: before_contents["articles", i] for i in digests
        }
        assert seen[-1][0] == seen[-1][1] == len(digests) + len(before_versions)
        assert library.conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 2  # incremental now
        assert library.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert not compaction.rows_pending(library.conn)
        keys = [r[0] for r in library.conn.execute("SELECT key FROM meta")]
        assert not [k for k in keys if k.startswith(compaction.PROGRESS_KEY)]
        library.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert report.reclaimed > 0
    assert library_path.stat().st_size < size_before - report.saved * 0.8
    with Library.open(library_path) as library:  # a second run has nothing to do
        assert compaction.compact(library.conn) == compaction.Report(0, 0, 0, "done")


def raw_rows_total(digests: dict, version_digests: dict) -> int:
    return len(digests) + len(version_digests)


def test_a_cancelled_run_resumes_where_it_stopped(library_path: Path, monkeypatch):
    digests = old_library(library_path, monkeypatch, n=10)
    monkeypatch.setattr(compaction, "BATCH_ROWS", 3)
    with Library.open(library_path) as library:
        before_contents = contents(library.conn)
        batches = []
        first = compaction.compact(
            library.conn,
            cancelled=lambda: len(batches) >= 2,
            progress=lambda d, t: batches.append(d),
        )
        assert first.state == "cancelled" and first.packed == 6
        assert compaction.rows_pending(library.conn)
        after = library.conn.execute(
            "SELECT value FROM meta WHERE key = ?", [compaction.PROGRESS_KEY + "articles"]
        ).fetchone()[0]
        assert int(after) == 6
        assert {i: _digest(library.articles.original(i)) for i in digests} == digests
        assert raw_contents(library.conn) == 10 + 3 - 6  # the first six rows: both columns
        assert contents(library.conn) == before_contents
    with Library.open(library_path) as library:  # another start: it goes on from there
        rest = compaction.compact(library.conn)
        assert rest.state == "done" and first.packed + rest.packed == 10 + 3
        assert raw_rows(library.conn) == 0 and raw_contents(library.conn) == 0
        assert {i: _digest(library.articles.original(i)) for i in digests} == digests
        assert contents(library.conn) == before_contents


def test_a_row_changed_during_compression_is_left_as_the_change_wrote_it(
    library_path: Path, monkeypatch
):
    digests = old_library(library_path, monkeypatch, n=3)
    target = min(digests)
    changed = b"<html>a new capture written by another process meanwhile</html>"
    real_pack = originals.pack

    def pack_while_another_process_writes(data: bytes) -> bytes:
        other = sqlite3.connect(library_path)
        other.execute("UPDATE articles SET original = ? WHERE id = ?", [changed, target])
        other.commit()
        other.close()
        return real_pack(data)

    with Library.open(library_path) as library:
        monkeypatch.setattr(originals, "pack", pack_while_another_process_writes)
        compaction.pack_rows(library.conn)
        assert library.articles.original(target) == changed
        for other_id in set(digests) - {target}:
            assert _digest(library.articles.original(other_id)) == digests[other_id]


def test_the_window_leaves_a_large_vacuum_to_postil_compact(library_path: Path, monkeypatch):
    old_library(library_path, monkeypatch, n=6)
    with Library.open(library_path) as library:
        report = compaction.compact(library.conn, vacuum_limit=1024)
        assert report.state == "vacuum deferred" and report.reclaimed == 0
        assert not compaction.rows_pending(library.conn)
        free = library.conn.execute("PRAGMA freelist_count").fetchone()[0]
        assert free > 0  # the space is free inside the file: the next imports reuse it
        assert compaction.compact(library.conn).reclaimed > 0  # postil compact: no limit


def test_once_incremental_space_comes_back_in_small_steps(library_path: Path, monkeypatch):
    digests = old_library(library_path, monkeypatch, n=8)
    monkeypatch.setattr(compaction, "RECLAIM_STEP", 16)
    with Library.open(library_path) as library:
        compaction.compact(library.conn)
        for article_id in list(digests)[:4]:
            library.articles.delete(article_id)
        assert library.conn.execute("PRAGMA freelist_count").fetchone()[0] > 16
        reclaimed, state = compaction.reclaim(library.conn, vacuum_limit=0)  # never a VACUUM
        assert state == "done" and reclaimed > 0
        assert library.conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
        assert library.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_new_library_has_nothing_to_compress(library: Library):
    library.articles.add(make_article("Fresh", page(1)))
    report = compaction.compact(library.conn)
    assert report.packed == 0 and report.state == "done"
    assert not compaction.rows_pending(library.conn)


def test_an_old_raw_original_that_starts_like_a_frame_is_left_and_reads_as_itself(
    library_path: Path, monkeypatch
):
    odd = originals.MAGIC + b" an old raw input that merely starts like a frame " * 50
    digests = old_library(library_path, monkeypatch, n=3)
    target = min(digests)
    with Library.open(library_path) as library:
        library.conn.execute("UPDATE articles SET original = ? WHERE id = ?", [odd, target])
        report = compaction.compact(library.conn)
        assert report.state == "done"
        assert library.articles.original(target) == odd
        for other in set(digests) - {target}:
            assert _digest(library.articles.original(other)) == digests[other]


def test_a_content_changed_during_compression_is_left_as_the_change_wrote_it(
    library_path: Path, monkeypatch
):
    """Read, packed outside the lock, then written only if still the same: another process's
    new content wins, and the same row's original is still packed."""
    digests = old_library(library_path, monkeypatch, n=3)
    target = min(digests)
    changed = '[{"k":"p","s":["a new capture written by another process meanwhile"]}]'
    real_pack_text = originals.pack_text

    def pack_while_another_process_writes(text: str) -> str | bytes:
        other = sqlite3.connect(library_path)
        other.execute("UPDATE articles SET content = ? WHERE id = ?", [changed, target])
        other.commit()
        other.close()
        return real_pack_text(text)

    with Library.open(library_path) as library:
        before = contents(library.conn)
        monkeypatch.setattr(originals, "pack_text", pack_while_another_process_writes)
        compaction.pack_rows(library.conn)
        assert library.articles.get(target).content == changed
        assert library.conn.execute(
            "SELECT typeof(content), substr(original, 1, 4) FROM articles WHERE id = ?",
            [target],
        ).fetchone() == ("text", originals.MAGIC)
        assert _digest(library.articles.original(target)) == digests[target]
        after = contents(library.conn)
        del before["articles", target], after["articles", target]
        assert after == before
        assert raw_contents(library.conn) == 1


@pytest.mark.parametrize(
    "left_by_last_release",
    [
        {"originals_packed": "yes"},  # it finished
        {"originals_packed_after:articles": "5"},  # it was stopped half-way
    ],
)
def test_contents_are_packed_after_the_last_release_packed_the_originals(
    library_path: Path, monkeypatch, left_by_last_release: dict[str, str]
):
    """That release packed originals only, and marked its progress in meta: its marks must
    not keep the contents it never looked at from being packed."""
    digests = old_library(library_path, monkeypatch, n=8)
    with Library.open(library_path) as library:
        conn = library.conn
        for table in compaction.TABLES:  # what the last release's compaction left
            for row_id, original in conn.execute(f"SELECT id, original FROM {table}").fetchall():
                packed = originals.pack(original)
                conn.execute(f"UPDATE {table} SET original = ? WHERE id = ?", [packed, row_id])
        for key, value in left_by_last_release.items():
            conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", [key, value])
        before = contents(conn)
        assert raw_rows(conn) == 0 and raw_contents(conn) == len(before)
        assert compaction.rows_pending(conn)

        report = compaction.compact(conn)

        assert report.state == "done" and report.packed == len(before)
        assert raw_contents(conn) == 0 and contents(conn) == before
        assert {i: _digest(library.articles.original(i)) for i in digests} == digests
        assert not compaction.rows_pending(conn)
        keys = {row[0] for row in conn.execute("SELECT key FROM meta")}
        assert "originals_packed_after:articles" not in keys  # its stale mark is dropped
        assert compaction.compact(conn).packed == 0
