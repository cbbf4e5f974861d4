"""postil backup / postil restore, run as a user would, in a subprocess."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storage.annotations import NewAnnotation
from storage.backup import list_backups
from storage.library import Library
from tests.cli.test_cli import postil
from tests.conftest import make_article


def seed(path: Path, notes: list[str]) -> tuple[int, list[int]]:
    with Library.open(path) as library:
        article_id = library.articles.add(make_article()).article_id
        ids = [
            library.annotations.add(
                article_id, NewAnnotation("Container", "", " traffic", 0, 9, note=n)
            )
            for n in notes
        ]
    return article_id, ids


def note_ids(path: Path) -> set[int]:
    conn = sqlite3.connect(path)
    try:
        return {r[0] for r in conn.execute("SELECT id FROM annotations")}
    finally:
        conn.close()


def test_backup_then_restore_round_trip(library_path: Path):
    article_id, first = seed(library_path, ["kept"])
    done = postil(library_path, "backup")
    assert done.returncode == 0, done.stderr
    [made] = list_backups(library_path)
    assert done.stdout.strip() == f"backed up to {made.path}"
    assert note_ids(made.path) == set(first)

    with Library.open(library_path) as library:
        later = library.annotations.add(
            article_id, NewAnnotation("Container", "", "", 0, 9, note="after the backup")
        )
    done = postil(library_path, "restore", str(made.path))
    assert done.returncode == 0, done.stderr
    kept = Path(done.stdout.strip().rsplit(" kept at ", 1)[1])
    assert kept.exists() and kept.parent == library_path.parent
    assert note_ids(library_path) == set(first)
    assert note_ids(kept) == {*first, later}  # the library as it was is never lost


def test_backup_to_a_named_file_and_never_over_one(library_path: Path, tmp_path: Path):
    seed(library_path, ["a", "b"])
    target = tmp_path / "copy.postil"
    assert postil(library_path, "backup", "--to", str(target)).returncode == 0
    assert len(note_ids(target)) == 2
    again = postil(library_path, "backup", "--to", str(target))
    assert again.returncode == 1
    assert again.stderr.count("\n") == 1 and "already exists" in again.stderr


def test_restore_refuses_a_bad_file_and_changes_nothing(library_path: Path, tmp_path: Path):
    _, ids = seed(library_path, ["precious"])
    bad = tmp_path / "bad.postil"
    bad.write_text("this is not a backup")
    for target in (bad, tmp_path / "missing.postil", library_path):
        done = postil(library_path, "restore", str(target))
        assert done.returncode == 1
        assert done.stderr.startswith("postil: error: ") and done.stderr.count("\n") == 1
    assert note_ids(library_path) == set(ids)
    assert not list(tmp_path.glob("*before-restore*"))
