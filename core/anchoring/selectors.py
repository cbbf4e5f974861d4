"""What the library stores for a highlight: W3C Web Annotation selectors on the canonical text.

A TextQuoteSelector (the quote with its prefix and suffix) and a TextPositionSelector (start
and end in code points), plus the article version they were made on. The quote and its
context are what re-anchoring relies on when positions no longer hold.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.anchoring.errors import AnchoringError, EmptySelection
from core.anchoring.graphemes import grapheme_ceil, grapheme_floor, snap_selection
from core.anchoring.units import has_lone_surrogate

CONTEXT_LENGTH = 32  # code points of prefix and suffix, at least, where the text allows


@dataclass(frozen=True, slots=True)
class TextSelector:
    """A stored highlight's anchor. start/end are None for an orphan."""

    quote: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    version: int | None = None


def context_around(
    text: str, start: int, end: int, length: int = CONTEXT_LENGTH
) -> tuple[str, str]:
    """(prefix, suffix) of [start, end): at least `length` code points each where the text
    allows, widened to whole clusters so neither begins or ends inside one."""
    prefix_start = grapheme_floor(text, max(0, start - length))
    suffix_end = grapheme_ceil(text, min(len(text), end + length))
    return text[prefix_start:start], text[end:suffix_end]


def describe(
    text: str, start: int, end: int, *, version: int | None = None, context: int = CONTEXT_LENGTH
) -> TextSelector:
    """The selector for a selection of [start, end) code points of the canonical text.

    The range is snapped outward to whole clusters and trimmed of surrounding whitespace, so
    the stored start/end may differ from the ones given.
    """
    start, end = snap_selection(text, start, end)
    if start == end:
        raise EmptySelection("the selection holds no text")
    quote = text[start:end]
    prefix, suffix = context_around(text, start, end, context)
    if has_lone_surrogate(prefix + quote + suffix):
        raise AnchoringError("the text holds a lone surrogate: it is not canonical text")
    return TextSelector(quote, prefix, suffix, start, end, version)
