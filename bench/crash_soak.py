"""The long crash run: SIGKILL the annotation writer thousands of times.

    .venv/bin/python -m bench.crash_soak [--kills 2000] [--minutes 30] [--seed N]

Same harness as tests/reliability/test_crash.py (which runs about 150 kills in the suite);
prints the kills survived and the acknowledged writes checked, exits 1 on the first loss.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from tests.reliability.crash_harness import crash_loop
from tests.reliability.report import record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.crash_soak")
    parser.add_argument("--kills", type=int, default=2000)
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args(argv)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="postil-crash-") as folder:
        stats = crash_loop(
            Path(folder) / "library.postil",
            args.kills,
            seed_value=args.seed,
            deadline=started + args.minutes * 60,
        )
    seconds = time.monotonic() - started
    record("crash_soak", kills=stats.kills, acknowledged=stats.acknowledged, seconds=round(seconds))
    print(
        f"seed {args.seed}: {stats.kills} kills survived ({stats.killed_before_ready} while "
        f"opening), {stats.acknowledged} acknowledged annotations all present, {seconds:.0f} s"
    )
    for failure in stats.failures:
        print(f"FAILED {failure}", file=sys.stderr)
    return 1 if stats.failures else 0


if __name__ == "__main__":
    sys.exit(main())
