"""postil import and another capture of an article: found by its text (status "version"),
named with --version-of ID, or kept apart with --as-new."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.captures import HIGHLIGHT, write_captures, write_other
from tests.cli.test_cli import postil


@pytest.fixture
def captures(tmp_path: Path) -> tuple[Path, Path]:
    return write_captures(tmp_path / "captures")


def _imported(library: Path, *args: str) -> dict:
    done = postil(library, "import", "--json", *args)
    assert done.returncode == 0, done.stderr
    (report,) = json.loads(done.stdout)
    return report


def test_the_saved_page_of_a_browser_copy_is_reported_as_its_version(
    tmp_path: Path, captures
) -> None:
    library = tmp_path / "lib.postil"
    browser, page = captures
    first = _imported(library, str(browser))
    assert first["status"] == "added"
    made = postil(library, "annotate", str(first["id"]), "--quote", HIGHLIGHT, "--json")
    assert made.returncode == 0, made.stderr

    second = _imported(library, str(page))

    assert second["status"] == "version"
    assert (second["id"], second["version"]) == (first["id"], 2)
    assert second["current"] is True and second["highlights"] == 1 and second["orphaned"] == 0
    assert second["similarity"] >= 0.8
    shown = json.loads(postil(library, "show", str(first["id"]), "--json").stdout)
    (highlight,) = shown["annotations"]
    assert shown["text"][highlight["start"] : highlight["end"]] == HIGHLIGHT
    assert shown["version"] == 2 and highlight["status"] != "orphaned"
    assert len(json.loads(postil(library, "list", "--json").stdout)) == 1


def test_one_line_per_file_says_which_capture_stays_current(tmp_path: Path, captures) -> None:
    library = tmp_path / "lib.postil"
    browser, page = captures
    postil(library, "import", str(page))
    done = postil(library, "import", str(browser))
    assert done.returncode == 0, done.stderr
    (line,) = done.stdout.splitlines()
    assert line.startswith(f"version   {browser}: kept as an older version of #1 “Grain silos")
    assert "better-structured capture stays current" in line


def test_version_of_makes_a_file_a_version_of_the_article_named(tmp_path: Path, captures) -> None:
    library = tmp_path / "lib.postil"
    other = _imported(library, str(write_other(tmp_path)))
    forced = _imported(library, str(captures[1]), "--version-of", str(other["id"]))
    assert (forced["status"], forced["id"], forced["version"]) == ("version", other["id"], 2)
    assert forced["current"] is True and forced["similarity"] is None
    done = postil(library, "import", str(captures[0]), "--version-of", str(other["id"]))
    assert done.stdout.startswith(f"version   {captures[0]}: new version of #{other['id']} “")
    assert "(version 3)" in done.stdout


def test_version_of_an_unknown_article_is_one_line(tmp_path: Path, captures) -> None:
    library = tmp_path / "lib.postil"
    done = postil(library, "import", str(captures[1]), "--version-of", "42")
    assert done.returncode == 1
    assert done.stderr == "postil: error: there is no article 42 in this library\n"
    assert done.stdout == ""
    several = postil(library, "import", *map(str, captures), "--version-of", "1")
    assert several.returncode == 1 and "Traceback" not in several.stderr
    assert several.stderr.startswith("postil: error: --version-of takes one file")
    both = postil(library, "import", str(captures[1]), "--version-of", "1", "--as-new")
    assert both.returncode == 2 and len(both.stderr.splitlines()) == 1


def test_as_new_keeps_two_articles(tmp_path: Path, captures) -> None:
    library = tmp_path / "lib.postil"
    first = _imported(library, str(captures[0]))
    second = _imported(library, str(captures[1]), "--as-new")
    assert second["status"] == "added" and second["id"] != first["id"]
    assert len(json.loads(postil(library, "list", "--json").stdout)) == 2
