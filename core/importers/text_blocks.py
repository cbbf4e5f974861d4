"""Blocks of a page's text that are neither prose nor clutter: code, charts, contents.

Their lines are short and bare like a menu's, so line by line they would score as clutter
and cut the article in two. Each is told by what a menu never has: braces, calls and table
cells; bare values; or entries that come back further down as the article's headings.
The marks read each line's own prose score, which text_lines.classify sets first.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.importers.text_lines import Line

# Marks of program code and tables, which a page shows in <pre> blocks and <table>s: a line
# ending in a brace or semicolon, starting with a closing bracket, a comment or a tag, a call
# ("f(x)"), an assignment, table cells (innerText joins them with tabs) or box-drawing rules.
_CODE = re.compile(
    r"[{};]\s*$|,\s*$|^\s*[)\]}]|^\s*(//|/\*|#!|--\s|<[/!]?[a-zA-Z])|[a-zA-Z_]\w*\([^)]*\)"
    r"|\s(=|==|===|!=|=>|->|:=|\+=|<=|>=)\s|\t|[│┃┼═║]"
)
_CODE_SHARE = 1 / 3


def _blocks_of(lines: list[Line]) -> list[list[Line]]:
    """Groups of lines with no blank line between them (one element's lines in innerText)."""
    groups: list[list[Line]] = []
    for line in lines:
        if line.blank_before or not groups:
            groups.append([])
        groups[-1].append(line)
    return groups


def mark_code(lines: list[Line]) -> None:
    """Flag the blocks that are mostly code or table rows. Their lines are short and bare
    like a menu's, but a menu has no braces, calls or cells; such a block inside an article
    must neither end it nor be cut from it."""
    for group in _blocks_of(lines):
        marked = [line for line in group if _CODE.search(line.text)]
        if marked and len(marked) >= _CODE_SHARE * len(group):
            for line in group:
                line.code = True


# A chart or a table drawn as text: axis labels and values, one short line each.
_FIGURE_VALUE = re.compile(r"^[^\w]*[\d.,:/%$€£¥+−–-]*\d[\d.,:/%$€£¥+−–-]*[^\w]{0,2}[a-zA-Z]{0,2}$")
_RANK = re.compile(r"^(\d{1,2})\.?$")
_FIGURE_LINES = 6
_FIGURE_SHARE = 0.5


def _ranked(stretch: list[Line]) -> bool:
    """Whether the bare numbers of a stretch count 1, 2, 3...: a numbered list of links."""
    ranks = [int(m.group(1)) for x in stretch if (m := _RANK.match(x.text))]
    return len(ranks) >= 2 and ranks == list(range(ranks[0], ranks[0] + len(ranks)))


def mark_figures(lines: list[Line]) -> None:
    """Flag a chart or a table as text: a stretch of six or more non-prose lines, half of
    them bare values ("$915", "’18", "13.0%"). Like a code block it is a pause in the
    article; a menu or a list of links has words, not values."""
    stretch: list[Line] = []
    for line in [*lines, None]:
        if line is not None and line.score <= 0:
            stretch.append(line)
            continue
        values = sum(1 for x in stretch if _FIGURE_VALUE.match(x.text))
        enough = len(stretch) >= _FIGURE_LINES and values >= _FIGURE_SHARE * len(stretch)
        if enough and not _ranked(stretch):
            for x in stretch:
                x.figure = True
        stretch = []


_NUMBERING = re.compile(r"^(\d+(\.\d+)*\.?|[ivxIVX]+\.)\s+")
_EDIT_MARK = re.compile(r"\s*(\[[^\]]{1,12}\]|¶)$")
_HEADING_WORDS = 12


def _heading_key(text: str) -> str:
    """A heading as a table of contents and the heading itself both show it: without its
    number ("2.1 ") or an edit mark ("[edit]", "¶")."""
    return _EDIT_MARK.sub("", _NUMBERING.sub("", text)).casefold().strip()


def mark_contents(lines: list[Line]) -> None:
    """Flag a table of contents: a block of short lines most of which come back further
    down, each as the heading of a paragraph. A menu's items do not introduce prose."""
    later: dict[str, int] = {}
    for line, following in itertools.pairwise(lines):
        if line.words <= _HEADING_WORDS and following.score > 0:
            later[_heading_key(line.text)] = line.index
    for group in _blocks_of(lines):
        if len(group) < 3:
            continue
        found = [x for x in group if later.get(_heading_key(x.text), -1) > x.index + 1]
        if len(found) >= 3 and len(found) * 2 >= len(group):
            for line in group:
                line.contents = True
