"""Photo galleries, slideshows and carousels embedded in an article: their slides' titles,
captions and credits are not the article's text, yet trafilatura reads them as paragraphs
when they sit inside the article's container."""

from __future__ import annotations

import re
from typing import Any

from core.importers import tuning as t

_CLASS_WORD = re.compile(r"galler(?:y|ies)|slideshow|carousel", re.IGNORECASE)
# The containers a gallery is built from (a Python scan of these beats a regex XPath).
_CONTAINER_TAGS = ("div", "section", "ul", "ol", "figure", "aside")
# How many items make a gallery, and how much of the page's text it may hold before it is
# the page's content: core.importers.tuning.


def _text_length(element: Any) -> int:
    return sum(len(piece.strip()) for piece in element.itertext())


def _is_gallery(element: Any) -> bool:
    if not _CLASS_WORD.search(element.get("class") or ""):
        return False
    return len(element.xpath(".//li | .//img | .//figure")) >= t.GALLERY_MIN_ITEMS


def drop_galleries(tree: Any) -> None:
    """Remove galleries of several items, unless one carries most of the page's text."""
    found = [e for e in tree.iter(_CONTAINER_TAGS) if _is_gallery(e)]
    if not found:
        return
    page_length = _text_length(tree)
    outer = set(found)
    for element in found:
        if element.getparent() is None or any(a in outer for a in element.iterancestors()):
            continue
        if _text_length(element) <= t.GALLERY_MAX_SHARE * page_length:
            element.drop_tree()
