"""Which lines of a page's visible text are the article.

Browser text (Select All + Copy) is the article's paragraphs among a page's menus, share
buttons, counters and footers. Each line (see core.importers.text_features for the line and
its features) gets a score from features that hold across sites and languages: its length in
words, whether it ends like a sentence, how many function words it has, whether it looks like
navigation or like boilerplate (copyright, share, "read more", counters), and whether the
browser framed it with blank lines (paragraph elements are). The article is the run of lines
with the highest total score (a maximum-sum subarray, as in body-text extraction), then its
edges are trimmed of what is still clutter.
"""

from __future__ import annotations

import itertools
import re

from core.importers.text_features import (
    COOKIE_NOTICE,
    Line,
    mark_code,
    mark_contents,
    mark_figures,
    split_lines,
)
from core.importers.text_topic import content_words, share_of

_BULLET = re.compile(r"^([-+*•◦▪–—]|\d{1,2}[.)])\s+\S")

_COMMENTS = re.compile(
    r"^\d+\s+(comments?|responses?|replies|reactions|коммент\w*|تعليق\w*)\b"
    r"|^(comments|leave a (reply|comment)|join the (discussion|conversation)|post a comment"
    r"|add a comment|комментарии|добавить комментарий|التعليقات|commentaires|kommentare)\b"
    r"|^(view|show|read|see|load|hide|display)\s+(all\s+)?(the\s+)?(\d+\s+)?comments\b"
    r"|\s(says|wrote|said):$",
    re.IGNORECASE,
)
# Words about commenting: a comment section's rules and prompts sit just above it.
_COMMENT_WORD = re.compile(r"comment|коммент|تعليق|kommentar", re.IGNORECASE)
_BARRIER_STREAK = 3
_TEASERS_MIN = 3
_TEASER_SHARE = 0.75
_LONG_ITEMS_SHARE = 0.5
_FOOTER = re.compile(
    r"(©|\(c\)|copyright)\s*(\d{4}|[^\W\d]+\s+\d{4})|\d{4}\s*©|all rights reserved"
    r"|все права защищены|جميع الحقوق محفوظة|tous droits réservés|todos los derechos reservados",
    re.IGNORECASE,
)
# Photo captions and credits, which a reader sees under the picture, not in the text.
# A caption ends with its credit ("...on Thursday Credit: STR/AFP"), however long it is.
_CREDIT_END = re.compile(r"\b(credit|photo|foto|фото)s?\s*:\s*[^.!?:]{1,60}$", re.IGNORECASE)
# A caption signed by its photographer and agency ("... at the quay - Jane Roe/Agency"): left
# out of the text and never a headline, though it still counts as prose where it stands.
_SIGNED = re.compile(r"\s[-–—]\s*[^\W\d][\w.'’ -]{1,40}/\s?[^\W\d][\w.'’ -]{1,40}$")
_CAPTION_WORDS = 60
_CAPTION = re.compile(
    r"\((image|photo|picture|credit|source)s?:|^(photo|image|credit|фото|صورة)\s*:"
    r"|getty images|\bap photo\b|shutterstock|\(photo\)$|^(media caption\b|caption\s*:)",
    re.IGNORECASE,
)
# A card linking to another story: its headline said over again ("How X How X How X"), or
# a blurb cut short and followed by its link ("...sights, sounds,… Read more").
_CARD_TITLE = re.compile(r"^([^.!?。]{12,}?)(?:\s*\1)+$")
_CUT_BLURB = re.compile(r"(…|\.\.\.)\s*(read more|read on|more|continue reading)?\s*[»›→]?$", re.I)
# A prompt to the reader that opens with what it wants ("Sign up for our newsletter to...").
_CALL_TO_ACTION = re.compile(
    r"^(sign (in|up)|log ?in|subscribe|register|create (an|your) account|join our|get our)\b",
    re.IGNORECASE,
)
_PROMPT_WORDS = 40
_PAUSE_SCORE = -0.5  # a line of code, a chart or a table of contents: neither prose nor clutter
_CUT_TITLE_WORDS = 20


