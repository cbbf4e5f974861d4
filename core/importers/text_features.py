"""The lines of a page's visible text, with the features the classifier reads.

Each non-empty line of browser text (Select All + Copy) becomes a Line: its length in words,
whether it ends like a sentence, whether it looks like boilerplate (copyright, share, "read
more", counters, cookie notices), and whether the browser framed it with blank lines
(paragraph elements are).

Then a table of contents is marked: its lines are short and bare like a menu's, so line by
line they would score as clutter and cut the article in two; it is told by what a menu never
has, entries that come back further down as the article's headings. Which lines are the
article is text_lines' business.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from core.importers import tuning as t

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
    r"|\bviews?:|\bviews\b|просмотр|المشاهدات|(?<!\bto )(?<!\bfor )\bcomments?\b|комментари"
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


@dataclass(slots=True)
class Line:
    """One non-empty line of the text, with the features the classifier reads."""

    index: int  # position among non-empty lines
    text: str
    blank_before: bool
    blank_after: bool
    words: int
    sentence_end: bool
    sentences_inside: int
    boilerplate: bool
    strong_boilerplate: bool
    score: float = 0.0
    aside: bool = False  # inside the article's run but not of it (a "Related" box)
    contents: bool = False  # in the article's table of contents


def word_units(text: str) -> int:
    """Words, counting CJK characters (written without spaces) as about half a word each."""
    cjk = len(_CJK.findall(text))
    if not cjk:
        return len(WORD.findall(text))
    rest = _CJK.sub(" ", text)
    return len(WORD.findall(rest)) + (cjk + 1) // 2


def split_lines(text: str) -> list[Line]:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines: list[Line] = []
    blank = True
    for position, value in enumerate(raw):
        value = value.strip(_TRAILING_CHARS)
        if not value:
            blank = True
            if lines:
                lines[-1].blank_after = True
            continue
        line = Line(
            index=len(lines),
            text=value,
            blank_before=blank,
            blank_after=position == len(raw) - 1,
            words=word_units(value),
            sentence_end=bool(_SENTENCE_END.search(value)),
            sentences_inside=len(_SENTENCE_INSIDE.findall(value)),
            boilerplate=bool(_BOILERPLATE.search(value)),
            strong_boilerplate=bool(_STRONG_BOILERPLATE.search(value)),
        )
        lines.append(line)
        blank = False
    return lines


def _blocks_of(lines: list[Line]) -> list[list[Line]]:
    """Groups of lines with no blank line between them (one element's lines in innerText)."""
    groups: list[list[Line]] = []
    for line in lines:
        if line.blank_before or not groups:
            groups.append([])
        groups[-1].append(line)
    return groups


_NUMBERING = re.compile(r"^(\d+(\.\d+)*\.?|[ivxIVX]+\.)\s+")
_EDIT_MARK = re.compile(r"\s*(\[[^\]]{1,12}\]|¶)$")


def _heading_key(text: str) -> str:
    """A heading as a table of contents and the heading itself both show it: without its
    number ("2.1 ") or an edit mark ("[edit]", "¶")."""
    return _EDIT_MARK.sub("", _NUMBERING.sub("", text)).casefold().strip()


def mark_contents(lines: list[Line]) -> None:
    """Flag a table of contents: a block of short lines most of which come back further
    down, each as the heading of a paragraph. A menu's items do not introduce prose."""
    later: dict[str, int] = {}
    for line, following in itertools.pairwise(lines):
        if line.words <= t.CONTENTS_ENTRY_WORDS and following.score > 0:
            later[_heading_key(line.text)] = line.index
    for group in _blocks_of(lines):
        if len(group) < 3:
            continue
        found = [x for x in group if later.get(_heading_key(x.text), -1) > x.index + 1]
        if len(found) >= 3 and len(found) * 2 >= len(group):
            for line in group:
                line.contents = True
