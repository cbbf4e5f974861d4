"""SIGKILL the background compression of an old library at random moments, again and again:
after every kill the library opens, passes PRAGMA integrity_check and gives back every
original byte for byte and every content as it was; run after run, the compression
finishes."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from storage import compaction, originals
from storage.library import Library
from tests.conftest import ROOT
from tests.storage.test_compaction import (
    _digest,
    contents,
    old_library,
    raw_contents,
    raw_rows,
    versions,
)

KILLS = 20
RUNNER = """
import sys
from storage import compaction
from storage.library import Library
compaction.BATCH_ROWS = 1
compaction.MIN_RECLAIM_BYTES = 0
with Library.open(sys.argv[1]) as library:
    print("ready", flush=True)
    compaction.compact(library.conn)
print("finished", flush=True)
"""


def _check(
    path: Path,
    digests: dict[int, str],
    version_digests: dict[int, str],
    blocks: dict[tuple[str, int], str],
) -> None:
    with Library.open(path) as library:
        assert library.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert {i: _digest(library.articles.original(i)) for i in digests} == digests
        assert versions(library.conn) == version_digests
        assert contents(library.conn) == blocks


@pytest.mark.slow
def test_compression_killed_anywhere_loses_nothing(tmp_path: Path, monkeypatch):
    path = tmp_path / "library.postil"
    digests = old_library(path, monkeypatch, n=48)
    with Library.open(path) as library:
        version_digests = versions(library.conn)
        blocks = contents(library.conn)
    rng = random.Random(17)
    kills = 0
    for attempt in range(KILLS + 1):  # the last run is left to finish
        proc = subprocess.Popen(
            [sys.executable, "-c", RUNNER, str(path)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        if attempt < KILLS:
            time.sleep(rng.uniform(0.0, 0.06))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                kills += 1
        proc.wait(timeout=120)
        _check(path, digests, version_digests, blocks)
        if proc.returncode == 0:
            break
    assert proc.returncode == 0, "the compression never got to its end"
    assert kills >= 3, "too few kills landed to mean anything"
    with Library.open(path) as library:
        assert raw_rows(library.conn) == 0 and not compaction.rows_pending(library.conn)
        assert raw_contents(library.conn) == 0
        assert library.conn.execute("PRAGMA auto_vacuum").fetchone()[0] == 2
        stored = library.conn.execute("SELECT original FROM articles").fetchall()
        assert all(originals.is_packed(row[0]) for row in stored)
