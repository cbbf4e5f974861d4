"""`python -m bench` (make bench): which scripts it runs, and how it reports what went wrong.

The benchmarks themselves take minutes and are not run here."""

from __future__ import annotations

import re
import subprocess
import sys

from bench.__main__ import EXCLUDED, Outcome, _one_line_error, benchmarks, table
from bench.results import Figure
from tests.conftest import ROOT


def test_every_script_is_a_benchmark_but_the_soaks_and_helpers() -> None:
    names = benchmarks()
    assert {"article_open", "startup_time", "export_speed", "reanchor_speed"} <= set(names)
    assert not {"timing", "corpus", "synthetic", "results", "__main__"} & set(names)
    assert {"concurrency_soak", "crash_soak"} <= set(EXCLUDED)


def test_the_table_has_a_row_per_figure_and_one_line_per_failure() -> None:
    outcomes = [
        Outcome("zeta", problem="skipped: no corpus at /nowhere"),
        Outcome("alpha", [Figure("open: 44.6 ms", 1.2, "browser 37.3 ms", "<= 1.30x", True)]),
        Outcome("beta", problem=_one_line_error("Traceback...\nValueError: bad\n", 1)),
    ]
    lines = table(outcomes).splitlines()
    assert lines[0].split() == ["benchmark", "figure", "ratio", "baseline", "target", "met"]
    assert re.split(r"\s{2,}", lines[2]) == [
        "alpha",
        "open: 44.6 ms",
        "1.20x",
        "browser 37.3 ms",
        "<= 1.30x",
        "met",
    ]
    assert lines[3].split(maxsplit=1) == ["beta", "error: ValueError: bad (exit 1)"]
    assert lines[4].split(maxsplit=1) == ["zeta", "skipped: no corpus at /nowhere"]


def test_an_unknown_benchmark_is_refused() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--only", "nope"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "no benchmark nope" in done.stderr
