"""End-to-end: main.py run as a user would, in a subprocess, against a temporary library."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES

CALIBER = SAMPLES / "caliber-syria-alawites.txt"
needs_samples = pytest.mark.skipif(not CALIBER.exists(), reason="../shared/samples absent")


def postil(
    library: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in (env or os.environ).items() if k != "POSTIL_LIBRARY"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--library", str(library), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full_env,
        timeout=120,
    )


def write_note(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    write_note(
        folder,
        "harbour.md",
        "---\ntitle: Harbour cranes idle\n---\n\nThe cranes at the harbour stood idle "
        "for most of the week because the power failed again.\n\nTraders blamed "
        "customs delays as well.\n",
    )
    write_note(
        folder,
        "bridge.md",
        "---\ntitle: New bridge opens\n---\n\nA new bridge opened in Homs on Monday, "
        "linking the two halves of the city again.\n",
    )
    (folder / "empty.txt").write_text("")
    return folder


def test_import_folder_reports_each_file_and_fails_on_bad_one(tmp_path: Path, notes: Path) -> None:
    library = tmp_path / "lib.postil"
    result = postil(library, "import", str(notes))
    assert result.returncode == 1, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3
    assert sum(line.startswith("imported") for line in lines) == 2
    failed = [line for line in lines if line.startswith("failed")]
    assert len(failed) == 1 and "empty.txt" in failed[0]
    assert "Traceback" not in result.stderr

    listed = json.loads(postil(library, "list", "--json").stdout)
    assert sorted(a["title"] for a in listed) == ["Harbour cranes idle", "New bridge opens"]
    assert set(listed[0]) >= {"id", "title", "site", "published", "annotations"}

    again = postil(library, "import", "--json", str(notes / "harbour.md"))
    assert again.returncode == 0
    report = json.loads(again.stdout)
    assert report[0]["status"] == "exists"


def test_show_search_annotate_round_trip(tmp_path: Path, notes: Path) -> None:
    library = tmp_path / "lib.postil"
    postil(library, "import", str(notes / "harbour.md"))
    article_id = json.loads(postil(library, "list", "--json").stdout)[0]["id"]

    hits = json.loads(postil(library, "search", "cranes", "--json").stdout)
    assert [h["id"] for h in hits] == [article_id]
    assert "cranes" in hits[0]["snippet"].lower()

    made = postil(
        library,
        "annotate",
        str(article_id),
        "--quote",
        "the power failed",
        "--color",
        "red",
        "--tag",
        "energy",
        "--tag",
        "to verify",
        "--note",
        "check *grid* data",
        "--json",
    )
    assert made.returncode == 0, made.stderr
    annotation = json.loads(made.stdout)

    shown = json.loads(postil(library, "show", str(article_id), "--json").stdout)
    assert set(shown) >= {
        "id",
        "title",
        "byline",
        "site",
        "url",
        "section",
        "published",
        "captured",
        "text",
        "version",
        "annotations",
    }
    (stored,) = shown["annotations"]
    assert stored["id"] == annotation["id"]
    assert shown["text"][stored["start"] : stored["end"]] == "the power failed"
    assert stored["quote"] == "the power failed"
    assert stored["color"] == "red" and sorted(stored["tags"]) == ["energy", "to verify"]
    assert stored["note"] == "check *grid* data" and stored["status"] == "anchored"
    assert shown["text"].endswith(stored["suffix"]) or stored["suffix"] in shown["text"]

    plain = postil(library, "show", str(article_id))
    assert "Harbour cranes idle" in plain.stdout and "the power failed" in plain.stdout


def test_annotate_occurrence_and_refusal(tmp_path: Path) -> None:
    library = tmp_path / "lib.postil"
    note = write_note(
        tmp_path,
        "twice.md",
        "---\ntitle: Twice\n---\n\nthe port and the port again, and once more the port.\n",
    )
    postil(library, "import", str(note))
    article_id = json.loads(postil(library, "list", "--json").stdout)[0]["id"]
    second = json.loads(
        postil(
            library,
            "annotate",
            str(article_id),
            "--quote",
            "the port",
            "--occurrence",
            "2",
            "--json",
        ).stdout
    )
    text = json.loads(postil(library, "show", str(article_id), "--json").stdout)["text"]
    assert second["start"] == text.index("the port", text.index("the port") + 1)

    missing = postil(library, "annotate", str(article_id), "--quote", "not in the text")
    assert missing.returncode != 0
    assert missing.stderr.count("\n") == 1 and "Traceback" not in missing.stderr
    too_far = postil(
        library, "annotate", str(article_id), "--quote", "the port", "--occurrence", "9"
    )
    assert too_far.returncode != 0 and "Traceback" not in too_far.stderr


def test_errors_are_one_line(tmp_path: Path) -> None:
    library = tmp_path / "lib.postil"
    for args in (
        ("show", "999"),
        ("annotate", "999", "--quote", "x"),
        ("import", str(tmp_path / "nope.html")),
    ):
        result = postil(library, *args)
        assert result.returncode != 0
        assert "Traceback" not in result.stderr + result.stdout
    foreign = tmp_path / "foreign.txt"
    foreign.write_text("not a library")
    result = postil(foreign, "list")
    assert result.returncode == 1
    assert result.stderr.startswith("postil: error:") and result.stderr.count("\n") == 1
    assert foreign.read_text() == "not a library"
    usage = postil(library, "show")
    assert usage.returncode == 2 and "Traceback" not in usage.stderr


def test_empty_library_list_and_search(tmp_path: Path) -> None:
    library = tmp_path / "lib.postil"
    assert json.loads(postil(library, "list", "--json").stdout) == []
    assert json.loads(postil(library, "search", "anything", "--json").stdout) == []
    assert "empty" in postil(library, "list").stdout


def test_environment_variable_chooses_library(tmp_path: Path, notes: Path) -> None:
    library = tmp_path / "env.postil"
    env = {**os.environ, "POSTIL_LIBRARY": str(library)}
    subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "import", str(notes / "bridge.md")],
        env=env,
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert library.exists()
    listed = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "list", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert [a["title"] for a in json.loads(listed.stdout)] == ["New bridge opens"]


@needs_samples
def test_default_library_is_seeded_and_chosen_one_is_not(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "APPDATA": str(home / "AppData"),
        "LOCALAPPDATA": str(home / "AppData/Local"),
    }
    env.pop("POSTIL_LIBRARY", None)
    seeded = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "list", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert seeded.returncode == 0, seeded.stderr
    rows = json.loads(seeded.stdout)
    caliber = [r for r in rows if r["site"] == "Caliber.az"]
    assert caliber, rows
    shown = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "show", str(caliber[0]["id"]), "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert json.loads(shown.stdout)["url"].startswith("https://caliber.az/")
    chosen = postil(tmp_path / "chosen.postil", "list", "--json", env=env)
    assert json.loads(chosen.stdout) == []


def test_no_display_gives_one_line(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    if sys.platform != "linux":
        pytest.skip("the display check is for Linux")
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--library", str(tmp_path / "x.postil")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--help" in result.stderr


def test_window_routing_knows_every_subcommand() -> None:
    import main
    from cli.main import COMMAND_NAMES

    assert main.COMMAND_NAMES == COMMAND_NAMES
