"""Which lines of a page's visible text are the article.

Browser text (Select All + Copy) is the article's paragraphs among a page's menus, share
buttons, counters and footers. Each line (see core.importers.text_features for the line and
its features) gets a score from features that hold across sites and languages: its length in
words, whether it ends like a sentence, whether it looks like boilerplate (copyright, share,
"read more", counters) or a caption, and whether the browser framed it with blank lines
(paragraph elements are). The article is the run of lines with the highest total score (a
maximum-sum subarray, as in body-text extraction), then its end is trimmed of lists of other
stories. Each rule and number is in core.importers.tuning, kept by its out-of-fold figure.
"""

from __future__ import annotations

import itertools
import re

from core.importers import tuning as t
from core.importers.text_features import (
    COOKIE_NOTICE,
    Line,
    mark_contents,
    split_lines,
)
from core.importers.tuning import on

_BULLET = re.compile(r"^([-+*•◦▪–—]|\d{1,2}[.)])\s+\S")

_COMMENTS = re.compile(
    r"^\d+\s+(comments?|responses?|replies|reactions|коммент\w*|تعليق\w*)\b"
    r"|^(comments|leave a (reply|comment)|join the (discussion|conversation)|post a comment"
    r"|add a comment|комментарии|добавить комментарий|التعليقات|commentaires|kommentare)\b"
    r"|^(view|show|read|see|load|hide|display)\s+(all\s+)?(the\s+)?(\d+\s+)?comments\b"
    r"|\s(says|wrote|said):$",
    re.IGNORECASE,
)
_FOOTER = re.compile(
    r"(©|\(c\)|copyright)\s*(\d{4}|[^\W\d]+\s+\d{4})|\d{4}\s*©|all rights reserved"
    r"|все права защищены|جميع الحقوق محفوظة|tous droits réservés|todos los derechos reservados",
    re.IGNORECASE,
)
# Photo captions and credits, which a reader sees under the picture, not in the text.
# A caption ends with its credit ("...on Thursday Credit: STR/AFP"), however long it is.
_CREDIT_END = re.compile(r"\b(credit|photo|foto|фото)s?\s*:\s*[^.!?:]{1,60}$", re.IGNORECASE)
_CAPTION = re.compile(
    r"\((image|photo|picture|credit|source)s?:|^(photo|image|credit|фото|صورة)\s*:"
    r"|getty images|\bap photo\b|shutterstock|\(photo\)$|^(media caption\b|caption\s*:)",
    re.IGNORECASE,
)
# A card linking to another story: its headline said over again ("How X How X How X"), or
# a blurb cut short and followed by its link ("...sights, sounds,… Read more").
_CARD_TITLE = re.compile(r"^([^.!?。]{12,}?)(?:\s*\1)+$")
_CUT_BLURB = re.compile(r"(…|\.\.\.)\s*(read more|read on|more|continue reading)?\s*[»›→]?$", re.I)


def _is_caption(line: Line) -> bool:
    """A photo caption or credit, which a reader sees under the picture, not in the text."""
    if line.words < t.CAPTION_MARK_WORDS and _CAPTION.search(line.text):
        return True
    return line.words < t.CAPTION_WORDS and bool(_CREDIT_END.search(line.text))


def _cut_title(line: Line) -> bool:
    """A link's title cut short with an ellipsis, in a list (a sidebar of other posts)."""
    framed = line.blank_before and line.blank_after
    return not framed and line.words < t.CUT_TITLE_WORDS and bool(_CUT_BLURB.search(line.text))


def line_score(line: Line, prose: float) -> float:
    """Positive for prose, negative for clutter; the size says how sure. `prose` is the
    line's score on its own; a line of a table of contents is neutral."""
    if line.contents and not line.strong_boilerplate:
        return max(prose, t.PAUSE_SCORE)
    return prose


