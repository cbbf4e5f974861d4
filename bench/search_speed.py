"""Search as you type on the library fixture (bench.library_fixture): the window's first page
of results for every keystroke of real queries, against raw FTS5 ranking the same match.

    python -m bench.search_speed [--articles 100000] [--queries 60] [--rounds 3]

Queries are words of the fixture's own articles (drawn from random articles, so common
words come up as often as they occur; several languages), typed one letter at a time from
the third, some followed by a second word; each keystroke is a query. For each one:

- ours: what the window does for a keystroke: Search.articles(q, limit=PAGE, snippets=False)
  (ranked ids in tiers: exact words, other forms by stem, prefixes; with titles) and the
  snippets of the first VISIBLE rows (Search.snippets), marking the words as written;
- baseline: raw FTS5 ranking the same words as typed (the last a prefix, as the window's
  search did before stemming): SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?
  ORDER BY rank LIMIT PAGE. No stems, no titles, no snippets.

Both are timed in turn for each keystroke, --rounds times; each keystroke's median counts.
Prints the medians and p95s, the ratio of the p95s (target <= 1.2x) and the absolute p95
(target <= 30 ms), and ends with one line:
`search p95 N ms at 100,000 articles; raw FTS5 p95 M ms`.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.results import record  # noqa: E402

# what the window's search worker asks for per keystroke (ui/library/search_runner.py;
# tests/ui/library/test_search_as_you_type.py keeps them the same)
PAGE = 200  # ranked hits
VISIBLE = 20  # hits whose snippets come with them
HIGHLIGHTS = 50  # matching highlights and notes, below the articles
TARGET_RATIO = 1.2
TARGET_P95 = 0.030


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def keystrokes(conn: sqlite3.Connection, count: int, seed: int = 5) -> list[str]:
    """Queries as typed: each word from the third letter on, sometimes a second word."""
    from core.stemming import tokens

    rng = random.Random(seed)
    top = conn.execute("SELECT max(id) FROM articles").fetchone()[0]
    typed: list[str] = []
    words_done = 0
    while words_done < count:
        row = conn.execute(
            "SELECT text FROM articles WHERE id >= ? ORDER BY id LIMIT 1",
            [rng.randint(1, top)],
        ).fetchone()
        words = [w for w in tokens(row[0]) if len(w) >= 4 and not w.isdigit()]
        if len(words) < 2:
            continue
        first = rng.choice(words)
        for n in range(3, len(first) + 1):
            typed.append(first[:n])
        words_done += 1
        if rng.random() < 0.3:
            second = rng.choice(words)
            for n in range(3, len(second) + 1):
                typed.append(f"{first} {second[:n]}")
    return typed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=60, help="words typed")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    from bench.library_fixture import ensure
    from storage.library import Library
    from storage.search import fts_query

    path = ensure(args.articles)
    with Library.open(path) as library:
        conn = library.conn
        pending = conn.execute("SELECT count(*) FROM stems_pending").fetchone()[0]
        if pending:
            raise SystemExit(f"the fixture has {pending} articles without stems; rebuild it")
        typed = keystrokes(conn, args.queries)
        search = library.search
        raw_sql = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?"

        def ours(q: str) -> None:
            hits = search.articles(q, limit=PAGE, snippets=False)
            search.snippets(q, [h.id for h in hits[:VISIBLE]])

        def raw(q: str) -> None:
            conn.execute(raw_sql, [fts_query(q), PAGE]).fetchall()

        raw_notes_sql = (
            "SELECT rowid FROM annotations_fts WHERE annotations_fts MATCH ? ORDER BY rank LIMIT ?"
        )

        def notes(q: str) -> None:  # the rest of the window's keystroke: highlights, notes
            search.highlights(q, limit=HIGHLIGHTS)

        def raw_notes(q: str) -> None:
            conn.execute(raw_notes_sql, [fts_query(q), HIGHLIGHTS]).fetchall()

        for q in typed[:20]:  # warm the page cache and the stemmers
            ours(q)
            raw(q)
        ours_times: dict[str, list[float]] = {q: [] for q in typed}
        raw_times: dict[str, list[float]] = {q: [] for q in typed}
        notes_times: dict[str, list[float]] = {q: [] for q in typed}
        raw_notes_times: dict[str, list[float]] = {q: [] for q in typed}
        for _ in range(args.rounds):
            for q in typed:
                for run, times in (
                    (raw, raw_times),
                    (ours, ours_times),
                    (raw_notes, raw_notes_times),
                    (notes, notes_times),
                ):
                    start = time.perf_counter()
                    run(q)
                    times[q].append(time.perf_counter() - start)
        ours_each = [statistics.median(v) for v in ours_times.values()]
        raw_each = [statistics.median(v) for v in raw_times.values()]
        whole_each = [
            statistics.median(a) + statistics.median(b)
            for a, b in zip(ours_times.values(), notes_times.values(), strict=True)
        ]
        raw_whole_each = [
            statistics.median(a) + statistics.median(b)
            for a, b in zip(raw_times.values(), raw_notes_times.values(), strict=True)
        ]
        slowest = sorted(ours_times, key=lambda q: -statistics.median(ours_times[q]))[:5]

    ours_p95, raw_p95 = p95(ours_each), p95(raw_each)
    ratio = ours_p95 / raw_p95 if raw_p95 else float("inf")
    n = f"{args.articles:,}"
    print(f"{len(typed)} keystrokes of {args.queries} words typed, {args.rounds} rounds each")
    print(
        f"ours: median {statistics.median(ours_each) * 1000:.1f} ms, p95 {ours_p95 * 1000:.1f} ms"
        f"  (first page: {PAGE} ranked hits, snippets of {VISIBLE})"
    )
    print(
        f"raw FTS5: median {statistics.median(raw_each) * 1000:.1f} ms, "
        f"p95 {raw_p95 * 1000:.1f} ms  (ORDER BY rank LIMIT {PAGE})"
    )
    print("slowest keystrokes: " + ", ".join(repr(q) for q in slowest))
    whole_p95, raw_whole_p95 = p95(whole_each), p95(raw_whole_each)
    print(
        f"the window's whole keystroke (articles, snippets and {HIGHLIGHTS} matching "
        f"highlights): median {statistics.median(whole_each) * 1000:.1f} ms, p95 "
        f"{whole_p95 * 1000:.1f} ms; raw FTS5 on both tables p95 {raw_whole_p95 * 1000:.1f} ms "
        f"({whole_p95 / raw_whole_p95 if raw_whole_p95 else float('inf'):.2f}x)"
    )
    ratio_met = ratio <= TARGET_RATIO
    p95_met = ours_p95 <= TARGET_P95
    print(
        f"p95 ratio {ratio:.2f}x (target <= {TARGET_RATIO:.2f}x: "
        f"{'met' if ratio_met else 'NOT met'}); p95 {ours_p95 * 1000:.1f} ms "
        f"(target <= {TARGET_P95 * 1000:.0f} ms: {'met' if p95_met else 'NOT met'})"
    )
    record(
        f"search as you type p95, first page, {n} articles: {ours_p95 * 1000:.1f} ms",
        ratio=ratio,
        baseline=f"raw FTS5 same match p95 {raw_p95 * 1000:.1f} ms",
        target=f"<= {TARGET_RATIO:.2f}x, <= {TARGET_P95 * 1000:.0f} ms",
        met=ratio_met and p95_met,
    )
    print(
        f"search p95 {ours_p95 * 1000:.0f} ms at {n} articles; raw FTS5 p95 {raw_p95 * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