# A single line (a ticker of headlines run together) must not outweigh a whole article.
_MAX_LINE_SCORE = 60.0
_STREAK_GROWTH = 0.5
_MAX_STREAK_FACTOR = 6.0


def _is_caption(line: Line) -> bool:
    """A photo caption or credit, which a reader sees under the picture, not in the text."""
    if line.words < 40 and _CAPTION.search(line.text):
        return True
    return line.words < _CAPTION_WORDS and bool(_CREDIT_END.search(line.text))


def _cut_title(line: Line) -> bool:
    """A link's title cut short with an ellipsis, in a list (a sidebar of other posts)."""
    framed = line.blank_before and line.blank_after
    return not framed and line.words < _CUT_TITLE_WORDS and bool(_CUT_BLURB.search(line.text))


def _prompt(line: Line) -> bool:
    """A sign-up or log-in prompt, however wordy."""
    return line.words < _PROMPT_WORDS and bool(_CALL_TO_ACTION.match(line.text))


def line_score(line: Line, prose: float) -> float:
    """Positive for prose, negative for clutter; the size says how sure. `prose` is the
    line's score on its own; a line of code, a chart or a table of contents is neutral."""
    if (line.code or line.contents or line.figure) and not line.strong_boilerplate:
        return max(prose, _PAUSE_SCORE)
    return prose


def _prose_score(line: Line) -> float:
    """A line's score on its own, before the blocks around it are known."""
    words = line.words
    if line.strong_boilerplate and (words < 60 or COOKIE_NOTICE.search(line.text)):
        return -12.0
    if line.boilerplate and (words < 12 or _prompt(line)):
        return -6.0
    if _cut_title(line):
        return -3.0
    if _is_caption(line):
        return -4.0
    if _BULLET.match(line.text) and words >= 2:
        return max(2.0, min(words * 0.5, 8.0))  # typed bullets: innerText draws none for <li>
    prose = words >= 6 and (line.sentence_end or line.sentences_inside)
    if words >= 20 or (prose and words >= 10):
        score = float(words)
    elif prose:
        score = words * 0.6
    elif words >= 12:
        # Long but not a sentence: a paragraph without a full stop, or a headline in a list.
        score = words * 0.4 if line.blank_before and line.blank_after else -1.5
    else:
        score = -3.0 if words > 1 else -4.0
    if score > 0 and line.stop_ratio >= 0.15:
        score *= 1.3
    if score > 0 and line.blank_before and line.blank_after:
        score += 2.0
    return min(score, _MAX_LINE_SCORE)


_CLUTTER_WORDS = 5
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
_LIST_HEADING_WORDS = 6
_TAIL_PARAGRAPH = 50
_TAIL_SHARE = 0.3


def is_clutter(line: Line) -> bool:
    """A short line inside the article that is not part of it: a share or "read more" link,
    a photo caption or credit."""
    if line.aside or line.contents or line.figure:
        return True
    if line.boilerplate and line.words <= _CLUTTER_WORDS:
        return True  # longer ones are often subheadings ("Which ad units sell most")
    signed = line.words < _CAPTION_WORDS and bool(_SIGNED.search(line.text))
    return _is_caption(line) or is_card(line) or signed


def is_card(line: Line) -> bool:
    """A card for another story: its repeated headline, or its blurb cut off mid-sentence
    with a link to read on. An article's own sentences are whole."""
    if _CARD_TITLE.match(line.text):
        return True
    match = _CUT_BLURB.search(line.text)
    return match is not None and bool(match.group(2)) and line.words < _TAIL_PARAGRAPH


def _is_end_mark(line: Line) -> bool:
    """The start of the comments or a copyright line: nothing above it is the article."""
    return (bool(_COMMENTS.search(line.text)) and line.words <= 8) or (
        line.words < 30 and bool(_FOOTER.search(line.text))
    )


