"""Code points (Python offsets, what the library stores) and UTF-16 code units (Qt positions).

The one place that converts between the two. A position that falls between the two halves of
a surrogate pair is rounded to a whole character, so a pair is never split.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from core.plain_text import has_lone_surrogate, scrub_surrogates

__all__ = [
    "Utf16Index",
    "codepoint_to_utf16",
    "has_lone_surrogate",
    "index_for",
    "scrub_surrogates",
    "utf16_length",
    "utf16_to_codepoint",
]  # surrogates: core.canonical

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def utf16_length(text: str) -> int:
    """Qt's length of text: astral characters (emoji...) count twice."""
    return len(text) + len(_ASTRAL.findall(text))


class Utf16Index:
    """Conversions on one text in O(log n) each, after one O(n) scan of the text.

    Keeps the code-point offsets of the astral characters: each one is where the two counts
    drift apart by one more unit.
    """

    __slots__ = ("_astral", "_astral_units", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        self._astral_units = [pos + i for i, pos in enumerate(self._astral)]

    @property
    def utf16_length(self) -> int:
        return len(self.text) + len(self._astral)

    def to_utf16(self, pos: int) -> int:
        """UTF-16 position of code-point offset pos (0 <= pos <= len(text))."""
        if not 0 <= pos <= len(self.text):
            raise ValueError(f"offset {pos} is outside the text (0..{len(self.text)})")
        return pos + bisect_left(self._astral, pos)

    def to_codepoint(self, pos: int, *, round_up: bool = False) -> int:
        """Code-point offset of UTF-16 position pos; inside a surrogate pair it goes to the
        start of the character, or past it with round_up (use that for a selection's end)."""
        if not 0 <= pos <= self.utf16_length:
            raise ValueError(f"position {pos} is outside the text (0..{self.utf16_length})")
        before = bisect_left(self._astral_units, pos)  # astral characters starting before pos
        if before and self._astral_units[before - 1] + 1 == pos:
            return self._astral[before - 1] + (1 if round_up else 0)
        return pos - before

    def range_to_codepoints(self, start: int, end: int) -> tuple[int, int]:
        """A Qt selection as code points, widened to whole characters."""
        return self.to_codepoint(start), self.to_codepoint(end, round_up=True)

    def range_to_utf16(self, start: int, end: int) -> tuple[int, int]:
        return self.to_utf16(start), self.to_utf16(end)


_last_index: Utf16Index | None = None


def index_for(text: str) -> Utf16Index:
    """The index of text, reused while the same string object is asked about (the reader asks
    many times about one article)."""
    global _last_index
    index = _last_index
    if index is None or index.text is not text:
        index = Utf16Index(text)
        _last_index = index
    return index


def codepoint_to_utf16(text: str, pos: int) -> int:
    return index_for(text).to_utf16(pos)


def utf16_to_codepoint(text: str, pos: int, *, round_up: bool = False) -> int:
    return index_for(text).to_codepoint(pos, round_up=round_up)
