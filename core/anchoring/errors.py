"""The errors anchoring raises: ValueErrors, so a caller that only knows "bad input" copes."""

from __future__ import annotations


class AnchoringError(ValueError):
    """A selection or a quote that cannot become (or be found as) a highlight."""


class EmptySelection(AnchoringError):
    """The selection holds nothing but whitespace once snapped to whole characters."""


class QuoteNotFound(AnchoringError):
    """The quote is not in the text, or occurs fewer times than the occurrence asked for."""
