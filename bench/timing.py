"""Timing helpers shared by the benchmarks: medians of repeated runs, printed as ratios."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_seconds(run: Callable[[], object], *, repeat: int = 5, warmup: int = 1) -> float:
    for _ in range(warmup):
        run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved_medians(
    runs: list[Callable[[], object]], *, repeat: int = 11, warmup: int = 1
) -> list[float]:
    """Median seconds of each run, timed in turn round after round: a machine that slows
    down for a while slows every run alike, so ratios between them stay fair."""
    for _ in range(warmup):
        for run in runs:
            run()
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(repeat):
        for run, spent in zip(runs, times, strict=True):
            start = time.perf_counter()
            run()
            spent.append(time.perf_counter() - start)
    return [statistics.median(spent) for spent in times]


def report(
    label: str,
    ours: float,
    baseline: float,
    target: float | None = None,
    *,
    baseline_label: str = "baseline",
) -> str:
    ratio = ours / baseline if baseline else float("inf")
    verdict = ""
    if target is not None:
        verdict = f"  target <= {target:.2f}x: {'met' if ratio <= target else 'NOT met'}"
    line = (
        f"{label}: {ours * 1000:.1f} ms vs {baseline_label} {baseline * 1000:.1f} ms "
        f"-> {ratio:.2f}x{verdict}"
    )
    print(line, flush=True)
    return line
