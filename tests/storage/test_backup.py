"""Backups, rotation, validation, restore and the health check that decides recovery."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from storage import backup as bk
from storage.annotations import NewAnnotation
from storage.integrity import State, check_library, explain_write_error, quick_check
from storage.library import Library
from tests.conftest import make_article


def fill(library: Library, n_articles: int = 3, n_notes: int = 2) -> list[int]:
    """Articles and highlights, enough pages that damage lands in real data."""
    ids = []
    for i in range(n_articles):
        paragraphs = [
            f"Paragraph {i}.{j} " + "about the port and its cranes. " * 40 for j in range(6)
        ]
        article_id = library.articles.add(make_article(f"Article {i}", paragraphs)).article_id
        for k in range(n_notes):
            ids.append(
                library.annotations.add(
                    article_id,
                    NewAnnotation("Paragraph", "", f" {i}", 0, 9, note=f"note {i}-{k}"),
                )
            )
    return ids


def damage(path: Path) -> bytes:
    """Overwrite the middle of the file (not its header) with noise; return the damaged bytes."""
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, 3 * page):
        data[start : start + page] = os.urandom(page)
    path.write_bytes(bytes(data))
    return bytes(data)


def spoil(path: Path) -> None:
    """Flip bytes in the middle of any file, however small (a packed backup is)."""
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    for i in range(middle, min(len(data) - 8, middle + 64)):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def test_backup_now_is_a_checked_packed_self_contained_copy(library: Library, library_path: Path):
    notes = fill(library)
    made = bk.backup_now(library.conn, library_path, now=datetime(2025, 3, 1, 9, 30))
    assert made.parent == library_path.with_name("library.postil.backups")
    assert made.name == "library-20250301T093000-manual.postil.zst"
    assert made.read_bytes()[:4] == b"\x28\xb5\x2f\xfd"  # one zstd frame
    assert not [p.name for p in made.parent.iterdir() if p != made]  # no partial, no temp
    assert made.stat().st_size < bk.library_size(library.conn) / 2
    bk.validate_backup(made)
    assert [p.name for p in made.parent.iterdir()] == [made.name]  # its unpacked copy is gone
    with bk.unpacked(made) as plain:
        conn = sqlite3.connect(plain)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert sorted(r[0] for r in conn.execute("SELECT id FROM annotations")) == sorted(notes)
        conn.close()
        assert not plain.with_name(plain.name + "-wal").exists()


def test_a_plain_backup_is_still_made_on_request_and_restored(library: Library, library_path):
    first = fill(library, 1, 2)
    made = bk.backup_now(library.conn, library_path, packed=False)
    assert made.name.endswith("-manual.postil") and not bk.is_packed(made)
    fill(library, 1, 1)
    bk.restore_into(library.conn, library_path, made)
    assert sorted(a.id for a in library.annotations.find(bk_filter())) == sorted(first)


def test_a_packed_backup_renamed_without_its_suffix_is_still_recognised(library, library_path):
    fill(library, 1, 1)
    made = bk.backup_now(library.conn, library_path)
    renamed = made.with_name("my-copy.postil")
    made.rename(renamed)
    assert bk.is_packed(renamed)
    bk.validate_backup(renamed)


def test_a_truncated_or_spoilt_packed_backup_is_refused_and_nothing_changes(
    library: Library, library_path: Path
):
    notes = fill(library, 2, 2)
    made = bk.backup_now(library.conn, library_path)
    data = made.read_bytes()
    fill(library, 1, 1)
    now = sorted(a.id for a in library.annotations.find(bk_filter()))
    for bad in (data[: len(data) // 2], data[:-3]):
        made.write_bytes(bad)
        with pytest.raises(bk.BackupError, match="damaged"):
            bk.restore_into(library.conn, library_path, made)
    made.write_bytes(data)
    spoil(made)
    with pytest.raises(bk.BackupError, match="damaged"):
        bk.restore_into(library.conn, library_path, made)
    assert sorted(a.id for a in library.annotations.find(bk_filter())) == now
    assert not list(library_path.parent.glob("*before-restore*"))  # nothing was replaced
    assert [p.name for p in made.parent.iterdir()] == [made.name]
    made.write_bytes(data)
    bk.restore_into(library.conn, library_path, made)
    assert sorted(a.id for a in library.annotations.find(bk_filter())) == sorted(notes)


def test_two_backups_in_one_second_keep_both(library: Library, library_path: Path):
    moment = datetime(2025, 3, 1, 9, 30)
    first = bk.backup_now(library.conn, library_path, now=moment)
    second = bk.backup_now(library.conn, library_path, now=moment)
    assert first != second and first.exists() and second.exists()
    assert len(bk.list_backups(library_path)) == 2


def test_start_up_backup_at_most_once_a_day(library: Library, library_path: Path):
    fill(library, 1, 1)
    day = datetime(2025, 3, 1, 8, 0)
    assert bk.backup_if_due(library.conn, library_path, now=day) is not None
    assert bk.backup_if_due(library.conn, library_path, now=day + timedelta(hours=9)) is None
    assert bk.backup_if_due(library.conn, library_path, now=day + timedelta(days=1))
    assert [b.kind for b in bk.list_backups(library_path)] == ["daily", "daily"]


def test_rotation_keeps_seven_days_four_weeks_and_three_months(
    library: Library, library_path: Path, monkeypatch
):
    monkeypatch.setattr(bk, "BUDGET_FACTOR", 1000.0)  # no size limit here: the rules alone
    start = datetime(2025, 1, 1, 9, 0)  # a Wednesday
    for day in range(120):
        bk.backup_if_due(library.conn, library_path, now=start + timedelta(days=day))
    manual = bk.backup_now(library.conn, library_path, now=start)
    kept = bk.list_backups(library_path)
    daily = [b.taken.date() for b in kept if b.kind == "daily"]
    last = (start + timedelta(days=119)).date()
    assert daily[:7] == [last - timedelta(days=d) for d in range(7)]
    weeks = {b.isocalendar()[:2] for b in daily}
    assert len(weeks) >= 4  # the last four ISO weeks, each still represented
    months = {(b.year, b.month) for b in daily}
    assert months == {(2025, 2), (2025, 3), (2025, 4)}  # the last three months
    assert len(daily) <= 7 + 4 + 3
    assert manual.exists()  # Backup now is the analyst's; rotation never deletes it


def test_rotation_within_a_budget_keeps_the_newest_and_the_oldest_first(
    library: Library, library_path: Path
):
    start = datetime(2025, 1, 1, 9, 0)
    for day in range(40):
        bk.backup_now(library.conn, library_path, kind="daily", now=start + timedelta(days=day))
    sizes = [bk._size(b.path) for b in bk.list_backups(library_path)]
    budget = int(max(sizes) * 3.5)  # room for three
    bk.prune(library_path, budget=budget)
    kept = bk.list_backups(library_path)
    assert len(kept) == 3 and sum(bk._size(b.path) for b in kept) <= budget
    taken = [b.taken.date() for b in kept]
    assert taken[0] == (start + timedelta(days=39)).date()  # the newest
    assert taken[-1] <= taken[0] - timedelta(days=14)  # and the furthest back still in reach
    assert taken[0] - timedelta(days=8) <= taken[1] < taken[0]  # a week back
    bk.prune(library_path, budget=1)  # however small the budget, the newest stays
    assert [b.taken.date() for b in bk.list_backups(library_path)] == taken[:1]


def test_daily_backups_stay_within_the_budget_over_months(library: Library, library_path):
    fill(library, 4, 1)
    start = datetime(2025, 1, 1, 9, 0)
    for day in range(100):
        library.articles.add(make_article(f"Day {day}", [f"News of day {day}. " * 80]))
        bk.backup_if_due(library.conn, library_path, now=start + timedelta(days=day))
        total = sum(bk._size(b.path) for b in bk.list_backups(library_path))
        assert total <= bk.BUDGET_FACTOR * bk.library_size(library.conn)
    assert len(bk.list_backups(library_path)) >= 3


def test_rotation_never_empties_a_library_left_alone(library: Library, library_path: Path):
    for day in (0, 1, 2):
        bk.backup_if_due(library.conn, library_path, now=datetime(2024, 1, 1 + day, 9))
    bk.backup_if_due(library.conn, library_path, now=datetime(2025, 6, 1, 9))
    assert len(bk.list_backups(library_path)) == 4


def test_failed_backup_leaves_no_partial_and_keeps_older_ones(
    library: Library, library_path: Path, monkeypatch
):
    good = bk.backup_now(library.conn, library_path, now=datetime(2025, 3, 1))

    def full_disk(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bk.os, "replace", full_disk)
    with pytest.raises(bk.BackupError, match="No space left"):
        bk.backup_now(library.conn, library_path, now=datetime(2025, 3, 2))
    assert [p.name for p in good.parent.iterdir()] == [good.name]


def test_backup_into_a_file_where_the_folder_should_be_is_refused(library: Library, tmp_path):
    blocker = tmp_path / "library.postil.backups"
    blocker.write_text("not a folder")
    with pytest.raises(bk.BackupError):
        bk.backup_now(library.conn, tmp_path / "library.postil")
    assert blocker.read_text() == "not a folder"


def test_validate_refuses_what_is_not_a_good_backup(library: Library, library_path, tmp_path):
    fill(library)
    made = bk.backup_now(library.conn, library_path)
    text = tmp_path / "notes.postil"
    text.write_text("hello")
    foreign = tmp_path / "foreign.postil"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(bk.BackupError, match="not an SQLite"):
        bk.validate_backup(text)
    with pytest.raises(bk.BackupError, match="not a Postil"):
        bk.validate_backup(foreign)
    with pytest.raises(bk.BackupError, match="cannot read"):
        bk.validate_backup(tmp_path / "missing.postil")
    spoil(made)
    with pytest.raises(bk.BackupError, match="damaged"):
        bk.validate_backup(made)


def test_newest_good_backup_skips_a_damaged_newest(library: Library, library_path: Path):
    fill(library)
    older = bk.backup_now(library.conn, library_path, now=datetime(2025, 3, 1))
    newer = bk.backup_now(library.conn, library_path, now=datetime(2025, 3, 2))
    spoil(newer)
    assert bk.newest_good_backup(library_path) == older


def test_replace_damaged_keeps_the_damaged_file_and_its_wal(library_path: Path):
    with Library.open(library_path) as library:
        notes = fill(library)
        made = bk.backup_now(library.conn, library_path)
    wal = library_path.with_name("library.postil-wal")
    wal.write_bytes(b"left over from the crash")
    damaged = damage(library_path)
    aside = bk.replace_damaged(library_path, made, now=datetime(2025, 3, 4, 10, 0, 0))
    assert aside.name == "library.postil.damaged-20250304T100000"
    assert aside.read_bytes() == damaged
    assert aside.with_name(aside.name + "-wal").read_bytes() == b"left over from the crash"
    assert not wal.exists()
    assert quick_check(library_path) == "ok"
    with Library.open(library_path) as library:
        assert sorted(a.id for a in library.annotations.find(bk_filter())) == sorted(notes)


def bk_filter():
    from storage.annotations import AnnotationFilter

    return AnnotationFilter()


def test_replace_damaged_refuses_a_bad_backup_and_touches_nothing(library_path, tmp_path):
    with Library.open(library_path) as library:
        fill(library)
    damaged = damage(library_path)
    bad = tmp_path / "bad.postil"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(bk.BackupError):
        bk.replace_damaged(library_path, bad)
    assert library_path.read_bytes() == damaged
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.postil", "library.postil"]


def test_restore_into_an_open_library_keeps_the_current_one(library: Library, library_path):
    first = fill(library, 1, 2)
    made = bk.backup_now(library.conn, library_path)
    later = fill(library, 1, 3)[-1]
    with Library.open(library_path) as other:  # the window, say, still has it open
        kept = bk.restore_into(library.conn, library_path, made)
        assert other.annotations.count() == len(first)
    assert sorted(a.id for a in library.annotations.find(bk_filter())) == sorted(first)
    assert library.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert library.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert kept.name.startswith("library.postil.before-restore-")
    conn = sqlite3.connect(kept)
    assert later in {r[0] for r in conn.execute("SELECT id FROM annotations")}
    conn.close()


# -- health check --------------------------------------------------------------------------


def test_health_of_new_good_damaged_and_foreign_files(library_path: Path, tmp_path: Path):
    assert check_library(library_path).state is State.NEW
    with Library.open(library_path) as library:
        fill(library)
    assert check_library(library_path).state is State.OK
    damage(library_path)
    health = check_library(library_path)
    assert health.state is State.DAMAGED and str(library_path) in health.detail
    foreign = tmp_path / "other.db"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.close()
    assert check_library(foreign).state is State.REFUSED
    garbage = tmp_path / "garbage.postil"
    garbage.write_bytes(b"\x00" * 4096)
    assert check_library(garbage).state is State.REFUSED
    assert check_library(garbage, had_backups=True).state is State.DAMAGED
    assert check_library(garbage, had_backups=lambda: True).state is State.DAMAGED


def test_backups_are_listed_only_for_a_file_that_does_not_look_like_ours(library_path: Path):
    asked: list[bool] = []

    def had_backups() -> bool:
        asked.append(True)
        return False

    with Library.open(library_path) as library:
        fill(library)
    assert check_library(library_path, had_backups=had_backups).state is State.OK
    assert asked == []


def test_health_reports_read_only(library_path: Path, monkeypatch):
    """Tests run as root, where chmod does not stop writes: the permission answer is mocked."""
    with Library.open(library_path) as library:
        fill(library, 1, 0)
    monkeypatch.setattr("storage.integrity.os.access", lambda p, mode: mode == os.R_OK)
    assert check_library(library_path).state is State.READ_ONLY


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_health_reports_read_only_with_chmod(library_path: Path):
    with Library.open(library_path) as library:
        fill(library, 1, 0)
    library_path.chmod(0o444)
    try:
        assert check_library(library_path).state is State.READ_ONLY
    finally:
        library_path.chmod(0o644)


def test_full_disk_loses_only_the_refused_write(library: Library, library_path: Path):
    """PRAGMA max_page_count makes SQLite report SQLITE_FULL exactly as a full disk would."""
    kept = fill(library, 1, 2)
    article_id = library.articles.ids()[0]
    pages = library.conn.execute("PRAGMA page_count").fetchone()[0]
    library.conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(sqlite3.OperationalError) as caught:
        for i in range(200):
            big = "x" * 3000
            library.annotations.add(article_id, NewAnnotation("P", "", "", 0, 1, note=big + str(i)))
    assert "disk is full" in explain_write_error(caught.value)
    library.conn.execute("PRAGMA max_page_count = 1073741823")
    assert not library.conn.in_transaction
    assert set(kept) <= {a.id for a in library.annotations.find(bk_filter())}
    assert library.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_read_only_database_write_is_explained(library_path: Path):
    with Library.open(library_path) as library:
        fill(library, 1, 0)
    conn = sqlite3.connect(library_path.resolve().as_uri() + "?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as caught:
        conn.execute("DELETE FROM annotations")
    conn.close()
    assert "read-only" in explain_write_error(caught.value)
    assert explain_write_error(ValueError("something else")) is None


def test_an_old_plain_backup_restores_into_a_compacted_library_and_is_compacted_again(
    library_path: Path, monkeypatch
):
    """A backup from before compression (plain file, raw originals, no auto-vacuum) still
    restores; the restored library is compressed again by the next compaction."""
    from storage import compaction
    from tests.storage.test_compaction import _digest, old_library

    monkeypatch.setattr(compaction, "MIN_RECLAIM_BYTES", 0)
    digests = old_library(library_path, monkeypatch, n=6)
    with Library.open(library_path) as library:
        old = bk.backup_now(library.conn, library_path, packed=False)  # as an old Postil made
        compaction.compact(library.conn)
        assert library.conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 2
        bk.restore_into(library.conn, library_path, old)
        assert library.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert {i: _digest(library.articles.original(i)) for i in digests} == digests
        assert compaction.rows_pending(library.conn)  # its meta came back with it
        assert compaction.compact(library.conn).packed >= 6
        assert {i: _digest(library.articles.original(i)) for i in digests} == digests
