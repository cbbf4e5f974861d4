"""Approximate search: where a pattern occurs in a text with the fewest edits.

Myers' bit-parallel algorithm (1999): one pass over the text, each step a handful of integer
operations on a bit vector as long as the pattern (Python's integers have no size limit). A
forward pass finds where the best match ends; a backward pass anchored at that end finds
where it starts.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FuzzyMatch:
    start: int
    end: int
    distance: int  # edits (Levenshtein) between the pattern and text[start:end]


def _masks(pattern: str) -> dict[str, int]:
    masks: dict[str, int] = {}
    for i, ch in enumerate(pattern):
        masks[ch] = masks.get(ch, 0) | (1 << i)
    return masks


def _best_end(
    pattern: str, text: str, lo: int, hi: int, expected_end: int | None
) -> tuple[int, int]:
    """(distance, end) of the best match ending in (lo, hi]; ties go to the end nearest to
    expected_end, else the first."""
    masks = _masks(pattern)
    m = len(pattern)
    full = (1 << m) - 1
    top = 1 << (m - 1)
    pv, mv, score = full, 0, m
    best = (m + 1, lo)
    best_key = (m + 1, 0)
    for j in range(lo, hi):
        eq = masks.get(text[j], 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = (ph << 1) & full
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
        if score <= best_key[0]:
            key = (score, abs(j + 1 - expected_end) if expected_end is not None else 0)
            if key < best_key:
                best_key, best = key, (score, j + 1)
    return best


def _best_start(pattern: str, text: str, lo: int, end: int) -> tuple[int, int]:
    """(distance, start) for the match ending exactly at end, start >= lo; ties go to the
    length nearest the pattern's."""
    reverse = pattern[::-1]
    masks = _masks(reverse)
    m = len(pattern)
    full = (1 << m) - 1
    top = 1 << (m - 1)
    pv, mv, score = full, 0, m
    best_key = (m + 1, 0)
    best = (m, end)  # the empty match: every character of the pattern deleted
    for j in range(end - 1, lo - 1, -1):
        eq = masks.get(text[j], 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = ((ph << 1) | 1) & full  # anchored: text skipped after the match costs edits
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
        key = (score, abs(end - j - m))
        if key < best_key:
            best_key, best = key, (score, j)
    return best


def approximate_find(
    pattern: str,
    text: str,
    lo: int,
    hi: int,
    max_errors: int,
    *,
    expected_end: int | None = None,
) -> FuzzyMatch | None:
    """The best match of pattern within text[lo:hi] with at most max_errors edits, or None."""
    lo, hi = max(0, lo), min(len(text), hi)
    if not pattern or hi <= lo:
        return None
    distance, end = _best_end(pattern, text, lo, hi, expected_end)
    if distance > max_errors:
        return None
    reach = max(lo, end - len(pattern) - max_errors)
    distance, start = _best_start(pattern, text, reach, end)
    return FuzzyMatch(start, end, distance) if distance <= max_errors else None
