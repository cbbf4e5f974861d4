"""Grapheme cluster boundaries (what a reader sees as one character: "👩🏽‍💻", "é", "لِ").

A highlight never starts or ends inside a cluster. Boundaries are found locally: from the
nearest earlier character that certainly starts a cluster, clusters are walked up to the
position asked about, so a long text is never scanned whole.
"""

from __future__ import annotations

import regex

_CLUSTER = regex.compile(r"\X")
# A cluster certainly starts at a character that nothing joins to its left: a newline, or a
# plain character (not a mark, joiner, emoji, Hangul jamo, regional indicator or Indic
# consonant after a virama) whose left neighbour is not a prepended mark. Searched backwards.
_CERTAIN_START = regex.compile(
    r"(?rV1)(?<!\r)\n"
    r"|(?<![\p{Grapheme_Cluster_Break=Prepend}\r])"
    r"[[\p{Grapheme_Cluster_Break=Other}\p{Grapheme_Cluster_Break=Control}]"
    r"--[\p{Extended_Pictographic}\p{InCB=Consonant}]]"
)


def _cluster_at(text: str, pos: int) -> tuple[int, int]:
    """(floor, ceil): the boundaries at or around pos; equal when pos is a boundary."""
    if pos <= 0:
        return 0, 0
    if pos >= len(text):
        return len(text), len(text)
    found = _CERTAIN_START.search(text, 0, pos + 1)
    walk = found.start() if found else 0
    if walk == pos:
        return pos, pos
    for match in _CLUSTER.finditer(text, walk):
        start, end = match.span()
        if end == pos:
            return pos, pos
        if end > pos:
            return start, end
    return len(text), len(text)  # not reached: clusters cover the text


def grapheme_floor(text: str, pos: int) -> int:
    """The last cluster boundary at or before pos."""
    return _cluster_at(text, pos)[0]


def grapheme_ceil(text: str, pos: int) -> int:
    """The first cluster boundary at or after pos."""
    return _cluster_at(text, pos)[1]


def is_grapheme_boundary(text: str, pos: int) -> bool:
    floor, ceil = _cluster_at(text, pos)
    return floor == ceil


def snap_selection(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole clusters, then drop whitespace at either end: what the user
    meant by a selection made with a mouse. Empty when only whitespace was selected."""
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"[{start}, {end}) is not a range of the text (0..{len(text)})")
    start = grapheme_floor(text, start)
    end = grapheme_ceil(text, end) if end > start else start
    # A whitespace character is dropped only when it is a cluster of its own (a combining mark
    # may sit on a space, and then the two stay together).
    while start < end and text[start].isspace() and grapheme_ceil(text, start + 1) == start + 1:
        start += 1
    while end > start and text[end - 1].isspace() and grapheme_floor(text, end - 1) == end - 1:
        end -= 1
    return start, end
