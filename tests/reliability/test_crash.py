"""SIGKILL a process writing annotations, many times: the library always opens, passes
PRAGMA integrity_check, and holds every annotation whose commit had been acknowledged."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.reliability.crash_harness import crash_loop
from tests.reliability.report import record

KILLS = int(os.environ.get("POSTIL_CRASH_KILLS", "150"))
BUDGET_SECONDS = 60.0


@pytest.mark.slow
def test_acknowledged_annotations_survive_sigkill(tmp_path: Path):
    started = time.monotonic()
    stats = crash_loop(
        tmp_path / "library.postil",
        KILLS,
        seed_value=int(os.environ.get("POSTIL_CRASH_SEED", "20250301")),
        deadline=started + BUDGET_SECONDS,
    )
    record(
        "crash",
        kills=stats.kills,
        acknowledged=stats.acknowledged,
        seconds=round(time.monotonic() - started, 1),
    )
    assert not stats.failures, stats.failures
    assert stats.kills >= 20, "too few kills in the time budget to mean anything"
    assert stats.acknowledged > stats.kills  # kills landed among real, committed writes