def _prose_score(line: Line) -> float:
    """A line's score on its own, before the blocks around it are known."""
    words = line.words
    if line.strong_boilerplate and (words < t.COPYRIGHT_WORDS or COOKIE_NOTICE.search(line.text)):
        return t.COPYRIGHT_SCORE
    if line.boilerplate and words < t.BOILERPLATE_WORDS:
        return t.BOILERPLATE_SCORE
    if on("text.cut_titles") and _cut_title(line):
        return t.CUT_TITLE_SCORE
    if on("text.captions") and _is_caption(line):
        return t.CAPTION_SCORE
    if on("text.bullets") and _BULLET.match(line.text) and words >= 2:
        low, high = t.BULLET_SCORE  # typed bullets: innerText draws none for <li>
        return max(low, min(words * t.BULLET_PER_WORD, high))
    prose = words >= t.SENTENCE_WORDS and (line.sentence_end or line.sentences_inside)
    if words >= t.PARAGRAPH_WORDS or (prose and words >= t.SENTENCE_PARAGRAPH_WORDS):
        score = float(words)
    elif prose:
        score = words * t.SHORT_SENTENCE_PER_WORD
    elif words >= t.LONG_LINE_WORDS:
        framed = line.blank_before and line.blank_after
        score = words * t.FRAMED_LONG_PER_WORD if framed else t.UNFRAMED_LONG_SCORE
    else:
        score = t.SHORT_LINE_SCORE if words > 1 else t.ONE_WORD_SCORE
    return min(score, t.MAX_LINE_SCORE)


# The heading of a list of other stories: what follows it until prose resumes is not the
# article, and when no real paragraph follows it the article has ended.
_LIST_HEADING = re.compile(
    r"related|read (more|also|next)|see also|more (from|on|stories|news)|most (read|popular)"
    r"|trending|recommended|you (may|might) (also )?like|top stories|don'?t miss|latest news"
    r"|читайте также|смотрите также|по теме|еще по теме|اقرأ أيضا|اقرأ أيضاً|مواضيع ذات صلة"
    r"|lire aussi|à lire|lesen sie auch|mehr zum thema|leia (mais|também)|lee también"
    r"|leggi anche|relacionad[oa]s|articles similaires|ähnliche artikel|похожие|ذات صلة"
    r"|more for you|promoted|sponsored|相关(新闻|文章|阅读)|関連(記事|ニュース)",
    re.IGNORECASE,
)


def is_clutter(line: Line) -> bool:
    """A short line inside the article that is not part of it: a share or "read more" link,
    a photo caption or credit."""
    if line.aside or line.contents:
        return True
    if line.boilerplate and line.words <= t.CLUTTER_WORDS:
        return True  # longer ones are often subheadings ("Which ad units sell most")
    caption = on("text.captions") and _is_caption(line)
    return caption or (on("text.cards") and is_card(line))


def is_card(line: Line) -> bool:
    """A card for another story: its repeated headline, or its blurb cut off mid-sentence
    with a link to read on. An article's own sentences are whole."""
    if _CARD_TITLE.match(line.text):
        return True
    match = _CUT_BLURB.search(line.text)
    return match is not None and bool(match.group(2)) and line.words < t.TAIL_PARAGRAPH


def _is_end_mark(line: Line) -> bool:
    """The start of the comments or a copyright line: nothing above it is the article."""
    return (bool(_COMMENTS.search(line.text)) and line.words <= t.COMMENTS_MARK_WORDS) or (
        line.words < t.FOOTER_MARK_WORDS and bool(_FOOTER.search(line.text))
    )


def _barriers(lines: list[Line]) -> set[int]:
    """Lines an article does not run across: the start of the comments, a copyright line, or
    a block of three or more boilerplate lines in a row (a share bar, a footer)."""
    found: set[int] = set()
    streak: list[int] = []
    for line in lines:
        if _is_end_mark(line):
            found.add(line.index)
        if line.boilerplate and line.words < t.BOILERPLATE_WORDS:
            streak.append(line.index)
            if len(streak) >= t.BARRIER_STREAK:
                found.update(streak)
        else:
            streak = []
    return found


def best_run(lines: list[Line], lo: int, hi: int) -> tuple[float, tuple[int, int]] | None:
    """The maximum-sum run of lines[lo:hi]."""
    best, best_span = 0.0, None
    total, start = 0.0, lo
    for i in range(lo, hi):
        if total <= 0:
            total, start = 0.0, i
        score = lines[i].score
        total += score
        if total > best:
            best, best_span = total, (start, i)
    return (best, best_span) if best_span else None


