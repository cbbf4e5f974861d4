"""Anchoring highlights to an article's canonical text (Qt-free).

A highlight is stored as W3C Web Annotation selectors (see selectors.TextSelector): its quote
with 32+ code points of prefix and suffix, and its start and end in code points. This package
makes them from a selection (describe), finds a quote as the reader would (locate_quote),
converts Qt's UTF-16 positions (units), keeps selections on whole grapheme clusters
(graphemes), and re-anchors highlights when an article gets a new version (reanchor_many).
"""

from core.anchoring.errors import AnchoringError, EmptySelection, QuoteNotFound
from core.anchoring.graphemes import (
    grapheme_ceil,
    grapheme_floor,
    is_grapheme_boundary,
    snap_selection,
)
from core.anchoring.locate import find_occurrences, locate_quote
from core.anchoring.reanchor import (
    ANCHORED,
    FUZZY,
    MOVED,
    ORPHANED,
    STATUSES,
    AnchorResult,
    reanchor,
    reanchor_many,
)
from core.anchoring.selectors import CONTEXT_LENGTH, TextSelector, context_around, describe
from core.anchoring.units import (
    Utf16Index,
    codepoint_to_utf16,
    has_lone_surrogate,
    scrub_surrogates,
    utf16_length,
    utf16_to_codepoint,
)

__all__ = [
    "ANCHORED",
    "CONTEXT_LENGTH",
    "FUZZY",
    "MOVED",
    "ORPHANED",
    "STATUSES",
    "AnchorResult",
    "AnchoringError",
    "EmptySelection",
    "QuoteNotFound",
    "TextSelector",
    "Utf16Index",
    "codepoint_to_utf16",
    "context_around",
    "describe",
    "find_occurrences",
    "grapheme_ceil",
    "grapheme_floor",
    "has_lone_surrogate",
    "is_grapheme_boundary",
    "locate_quote",
    "reanchor",
    "reanchor_many",
    "scrub_surrogates",
    "snap_selection",
    "utf16_length",
    "utf16_to_codepoint",
]
