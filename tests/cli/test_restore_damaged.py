"""postil restore works when the library itself no longer opens, and keeps the damaged file."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_backup_cli import note_ids, seed
from tests.cli.test_cli import postil


def test_restore_over_a_damaged_library_keeps_it_aside(library_path: Path, tmp_path: Path) -> None:
    _article, ids = seed(library_path, ["kept note"])
    made = postil(library_path, "backup", "--to", str(tmp_path / "good.postil"))
    assert made.returncode == 0, made.stderr
    damaged = b"SQLite format 3\x00" + b"\xff" * 4000
    library_path.write_bytes(damaged)
    refused = postil(library_path, "list")
    assert refused.returncode == 3  # damaged, said in one line
    assert "is damaged" in refused.stderr and len(refused.stderr.splitlines()) == 1

    done = postil(library_path, "restore", str(tmp_path / "good.postil"))
    assert done.returncode == 0, done.stderr
    assert "damaged library is kept" in done.stdout
    assert note_ids(library_path) == set(ids)
    kept = [p for p in tmp_path.iterdir() if p.is_file() and p.read_bytes() == damaged]
    assert kept, "the damaged file must be kept, not overwritten"
