"""An article body the page splits into several containers of the same class, with adverts or
promotions between them. Trafilatura takes the first container that looks like a body and
stops there, so everything after the first advert would be lost: the later pieces are moved
into the first before extraction."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

# The class names trafilatura's first body rule looks for, as a cheap pre-check: its XPath is
# costly, and only a page repeating one of these classes can have a split body.
_BODY_CLASS = re.compile(
    r"^(?:post|entry)$|post[-_]text|post-body|post-?entry|post[-_]?content|postContent"
    r"|article-?text|articleText|(?:entry|page|text|article|art)-content|article__content"
    r"|article(?:-|__)?body|articleBody|ArticleContent|body-text|article__container"
)
_CONTAINER_TAGS = ("div", "section", "article", "main")


def _first_body(tree: Any) -> Any | None:
    """The container trafilatura's first body rule picks (its own expression, so both agree)."""
    from trafilatura.xpaths import BODY_XPATH

    return next((found for found in BODY_XPATH[0](tree) if found is not None), None)


def _grandparent(element: Any) -> Any | None:
    parent = element.getparent()
    return parent.getparent() if parent is not None else None


def _is_piece_of(element: Any, first: Any) -> bool:
    """A sibling of the first piece, or a cousin in the same layout grid (one level up): the
    same depth, so never inside it nor around it."""
    parent = element.getparent()
    if parent is None or element is first:
        return False
    return parent is first.getparent() or _grandparent(element) is _grandparent(first)


def _repeats_a_body_class(tree: Any) -> bool:
    counts = Counter(element.get("class") for element in tree.iter(_CONTAINER_TAGS))
    return any(n > 1 and name and _BODY_CLASS.search(name) for name, n in counts.items())


def join_split_body(tree: Any) -> None:
    """Move the children of the body's later pieces into its first piece, in reading order."""
    if not _repeats_a_body_class(tree):
        return
    first = _first_body(tree)
    name = first.get("class") if first is not None else None
    if not name or _grandparent(first) is None:
        return
    for piece in tree.xpath("//*[@class = $name]", name=name):
        if _is_piece_of(piece, first):
            first.extend(list(piece))
            piece.getparent().remove(piece)