def _barriers(lines: list[Line]) -> set[int]:
    """Lines an article does not run across: the start of the comments, a copyright line, or
    a block of three or more boilerplate lines in a row (a share bar, a footer)."""
    found: set[int] = set()
    streak: list[int] = []
    for line in lines:
        if _is_end_mark(line):
            found.add(line.index)
        if line.boilerplate and line.words < 12:
            streak.append(line.index)
            if len(streak) >= _BARRIER_STREAK:
                found.update(streak)
        else:
            streak = []
    return found


def best_run(lines: list[Line], lo: int, hi: int) -> tuple[float, tuple[int, int]] | None:
    """The maximum-sum run of lines[lo:hi]. Each clutter line in a row costs more than the
    one before: an article has short gaps (a caption, an ad), a long menu ends it."""
    best, best_span = 0.0, None
    total, start, streak = 0.0, lo, 0
    for i in range(lo, hi):
        if total <= 0:
            total, start = 0.0, i
        score = lines[i].score
        if (lines[i].code or lines[i].contents or lines[i].figure) and score <= 0:
            pass  # a code block, a chart or a table of contents is a pause in the prose
        elif score <= 0:
            streak += 1
            score *= min(_MAX_STREAK_FACTOR, 1.0 + _STREAK_GROWTH * (streak - 1))
        else:
            streak = 0
        total += score
        if total > best:
            best, best_span = total, (start, i)
    return (best, best_span) if best_span else None


def main_run(lines: list[Line]) -> tuple[int, int] | None:
    """First and last index of the article's run of lines, or None when no line scores as
    prose. Barriers (comments, copyright, share bars) split the page into sections; in each
    the best run is found, and the run that is both large and dense wins: an article is
    prose after prose, a list of teasers alternates headlines, blurbs and timestamps."""
    barriers = sorted(_barriers(lines))
    bounds = [-1, *barriers, len(lines)]
    best, best_span = 0.0, None
    for lo, hi in itertools.pairwise(bounds):
        found = best_run(lines, lo + 1, hi)
        if found is None:
            continue
        total, (first, last) = found
        prose = sum(1 for line in lines[first : last + 1] if line.score > 0)
        density = prose / (last - first + 1)
        weight = total * density
        if weight > best:
            best, best_span = weight, (first, last)
    return best_span


def trim_teasers(lines: list[Line], start: int, end: int) -> int:
    """The run's end without a trailing list of teasers. In an article, prose lines follow
    each other or sit one short line apart (a subheading, a source); in a list of related
    stories each blurb comes after a headline, an author and a date. Returns the new end."""
    positives = [i for i in range(start, end + 1) if lines[i].score > 0]
    if len(positives) < 5:
        return end
    gaps = [0] + [b - a - 1 for a, b in itertools.pairwise(positives)]
    for k in range(2, len(positives) - _TEASERS_MIN + 1):
        if gaps[k] < 2:
            continue
        tail = gaps[k:]
        head = gaps[1:k]
        wide = sum(1 for g in tail if g >= 2) / len(tail)
        teasers = _blurbs([lines[i] for i in positives[k:]])
        if wide >= _TEASER_SHARE and sum(head) / len(head) < 1.0 and teasers:
            return positives[k - 1]
    return end


def _blurbs(prose: list[Line]) -> bool:
    """Whether prose lines read as teasers' blurbs: a sentence or two each. A list whose
    items are full paragraphs (a round-up of deals, a listicle) is the article itself."""
    long = sum(1 for x in prose if x.words >= _TAIL_PARAGRAPH)
    return long < _LONG_ITEMS_SHARE * len(prose)


def _teasers(prose: list[Line], total: float) -> bool:
    """Whether the prose lines after a list heading read as teasers: blurbs each after its
    own headline (never two paragraphs in a row), none a full paragraph, a minor share."""
    if len(prose) < 2 or any(x.words >= _TAIL_PARAGRAPH for x in prose):
        return False
    if any(b.index == a.index + 1 for a, b in itertools.pairwise(prose)):
        return False
    return sum(x.score for x in prose) <= _TAIL_SHARE * total


# An article cut in two by a share bar or a box: how far apart the halves may be, and how
# much prose the upper half must have (paragraphs, and a share of the lower half's weight).
_HALF_GAP = 20
_HALF_PARAGRAPHS = 2
_HALF_SHARE = 0.5


