"""Saved web pages and clipboard HTML: the article's text and structure through trafilatura,
the metadata from what the page declares, images from what the saved page carries.

Nothing here touches the network: trafilatura is handed a parsed tree, never a URL to fetch,
and images that are not inside the saved page become quiet placeholders.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from core.article import Block, BlockKind, ImportedArticle
from core.importers.captions import fold_captions
from core.importers.dates import find_date
from core.importers.errors import ImportRefused
from core.importers.galleries import drop_galleries
from core.importers.html_blocks import blocks_from_body
from core.importers.html_meta import read_meta
from core.importers.images import ImageCollector, folder_lookup, parts_lookup
from core.importers.links import safe_href
from core.importers.paragraphs import (
    repeated_paragraphs,
    restore_repeats,
)
from core.importers.quotes import lift_quotes
from core.importers.script import direction, guess_language, normalize_language
from core.importers.titles import choose_title
from core.importers.tuning import on

# What is done to the page before trafilatura reads it, in order, each a rule of its own.
_PREPARE = (
    ("html.captions", fold_captions),
    ("html.galleries", drop_galleries),
    ("html.quotes", lift_quotes),
)
_IMAGE_TOKEN = "postil-image-{}.png"
_MAX_TREE_ELEMENTS = 400_000


def parse_html(html: str) -> Any:
    """The page's tree, parsed as trafilatura expects it (comments and processing instructions
    dropped: comments inside paragraphs would otherwise cut their text). A page lxml cannot
    make anything of is refused."""
    from lxml import etree
    from trafilatura.utils import load_html

    text = html.lstrip("\ufeff")
    if not text.strip():
        raise ImportRefused("the page is empty")
    if "<html" not in text[:2000].lower():
        text = f"<html><body>{text}</body></html>"  # a fragment, as the clipboard gives it
    try:
        tree = load_html(text)
    except (etree.LxmlError, ValueError, TypeError) as exc:
        raise ImportRefused(f"the page could not be read as HTML ({exc})") from None
    if tree is None or not len(tree):
        raise ImportRefused("the page could not be read as HTML")
    return tree


def _first_candidate(img: Any) -> str | None:
    """The first source an image without a src offers in its srcset, or in its <picture>'s
    <source>s (a responsive image written without a fallback src)."""
    for holder in [img, *img.xpath("ancestor::picture[1]//source")]:
        srcset = (holder.get("srcset") or holder.get("data-srcset") or "").split()
        if srcset:
            return srcset[0].rstrip(",")  # a URL runs to the first space; commas may be in it
    return None


def _stash_image_sources(tree: Any) -> dict[str, str]:
    """Give every image a short local name trafilatura keeps as it is (it drops data: URIs and
    rewrites relative paths); returns name -> the image's original source."""
    stash: dict[str, str] = {}
    for img in tree.iter("img"):
        src = img.get("src")
        lazy = img.get("data-src") or img.get("data-lazy-src") or img.get("data-original")
        if lazy and (not src or (src[:5].lower() == "data:" and len(src) < 200)):
            src = lazy  # a lazy-loading placeholder pixel stands in for the real image
        src = src or _first_candidate(img)
        if not src:
            continue
        token = _IMAGE_TOKEN.format(len(stash))
        stash[token] = src.strip()
        img.set("src", token)
        for attr in ("data-src", "data-lazy-src", "data-original", "srcset", "data-srcset"):
            img.attrib.pop(attr, None)
    return stash


def _extract(tree: Any) -> Any:
    """Trafilatura's body. No URL is given: links are resolved once, by safe_href, and
    trafilatura would otherwise resolve every link and image of the page first."""
    import trafilatura

    return trafilatura.bare_extraction(
        tree,
        include_comments=False,
        include_images=True,
        include_formatting=True,
        include_links=True,
        include_tables=True,
        with_metadata=False,  # read_meta does it (with the offset trafilatura drops), faster
        deduplicate=False,
    )


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _strip_lead(blocks: list[Block], title: str) -> tuple[list[Block], str | None]:
    """Drop the title heading that opens the body and the short kicker line above it (returned
    as the section): the reader shows the title on its own."""
    for i, block in enumerate(blocks[:4]):
        if block.kind in (BlockKind.HEADING, BlockKind.PARAGRAPH) and _same(block.text, title):
            before = blocks[:i]
            if all(len(b.text.split()) <= 4 for b in before):
                kicker = None
                texts = [b for b in before if b.text]
                if len(texts) == 1 and not any(ch.isdigit() for ch in texts[0].text):
                    kicker = texts[0].text
                return blocks[i + 1 :], kicker
            return blocks[:i] + blocks[i + 1 :], None
    return blocks, None


