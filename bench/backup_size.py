"""What backups cost, as ratios against baselines measured in the same run:

- all kept backups together against the library's size, after a simulated run of --days
  days of work on real saved pages (articles imported and highlighted every day, the
  start-up backup and its rotation every day); target: at most 2.5x. The baseline in the
  same run is the rotation as it was: plain copies, 7 daily and 4 weekly;
- the time of one backup (storage.backup.backup_now: the source checked, copied with
  SQLite's backup API, the copy checked, packed and unpacked again to compare) of the large
  library fixture (bench/library_fixture.py, 100,000 articles) against a bare copy with
  SQLite's backup API; no target (the window makes it off the UI thread), shown for scale.

    python -m bench.backup_size [--corpus DIR] [--days 60] [--pages 150]
                                [--large-articles 100000 | 0 to leave it out]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpus import DEFAULT_CORPUS  # noqa: E402
from bench.library_size import parse, real_pages  # noqa: E402
from bench.results import record  # noqa: E402

TARGET = 2.5
MB = 1024 * 1024


def _total(backups) -> int:
    return sum(b.path.stat().st_size for b in backups)


def simulate(folder: Path, captures: list, days: int) -> None:
    """Days of work and backups; prints and records the kept-backups figure."""
    from storage import backup as bk
    from storage.annotations import NewAnnotation
    from storage.library import Library

    rng = random.Random(11)
    library_path = folder / "library.postil"
    old_scheme = folder / "old-scheme.postil"  # its .backups folder: the rotation as it was
    first, rest = captures[: len(captures) // 2], captures[len(captures) // 2 :]
    per_day = max(1, len(rest) // days)
    start = datetime(2025, 1, 6, 9, 0)  # a Monday
    with Library.open(library_path) as library:
        for imported in first:
            library.articles.add(imported)
        for day in range(days):
            now = start + timedelta(days=day)
            for imported in rest[day * per_day : (day + 1) * per_day]:
                library.articles.add(imported)
            ids = library.articles.ids()
            for _ in range(5):  # the day's highlights
                article_id = rng.choice(ids)
                text = library.articles.get(article_id).text
                at = rng.randrange(0, max(1, len(text) - 40))
                if text[at : at + 30].strip():
                    library.annotations.add(
                        article_id,
                        NewAnnotation(text[at : at + 30], "", "", at, at + 30, note=f"day {day}"),
                    )
            bk.backup_if_due(library.conn, library_path, now=now)
            dest = bk._backup_path(old_scheme, "daily", now, packed=False)
            bk.write_backup(library.conn, dest)
            bk.prune(old_scheme, keep_months=0)  # 7 daily + 4 weekly, no size limit
        size = bk.library_size(library.conn)
    kept = bk.list_backups(library_path)
    before = bk.list_backups(old_scheme)
    ours, theirs = _total(kept) / size, _total(before) / size
    spread = ", ".join(b.taken.strftime("%m-%d") for b in kept)
    print(
        f"after {days} days: library {size / MB:.1f} MB; {len(kept)} packed backups kept "
        f"({spread}) = {ours:.2f}x the library; the rotation as it was: {len(before)} plain "
        f"copies = {theirs:.2f}x"
    )
    record(
        f"all kept backups {ours:.2f}x the library ({len(kept)} packed, {days} days)",
        ratio=ours,
        baseline=f"library {size / MB:.1f} MB; was {len(before)} plain copies = {theirs:.2f}x",
        target=f"<= {TARGET:.2f}x",
        met=ours <= TARGET,
    )


def time_large_backup(folder: Path, articles: int, corpus: Path) -> None:
    """One backup of the large fixture against a bare backup-API copy, interleaved (twice
    for a library under a GB, once above)."""
    from bench.library_fixture import ensure
    from storage import backup as bk
    from storage import library_files

    fixture = ensure(articles, corpus)
    source = library_files.connect(fixture, read_only=True, create=False)
    try:
        size = bk.library_size(source)
        raw_times, ours_times = [], []
        packed_size = 0
        for _ in range(2 if size < 2**30 else 1):
            raw = folder / "raw-copy.postil"
            t0 = time.perf_counter()
            target = sqlite3.connect(raw)
            source.backup(target)
            target.close()
            raw_times.append(time.perf_counter() - t0)
            raw.unlink()
            t0 = time.perf_counter()
            made = bk.write_backup(source, folder / "backup.postil.zst")
            ours_times.append(time.perf_counter() - t0)
            packed_size = made.stat().st_size
            made.unlink()
    finally:
        source.close()
    t_raw, t_ours = min(raw_times), min(ours_times)
    print(
        f"backup of {articles:,} articles ({size / MB:,.0f} MB): {t_ours:.1f} s, packed to "
        f"{packed_size / MB:,.0f} MB ({packed_size / size:.2f}x); bare backup-API copy "
        f"{t_raw:.1f} s: {t_ours / t_raw:.2f}x"
    )
    record(
        f"backup of {articles:,} articles {t_ours:.1f} s (packed {packed_size / size:.2f}x size)",
        ratio=t_ours / t_raw,
        baseline=f"bare backup-API copy {t_raw:.1f} s",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--pages", type=int, default=150, help="real pages imported in all")
    parser.add_argument("--large-articles", type=int, default=100_000)
    args = parser.parse_args(argv)

    captures = parse(real_pages(args.corpus, args.pages))
    if not captures:
        raise SystemExit(f"no saved pages imported from {args.corpus}")
    with tempfile.TemporaryDirectory(prefix="postil-backups-") as tmp:
        simulate(Path(tmp), captures, args.days)
    if args.large_articles:
        with tempfile.TemporaryDirectory(prefix="postil-backup-time-") as tmp:
            time_large_backup(Path(tmp), args.large_articles, args.corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
