"""Export speed: a brief of 100 articles and 5,000 passages, grouped by tag, in every format.

The library is built in a temporary file; each export (query + grouping + rendering + writing
the file) is timed against a baseline measured in the same run: a raw SQLite SELECT of the
same rows with their tags, which no export can beat. Limits: Markdown, HTML and CSV under 1 s,
DOCX and PDF under 3 s; ODT is reported beside them.

    .venv/bin/python -m bench.export_speed
"""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

from bench.timing import median_seconds, report

ARTICLES = 100
PASSAGES_PER_ARTICLE = 50
TAGS = [f"topic {n}" for n in range(24)] + ["supply chain", "claims/verify", "2024"]
_PROSE = (
    "port traffic rose *sharply* as agents cited a backlog of materials; the ministry's "
    "figures (1. provisional) show <b>growth</b> & more | # not a heading `code` [link](x)"
)
WORDS = _PROSE.split()
LIMIT_SECONDS = 1.0  # the issue: Markdown, HTML and CSV under 1 s


def _article(rng: random.Random, number: int):
    from core.article import Block, BlockKind, ImportedArticle, Span

    paragraphs = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 90))) + f" ({number}.{p})"
        for p in range(12)
    ]
    return ImportedArticle(
        title=f"Report {number}: {' '.join(rng.choice(WORDS) for _ in range(5))}",
        blocks=[Block(BlockKind.PARAGRAPH, (Span(p),)) for p in paragraphs],
        original=b"",
        source_kind="text",
        url=f"https://example.com/reports/{number}",
        site="Example Gazette",
    )


def build_library(path: Path) -> None:
    """100 articles through the real import path; 5,000 highlights in one transaction."""
    from storage.library import Library

    rng = random.Random(20240501)
    with Library.open(path) as library:
        conn = library.db.conn
        rows, tag_rows = [], []
        for number in range(ARTICLES):
            outcome = library.articles.add(_article(rng, number))
            text = library.articles.get(outcome.article_id).text
            for _ in range(PASSAGES_PER_ARTICLE):
                start = rng.randrange(0, len(text) - 200)
                end = start + rng.randint(20, 180)
                note = rng.choice(["", "", "Check *this* against the ministry's data.\n\n# x"])
                rows.append(
                    (
                        outcome.article_id,
                        text[start:end],
                        text[start - 32 : start],
                        text[end : end + 32],
                        start,
                        end,
                        rng.choice(["yellow", "red"]),
                        note,
                    )
                )
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO tags (name) VALUES (?)", [(t,) for t in TAGS])
        for annotation_id, row in enumerate(rows, start=1):
            conn.execute(
                "INSERT INTO annotations (id, article_id, version, quote, prefix, suffix, start, "
                '"end", status, color, note, created, updated) '
                "VALUES (?, ?, 1, ?, ?, ?, ?, ?, 'anchored', ?, ?, '2024-05-01', '2024-05-01')",
                (annotation_id, *row),
            )
            for tag_id in rng.sample(range(1, len(TAGS) + 1), rng.choice([0, 1, 1, 2])):
                tag_rows.append((annotation_id, tag_id))
        conn.executemany(
            "INSERT INTO annotation_tags (annotation_id, tag_id) VALUES (?, ?)", tag_rows
        )
        conn.execute("COMMIT")


def main() -> int:
    from core.export.brief import BriefScope, Layout
    from core.export.markdown_brief import render_markdown
    from storage.brief_source import load_brief
    from storage.library import Library

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.postil"
        build_library(path)
        with Library.open(path) as library:
            conn = library.db.conn

            def baseline() -> object:
                return conn.execute(
                    "SELECT n.id, n.article_id, n.quote, n.note, n.color, n.status, n.start, "
                    "(SELECT group_concat(t.tag_id) FROM annotation_tags t "
                    "WHERE t.annotation_id = n.id) FROM annotations n"
                ).fetchall()

            def export() -> str:
                brief = load_brief(
                    library, BriefScope(), layout=Layout.TAG, generated="2024-05-01T00:00:00Z"
                )
                return render_markdown(brief)

            text = export()
            passages = library.annotations.count()
            print(
                f"brief of {library.articles.count()} articles, {passages} passages, by tag: "
                f"{len(text.encode()) // 1024} KiB of Markdown",
                flush=True,
            )
            ours = median_seconds(export, repeat=5)
            base = median_seconds(baseline, repeat=5)
            report(
                "export (query + render)",
                ours,
                base,
                baseline_label="raw SELECT",
                limit=LIMIT_SECONDS,
            )
            late = [ours >= LIMIT_SECONDS]
            for fmt, limit in FORMAT_LIMITS.items():
                seconds = median_seconds(
                    lambda f=fmt: _export_file(library, f, Path(folder)), repeat=3
                )
                report(
                    f"export to {fmt.upper()}",
                    seconds,
                    base,
                    baseline_label="raw SELECT",
                    limit=limit,
                )
                late.append(limit is not None and seconds >= limit)
    return 1 if any(late) else 0


FORMAT_LIMITS = {"html": 1.0, "csv": 1.0, "docx": 3.0, "pdf": 3.0, "odt": None}


def _export_file(library, fmt: str, folder: Path) -> None:
    """One brief, by tag, to a file of `fmt`: the command line's own path."""
    from cli.document_writers import write_document
    from core.export.brief import BriefScope, Layout
    from core.export.brief_data import brief_data
    from core.export.docx_brief import names_read, write_docx
    from core.export.files import write_atomically
    from core.export.templates import find_template, render
    from storage.brief_source import load_brief

    brief = load_brief(library, BriefScope(), layout=Layout.TAG, generated="2024-05-01T00:00:00Z")
    out = folder / f"brief.{fmt}"
    if fmt == "docx":
        write_docx(brief_data(brief, names_read("brief-by-tag")), "brief-by-tag", out)
    elif fmt in ("pdf", "odt"):
        html = render(brief, find_template("brief-by-tag", "html"))
        write_document(fmt, html, out, title=brief.title, generated=brief.generated)
    else:
        name = "highlights-table" if fmt == "csv" else "brief-by-tag"
        write_atomically(out, render(brief, find_template(name, fmt)))


if __name__ == "__main__":
    sys.exit(main())
