"""How much the library grows per article on real saved pages, images aside, as ratios
against the same pages stored the way Postil stored them before (originals and content
blocks uncompressed), imported in the same run:

- a new library (originals and contents compressed on import) against the baseline;
  target: at most 40 KB per article;
- an old library (the baseline's file, as an older Postil left it) after the background
  compaction and its one-time VACUUM (storage.compaction); same target.

The pages are every saved page of the shared corpus (html/aeb, html/modern,
html/readability). Sizes are SQLite's own page accounting (dbstat) after a checkpoint, the
free list included: what the file takes on disk, less the pages of the images table.

    python -m bench.library_size [--corpus DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import contextlib
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpus import DEFAULT_CORPUS, Page, aeb_html, readability_html  # noqa: E402
from bench.results import record  # noqa: E402

TARGET_KB = 40.0
KB = 1024


def modern_html(corpus: Path):
    import gzip

    for path in sorted((corpus / "html" / "modern").glob("*.html.gz")):
        yield Page(path.name.removesuffix(".html.gz"), gzip.decompress(path.read_bytes()), ".html")


def real_pages(corpus: Path, limit: int | None = None) -> list[Page]:
    pages = [*aeb_html(corpus), *modern_html(corpus), *readability_html(corpus)]
    return pages[:limit] if limit else pages


def parse(pages: list[Page]) -> list:
    """The pages as Postil imports them (the importers' own work, done once for all runs)."""
    from core.importers.dispatch import import_bytes
    from core.importers.errors import ImportRefused

    captures = []
    for page in pages:
        with contextlib.suppress(ImportRefused):
            captures.append(import_bytes(page.data, name=page.id + ".html", suffix=".html"))
    return captures


@contextlib.contextmanager
def uncompressed_rows():
    """Postil as it was before: originals stored verbatim, content blocks as plain JSON."""
    from storage import originals

    real, real_text = originals.pack, originals.pack_text
    originals.pack = lambda data: bytes(data)
    originals.pack_text = lambda text: text
    try:
        yield
    finally:
        originals.pack, originals.pack_text = real, real_text


def fill(path: Path, captures: list) -> int:
    """Import every capture, one transaction each as the window does; returns captures kept."""
    from storage.library import Library

    with Library.open(path) as library:
        for imported in captures:
            library.articles.add(imported)
        return stored_captures(library.conn)


def stored_captures(conn: sqlite3.Connection) -> int:
    return sum(
        conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("articles", "article_versions")
    )


def measure(path: Path) -> dict[str, float]:
    """Bytes on disk, images aside, and how much of it is originals, after a checkpoint."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        images = conn.execute(
            "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name IN "
            "('images', 'sqlite_autoindex_images_1')"
        ).fetchone()[0]
        originals = sum(
            conn.execute(f"SELECT coalesce(sum(length(original)), 0) FROM {t}").fetchone()[0]
            for t in ("articles", "article_versions")
        )
        contents = sum(  # bytes as stored: a TEXT value's UTF-8, a BLOB's frame
            conn.execute(
                f"SELECT coalesce(sum(length(CAST(content AS BLOB))), 0) FROM {t}"
            ).fetchone()[0]
            for t in ("articles", "article_versions")
        )
        captures = stored_captures(conn)
        tables = conn.execute(
            "SELECT name, sum(pgsize) AS size FROM dbstat GROUP BY name ORDER BY size DESC LIMIT 8"
        ).fetchall()
    finally:
        conn.close()
    return {
        "bytes": pages * page - images,
        "originals": originals,
        "captures": captures,
        "per_article_kb": (pages * page - images) / captures / KB,
        "originals_kb": originals / captures / KB,
        "contents_kb": contents / captures / KB,
        "tables": ", ".join(f"{name} {size / captures / KB:.1f}" for name, size in tables),
    }


def report(label: str, ours: dict[str, float], base: dict[str, float]) -> None:
    kb, base_kb = ours["per_article_kb"], base["per_article_kb"]
    met = kb <= TARGET_KB
    print(
        f"{label}: {kb:.1f} KB/article ({ours['originals_kb']:.1f} KB of it originals, "
        f"{ours['contents_kb']:.1f} KB contents), baseline {base_kb:.1f} KB/article "
        f"({base['originals_kb']:.1f} KB originals, {base['contents_kb']:.1f} KB contents): "
        f"{kb / base_kb:.2f}x; target <= {TARGET_KB:.0f} KB/article: "
        f"{'met' if met else 'NOT met'}"
    )
    record(
        f"{label} {kb:.1f} KB/article",
        ratio=kb / base_kb,
        baseline=f"originals and contents uncompressed {base_kb:.1f} KB/article",
        target=f"<= {TARGET_KB:.0f} KB/article ({TARGET_KB / base_kb:.2f}x)",
        met=met,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    args = parser.parse_args(argv)

    from storage import compaction
    from storage.library import Library

    started = time.perf_counter()
    captures = parse(real_pages(args.corpus, args.limit))
    if not captures:
        raise SystemExit(f"no saved pages imported from {args.corpus}")
    print(f"{len(captures)} real saved pages parsed in {time.perf_counter() - started:.0f} s")
    with tempfile.TemporaryDirectory(prefix="postil-size-") as tmp:
        base_path, ours_path = Path(tmp) / "baseline.postil", Path(tmp) / "ours.postil"
        with uncompressed_rows():
            t0 = time.perf_counter()
            fill(base_path, captures)
            t_base = time.perf_counter() - t0
        t0 = time.perf_counter()
        fill(ours_path, captures)
        t_ours = time.perf_counter() - t0
        base = measure(base_path)
        ours = measure(ours_path)
        print(
            f"{base['captures']:.0f} captures stored; import into the library "
            f"{t_ours:.1f} s compressed, {t_base:.1f} s uncompressed"
        )
        print(f"KB/article by table, baseline: {base['tables']}")
        print(f"KB/article by table, new library: {ours['tables']}")
        report("new library", ours, base)

        with Library.open(base_path) as library:  # the baseline file as an old library
            t0 = time.perf_counter()
            outcome = compaction.compact(library.conn)
            took = time.perf_counter() - t0
        compacted = measure(base_path)
        print(
            f"compaction of the old library: {outcome.packed} captures in {took:.1f} s, "
            f"file {base['bytes'] / 2**20:.1f} MB -> {compacted['bytes'] / 2**20:.1f} MB "
            f"({outcome.state})"
        )
        report("old library compacted", compacted, base)
    return 0


if __name__ == "__main__":
    sys.exit(main())
