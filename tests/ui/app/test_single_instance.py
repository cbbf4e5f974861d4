"""One window per library: a second launch hands its files to the first and exits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from ui.app.single_instance import SingleInstance, instance_key

# A later launch, reduced to its hand-over: argv[1] the library, argv[2] the file it opens.
HAND_OVER = (
    "import sys; from pathlib import Path\n"
    "from PySide6.QtCore import QCoreApplication\n"
    "from ui.app.single_instance import SingleInstance\n"
    "app = QCoreApplication([])\n"
    "s = SingleInstance(library_path=Path(sys.argv[1]))\n"
    "assert not s.acquire()\n"
    "sys.exit(0 if s.hand_over([Path(sys.argv[2])]) else 3)\n"
)


@pytest.fixture
def first(library_path: Path):
    instance = SingleInstance(library_path=library_path)
    assert instance.acquire()
    assert instance.serve()
    yield instance
    instance.release()


def test_key_depends_on_the_library_not_on_how_it_is_spelled(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert instance_key(Path("library.postil")) == instance_key(tmp_path / "library.postil")
    assert instance_key(tmp_path / "a.postil") != instance_key(tmp_path / "b.postil")
    assert len(instance_key(tmp_path / ("x" * 200))) < 40  # fits a socket path anywhere


def test_only_one_instance_per_library(first, library_path: Path, tmp_path: Path):
    second = SingleInstance(library_path=library_path)
    assert not second.acquire()
    other = SingleInstance(library_path=tmp_path / "other.postil")
    assert other.acquire()  # another library is another window
    other.release()


def test_second_launch_hands_its_files_to_the_first(qtbot, first, library_path, tmp_path):
    """The real second launch (main.py in a subprocess) never opens the library itself."""
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.html").write_text("<p>a</p>", encoding="utf-8")
    (tmp_path / "in" / "sub" / "b.md").write_text("# b", encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "POSTIL_SETTINGS": str(tmp_path / "s.ini")}
    with (
        qtbot.waitSignal(first.activation_requested, timeout=20000),
        qtbot.waitSignal(first.files_received, timeout=20000) as received,
    ):
        proc = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "main.py"),
                "--library",
                str(library_path),
                "a.html",
                "sub/b.md",
            ],
            cwd=tmp_path / "in",
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert received.args[0] == [tmp_path / "in" / "a.html", tmp_path / "in" / "sub" / "b.md"]
    assert not library_path.exists()  # the second launch did not touch the library


def test_a_crashed_instance_does_not_block_the_next(library_path: Path):
    code = (
        "import os, sys; from pathlib import Path\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from ui.app.single_instance import SingleInstance\n"
        "app = QCoreApplication([])\n"
        "s = SingleInstance(library_path=Path(sys.argv[1]))\n"
        "assert s.acquire() and s.serve()\n"
        "os.kill(os.getpid(), 9)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(library_path)], cwd=ROOT, timeout=30)
    assert done.returncode == -9
    again = SingleInstance(library_path=library_path)
    assert again.acquire()
    again.release()


def test_serving_needs_the_lock(library_path: Path):
    instance = SingleInstance(library_path=library_path)
    with pytest.raises(RuntimeError):
        instance.serve()


def test_a_launch_waits_for_a_first_instance_that_is_still_opening(qtbot, library_path: Path):
    """The first window takes the lock at once but listens only after its first frame: a
    second launch in that gap retries until it is answered."""
    from PySide6.QtCore import QTimer

    first = SingleInstance(library_path=library_path)
    assert first.acquire()
    try:
        with qtbot.waitSignal(first.files_received, timeout=20000) as received:
            proc = subprocess.Popen(
                [sys.executable, "-c", HAND_OVER, str(library_path), "late.md"], cwd=ROOT
            )
            QTimer.singleShot(700, first.serve)  # the first frame, after the helper's first try
        assert proc.wait(timeout=30) == 0
        assert [p.name for p in received.args[0]] == ["late.md"]
    finally:
        qtbot.wait(100)  # the server's sockets close while their owner is alive
        first.release()


def test_no_answer_is_reported_not_ignored(library_path: Path):
    """Nobody listening: hand_over says so (launch then shows a message, opens nothing)."""
    lonely = SingleInstance(library_path=library_path)
    assert lonely.hand_over([Path("a.html")], attempts=1) is False


def test_handed_files_reach_the_window_which_comes_to_front(qtbot, make_window, first, seeded):
    from ui.app.launch import bring_to_front

    window = make_window()
    imported: list[list[Path]] = []
    window.import_paths = imported.append  # the import itself is tested elsewhere
    first.files_received.connect(window.import_paths)
    first.activation_requested.connect(lambda: bring_to_front(window))
    window.showMinimized()
    assert window.isMinimized()
    proc = subprocess.Popen(
        [sys.executable, "-c", HAND_OVER, str(window.library.path), "/tmp/x.html"], cwd=ROOT
    )
    qtbot.waitUntil(lambda: bool(imported), timeout=20000)
    assert proc.wait(timeout=30) == 0
    assert imported == [[Path("/tmp/x.html")]]
    assert not window.isMinimized()
