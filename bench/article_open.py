"""Opening articles in the reader, as ratios against baselines measured in the same run:

- a 50,000-word article in Postil's ArticleView against QTextBrowser.setHtml of the same
  article as HTML (target: at most 1.3x);
- the same article with 1,000 highlights against it with none (target: at most 1.3x).

Each time covers setting the content and painting the first screen.

    python -m bench.article_open [--words 50000] [--highlights 1000]
"""

from __future__ import annotations

import argparse
import html
import os
import random
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import WORDS  # noqa: E402


def make_article(words: int):
    from core.article import Block, BlockKind, ImportedArticle, Span

    rng = random.Random(3)
    blocks, written = [], 0
    while written < words:
        if len(blocks) % 12 == 0:
            blocks.append(
                Block(BlockKind.HEADING, (Span(f"Section {len(blocks) // 12}"),), level=2)
            )
        n = rng.randint(40, 120)
        text = " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."
        blocks.append(Block(BlockKind.PARAGRAPH, (Span(text),)))
        written += n
    return ImportedArticle(
        title="A very long report",
        blocks=blocks,
        original=b"",
        source_kind="text",
        site="Bench",
        byline="Bench desk",
    )


def as_html(article) -> str:
    from core.article import BlockKind

    parts = [f"<h1>{html.escape(article.title)}</h1><p>Bench · Bench desk</p><hr>"]
    for block in article.blocks:
        tag = "h2" if block.kind is BlockKind.HEADING else "p"
        parts.append(f"<{tag}>{html.escape(block.text)}</{tag}>")
    return "".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--highlights", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=11)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication, QTextBrowser

    from bench.timing import interleaved_medians, report
    from storage.annotations import NewAnnotation
    from storage.library import Library
    from ui.reader.article_view import ArticleView

    app = QApplication([])
    imported = make_article(args.words)
    page = as_html(imported)
    with tempfile.TemporaryDirectory() as tmp:
        library = Library.open(Path(tmp) / "bench.postil")
        plain_id = library.articles.add(imported).article_id
        article = library.articles.get(plain_id)
        text = article.text
        rng = random.Random(5)
        starts = sorted(rng.sample(range(0, len(text) - 40), args.highlights))
        for start in starts:
            library.annotations.add(
                plain_id,
                NewAnnotation(
                    quote=text[start : start + 30],
                    prefix="",
                    suffix="",
                    start=start,
                    end=start + 30,
                    color=rng.choice(["yellow", "green", "red"]),
                ),
            )

        browser = QTextBrowser()
        browser.resize(900, 800)
        browser.show()
        view = ArticleView(load_image=lambda _a, _k: None)
        view.resize(900, 800)
        view.show()
        app.processEvents()

        def baseline() -> None:
            browser.setHtml(page)
            browser.viewport().repaint()

        def ours() -> None:
            view.show_article(library.articles.get(plain_id))
            view.viewport().repaint()

        def ours_highlighted() -> None:
            view.show_article(library.articles.get(plain_id))
            view.set_highlights(library.annotations.spans(plain_id))  # as the window does
            view.viewport().repaint()

        def ours_plain() -> None:
            view.show_article(library.articles.get(plain_id))
            view.set_highlights([])
            view.viewport().repaint()

        t_base, t_ours = interleaved_medians([baseline, ours], repeat=args.repeat)
        t_plain, t_marked = interleaved_medians([ours_plain, ours_highlighted], repeat=args.repeat)
        print(
            f"article: {args.words:,} words, {len(text):,} characters, "
            f"{len(imported.blocks)} blocks"
        )
        report("open in ArticleView", t_ours, t_base, 1.3, baseline_label="QTextBrowser.setHtml")
        report(
            f"open with {args.highlights:,} highlights",
            t_marked,
            t_plain,
            1.3,
            baseline_label="same article, none",
        )
        library.close()


if __name__ == "__main__":
    main()
