"""Whole words: what a selection made by dragging the mouse is snapped to, as readers that
analysts like (Kindle, Readwise Reader, Readest) do. Dragging from the middle of "Shipping"
to the middle of "materials" means "Shipping … materials", not "pping … material".

Scripts that separate words with spaces snap to words; scripts that do not (Chinese,
Japanese, Thai, Lao, Khmer, Myanmar) snap to grapheme clusters only, since a "word" there
needs a dictionary. Snapping never reaches into another paragraph: a word never contains a
line break, and a selection that only grazes the first or last word of a paragraph it
crossed into drops that sliver instead of growing it into a word.
"""

from __future__ import annotations

import regex

from core.anchoring.graphemes import snap_selection

_WORD = regex.compile(r"[\p{L}\p{N}\p{M}\p{Pc}]")
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]")
_INNER = frozenset("'’")  # don't, l’État: an apostrophe between letters is part of the word


def _wordish(text: str, i: int) -> bool:
    """Is text[i] part of a spaced word (a letter, digit or mark of a spaced script, or an
    apostrophe between two such)?"""
    if not 0 <= i < len(text):
        return False
    ch = text[i]
    if ch in _INNER:
        return _plain(text, i - 1) and _plain(text, i + 1)
    return _plain(text, i)


def _plain(text: str, i: int) -> bool:
    return 0 <= i < len(text) and bool(_WORD.match(text[i])) and not _UNSPACED.match(text[i])


def _paragraph_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _paragraph_end(text: str, pos: int) -> int:
    found = text.find("\n", pos)
    return len(text) if found == -1 else found


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) widened to whole words (whole clusters where words are not spaced), with
    surrounding whitespace dropped. Empty (start == end) when nothing but space was chosen."""
    start, end = snap_selection(text, start, end)
    if start >= end:
        return start, start
    crosses = "\n" in text[start:end]
    if crosses:
        # A sliver of a word at either edge of a multi-paragraph drag is an overshoot.
        last_para = _paragraph_start(text, end)
        if (
            _wordish(text, end)
            and _wordish(text, end - 1)
            and _within_first_word(text, last_para, end)
        ):
            end = last_para
        first_para_end = _paragraph_end(text, start)
        if (
            _wordish(text, start - 1)
            and _wordish(text, start)
            and _within_last_word(text, start, first_para_end)
        ):
            start = first_para_end
        start, end = snap_selection(text, start, end)
        if start >= end:
            return start, start
    while _wordish(text, start - 1) and _wordish(text, start):
        start -= 1
    while _wordish(text, end) and _wordish(text, end - 1):
        end += 1
    return start, end


def _within_first_word(text: str, para_start: int, pos: int) -> bool:
    """Is [para_start, pos) part of the paragraph's first word (no space in it)?"""
    return not any(ch.isspace() for ch in text[para_start:pos])


def _within_last_word(text: str, pos: int, para_end: int) -> bool:
    """Is [pos, para_end) part of the paragraph's last word (with its full stop)?"""
    return not any(ch.isspace() for ch in text[pos:para_end])
