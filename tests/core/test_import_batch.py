"""Folder imports in worker processes: outcomes as they finish, bad files, crashes, hangs,
cancellation."""

from __future__ import annotations

import os
import time
from pathlib import Path

from core.article import ImportedArticle
from core.importers.batch import importable_files, parse_paths
from core.importers.dispatch import import_path
from core.importers.errors import ImportRefused

PROSE = (
    "Container traffic through the port rose for a third month in February, according to "
    "figures the port authority published, although volumes remain below their pre-war level."
)


def crash_or_hang(path: Path) -> ImportedArticle:
    """A parser that misbehaves on purpose, by file name (runs in the worker)."""
    if path.stem == "crash":
        os._exit(3)
    if path.stem == "hang":
        time.sleep(60)
    return import_path(path)


def write_notes(folder: Path, names: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(f"Note {name}\n\n{PROSE}\n", encoding="utf-8")


def test_importable_files_walks_folders_and_skips_saved_parts_and_hidden(tmp_path: Path) -> None:
    write_notes(tmp_path, ["a.txt", "b.md", ".hidden.txt", "picture.png", "README"])
    write_notes(tmp_path / "page_files", ["inner.html"])
    write_notes(tmp_path / ".cache", ["c.txt"])
    write_notes(tmp_path / "sub", ["d.html", "e.mhtml"])
    explicit = tmp_path / "README"
    found = importable_files([tmp_path, explicit])
    names = [p.relative_to(tmp_path).as_posix() for p in found]
    assert names == ["a.txt", "b.md", "sub/d.html", "sub/e.mhtml", "README"]


def test_parses_a_folder_in_parallel_and_keeps_going_past_bad_files(tmp_path: Path) -> None:
    write_notes(tmp_path, [f"n{i}.txt" for i in range(6)])
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    outcomes = dict(parse_paths([tmp_path], workers=2))
    assert len(outcomes) == 8
    refused = {p.name: str(o) for p, o in outcomes.items() if isinstance(o, ImportRefused)}
    assert set(refused) == {"empty.txt", "image.html"}
    articles = [o for o in outcomes.values() if isinstance(o, ImportedArticle)]
    assert sorted(a.title for a in articles) == [f"Note n{i}.txt" for i in range(6)]
    assert all(a.text == PROSE for a in articles)


def test_survives_a_worker_crash_and_a_hang(tmp_path: Path) -> None:
    write_notes(tmp_path, ["crash.txt", "hang.txt", "a.txt", "b.txt", "c.txt"])
    started = time.monotonic()
    outcomes = dict(parse_paths([tmp_path], workers=2, time_limit=2.0, parser=crash_or_hang))
    assert time.monotonic() - started < 20
    assert "crashed" in str(outcomes[tmp_path / "crash.txt"])
    assert "took too long" in str(outcomes[tmp_path / "hang.txt"])
    for name in ("a.txt", "b.txt", "c.txt"):
        assert isinstance(outcomes[tmp_path / name], ImportedArticle)


def test_cancellation_stops_the_batch(tmp_path: Path) -> None:
    write_notes(tmp_path, [f"n{i:02}.txt" for i in range(30)])
    done: list[Path] = []
    for path, _outcome in parse_paths([tmp_path], workers=2, cancelled=lambda: len(done) >= 3):
        done.append(path)
    assert 3 <= len(done) < 30


def test_an_empty_selection_yields_nothing(tmp_path: Path) -> None:
    assert list(parse_paths([tmp_path])) == []
