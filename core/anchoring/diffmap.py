"""Old-text positions to new-text positions, through one diff of the two versions.

The diff works down in levels so a 200 KB article is fast: lines (a block is a line) are
matched first, then sentences inside the lines that changed, then words inside the sentences
that changed. What the diff keeps is the list of unchanged stretches; a position inside one
maps exactly, any other position does not map.
"""

from __future__ import annotations

from bisect import bisect_right
from difflib import SequenceMatcher

import regex

_LINES = regex.compile(r"(?<=\n)(?=[^\n])")
_SENTENCES = regex.compile(r"(?<=[.!?;:。！？؟،]\s+)(?=\S)")
_TOKENS = regex.compile(
    r"(?<=\w)(?=\W)|(?<=\W)(?=\w)|(?<=\S)(?=\s)|(?<=\s)(?=\S)|(?<=[^\w\s])(?=[^\w\s])"
)
_LEVELS = (_LINES, _SENTENCES, _TOKENS)
# Words are few and repeat a lot: difflib's time grows with the product of the two sides.
# Past the first budget popular words are treated as junk (difflib's autojunk), past the
# second a changed stretch is left unmapped (what was in it is found by search instead).
_EXACT_BUDGET = 1_500_000
_JUNK_BUDGET = 100_000_000


def _common_prefix(a: str, b: str) -> int:
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:  # binary search with slice compares: C speed, no loop over characters
        mid = (lo + hi + 1) // 2
        if a.startswith(b[lo:mid], lo):
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    lo, hi = 0, min(len(a), len(b), limit)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a.endswith(b[len(b) - mid : len(b) - lo], 0, len(a) - lo):
            lo = mid
        else:
            hi = mid - 1
    return lo


def _pieces(
    text: str, lo: int, hi: int, splitter: regex.Pattern[str]
) -> tuple[list[str], list[int]]:
    """text[lo:hi] cut at the splitter's (empty) matches, and where each piece starts (plus
    the end) in the whole text."""
    pieces = [piece for piece in splitter.split(text[lo:hi]) if piece]
    starts = [lo]
    for piece in pieces:
        starts.append(starts[-1] + len(piece))
    return pieces, starts


def _diff(
    old: str, new: str, span: tuple[int, int, int, int], level: int, out: list[tuple[int, int, int]]
) -> None:
    """Append the unchanged stretches of old[olo:ohi] against new[nlo:nhi] to out."""
    olo, ohi, nlo, nhi = span
    a, a_starts = _pieces(old, olo, ohi, _LEVELS[level])
    b, b_starts = _pieces(new, nlo, nhi, _LEVELS[level])
    size = len(a) * len(b)
    last = level == len(_LEVELS) - 1
    if last and size > _JUNK_BUDGET:
        return
    matcher = SequenceMatcher(None, a, b, autojunk=last and size > _EXACT_BUDGET)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append((a_starts[i1], b_starts[j1], a_starts[i2] - a_starts[i1]))
        elif tag == "replace" and not last:
            _diff(
                old, new, (a_starts[i1], a_starts[i2], b_starts[j1], b_starts[j2]), level + 1, out
            )


def equal_segments(old: str, new: str) -> list[tuple[int, int, int]]:
    """(old_start, new_start, length) of each unchanged stretch, in order."""
    if old == new:
        return [(0, 0, len(old))] if old else []
    head = _common_prefix(old, new)
    tail = _common_suffix(old, new, min(len(old), len(new)) - head)
    segments = [(0, 0, head)] if head else []
    _diff(old, new, (head, len(old) - tail, head, len(new) - tail), 0, segments)
    if tail:
        segments.append((len(old) - tail, len(new) - tail, tail))
    return _merged(segments)


def _merged(segments: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    out: list[tuple[int, int, int]] = []
    for old, new, length in segments:
        if out and out[-1][0] + out[-1][2] == old and out[-1][1] + out[-1][2] == new:
            out[-1] = (out[-1][0], out[-1][1], out[-1][2] + length)
        elif length:
            out.append((old, new, length))
    return out


class DiffMap:
    """Maps positions of the old text to the new one (and back, for "was this already there")."""

    def __init__(self, old: str, new: str) -> None:
        self.old_length = len(old)
        self.new_length = len(new)
        self.segments = equal_segments(old, new)
        self._old_starts = [s[0] for s in self.segments]
        self._new_starts = [s[1] for s in self.segments]

    def _mapped(self, pos: int, *, at_end: bool) -> int | None:
        """pos in the new text, when it lies in an unchanged stretch: as a start (pos before
        the stretch's end) or as an end (pos after its start). So a start right after an
        insertion goes after the inserted text, an end right before one stays before it."""
        i = bisect_right(self._old_starts, pos - 1 if at_end else pos) - 1
        if i < 0:
            return None
        old, new, length = self.segments[i]
        inside = old < pos <= old + length if at_end else old <= pos < old + length
        return new + pos - old if inside else None

    def to_new_start(self, pos: int) -> int | None:
        return self._mapped(pos, at_end=False)

    def to_new_end(self, pos: int) -> int | None:
        return self._mapped(pos, at_end=True)

    def approx_new(self, pos: int, *, at_end: bool = False) -> int:
        """Where pos went, or for a position in changed text, the edge of the text that
        replaced it (its start, or with at_end its end)."""
        mapped = self.to_new_end(pos) if at_end else self.to_new_start(pos)
        if mapped is not None:
            return mapped
        i = bisect_right(self._old_starts, pos) - 1
        if at_end:
            following = i + 1
            if following < len(self.segments):
                return self.segments[following][1]
            return self.new_length
        if i < 0:
            return 0
        old, new, length = self.segments[i]
        return new + min(length, pos - old)

    def unchanged_part(self, start: int, end: int) -> tuple[int, int, int] | None:
        """For a range of the new text: how much of it was already in the old text unchanged,
        and the old range that part came from (covered, old_start, old_end)."""
        covered = 0
        old_lo = old_hi = -1
        i = max(0, bisect_right(self._new_starts, start) - 1)
        while i < len(self.segments) and self.segments[i][1] < end:
            old, new, length = self.segments[i]
            lo, hi = max(start, new), min(end, new + length)
            if lo < hi:
                covered += hi - lo
                if old_lo < 0:
                    old_lo = old + lo - new
                old_hi = old + hi - new
            i += 1
        return (covered, old_lo, old_hi) if covered else None
