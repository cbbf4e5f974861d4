"""Kill a writing process with SIGKILL at random moments and check what survived.

Shared by the crash test in the suite and bench/crash_soak.py (the longer run).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from storage.library import Library
from tests.conftest import ROOT, make_article


@dataclass
class CrashStats:
    kills: int = 0
    killed_before_ready: int = 0
    acknowledged: int = 0
    max_id: int = 0
    failures: list[str] = field(default_factory=list)


def seed(path: Path) -> None:
    with Library.open(path) as library:
        library.articles.add(make_article())


def _kill_one(path: Path, run: int, rng: random.Random) -> tuple[list[tuple[int, str]], bool]:
    """Start a writer, kill it at a random moment; (acknowledged writes, reached ready)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.crash_writer", str(path), str(run)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    reached_ready = True
    try:
        if rng.random() < 0.15:  # sometimes while it opens the library
            time.sleep(rng.uniform(0.0, 0.3))
            reached_ready = False
        else:
            line = proc.stdout.readline()  # blocks until the library is open
            if line.strip() != "ready":
                raise AssertionError(f"writer did not start: {line!r}")
            time.sleep(rng.uniform(0.0, 0.25))
    finally:
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
    acks = []
    for line in out.split("\n")[:-1]:  # the last piece has no newline: never acknowledged
        if line.startswith("ack "):
            _, ident, note = line.split(" ", 2)
            acks.append((int(ident), note))
    return acks, reached_ready


def verify(path: Path, acknowledged: dict[int, str]) -> list[str]:
    """Open through the real code path; integrity_check; every acknowledged note present."""
    problems = []
    with Library.open(path) as library:
        verdict = library.conn.execute("PRAGMA integrity_check").fetchall()
        if [r[0] for r in verdict] != ["ok"]:
            problems.append(f"integrity_check: {verdict[:3]}")
        stored = dict(library.conn.execute("SELECT id, note FROM annotations").fetchall())
        for table in ("annotations_fts", "articles_fts"):
            try:
                library.conn.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as exc:
                problems.append(f"{table}: {exc}")
    missing = [i for i in acknowledged if stored.get(i) != acknowledged[i]]
    if missing:
        problems.append(f"{len(missing)} acknowledged annotations lost, e.g. {missing[:5]}")
    return problems


def crash_loop(
    path: Path, kills: int, *, seed_value: int, deadline: float | None = None
) -> CrashStats:
    """kills SIGKILLs (or fewer if the deadline, in time.monotonic() seconds, passes)."""
    rng = random.Random(seed_value)
    seed(path)
    stats = CrashStats()
    acknowledged: dict[int, str] = {}
    for run in range(kills):
        if deadline is not None and time.monotonic() > deadline:
            break
        acks, ready = _kill_one(path, run, rng)
        stats.kills += 1
        stats.killed_before_ready += not ready
        acknowledged.update(acks)
        problems = verify(path, acknowledged)
        if problems:
            stats.failures.append(f"after kill {run + 1}: " + "; ".join(problems))
            break
    stats.acknowledged = len(acknowledged)
    stats.max_id = max(acknowledged, default=0)
    return stats
