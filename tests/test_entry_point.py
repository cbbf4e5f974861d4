"""main.py run as a user would: the first word chooses the command line, the window, or a
one-line refusal (`postil chekc` must not start a window that imports a file named chekc)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import main
from tests.conftest import ROOT

COMMANDS = ", ".join(sorted(main.COMMAND_NAMES))


def postil(
    *args: str, env: dict[str, str] | None = None, importtime: bool = False
) -> subprocess.CompletedProcess[str]:
    flags = ["-X", "importtime"] if importtime else []
    return subprocess.run(
        [sys.executable, *flags, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """Offscreen, with its own library and settings; a window that opens by mistake paints
    once and quits instead of running forever."""
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "POSTIL_BENCH_FIRST_PAINT": "1",
        "POSTIL_LIBRARY": str(tmp_path / "library.postil"),
        "POSTIL_SETTINGS": str(tmp_path / "settings.ini"),
    }


def _split_importtime(stderr: str) -> tuple[set[str], list[str]]:
    """The modules `-X importtime` reports, and the other lines of standard error."""
    imported, lines = set(), []
    for line in stderr.splitlines():
        if line.startswith("import time:"):
            imported.add(line.split("|")[-1].strip())
        else:
            lines.append(line)
    return imported, lines


@pytest.mark.parametrize(
    "args",
    [["chekc"], ["--library", "{tmp}/other.postil", "chekc"], ["--library={tmp}/o.postil", "x"]],
)
def test_an_unknown_first_word_is_refused_in_one_line(
    args: list[str], tmp_path: Path, env: dict[str, str]
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    done = postil(*args, env=env, importtime=True)
    imported, lines = _split_importtime(done.stderr)
    assert done.returncode == 2
    assert lines == [f"postil: unknown command {args[-1]!r} (commands: {COMMANDS})"]
    assert done.stdout == ""
    # Refused before Qt, the command line or the library are loaded, and nothing was written.
    heavy = ("PySide6", "shiboken6", "cli", "ui", "storage", "core")
    assert sorted(m for m in imported if m.split(".")[0] in heavy) == []
    assert list(tmp_path.iterdir()) == []


def test_a_command_of_a_newer_version_is_refused_too(env: dict[str, str]) -> None:
    done = postil("summarize", "3", env=env)
    assert done.returncode == 2
    assert done.stderr.startswith("postil: unknown command 'summarize' (commands: annotate, ")


@pytest.mark.parametrize("word", ["notes/brief.html", "brief.html"])
def test_a_missing_file_is_named_as_such(word: str, env: dict[str, str]) -> None:
    done = postil(word, env=env)
    assert done.returncode == 2
    assert done.stderr == f"postil: no such file or command {word!r} (commands: {COMMANDS})\n"


@pytest.mark.skipif(sys.platform != "linux", reason="the no-display check is for Linux")
@pytest.mark.parametrize("kind", ["file", "folder"])
def test_an_existing_file_or_folder_goes_to_the_window(
    kind: str, tmp_path: Path, env: dict[str, str]
) -> None:
    target = tmp_path / "notes"
    if kind == "file":
        target = tmp_path / "note.md"
        target.write_text("# A note\n\nSome words.\n", encoding="utf-8")
    else:
        target.mkdir()
    # With no display at all the window says so in one line: proof it was asked to open.
    no_display = {
        k: v for k, v in env.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    done = postil(str(target), env=no_display)
    assert done.returncode == 2
    assert done.stderr.startswith("postil: no display"), done.stderr


def test_an_option_first_goes_to_the_window(env: dict[str, str]) -> None:
    done = postil("--frobnicate", "chekc", env=env)
    assert done.returncode == 2
    assert done.stderr == "postil: unknown option --frobnicate\n"


def test_a_command_goes_to_the_command_line(tmp_path: Path, env: dict[str, str]) -> None:
    done = postil("--library", str(tmp_path / "lib.postil"), "list", "--json", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("flag", ["--help", "-h", "--version"])
def test_help_and_version_go_to_the_command_line(flag: str, env: dict[str, str]) -> None:
    done = postil(flag, env=env)
    assert done.returncode == 0, done.stderr
    assert ("usage: postil" if flag != "--version" else "Postil ") in done.stdout
