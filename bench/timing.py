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
