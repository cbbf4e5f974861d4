"""A library that looks like an analyst's, for every scale benchmark: N articles (100,000 for
the report) built from the shared corpus, cached under bench/out/.

    python -m bench.library_fixture [--articles 100000] [--corpus DIR] [--rebuild]

Each article's body is 600-2,000 words of paragraphs drawn from the corpus texts of one
language (the gold bodies of the AEB, modern and readability pages, and the Russian and
Arabic sample captures), shuffled: the vocabulary is real and Zipfian, several languages
are present (English most, then Russian, French, Spanish, Arabic, Portuguese). One
article in ten is a saved page whose original is a real corpus page (a few hundred KB), the
others browser text whose original is the text; one in ten carries a picture; one in fifty
has an older version. 300,000 highlights (for 100,000 articles; 3 per article) of real
passages, over 2,000 tags, a note on a quarter of them; a fifth of the articles opened, a
twentieth done.

The library is made by Postil's own storage (Library.open: its schema, its triggers, its
stored form of originals, storage.originals.pack) and filled with bulk inserts in large
transactions (the API's one transaction per article would take hours); the stemmed index
is then built by storage.stems.catch_up, as for a library made before stemming. Built into
a temporary file and renamed when complete: an interrupted build leaves no half fixture.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SAMPLES = ROOT.parent / "shared" / "samples"
FIXTURE_VERSION = "2"  # bump when the generator changes: cached fixtures are rebuilt
HIGHLIGHTS_PER_ARTICLE = 3
TAGS = 2_000
SEED = 17

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.corpus import DEFAULT_CORPUS  # noqa: E402


def fixture_path(articles: int) -> Path:
    return OUT / f"library-{articles}.postil"


@dataclass
class Pool:
    """The paragraphs of one language, and the sites and saved pages they came from."""

    paragraphs: list[str] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)
    pages: list[Path] = field(default_factory=list)


def _paragraphs(body: str) -> list[str]:
    out = []
    for p in re.split(r"\n\s*\n|\n", body):
        p = " ".join(p.split())
        if len(p.split()) >= 8:
            out.append(p)
    return out


def _site(url: str | None) -> str | None:
    if not url:
        return None
    host = re.sub(r"^https?://", "", url).split("/")[0]
    return host.removeprefix("www.") or None


def load_pools(corpus: Path) -> dict[str, Pool]:
    """Paragraphs per language from the corpus's gold bodies and the samples."""
    from core.importers.script import guess_language, normalize_language

    pools: dict[str, Pool] = {}

    def add(body: str, language: str | None, url: str | None, page: Path | None) -> None:
        language = normalize_language(language) or guess_language(body) or "en"
        pool = pools.setdefault(language, Pool())
        pool.paragraphs += _paragraphs(body)
        if site := _site(url):
            pool.sites.append(site)
        if page is not None and page.exists():
            pool.pages.append(page)

    for kind in ("aeb", "modern"):
        truth = json.loads((corpus / "html" / kind / "ground-truth.json").read_text("utf-8"))
        for key, item in truth.items():
            page = corpus / "html" / kind / f"{key}.html.gz"
            add(item.get("articleBody") or "", None, item.get("url"), page)
    for expected in sorted((corpus / "html" / "readability").glob("*/expected.json")):
        item = json.loads(expected.read_text("utf-8"))
        add(item.get("body") or "", item.get("lang"), None, expected.parent / "source.html")
        if item.get("site_name"):
            pools[normalize_language(item.get("lang")) or "en"].sites.append(item["site_name"])
    for sample, encoding in (
        ("latakia-port-ru.cp1251.txt", "cp1251"),
        ("latakia-port-ar.txt", "utf-8"),
        ("caliber-syria-alawites.txt", "utf-8"),
    ):
        path = SAMPLES / sample
        if path.exists():
            add(path.read_text(encoding), None, None, None)
    return {k: v for k, v in pools.items() if len(v.paragraphs) >= 5}


# How often each language's articles occur, where the corpus has it (the rest share "en").
LANGUAGE_SHARE = {"ru": 0.06, "ar": 0.01, "fr": 0.03, "es": 0.02, "pt": 0.01}


