"""Run every benchmark in bench/ and print one table of their figures against the baselines
measured in the same run.

    .venv/bin/python -m bench [--quick] [--only NAME]... [--skip NAME]... [--corpus DIR]
                              [--timeout SECONDS] [--strict]

A benchmark is a module of bench/ that runs as a script (`python -m bench.NAME`); each runs
in its own process, one after another so that none slows another's timing, and its output
goes to bench/out/NAME.log. A benchmark that fails puts its one-line error in the table and
the others go on. Soaks are not benchmarks and are left out (see EXCLUDED); benchmarks of
imports need the shared corpus and are skipped, with the reason, when it is absent.

Exit status: 1 when a benchmark failed (or, with --strict, a target was not met), else 0.
"""

from __future__ import annotations

import argparse
import ast
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.corpus import DEFAULT_CORPUS
from bench.results import RESULTS_ENV, Figure, read_figures

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"

# Scripts in bench/ that are not benchmarks: they measure no figure against a baseline.
EXCLUDED = {
    "concurrency_soak": "a soak, not a benchmark: python -m bench.concurrency_soak",
    "crash_soak": "a soak, not a benchmark: python -m bench.crash_soak",
    "library_fixture": "builds the 100,000-article library the scale benchmarks read",
    "pdf_corpus": "prints the corpus pages to PDF for import_quality (needs Chromium)",
}
# Benchmarks that read the shared corpus (../shared/corpus); they take --corpus DIR.
NEEDS_CORPUS = frozenset({"import_quality", "import_speed", "library_size", "backup_size"})
# --quick: fewer repeats, through the options the benchmarks already have.
QUICK_ARGS = {
    "article_open": ["--repeat", "5"],
    "startup_time": ["--repeat", "5"],
    "import_speed": ["--rounds", "1"],
    "library_size": ["--limit", "100"],
    "search_speed": ["--queries", "20", "--rounds", "1"],
    "views_speed": ["--repeat", "3"],
    "backup_size": ["--pages", "60", "--days", "30", "--large-articles", "2000"],
}


@dataclass(slots=True)
class Outcome:
    name: str
    figures: list[Figure] = field(default_factory=list)
    problem: str = ""  # "skipped: ..." or "error: ..."; empty when it ran cleanly
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        return self.problem.startswith("error")


