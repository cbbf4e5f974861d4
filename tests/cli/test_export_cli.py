"""postil export and postil export-/import-annotations, run as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli.main import run_cli
from storage.library import Library
from tests.conftest import ROOT, make_article

PINNED = "2024-05-01T12:00:00+00:00"


def export(path: Path, *args: str, capsys) -> str:
    code = run_cli(["--library", str(path), "export", "--generated", PINNED, *args])
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def test_export_prints_the_brief(stocked_path, capsys):
    text = export(stocked_path, capsys=capsys)
    assert text.startswith('---\ntitle: "Brief"\ngenerated: "2024-05-01T12:00:00+00:00"')
    assert "> third consecutive month" in text and "> Wheat futures rose" in text


def test_export_options_choose_scope_and_layout(stocked_path, capsys):
    text = export(
        stocked_path,
        "--tag",
        "ports",
        "--color",
        "red",
        "--layout",
        "tag",
        "--title",
        "Ports",
        capsys=capsys,
    )
    assert "# Ports\n" in text and "## ports\n" in text
    assert "> third consecutive month" in text and "Wheat" not in text.split("---", 2)[2]
    assert 'tags: ["ports"]' in text and 'colors: ["red"]' in text
    assert "> Wheat futures rose" in export(stocked_path, "--search", "drought", capsys=capsys)
    assert "> backlog" in export(stocked_path, "1", capsys=capsys)
    assert "backlog" not in export(stocked_path, "--until", "2024-01-01", capsys=capsys)


def test_export_to_a_file_is_the_same_text_every_time(stocked_path, tmp_path, capsys):
    out = tmp_path / "brief.md"
    written = []
    for _ in range(2):
        args = ["--library", str(stocked_path), "export", "--generated", PINNED, "-o", str(out)]
        assert run_cli(args) == 0
        assert "wrote 3 passage(s) from 2 article(s)" in capsys.readouterr().out
        written.append(out.read_bytes())
    assert written[0] == written[1] == export(stocked_path, capsys=capsys).encode()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["99"], "there is no article 99"),
        (["--tag", "nope"], "there is no tag 'nope'"),
        (["--color", "teal"], "unknown colour 'teal'"),
        (["--since", "2024-02-30"], "not a date as YYYY-MM-DD"),
        (["--layout", "colour"], "invalid choice"),
    ],
)
def test_export_errors_are_one_line(stocked_path, capsys, args, message):
    try:
        code = run_cli(["--library", str(stocked_path), "export", *args])
    except SystemExit as exc:  # argparse's own errors exit 2
        code = exc.code
    err = capsys.readouterr().err
    assert code != 0 and message in err and err.count("\n") == 1


def test_annotations_travel_between_libraries_through_the_command_line(
    stocked_path, tmp_path, capsys
):
    backup = tmp_path / "annotations.json"
    assert run_cli(["--library", str(stocked_path), "export-annotations", "-o", str(backup)]) == 0
    assert "wrote 3 annotation(s)" in capsys.readouterr().out
    data = json.loads(backup.read_text())
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld" and data["total"] == 3

    fresh = tmp_path / "fresh.postil"
    with Library.open(fresh) as library:
        library.articles.add(make_article(url="https://example.com/port"))
    code = run_cli(["--library", str(fresh), "import-annotations", str(backup), "--json"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["anchored"], report["skipped"]) == (2, 1)
    assert report["missing"] == ["Grain prices climb"]
    run_cli(["--library", str(fresh), "import-annotations", str(backup)])
    assert "0 imported" in capsys.readouterr().out


def test_a_broken_json_file_is_one_line(stocked_path, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert run_cli(["--library", str(stocked_path), "import-annotations", str(bad)]) == 1
    assert "not a JSON file" in capsys.readouterr().err


def test_main_py_writes_the_brief_end_to_end(stocked_path, tmp_path):
    out = tmp_path / "brief.md"
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--library",
            str(stocked_path),
            "export",
            "--layout",
            "tag",
            "--generated",
            PINNED,
            "-o",
            str(out),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "## food" in out.read_text(encoding="utf-8")


def test_export_formats_templates_and_their_errors(stocked_path, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("POSTIL_TEMPLATES", str(tmp_path / "mine"))
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "short.md.j2").write_text("{{ brief.title }}\n")
    assert run_cli(["--library", str(stocked_path), "export", "--list-templates"]) == 0
    listed = capsys.readouterr().out
    assert "brief-by-tag\tmd" in listed and "short\tmd" in listed
    assert export(stocked_path, "--template", "short", capsys=capsys) == "Brief\n"
    page = tmp_path / "brief.html"
    assert run_cli(["--library", str(stocked_path), "export", "-o", str(page)]) == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "wrote 3 passage(s)" in capsys.readouterr().out
    table = export(stocked_path, "--format", "csv", capsys=capsys)
    assert table.splitlines()[0].startswith("article,title") and len(table.splitlines()) == 4
    (tmp_path / "mine" / "bad.md.j2").write_text("fine\n{{ brief.missing }}\n")
    target = tmp_path / "bad.md"
    code = run_cli(
        ["--library", str(stocked_path), "export", "--template", "bad", "-o", str(target)]
    )
    err = capsys.readouterr().err
    assert code == 1 and "template bad.md.j2, line 2" in err and err.count("\n") == 1
    assert not target.exists() and not list(tmp_path.glob(".bad*"))