def main_run(lines: list[Line]) -> tuple[int, int] | None:
    """First and last index of the article's run of lines, or None when no line scores as
    prose. Barriers (comments, copyright, share bars) split the page into sections; in each
    the best run is found, and the heaviest run wins."""
    barriers = sorted(_barriers(lines)) if on("text.barriers") else []
    bounds = [-1, *barriers, len(lines)]
    best, best_span = 0.0, None
    for lo, hi in itertools.pairwise(bounds):
        found = best_run(lines, lo + 1, hi)
        if found is None:
            continue
        total, span = found
        if total > best:
            best, best_span = total, span
    return best_span


def trim_teasers(lines: list[Line], start: int, end: int) -> int:
    """The run's end without a trailing list of teasers. In an article, prose lines follow
    each other or sit one short line apart (a subheading, a source); in a list of related
    stories each blurb comes after a headline, an author and a date. Returns the new end."""
    positives = [i for i in range(start, end + 1) if lines[i].score > 0]
    if len(positives) < t.TEASERS_MIN_PROSE:
        return end
    gaps = [0] + [b - a - 1 for a, b in itertools.pairwise(positives)]
    for k in range(2, len(positives) - t.TEASERS_MIN + 1):
        if gaps[k] < 2:
            continue
        tail = gaps[k:]
        head = gaps[1:k]
        wide = sum(1 for g in tail if g >= 2) / len(tail)
        teasers = _blurbs([lines[i] for i in positives[k:]])
        if wide >= t.TEASER_SHARE and sum(head) / len(head) < 1.0 and teasers:
            return positives[k - 1]
    return end


def _blurbs(prose: list[Line]) -> bool:
    """Whether prose lines read as teasers' blurbs: a sentence or two each. A list whose
    items are full paragraphs (a round-up of deals, a listicle) is the article itself."""
    long = sum(1 for x in prose if x.words >= t.TAIL_PARAGRAPH)
    return long < t.LONG_ITEMS_SHARE * len(prose)


def _teasers(prose: list[Line], total: float) -> bool:
    """Whether the prose lines after a list heading read as teasers: blurbs each after its
    own headline (never two paragraphs in a row), none a full paragraph, a minor share."""
    if len(prose) < 2 or any(x.words >= t.TAIL_PARAGRAPH for x in prose):
        return False
    if any(b.index == a.index + 1 for a, b in itertools.pairwise(prose)):
        return False
    return sum(x.score for x in prose) <= t.TAIL_SHARE * total


def trim_lists(lines: list[Line], start: int, end: int) -> int:
    """Mark the lists of other stories inside the run as asides (a list heading and the lines
    after it up to the next prose line) and return the run's end without a trailing list: a
    list heading followed by teasers ends the article."""
    total = sum(line.score for line in lines[start : end + 1] if line.score > 0)
    for i in range(start + 1, end + 1):
        line = lines[i]
        if line.words > t.LIST_HEADING_WORDS or not _LIST_HEADING.search(line.text):
            continue
        after = [x for x in lines[i + 1 : end + 1] if x.score > 0]
        if _teasers(after, total):
            return i - 1
        line.aside = True
        for x in lines[i + 1 : end + 1]:
            if x.score > 0 and (x.blank_before or x.sentence_end):
                break  # a paragraph or a sentence; a list's headlines are lines of one block
            x.aside = True
    return end


def classify(text: str) -> tuple[list[Line], tuple[int, int] | None]:
    lines = split_lines(text)
    for line in lines:
        line.score = _prose_score(line)  # before the blocks are known; refined below
    if on("text.contents"):
        mark_contents(lines)
    for line in lines:
        line.score = line_score(line, line.score)
    run = main_run(lines)
    if run is not None:
        end = trim_teasers(lines, *run) if on("text.teasers") else run[1]
        end = trim_lists(lines, run[0], end) if on("text.lists") else end
        run = (run[0], end)
    return lines, run