def _runs_as_script(path: Path) -> bool:
    """Whether the module has an `if __name__ == "__main__":` block at its top level."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in tree.body:
        if (
            isinstance(node, ast.If)
            and isinstance(node.test, ast.Compare)
            and isinstance(node.test.left, ast.Name)
            and node.test.left.id == "__name__"
        ):
            return True
    return False


def benchmarks() -> list[str]:
    """Every script in bench/, excluded ones included (the table says why they did not run)."""
    names = []
    for path in BENCH.glob("*.py"):
        if path.stem.startswith("_"):
            continue
        try:
            if path.stem in EXCLUDED or _runs_as_script(path):
                names.append(path.stem)
        except SyntaxError:
            names.append(path.stem)  # run it anyway: the table shows its error
    return sorted(names)


def _corpus_problem(corpus: Path) -> str:
    if not (corpus / "score.py").is_file() or not (corpus / "html" / "aeb").is_dir():
        return f"skipped: no corpus at {corpus}"
    return ""


def _one_line_error(log: str, returncode: int) -> str:
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    last = lines[-1] if lines else ""
    if len(last) > 160:
        last = last[:157] + "..."
    return f"error: {last} (exit {returncode})" if last else f"error: exit status {returncode}"


def _end(process: subprocess.Popen[bytes]) -> None:
    """Kill the benchmark and whatever it started (workers, the window it times)."""
    if hasattr(os, "killpg"):
        os.killpg(process.pid, signal.SIGKILL)
    else:
        process.kill()
    process.wait()


def run_one(name: str, args: list[str], *, timeout: float) -> Outcome:
    """Run bench.NAME in its own process; its figures come back through a results file."""
    OUT.mkdir(parents=True, exist_ok=True)
    log_path = OUT / f"{name}.log"
    with tempfile.TemporaryDirectory(prefix="postil-bench-") as tmp:
        results = Path(tmp) / "figures.jsonl"
        env = {**os.environ, RESULTS_ENV: str(results)}
        started = time.perf_counter()
        with open(log_path, "w", encoding="utf-8", errors="replace") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", f"bench.{name}", *args],
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # so a timeout ends its workers too
            )
            try:
                returncode: int | None = process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                _end(process)
                returncode = None
            except KeyboardInterrupt:  # its own session does not get the terminal's Ctrl+C
                _end(process)
                raise
        outcome = Outcome(name, read_figures(results), seconds=time.perf_counter() - started)
    if returncode is None:
        outcome.problem = f"error: timed out after {timeout:.0f} s"
    elif returncode != 0 and not any(f.met is False for f in outcome.figures):
        # A benchmark may exit 1 for a target it did not meet: the table already says so.
        text = log_path.read_text(encoding="utf-8", errors="replace")
        outcome.problem = _one_line_error(text, returncode)
    elif not outcome.figures and returncode == 0:
        outcome.problem = "error: it reported no figure"
    return outcome


def _ratio(figure: Figure) -> str:
    return "" if figure.ratio is None else f"{figure.ratio:.2f}x"


def _verdict(figure: Figure) -> str:
    return {True: "met", False: "NOT met", None: "-"}[figure.met]


def table(outcomes: list[Outcome]) -> str:
    header = ("benchmark", "figure", "ratio", "baseline", "target", "met")
    rows: list[tuple[str, ...]] = []
    # The benchmarks that ran (or failed) in the order they ran, then those that were skipped.
    for outcome in sorted(outcomes, key=lambda o: o.problem.startswith("skipped")):
        for figure in outcome.figures:
            rows.append(
                (
                    outcome.name,
                    figure.figure,
                    _ratio(figure),
                    figure.baseline,
                    figure.target or "-",
                    _verdict(figure),
                )
            )
        if outcome.problem:
            rows.append((outcome.name, outcome.problem))
    full = [r for r in rows if len(r) == len(header)]
    widths = [max([len(header[i]), *(len(r[i]) for r in full)]) for i in range(len(header))]
    widths[0] = max(widths[0], *(len(r[0]) for r in rows))

    def line(cells: tuple[str, ...]) -> str:
        if len(cells) < len(header):  # a benchmark that did not run: its reason, unaligned
            return f"{cells[0]:<{widths[0]}}  {cells[1]}"
        right = {2}  # ratios line up on the decimal point
        return "  ".join(
            f"{c:>{w}}" if i in right else f"{c:<{w}}"
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__.split("\n\n")[0].replace("\n", " ")
    )
    parser.add_argument("--quick", action="store_true", help="fewer repeats where a bench has them")
    parser.add_argument("--only", action="append", metavar="NAME", help="run only these")
    parser.add_argument("--skip", action="append", default=[], metavar="NAME", help="leave out")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the shared corpus")
    parser.add_argument(
        "--timeout", type=float, default=1800, help="seconds one benchmark may take (1800)"
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 on a target not met too")
    args = parser.parse_args(argv)
    names = benchmarks()
    unknown = sorted((set(args.only or []) | set(args.skip)) - set(names))
    if unknown:
        parser.error(f"no benchmark {', '.join(unknown)} (benchmarks: {', '.join(names)})")

    started = time.perf_counter()
    outcomes = []
    for name in names:
        if args.only and name not in args.only:
            continue
        if name in EXCLUDED:
            outcomes.append(Outcome(name, problem=f"skipped: {EXCLUDED[name]}"))
            continue
        if name in args.skip:
            outcomes.append(Outcome(name, problem="skipped: --skip"))
            continue
        bench_args = list(QUICK_ARGS.get(name, [])) if args.quick else []
        if name in NEEDS_CORPUS:
            problem = _corpus_problem(args.corpus)
            if problem:
                outcomes.append(Outcome(name, problem=problem))
                continue
            bench_args += ["--corpus", str(args.corpus)]
        print(f"{name} ...", end=" ", flush=True)
        outcome = run_one(name, bench_args, timeout=args.timeout)
        print(f"{outcome.seconds:.0f} s" + (f"  ({outcome.problem})" if outcome.problem else ""))
        outcomes.append(outcome)

    elapsed = time.perf_counter() - started
    print()
    print(table(outcomes))
    ran = sum(1 for o in outcomes if not o.problem.startswith("skipped"))
    print(
        f"\n{ran} of {len(outcomes)} run in {elapsed / 60:.1f} min; "
        f"the output of each is in {OUT.relative_to(ROOT)}/NAME.log"
    )
    failed = any(o.failed for o in outcomes)
    not_met = any(f.met is False for o in outcomes for f in o.figures)
    return 1 if failed or (args.strict and not_met) else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted\n")
        sys.exit(130)