def upper_half(lines: list[Line], start: int, end: int) -> int:
    """The run's start, moved up to the article's upper half when a share bar or a box
    split it off: a run of paragraphs just above, at least half as weighty as the run.
    A page's teasers and boxes above an article are blurbs, not such a run."""
    above = next(
        (i for i in range(start - 1, max(-1, start - 2 - _HALF_GAP), -1) if lines[i].score > 0),
        None,
    )
    if above is None or any(_is_end_mark(x) for x in lines[above:start]):
        return start
    found = best_run(lines, max(0, above - 200), above + 1)
    if found is None or found[1][1] != above:
        return start
    first = found[1][0]
    prose = [x for x in lines[first : above + 1] if x.score > 0]
    weight = sum(x.score for x in lines[start : end + 1] if x.score > 0)
    paragraphs = sum(1 for x in prose if x.words >= 25)
    if paragraphs < _HALF_PARAGRAPHS or sum(x.score for x in prose) < _HALF_SHARE * weight:
        return start
    for x in lines[above + 1 : start]:
        x.aside = True
    return first


# How far past a list of links or a gallery the article is followed, and how much of the
# next paragraph's vocabulary must already be the article's.
_CARRY_GAP = 20
_CARRY_SHARED = 0.5


def _next_passage(lines: list[Line], end: int) -> tuple[int, int] | None:
    """The best run of prose that starts after a gap below `end` free of boilerplate, list
    headings and end marks; None when there is none within _CARRY_GAP lines."""
    for i in range(end + 1, min(len(lines), end + 2 + _CARRY_GAP)):
        x = lines[i]
        if x.score > 0:
            found = best_run(lines, i, min(len(lines), i + 200))
            return found[1] if found and found[1][0] == i else None
        if x.boilerplate or _is_end_mark(x) or _LIST_HEADING.search(x.text):
            return None
    return None


def carry_on(lines: list[Line], start: int, end: int) -> int:
    """The run's end, carried past a plain gap (a list of links, a gallery) to a paragraph
    that goes on about the same things: most of its words are already the article's."""
    while (span := _next_passage(lines, end)) is not None:
        prose = [x for x in lines[span[0] : span[1] + 1] if x.score > 0]
        if not any(x.words >= 25 for x in prose):
            break
        known: set[str] = set()
        for x in lines[start : end + 1]:
            if x.score > 0:
                known |= content_words(x.text)
        words: set[str] = set()
        for x in prose:
            words |= content_words(x.text)
        if share_of(words, known) < _CARRY_SHARED:
            break
        end = span[1]
    return end


def trim_comment_intro(lines: list[Line], start: int, end: int) -> int:
    """The run's end without the comment section's preamble ("As you comment, please be
    respectful..."): lines about commenting right above where the comments start."""
    following = lines[end + 1] if end + 1 < len(lines) else None
    if following is None or not _COMMENTS.search(following.text):
        return end
    while end > start and _COMMENT_WORD.search(lines[end].text):
        end -= 1
    return end


def trim_lists(lines: list[Line], start: int, end: int) -> int:
    """Mark the lists of other stories inside the run as asides (a list heading and the lines
    after it up to the next prose line) and return the run's end without a trailing list: a
    list heading followed by teasers ends the article."""
    total = sum(line.score for line in lines[start : end + 1] if line.score > 0)
    for i in range(start + 1, end + 1):
        line = lines[i]
        if line.words > _LIST_HEADING_WORDS or not _LIST_HEADING.search(line.text):
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
    mark_code(lines)
    mark_contents(lines)
    mark_figures(lines)
    for line in lines:
        line.score = line_score(line, line.score)
    run = main_run(lines)
    if run is not None:
        run = (upper_half(lines, *run), run[1])
        run = (run[0], trim_comment_intro(lines, *run))
        end = trim_lists(lines, run[0], trim_teasers(lines, *run))
        run = (run[0], end if end < run[1] else carry_on(lines, run[0], end))
    return lines, run
