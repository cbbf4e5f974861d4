"""Quoted posts (an embedded tweet, a quoted comment) sit in wrappers whose class names say
"widget" or "embed", which trafilatura discards as page furniture together with the quote.
What the article quotes is part of what it says: the quote is lifted out of wrappers that
hold nothing else before extraction."""

from __future__ import annotations

from typing import Any

_STOP_TAGS = frozenset({"html", "body", "article", "main"})


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())


def _hidden(element: Any) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return (
        "display:none" in style
        or element.get("hidden") is not None
        or element.get("aria-hidden") == "true"
    )


def _outer_wrapper(quote: Any, text: str) -> Any | None:
    """The outermost ancestor holding only the quote's text, or None if one of them is
    hidden (a quote nobody sees stays where trafilatura can drop it)."""
    outer = quote
    for ancestor in quote.iterancestors():
        if ancestor.tag in _STOP_TAGS or _text(ancestor) != text:
            break
        if _hidden(ancestor):
            return None
        outer = ancestor
    return outer


def lift_quotes(tree: Any) -> None:
    """Replace each blockquote's wrappers by the blockquote itself."""
    for quote in list(tree.iter("blockquote")):
        text = _text(quote)
        outer = _outer_wrapper(quote, text) if text else None
        if outer is None or outer is quote:
            continue
        quote.tail = outer.tail
        outer.getparent().replace(outer, quote)
