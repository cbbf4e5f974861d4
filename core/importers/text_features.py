"""The lines of a page's visible text, with the features the classifier reads.

Each non-empty line of browser text (Select All + Copy) becomes a Line: its length in words,
whether it ends like a sentence, how many function words it has, whether it looks like
boilerplate (copyright, share, "read more", counters, cookie notices), and whether the browser
framed it with blank lines (paragraph elements are). Hard-wrapped lines are joined first.

Then the blocks that are neither prose nor clutter are marked: code, charts and tables drawn
as text, tables of contents. Their lines are short and bare like a menu's, so line by line they
would score as clutter and cut the article in two. Each is told by what a menu never has:
braces, calls and table cells; bare values; or entries that come back further down as the
article's headings. The figure marks read each line's own prose score, which
text_lines.classify sets first. Which lines are the article is text_lines' business.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from core.importers.text_topic import STOP_WORDS

WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_SENTENCE_END = re.compile(r"[.!?…。！？؟۔:;]['\"”’»)\]]*$")
_SENTENCE_INSIDE = re.compile(r"\w[.!?。！？؟]['\"”’»)]*\s+\S")
_TRAILING_CHARS = "\u00a0\t \u200b\u200e\u200f"

_BOILERPLATE = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved|все права|جميع الحقوق|droits réservés"
    r"|derechos reservados|rechte vorbehalten|diritti riservati"
    r"|\bshare\b|\btweet\b|\bpin it\b|\bcopy link\b|\bprint\b|\bemail\b|\be-mail\b"
    r"|поделиться|скопировать ссылку|شارك|نسخ الرابط|partager|compartir|teilen|condividi"
    r"|\bviews?:|\bviews\b|просмотр|المشاهدات|\bcomments?\b|комментари"
    r"|read more|read also|related|see also|more from|most read|most popular|trending"
    r"|recommended|you may also like|you might also like|more stories|top stories"
    r"|читайте также|смотрите также|по теме|اقرأ أيضا|اقرأ أيضاً|lire aussi|lesen sie auch"
    r"|\bcookies?\b|privacy|terms of (use|service)|subscribe|newsletter|sign (in|up)|log ?in"
    r"|\bregister\b|advertis|sponsored|реклама|إعلان|\bmenu\b|\bsearch\b|\bskip to\b"
    r"|views expressed|necessarily reflect|follow us|подписывайтесь|تابعونا"
    r"|^(updated\s+)?\d+\s*(s|m|h|d|min|mins|minutes?|hours?|hrs?|days?|weeks?)\s+ago$"
    r"|^(facebook|twitter|x|instagram|youtube|telegram|whatsapp|linkedin|reddit|pinterest"
    r"|vk|вконтакте|одноклассники|فيسبوك|تويتر|تيليغرام|rss)$",
    re.IGNORECASE,
)
# A cookie notice, however long: no article asks the reader to accept its cookies.
COOKIE_NOTICE = re.compile(
    r"\bcookies\b.{0,60}\b(accept|consent|agree)"
    r"|\b(we|this (site|website)|our (site|website)) uses? (of )?cookies\b"
    r"|\b(accept|allow|consent to)( all)? cookies\b",
    re.IGNORECASE,
)
# Boilerplate that stays boilerplate even in a long line.
_STRONG_BOILERPLATE = re.compile(
    r"©|all rights reserved|все права защищены|جميع الحقوق محفوظة|views expressed"
    r"|necessarily reflect|" + COOKIE_NOTICE.pattern,
    re.IGNORECASE,
)
_WRAP_MIN = 45


@dataclass(slots=True)
class Line:
    """One non-empty line of the text, with the features the classifier reads."""

    index: int  # position among non-empty lines
    text: str
    blank_before: bool
    blank_after: bool
    words: int
    stop_ratio: float
    sentence_end: bool
    sentences_inside: int
    boilerplate: bool
    strong_boilerplate: bool
    score: float = 0.0
    aside: bool = False  # inside the article's run but not of it (a "Related" box)
    code: bool = False  # in a block of code or a table: neither prose nor clutter
    contents: bool = False  # in the article's table of contents
    figure: bool = False  # a chart's labels and values, drawn as lines of text


def word_units(text: str) -> int:
    """Words, counting CJK characters (written without spaces) as about half a word each."""
    cjk = len(_CJK.findall(text))
    if not cjk:
        return len(WORD.findall(text))
    rest = _CJK.sub(" ", text)
    return len(WORD.findall(rest)) + (cjk + 1) // 2


def _continues(previous: str, line: str) -> bool:
    """Whether `line` carries on a hard-wrapped sentence (plain-text documents, <pre>)."""
    if len(previous) < _WRAP_MIN or not line or _SENTENCE_END.search(previous):
        return False
    return line[0].islower() or previous.endswith((",", "-", "(", "—", "–"))


def _unwrap(raw: list[str]) -> list[str]:
    """Join hard-wrapped lines back into their paragraphs; blank lines are kept."""
    out: list[str] = []
    for value in raw:
        stripped = value.strip(_TRAILING_CHARS)
        if out and stripped and out[-1].strip() and _continues(out[-1].strip(), stripped):
            joiner = "" if out[-1].rstrip().endswith("-") and stripped[0].islower() else " "
            out[-1] = out[-1].rstrip() + joiner + stripped
        else:
            out.append(value)
    return out


def split_lines(text: str) -> list[Line]:
    raw = _unwrap(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    lines: list[Line] = []
    blank = True
    for position, value in enumerate(raw):
        value = value.strip(_TRAILING_CHARS)
        if not value:
            blank = True
            if lines:
                lines[-1].blank_after = True
            continue
        words = WORD.findall(value.lower())
        stops = sum(1 for w in words if w in STOP_WORDS)
        line = Line(
            index=len(lines),
            text=value,
            blank_before=blank,
            blank_after=position == len(raw) - 1,
            words=word_units(value),
            stop_ratio=stops / len(words) if words else 0.0,
            sentence_end=bool(_SENTENCE_END.search(value)),
            sentences_inside=len(_SENTENCE_INSIDE.findall(value)),
            boilerplate=bool(_BOILERPLATE.search(value)),
            strong_boilerplate=bool(_STRONG_BOILERPLATE.search(value)),
        )
        lines.append(line)
        blank = False
    return lines


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