def _is_dateline(block: Block) -> bool:
    """A short line that only gives the date (and maybe the author): metadata, not body."""
    text = block.text
    if block.kind is BlockKind.IMAGE or not text or len(text.split()) > 12:
        return False
    found = find_date(text)
    return found is not None and (found[1][1] - found[1][0]) >= 0.4 * len(text)


def _strip_datelines(blocks: list[Block]) -> list[Block]:
    head = blocks[:3]
    kept = [b for b in head if not _is_dateline(b)]
    return kept + blocks[3:] if len(kept) < len(head) else blocks


def _has_article_text(blocks: list[Block], link_texts: set[str]) -> bool:
    """Some words that are not merely the page's links (a menu is not an article)."""
    texts = [b.text for b in blocks if b.text and re.search(r"\w", b.text)]
    return bool(texts) and not all(" ".join(t.split()) in link_texts for t in texts)


def import_html(
    html: str,
    *,
    original: bytes,
    source_name: str = "",
    folder: Path | None = None,
    parts: Mapping[str, bytes] | None = None,
    location: str | None = None,
    source_kind: str = "html",
) -> ImportedArticle:
    """Import one page. `folder` is where a saved page lies (its `_files` images are read from
    there), `parts` the resources of an MHTML file, `location` the address it was saved from."""
    tree = parse_html(html)
    if tree.xpath("count(//*)") > _MAX_TREE_ELEMENTS:  # counted in C, no element proxies
        raise ImportRefused("the page is too large to read as an article")
    meta = read_meta(tree, html, location=location)
    link_texts = {" ".join(a.text_content().split()) for a in tree.iter("a")}
    stash = _stash_image_sources(tree)
    for rule, step in _PREPARE:
        if on(rule):
            step(tree)
    repeats = repeated_paragraphs(tree) if on("html.repeats") else {}

    try:
        doc = _extract(tree)  # trafilatura works on a copy of the tree
    except ImportRefused:
        raise
    except Exception as exc:  # trafilatura and lxml raise many kinds on broken pages
        raise ImportRefused(f"the page could not be read ({type(exc).__name__})") from None
    if doc is None or doc.body is None or not (doc.text or "").strip():
        raise ImportRefused("no article text was found in this page")
    if repeats:
        restore_repeats(doc.body, repeats)

    lookup = None
    if parts is not None:
        lookup = parts_lookup(parts, meta.base_url)
    elif folder is not None:
        lookup = folder_lookup(folder)
    collector = ImageCollector(lookup)

    def image_key(src: str | None) -> str | None:
        name = (src or "").rsplit("/", 1)[-1]
        return collector.key_for(stash[name]) if name in stash else None

    blocks = blocks_from_body(
        doc.body, images=image_key, links=lambda href: safe_href(href, meta.base_url)
    )
    title = choose_title(meta.titles, None, meta.site)
    blocks, kicker = _strip_lead(blocks, title) if title and on("html.lead") else (blocks, None)
    blocks = _strip_datelines(blocks) if on("html.datelines") else blocks
    if not _has_article_text(blocks, link_texts):
        raise ImportRefused("no article text was found in this page")
    if not title:
        title = next(b.text for b in blocks if b.text)[:200]

    text = "\n".join(b.text for b in blocks if b.text)
    language = normalize_language(meta.language) or guess_language(text)
    section = meta.section or kicker
    return ImportedArticle(
        title=title,
        blocks=blocks,
        original=original,
        source_kind=source_kind,
        source_name=source_name,
        byline=meta.byline,
        site=meta.site,
        url=meta.url,
        section=section,
        published=meta.published,
        language=language,
        direction="rtl" if meta.rtl else direction(text, language),
        images=list(collector.images.values()),
    )
