"""The long multi-process run: the window and CLI workers on one library, SIGKILLed at random.

    .venv/bin/python -m bench.concurrency_soak --minutes 30 [--seed N] [--workers 3]
        [--kill-every 4] [--check-every 30] [--no-fuzz] [--keep-going]

The same mix as tests/reliability/test_multiprocess.py (see multiprocess_harness.py): the
real window importing files handed over to it, CLI workers annotating, importing, listing,
searching, exporting, backing up and deleting on the same library. Every few seconds a random
process is killed with SIGKILL: the window (a quarter of the kills; it is started again and
handed what it had not imported), a CLI command or a hand-over. Every `--check-every` seconds
a fresh read-only connection runs PRAGMA integrity_check and looks for every write
acknowledged so far; at the end, once every process has ended, the same again with the FTS5
checks, and every file handed to the window must have been imported.

Beside it, unless --no-fuzz, the importer fuzzing runs with its long profile
(POSTIL_FUZZ_PROFILE=long, at least 10,000 inputs); its count is read from the line the fuzz
module records in POSTIL_RELIABILITY_REPORT, and pytest's exit status says whether any input
crashed, hung or half-wrote. The soak waits for it if it is still running.

Prints a short report, writes it as JSON to bench/out/, exits 1 on any lost write, damage,
deleted WAL held open, or fuzz failure. On failure the run's folder (library, logs) is kept.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.reliability.multiprocess_harness import ROOT, MixSettings, MultiProcessRun, Report
from tests.reliability.report import record

OUT = ROOT / "bench" / "out"
FUZZ_TARGET = 10_000


class FuzzRun:
    """tests/reliability/test_fuzz_importers.py with the long profile, in the background."""

    def __init__(self, folder: Path) -> None:
        self.report_file = folder / "fuzz-report.jsonl"
        self.log_file = folder / "fuzz.log"
        self.started = time.monotonic()
        self.seconds = 0.0
        env = {
            **os.environ,
            "POSTIL_FUZZ_PROFILE": "long",
            "POSTIL_RELIABILITY_REPORT": str(self.report_file),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        with open(self.log_file, "wb") as log:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "pytest",
                    "-q",
                    "-p",
                    "no:cacheprovider",
                    "tests/reliability/test_fuzz_importers.py",
                ],
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait(self, timeout: float) -> int | None:
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            code = None
        self.seconds = time.monotonic() - self.started
        return code

    def figures(self, code: int | None) -> dict[str, Any]:
        counted: dict[str, Any] = {}
        try:
            for line in self.report_file.read_text(encoding="utf-8").splitlines():
                entry = json.loads(line)
                if entry.get("what") == "fuzz":
                    counted = entry
        except (OSError, ValueError):
            pass
        try:
            tail = self.log_file.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            tail = ""
        return {
            "inputs": int(counted.get("examples", 0)),
            "imported": int(counted.get("imported", 0)),
            "refused": int(counted.get("refused", 0)),
            "pytest_exit": code,  # 0: every input imported or was refused cleanly
            "seconds": round(self.seconds),
            "summary": tail.splitlines()[-1] if tail else "",
        }


def _line(counts: dict[str, int]) -> str:
    return ", ".join(f"{role} {n}" for role, n in sorted(counts.items())) or "none"


def print_report(report: Report, fuzz: dict[str, Any] | None, seed: int, path: Path) -> None:
    r = report.as_json()
    acknowledged = (
        report.annotations_acknowledged
        + report.articles_acknowledged
        + report.deletions_acknowledged
    )
    print(f"seed {seed}, {report.seconds / 60:.1f} min")
    started = sum(report.processes_started.values())
    killed = sum(report.processes_killed.values())
    print(f"  processes started: {started} ({_line(r['processes_started'])})")
    print(f"  processes killed:  {killed} ({_line(r['processes_killed'])})")
    print(
        f"  writes acknowledged: {acknowledged} ({report.annotations_acknowledged} "
        f"annotations, {report.articles_acknowledged} articles, "
        f"{report.deletions_acknowledged} deletions)"
    )
    print(f"  writes lost: {report.writes_lost}")
    print(
        f"  integrity: {report.integrity_checks} checks, {report.integrity_failed} failed; "
        f"final: {r['integrity_final']}; FTS: {', '.join(report.fts) or 'not run'}"
    )
    print(
        f"  window: {report.window_starts} starts, {report.files_handed} files handed over, "
        f"{report.handed_landed} imported"
    )
    print(f"  deleted -wal/-shm held open: {len(report.deleted_held)}")
    print(f"  reads that missed acknowledged writes: {len(report.stale_reads)}")
    if report.check_command is not None:
        print(f"  postil check at the end: {report.check_command.splitlines()[0]}")
    if fuzz is not None:
        print(
            f"  fuzz (long profile): {fuzz['inputs']:,} inputs, {fuzz['imported']:,} imported, "
            f"{fuzz['refused']:,} refused; pytest exit {fuzz['pytest_exit']} "
            f"({fuzz['seconds'] // 60} min {fuzz['seconds'] % 60} s)"
        )
    for failure in report.failures[:20]:
        print(f"FAILED {failure}", file=sys.stderr)
    print(f"  report: {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.concurrency_soak")
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--workers", type=int, default=3, help="CLI workers (default 3)")
    parser.add_argument(
        "--kill-every", type=float, default=4.0, help="mean seconds between SIGKILLs"
    )
    parser.add_argument("--check-every", type=float, default=30.0)
    parser.add_argument("--no-fuzz", action="store_true", help="skip the long importer fuzz")
    parser.add_argument(
        "--fuzz-timeout", type=float, default=90.0, help="minutes the fuzz run may take"
    )
    parser.add_argument(
        "--keep-going", action="store_true", help="do not stop at the first failure"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="postil-soak-"))
    began = time.monotonic()

    def log(message: str) -> None:
        if not args.quiet:
            print(f"[{(time.monotonic() - began) / 60:5.1f} min] {message}", flush=True)

    fuzz = None if args.no_fuzz else FuzzRun(folder)
    settings = MixSettings(
        seconds=args.minutes * 60,
        cli_workers=args.workers,
        seed=args.seed,
        handover_via_main=False,  # a launch that finds the window killed must not open one
        kill_every=args.kill_every,
        check_every=args.check_every,
        stop_on_failure=not args.keep_going,
        log=log,
    )
    try:
        report = MultiProcessRun(folder / "run", settings).run()
    finally:
        if fuzz is not None and fuzz.proc.poll() is None:
            log("waiting for the fuzz run to finish")
    fuzz_figures = None
    if fuzz is not None:
        remaining = max(60.0, args.fuzz_timeout * 60 - (time.monotonic() - fuzz.started))
        fuzz_figures = fuzz.figures(fuzz.wait(remaining))
        if fuzz_figures["pytest_exit"] != 0:
            report.failures.append(
                f"the importer fuzz run failed (pytest exit {fuzz_figures['pytest_exit']}): "
                f"{fuzz_figures['summary']}; see {fuzz.log_file}"
            )
        if fuzz_figures["inputs"] < FUZZ_TARGET:
            report.failures.append(
                f"the importer fuzz run reached {fuzz_figures['inputs']:,} inputs, "
                f"short of {FUZZ_TARGET:,}"
            )

    OUT.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = OUT / f"concurrency_soak-{stamp}.json"
    figures = {
        "seed": args.seed,
        "minutes": args.minutes,
        "workers": args.workers,
        "kill_every_seconds": args.kill_every,
        **report.as_json(),
        "fuzz": fuzz_figures,
    }
    path.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    record(
        "concurrency_soak",
        minutes=round(report.seconds / 60, 1),
        processes=sum(report.processes_started.values()),
        killed=sum(report.processes_killed.values()),
        acknowledged=report.annotations_acknowledged
        + report.articles_acknowledged
        + report.deletions_acknowledged,
        lost=report.writes_lost,
        integrity_checks=report.integrity_checks,
        integrity_failed=report.integrity_failed,
        fuzz_inputs=fuzz_figures["inputs"] if fuzz_figures else None,
    )
    print_report(report, fuzz_figures, args.seed, path)
    if report.failures:
        print(f"the run's library and logs are kept in {folder}", file=sys.stderr)
        return 1
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
