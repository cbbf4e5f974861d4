"""The window compresses an older library's originals in the background: the window's own
writes go on meanwhile, quitting stops it between batches, and the next start finishes."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from storage import compaction, originals
from storage.annotations import NewAnnotation
from storage.library import Library
from tests.conftest import ROOT
from tests.storage.test_compaction import _digest, old_library, raw_rows
from ui.safety.background_compaction import BackgroundCompaction, status_message


def test_an_old_library_is_compressed_beside_the_open_window(qtbot, library_path, monkeypatch):
    digests = old_library(library_path, monkeypatch, n=16)
    monkeypatch.setattr(compaction, "BATCH_ROWS", 2)
    monkeypatch.setattr(compaction, "MIN_RECLAIM_BYTES", 0)
    real_pack = originals.pack

    def slow_pack(data: bytes) -> bytes:  # a large library: compression takes a while
        time.sleep(0.02)
        return real_pack(data)

    monkeypatch.setattr(originals, "pack", slow_pack)
    with Library.open(library_path) as window_library:  # the window's own connection
        work = BackgroundCompaction(library_path=library_path)
        with qtbot.waitSignal(work.finished, timeout=30000) as done:
            work.start()
            article_id = min(digests)
            written = []
            while work.running and len(written) < 5:  # the analyst highlights meanwhile
                started = time.perf_counter()
                written.append(
                    window_library.annotations.add(
                        article_id, NewAnnotation("Report", "", "", 0, 6, note="meanwhile")
                    )
                )
                assert time.perf_counter() - started < 2.0
                qtbot.wait(20)
        report = done.args[0]
        assert isinstance(report, compaction.Report) and report.state == "done"
        assert written and window_library.annotations.count() == len(written)
        assert raw_rows(window_library.conn) == 0
        assert {i: _digest(window_library.articles.original(i)) for i in digests} == digests
        assert "Compressed" in status_message(report)


def test_quitting_stops_it_between_batches_and_the_next_start_finishes(
    qtbot, library_path, monkeypatch
):
    digests = old_library(library_path, monkeypatch, n=16)
    monkeypatch.setattr(compaction, "BATCH_ROWS", 1)
    real_pack = originals.pack
    monkeypatch.setattr(originals, "pack", lambda d: (time.sleep(0.05), real_pack(d))[1])
    work = BackgroundCompaction(library_path=library_path)
    with qtbot.waitSignal(work.finished, timeout=30000) as done:
        work.start()
        qtbot.wait(150)
        assert work.wait(0)  # quitting: it stops after the batch in progress
    assert done.args[0].state == "cancelled"
    with Library.open(library_path) as library:
        assert compaction.rows_pending(library.conn)
        assert {i: _digest(library.articles.original(i)) for i in digests} == digests
    again = BackgroundCompaction(library_path=library_path)
    with qtbot.waitSignal(again.finished, timeout=30000) as finished:
        again.start()
    assert finished.args[0].state in ("done", "vacuum deferred")
    with Library.open(library_path) as library:
        assert raw_rows(library.conn) == 0


def test_the_status_line_says_what_to_run_when_the_vacuum_is_left_over():
    report = compaction.Report(
        packed=10, saved=50 * 1024 * 1024, reclaimed=0, state="vacuum deferred"
    )
    assert "postil compact" in status_message(report)
    assert status_message(compaction.Report(0, 0, 0, "done")) == ""
    assert status_message(compaction.Report(0, 0, 0, "vacuum deferred")) == ""  # not every start
    assert "could not" in status_message(RuntimeError("disk I/O error"))


def test_the_window_started_on_an_old_library_compresses_it(library_path, monkeypatch):
    """End to end: main.py opens the window on an old library; after its first frame and
    the daily backup, the originals are compressed while it stays open."""
    digests = old_library(library_path, monkeypatch, n=8)
    env = {k: v for k, v in os.environ.items() if k != "POSTIL_LIBRARY"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    window = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--library", str(library_path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        packed = False
        while time.monotonic() < deadline and not packed:
            time.sleep(0.5)
            assert window.poll() is None, "the window quit"
            with Library.open(library_path) as library:
                packed = not compaction.rows_pending(library.conn)
        assert packed, "the window did not compress the library"
        with Library.open(library_path) as library:  # while the window still has it open
            assert raw_rows(library.conn) == 0
            assert {i: _digest(library.articles.original(i)) for i in digests} == digests
    finally:
        window.kill()
        window.wait()
