"""End-to-end: a Word memo and an EPUB imported with `postil import`, and each tool's
highlight export with `postil import-highlights`, run as a user would, in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import main as entry_point
from storage.library import Library
from tests.cli.test_cli import postil
from tests.conftest import ROOT
from tests.core.test_highlight_imports_samples import article, write_samples
from tests.core.test_import_docx import memo
from tests.core.test_import_epub import book

_RUN_CLI = "import sys; from cli.main import run_cli; sys.exit(run_cli(sys.argv[1:]))"


def postil_highlights(library: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`postil import-highlights ...` in a subprocess: through main.py once main.py names the
    command (its COMMAND_NAMES keeps the window's start-up free of the CLI), else through
    the command line's own entry, which is what main.py hands the arguments to."""
    if "import-highlights" in entry_point.COMMAND_NAMES:
        return postil(library, "import-highlights", *args)
    env = {k: v for k, v in os.environ.items() if k != "POSTIL_LIBRARY"}
    return subprocess.run(
        [sys.executable, "-c", _RUN_CLI, "--library", str(library), "import-highlights", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def test_a_word_memo_and_an_epub_import(tmp_path: Path, library_path: Path) -> None:
    (tmp_path / "memo.docx").write_bytes(memo())
    (tmp_path / "coast.epub").write_bytes(book())
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 broken")
    done = postil(
        library_path,
        "import",
        str(tmp_path / "memo.docx"),
        str(tmp_path / "coast.epub"),
        str(tmp_path / "broken.docx"),
        "--json",
    )
    assert done.returncode == 1, done.stderr  # one file failed; the others are in
    outcomes = {Path(r["file"]).name: r for r in json.loads(done.stdout)}
    assert outcomes["memo.docx"]["status"] == "added"
    assert outcomes["memo.docx"]["title"] == "Latakia port memo"
    assert outcomes["coast.epub"]["title"] == "The Coast Road"
    assert outcomes["broken.docx"]["status"] == "failed"
    assert "damaged" in outcomes["broken.docx"]["error"]
    with Library.open(library_path) as library:
        kinds = {r[0] for r in library.conn.execute("SELECT source_kind FROM articles")}
    assert kinds == {"docx", "epub"}


def test_import_highlights_from_each_tool(tmp_path: Path, library_path: Path) -> None:
    with Library.open(library_path) as library:
        library.articles.add(article())
    files = write_samples(tmp_path / "exports")
    done = postil_highlights(
        library_path,
        str(files["hypothesis"]),
        str(files["readwise"]),
        str(files["omnivore"]),
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert (
        "hypothesis.json (Hypothesis): 2 attached, 1 orphaned, 1 not in the library, "
        "1 refused" in lines
    )
    assert "  refused: annotation hyp5: a page note, with no quoted passage" in lines
    assert any(line.startswith("readwise.csv (Readwise): 2 attached, 0 orphaned") for line in lines)
    assert "  not in the library: A Tale of Two Cities" in lines
    assert any(
        line.startswith("omnivore.zip (Omnivore): 3 attached") and "1 article imported" in line
        for line in lines
    )

    again = postil_highlights(library_path, *map(str, files.values()), "--json")
    assert again.returncode == 0, again.stderr
    reports = json.loads(again.stdout)
    assert [r["tool"] for r in reports] == ["hypothesis", "omnivore", "readwise"]
    assert all(r["attached"] == 0 and r["orphaned"] == 0 for r in reports)
    assert all(r["duplicates"] > 0 for r in reports)
    with Library.open(library_path) as library:
        assert library.annotations.count() == 8  # 3 + 2 + 3, once


def test_a_file_no_tool_wrote_is_refused_in_one_line(tmp_path: Path, library_path: Path) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    done = postil_highlights(library_path, str(bad), "--json")
    assert done.returncode == 1
    (report,) = json.loads(done.stdout)
    assert report["status"] == "refused"
    assert "not a highlight export" in report["error"]
    plain = postil_highlights(library_path, str(bad))
    assert plain.stdout.strip().startswith("notes.json: refused: not a highlight export")
