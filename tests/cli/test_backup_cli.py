"""postil backup / postil restore, run as a user would, in a subprocess."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from storage.annotations import NewAnnotation
from storage.backup import is_packed, list_backups, unpacked
from storage.library import Library
from tests.cli.test_cli import postil
from tests.conftest import ROOT, make_article


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
    with unpacked(path) as plain:  # a packed backup is read from its unpacked copy
        conn = sqlite3.connect(plain)
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
    assert made.path.name.endswith(".postil.zst") and is_packed(made.path)
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


def test_backup_to_a_zst_file_is_packed_and_restores(library_path: Path, tmp_path: Path):
    _, ids = seed(library_path, ["packed"])
    target = tmp_path / "copy.postil.zst"
    done = postil(library_path, "backup", "--to", str(target))
    assert done.returncode == 0, done.stderr
    assert is_packed(target) and note_ids(target) == set(ids)
    seed(library_path, ["later"])
    assert postil(library_path, "restore", str(target)).returncode == 0
    assert note_ids(library_path) == set(ids)


def test_a_spoilt_packed_backup_is_refused_in_one_line(library_path: Path):
    _, ids = seed(library_path, ["precious"])
    assert postil(library_path, "backup").returncode == 0
    [made] = list_backups(library_path)
    data = bytearray(made.path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    made.path.write_bytes(bytes(data))
    done = postil(library_path, "restore", str(made.path))
    assert done.returncode == 1 and "damaged" in done.stderr
    assert done.stderr.count("\n") == 1
    assert note_ids(library_path) == set(ids)
    assert not list(library_path.parent.glob("*before-restore*"))


def postil_compact(library: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`postil compact ...` in a subprocess: through main.py once main.py names the command
    (its COMMAND_NAMES keeps the window's start-up free of the CLI), else through the
    command line's own entry, which is what main.py hands the arguments to."""
    import main as entry_point

    if "compact" in entry_point.COMMAND_NAMES:
        return postil(library, "compact", *args)
    env = {k: v for k, v in os.environ.items() if k != "POSTIL_LIBRARY"}
    run_cli = "import sys; from cli.main import run_cli; sys.exit(run_cli(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", run_cli, "--library", str(library), "compact", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def test_compact_compresses_an_old_library_and_shrinks_it(library_path: Path, monkeypatch):
    from storage import originals
    from tests.storage.test_compaction import _digest, old_library

    digests = old_library(library_path, monkeypatch, n=64)  # frees more than MIN_RECLAIM_BYTES
    done = postil_compact(library_path, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["packed"] >= 64 and report["state"] == "done" and report["reclaimed"] > 0
    assert report["size_after"] < report["size_before"] - report["saved"] * 0.8
    with Library.open(library_path) as library:
        stored = [r[0] for r in library.conn.execute("SELECT original FROM articles")]
        assert all(originals.is_packed(s) for s in stored)
        assert {i: _digest(library.articles.original(i)) for i in digests} == digests
    again = postil_compact(library_path)
    assert again.returncode == 0 and again.stdout.startswith("compressed 0 captures")
