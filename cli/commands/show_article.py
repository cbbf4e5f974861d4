"""postil show ID: an article's metadata, text and annotations."""

from __future__ import annotations

import argparse
from typing import Any

from cli.output import print_json
from storage.library import Library
from storage.records import Annotation, Article

NAME = "show"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(NAME, help="show one article with its annotations")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run)


def annotation_json(a: Annotation) -> dict[str, Any]:
    return {
        "id": a.id,
        "quote": a.quote,
        "prefix": a.prefix,
        "suffix": a.suffix,
        "start": a.start,
        "end": a.end,
        "status": a.status,
        "color": a.color,
        "tags": list(a.tags),
        "note": a.note,
        "version": a.version,
    }


def article_json(article: Article, annotations: list[Annotation]) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "byline": article.byline,
        "site": article.site,
        "url": article.url,
        "section": article.section,
        "published": article.published,
        "captured": article.captured,
        "language": article.language,
        "direction": article.direction,
        "text": article.text,
        "version": article.version,
        "annotations": [annotation_json(a) for a in annotations],
    }


def run(args: argparse.Namespace, library: Library) -> int:
    article = library.articles.get(args.id)
    annotations = library.annotations.for_article(args.id)
    if args.json:
        print_json(article_json(article, annotations))
        return 0
    print(article.title)
    meta = [m for m in (article.section, article.site, article.byline, article.published) if m]
    if meta:
        print(" · ".join(meta))
    if article.url:
        print(article.url)
    print()
    print(article.text)
    if annotations:
        print("\nAnnotations:")
        for a in annotations:
            where = f"{a.start}-{a.end}" if a.start is not None else "orphaned"
            tags = " ".join(f"#{t}" for t in a.tags)
            print(f"  #{a.id} [{a.color}, {where}, {a.status}] “{a.quote}” {tags}".rstrip())
            if a.note:
                print(f"      {a.note}")
    return 0
