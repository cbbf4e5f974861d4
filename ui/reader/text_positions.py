"""The one place that maps between the canonical text's offsets (code points) and positions in
the reader's QTextDocument (UTF-16 code units, one position per block boundary).

The document builder records, for every body block, where its canonical text starts in both
worlds; inside a block the two texts are the same characters (canonical newlines are Qt line
separators), so only the unit count differs, and that conversion is core.anchoring's.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def has_astral(text: str) -> bool:
    """Characters beyond the BMP take two UTF-16 units: only then do the offsets differ."""
    return _ASTRAL.search(text) is not None


def _units(text: str, codepoints: int) -> int:
    """UTF-16 units of text[:codepoints]; core.anchoring owns the conversion."""
    from core.anchoring.units import codepoint_to_utf16  # off the start-up path

    return codepoint_to_utf16(text, codepoints)


def _codepoints(text: str, units: int) -> int:
    """Code points in the first `units` UTF-16 units: never half a surrogate pair."""
    from core.anchoring.units import utf16_length, utf16_to_codepoint

    return utf16_to_codepoint(text, min(units, utf16_length(text)))


class PositionMap:
    """Built block by block while the document is made; immutable once the document is."""

    __slots__ = ("_bmp", "_canon_starts", "_qt_starts", "_texts")

    def __init__(self) -> None:
        self._canon_starts: list[int] = []
        self._qt_starts: list[int] = []
        self._texts: list[str] = []
        self._bmp: list[bool] = []  # no astral characters: units == points

    def add_block(
        self, canonical_start: int, qt_start: int, text: str, *, bmp: bool | None = None
    ) -> None:
        """bmp=True: the caller knows the text has no astral characters."""
        self._canon_starts.append(canonical_start)
        self._qt_starts.append(qt_start)
        self._texts.append(text)
        self._bmp.append(bmp if bmp is not None else not has_astral(text))

    def __len__(self) -> int:
        return len(self._texts)

    def to_qt(self, offset: int) -> int:
        """Document position of a canonical offset (offsets in a separator go to the next
        block's start)."""
        if not self._texts:
            return 0
        i = max(0, bisect_right(self._canon_starts, offset) - 1)
        within = offset - self._canon_starts[i]
        text = self._texts[i]
        if within > len(text):
            if i + 1 < len(self._texts):
                return self._qt_starts[i + 1]
            within = len(text)
        within = max(0, within)
        return self._qt_starts[i] + (within if self._bmp[i] else _units(text, within))

    def to_canonical(self, position: int) -> int:
        """Canonical offset of a document position; positions outside the body (the header,
        an image) go to the nearest body text after them."""
        if not self._texts:
            return 0
        i = bisect_right(self._qt_starts, position) - 1
        if i < 0:
            return self._canon_starts[0]
        text = self._texts[i]
        units = position - self._qt_starts[i]
        if self._bmp[i]:
            if units > len(text):
                return (
                    self._canon_starts[i + 1]
                    if i + 1 < len(self._texts)
                    else self._canon_starts[i] + len(text)
                )
            return self._canon_starts[i] + units
        if units > _units(text, len(text)):
            return (
                self._canon_starts[i + 1]
                if i + 1 < len(self._texts)
                else self._canon_starts[i] + len(text)
            )
        return self._canon_starts[i] + _codepoints(text, units)