def _read_page(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def build(path: Path, articles: int, corpus: Path = DEFAULT_CORPUS) -> dict[str, float]:
    """Build the fixture at path (replacing it); returns timings of its stages (seconds)."""
    from core.article import Block, BlockKind, Span, canonical_text, content_hash
    from core.content import blocks_to_json
    from storage import originals, stems
    from storage.library import Library

    rng = random.Random(SEED)
    pools = load_pools(corpus)
    languages = [code for code in LANGUAGE_SHARE if code in pools]
    weights = [LANGUAGE_SHARE[c] for c in languages]
    languages.append("en")
    weights.append(1 - sum(weights))
    picture = (SAMPLES / "latakia-port_files" / "photo.png").read_bytes()
    page_cache: dict[Path, bytes] = {}
    tag_names = [f"{w}-{i}" for i, w in enumerate(_tag_words(pools["en"], rng, TAGS))]
    timings: dict[str, float] = {}

    tmp = path.with_name(path.name + ".building")  # an interrupted build resumes there
    started = time.perf_counter()
    with Library.open(tmp) as library:
        conn = library.conn
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -400000")
        _current_stems_table(conn)
        conn.execute("BEGIN")
        first = 1 + conn.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
        if first == 1:
            for index, tag in enumerate(tag_names, start=1):
                conn.execute("INSERT INTO tags (id, name) VALUES (?, ?)", [index, tag])
        else:
            print(f"resuming at article {first:,}", flush=True)
        sql = "SELECT coalesce(max(id), 0) FROM annotations"
        annotation_id = conn.execute(sql).fetchone()[0]
        hashes = {row[0] for row in conn.execute("SELECT content_hash FROM articles")}
        for article_id in range(first, articles + 1):
            rng = random.Random(SEED * 1_000_003 + article_id)  # the same, resumed or not
            language = rng.choices(languages, weights)[0]
            pool = pools[language]
            target = rng.randint(600, 2000)
            paragraphs: list[str] = []
            words = 0
            while words < target:
                p = rng.choice(pool.paragraphs)
                paragraphs.append(p)
                words += len(p.split())
            head = paragraphs[0].split()
            title = " ".join(head[: rng.randint(5, 11)]).rstrip(".,;:") + f" ({article_id})"
            blocks = [Block(BlockKind.PARAGRAPH, (Span(p),)) for p in paragraphs]
            images = []
            if article_id % 10 == 3:
                data = picture + article_id.to_bytes(4, "big")  # one picture per article
                key = hashlib.sha256(data).hexdigest()
                images.append((key, "image/png", data))
                blocks.insert(2, Block(BlockKind.IMAGE, image=key, alt="A photograph"))
            text = canonical_text(blocks)
            while content_hash(text) in hashes:  # a small pool may repeat a draw
                blocks.append(Block(BlockKind.PARAGRAPH, (Span(rng.choice(pool.paragraphs)),)))
                text = canonical_text(blocks)
            hashes.add(content_hash(text))
            if article_id % 10 == 7 and pool.pages:
                page = rng.choice(pool.pages)
                if page not in page_cache:
                    page_cache[page] = _read_page(page)
                original, kind = page_cache[page], "html"
            else:
                original, kind = text.encode(), "text"
            day = 1 + rng.randrange(730)
            published = time.strftime("%Y-%m-%d", time.gmtime(1_700_000_000 + day * 86400))
            captured = f"{published}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00+00:00"
            site = rng.choice(pool.sites) if pool.sites else None
            version = 2 if article_id % 50 == 11 else 1
            conn.execute(
                "INSERT INTO articles (id, title, site, url, published, captured, language, "
                "direction, source_kind, source_name, original, text, content, content_hash, "
                "version, added) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, ?)",
                [
                    article_id,
                    title,
                    site,
                    f"https://{site or 'example.org'}/a/{article_id}",
                    f"{published}T08:00:00+00:00",
                    captured,
                    language,
                    "rtl" if language == "ar" else "ltr",
                    kind,
                    originals.pack(original),
                    text,
                    originals.pack_text(blocks_to_json(blocks)),
                    content_hash(text),
                    version,
                    captured,
                ],
            )
            for key, mime, data in images:
                conn.execute(
                    "INSERT INTO images (article_id, key, mime, data) VALUES (?, ?, ?, ?)",
                    [article_id, key, mime, data],
                )
            if version == 2:
                older = paragraphs[1:] + paragraphs[:1]
                old_blocks = [Block(BlockKind.PARAGRAPH, (Span(p),)) for p in older]
                old_text = canonical_text(old_blocks)
                conn.execute(
                    "INSERT INTO article_versions (article_id, version, title, captured, "
                    "source_kind, original, text, content, content_hash) "
                    "VALUES (?, 1, ?, ?, 'text', ?, ?, ?, ?)",
                    [
                        article_id,
                        title,
                        captured,
                        originals.pack(old_text.encode()),
                        old_text,
                        originals.pack_text(blocks_to_json(old_blocks)),
                        content_hash(old_text),
                    ],
                )
            for _ in range(HIGHLIGHTS_PER_ARTICLE):
                annotation_id += 1
                start = rng.randrange(max(1, len(text) - 400))
                end = start + rng.randint(20, 300)
                quote = text[start:end]
                if not quote.strip():
                    quote, start, end = text[:40], 0, 40
                note = rng.choice(pool.paragraphs)[:200] if annotation_id % 4 == 0 else ""
                conn.execute(
                    "INSERT INTO annotations (id, article_id, version, quote, prefix, suffix, "
                    'start, "end", color, note, created, updated) '
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        annotation_id,
                        article_id,
                        version,
                        quote,
                        text[max(0, start - 32) : start],
                        text[end : end + 32],
                        start,
                        end,
                        rng.choice(("yellow", "yellow", "green", "blue", "red", "purple")),
                        note,
                        captured,
                        captured,
                    ],
                )
                tag_ids = {min(TAGS, int(rng.paretovariate(0.8))) for _ in range(rng.randint(1, 2))}
                tag_ids.add(1 + annotation_id % TAGS)  # every tag is used
                conn.executemany(
                    "INSERT OR IGNORE INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)",
                    [(annotation_id, t) for t in tag_ids],
                )
            roll = rng.random()
            if roll < 0.2:
                status = "done" if roll < 0.05 else "reading"
                conn.execute(
                    "INSERT INTO reading_state (article_id, position, opened, status, progress) "
                    "VALUES (?, 0, ?, ?, ?)",
                    [article_id, captured, status, 100 if status == "done" else 40],
                )
            if article_id % 2000 == 0:
                conn.execute("COMMIT")
                conn.execute("BEGIN")
                elapsed = time.perf_counter() - started
                print(f"  {article_id:,} articles, {elapsed:.0f} s", flush=True)
        conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('fixture', ?)",
            [json.dumps({"version": FIXTURE_VERSION, "articles": articles})],
        )
        conn.execute("COMMIT")
        timings["articles"] = time.perf_counter() - started
        print(f"articles written in {timings['articles']:.0f} s; stemming…", flush=True)
        started = time.perf_counter()
        stems.catch_up(conn, batch=1000)
        timings["stems"] = time.perf_counter() - started
        print(f"stems built in {timings['stems']:.0f} s; optimising…", flush=True)
        started = time.perf_counter()
        for table in (
            "articles_fts",
            "articles_stems",
            "articles_prefixes",
            "annotations_fts",
            "annotations_prefixes",
        ):
            conn.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("ANALYZE")
        timings["optimize"] = time.perf_counter() - started
    tmp.replace(path)
    for suffix in ("-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    return timings


def _current_stems_table(conn) -> None:
    """A build begun before the stems table took its present form gets it anew."""
    from storage.migrations import _V5, _statements

    row = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_stems'").fetchone()
    wanted = next(s for s in _statements(_V5) if "VIRTUAL TABLE articles_stems" in s)
    if row is not None and " ".join(row[0].split()) != " ".join(wanted.rstrip(";\n ").split()):
        raise SystemExit("the half-built fixture predates the present stems table: delete it")


def _tag_words(pool: Pool, rng: random.Random, count: int) -> list[str]:
    words = sorted(
        {w.lower() for p in pool.paragraphs[:3000] for w in re.findall(r"[A-Za-z]{5,12}", p)}
    )
    rng.shuffle(words)
    return (words * (count // max(1, len(words)) + 1))[:count]


def is_current(path: Path, articles: int) -> bool:
    if not path.exists():
        return False
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'fixture'").fetchone()
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return bool(row) and json.loads(row[0]) == {"version": FIXTURE_VERSION, "articles": articles}


def ensure(articles: int, corpus: Path = DEFAULT_CORPUS, *, rebuild: bool = False) -> Path:
    """The cached fixture of this many articles, built first when missing or out of date."""
    path = fixture_path(articles)
    if rebuild or not is_current(path, articles):
        OUT.mkdir(parents=True, exist_ok=True)
        print(f"building the library fixture of {articles:,} articles at {path}…", flush=True)
        timings = build(path, articles, corpus)
        total = sum(timings.values())
        stages = ", ".join(f"{k} {v:.0f} s" for k, v in timings.items())
        print(f"built in {total / 60:.1f} min ({stages})", flush=True)
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rebuild", action="store_true", help="build again even when cached")
    args = parser.parse_args(argv)
    path = ensure(args.articles, args.corpus, rebuild=args.rebuild)
    size = path.stat().st_size / 1e9
    print(f"{path.relative_to(ROOT)}: {args.articles:,} articles, {size:.2f} GB")


if __name__ == "__main__":
    main()
