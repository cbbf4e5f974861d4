"""Timing helpers shared by the benchmarks: medians of repeated runs, printed as ratios and
recorded for the table of `python -m bench` (see bench.results)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from bench.results import record


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
    limit: float | None = None,
    unit: str = "ms",
    scale: float = 1000.0,
) -> str:
    """Print ours against the baseline as a ratio, with the verdict on the target ratio
    (at most) and on the limit in seconds (under), and record the figure for the table.
    ours and baseline are seconds, shown in ms; or other counts, shown times `scale` in
    `unit` (instructions in millions: unit="M", scale=1e-6)."""
    ratio = ours / baseline if baseline else float("inf")
    verdicts, targets, met = [], [], None
    if target is not None:
        ok = ratio <= target
        verdicts.append(f"target <= {target:.2f}x: {'met' if ok else 'NOT met'}")
        targets.append(f"<= {target:.2f}x")
        met = ok
    if limit is not None:
        ok = ours < limit
        verdicts.append(f"limit {limit:.2f} s: {'met' if ok else 'NOT met'}")
        targets.append(f"< {limit:.2f} s")
        met = ok if met is None else met and ok
    verdict = "".join(f"  {v}" for v in verdicts)
    line = (
        f"{label}: {ours * scale:.1f} {unit} vs {baseline_label} {baseline * scale:.1f} {unit} "
        f"-> {ratio:.2f}x{verdict}"
    )
    print(line, flush=True)
    record(
        f"{label}: {ours * scale:.1f} {unit}",
        ratio=ratio,
        baseline=f"{baseline_label} {baseline * scale:.1f} {unit}",
        target=", ".join(targets),
        met=met,
    )
    return line
