"""How well the surroundings of a place in the new text agree with a stored prefix and suffix.

Similarities are difflib ratios (0..1) of equal-length stretches. Between unrelated stretches
of English the ratio rarely passes 0.6 (median 0.34, 99.9th percentile 0.62 on 32 characters
of function words), so 0.7 on one side is real agreement.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

AGREES = 0.7  # a side whose similarity reaches this is taken as the same surroundings


def similarity(stored: str, found: str) -> float:
    if stored == found:
        return 1.0
    if not stored:
        return 0.5  # the quote was at the edge of the text: no evidence either way
    return SequenceMatcher(None, stored, found, autojunk=False).ratio()


@dataclass(frozen=True, slots=True)
class ContextScore:
    prefix: float
    suffix: float

    @property
    def mean(self) -> float:
        return (self.prefix + self.suffix) / 2

    @property
    def best(self) -> float:
        return max(self.prefix, self.suffix)


def score_context(text: str, start: int, end: int, prefix: str, suffix: str) -> ContextScore:
    """Compare the stored context with the text of the same length either side of a place."""
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    return ContextScore(similarity(prefix, before), similarity(suffix, after))


def adjacent_agreement(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """A cheap first ranking of many places: how many of the 8 characters next to the quote
    agree on each side (0, 1 or 2 sides)."""
    near_before = prefix[-8:]
    near_after = suffix[:8]
    return int(bool(near_before) and text.endswith(near_before, 0, start)) + int(
        bool(near_after) and text.startswith(near_after, end)
    )
