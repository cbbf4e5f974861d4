"""The window's command line: library, self-test, files, and Qt's options passed to Qt."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT
from ui.app.options import LaunchError, parse_launch_options


def test_library_files_and_qt_options_are_told_apart() -> None:
    options = parse_launch_options(
        ["--library", "/l/a.postil", "-platform", "offscreen", "one.html", "-reverse", "two.md"]
    )
    assert options.library == "/l/a.postil"
    assert options.files == ["one.html", "two.md"]
    assert options.qt_args == ["-platform", "offscreen", "-reverse"]
    assert options.self_test is None


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--self-test"], ""),
        (["--self-test", "out.json"], "out.json"),
        (["--self-test=out.json"], "out.json"),
        (["--self-test", "-platform", "offscreen"], ""),
    ],
)
def test_self_test_takes_an_optional_result_file(argv: list[str], expected: str) -> None:
    assert parse_launch_options(argv).self_test == expected


def test_equals_form_and_double_dash() -> None:
    options = parse_launch_options(["--library=x.postil", "--", "--odd-name.html"])
    assert options.library == "x.postil"
    assert options.files == ["--odd-name.html"]


@pytest.mark.parametrize("argv", [["--library"], ["--frobnicate"]])
def test_a_bad_command_line_is_refused_with_a_reason(argv: list[str]) -> None:
    with pytest.raises(LaunchError):
        parse_launch_options(argv)


def test_the_window_refuses_an_unknown_option_in_one_line() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--frobnicate"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 2
    assert done.stderr.strip() == "postil: unknown option --frobnicate"
