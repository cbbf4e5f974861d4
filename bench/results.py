"""The figures a benchmark reports, gathered into the one table `python -m bench` prints.

Each benchmark prints its figures for whoever runs it, and records each one here as well.
Run alone, recording does nothing more; under `python -m bench` the environment variable
POSTIL_BENCH_RESULTS names a file, and every figure is appended to it as one JSON line.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass

RESULTS_ENV = "POSTIL_BENCH_RESULTS"


@dataclass(frozen=True, slots=True)
class Figure:
    """One measured figure against its baseline from the same run."""

    figure: str  # what was measured and its value: "open in ArticleView 44.6 ms"
    ratio: float | None  # against the baseline; the target says which way is better
    baseline: str  # "QTextBrowser.setHtml 37.3 ms"
    target: str = ""  # "<= 1.30x", ">= 0.90x", "< 0.50 s"; "" when there is none
    met: bool | None = None  # None when there is no target


def record(
    figure: str,
    *,
    ratio: float | None,
    baseline: str,
    target: str = "",
    met: bool | None = None,
) -> Figure:
    result = Figure(figure, ratio, baseline, target, met)
    path = os.environ.get(RESULTS_ENV)
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(asdict(result), ensure_ascii=False) + "\n")
    return result


def read_figures(path: str | os.PathLike[str]) -> list[Figure]:
    """The figures recorded in the file, in order; none when it was never written."""
    try:
        with open(path, encoding="utf-8") as lines:
            return [Figure(**json.loads(line)) for line in lines if line.strip()]
    except FileNotFoundError:
        return []
