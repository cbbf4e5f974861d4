"""Text copied out of a browser (Select All + Copy): the article among menus and footers.

The line classifier (core.importers.text_lines) finds the article's run of lines; around its
start sit the title, the section above it and the date and byline below it, which are read
here. A text with no prose at all (a short note, a list) is imported as plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from core.article import Block, BlockKind, ImportedArticle, Span
from core.importers import title_model
from core.importers import tuning as t
from core.importers.dates import find_date
from core.importers.plain_text import import_plain_text
from core.importers.script import direction, guess_language
from core.importers.text_features import Line, word_units
from core.importers.text_lines import classify, is_clutter
from core.importers.text_topic import content_words, subject_words
from core.importers.title_model import TitleCandidate
from core.importers.tuning import on

_BYLINE = re.compile(
    r"^(?:by|von|par|por|door|di|av|af|od|автор|текст|авторы|بقلم|كتب|كتبه)\s*:?\s+(?P<who>.+)$",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s+[·•|—–-]\s+|\s*[·•|]\s*|,\s+(?=\d)")
_HANDLE = re.compile(r"\s*@\w+")
_COPYRIGHT_AFTER = re.compile(
    r"©\s*(?:\d{4}\s*(?:[-–]\s*\d{4})?)?\s*(?P<name>[^\s©|·•,.][^©|·•,]*?)\s*(?:\.(?:\s|$)|[,|·•]|$)"
)
_COPYRIGHT_BEFORE = re.compile(r"(?P<name>[^\s©|·•,][^©|·•,]*?)\s*©")
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b")
_TRAILING_BYLINE = re.compile(r"\s+(?:by|von|par|por)\s*:\s*\S.{0,40}$", re.IGNORECASE)


def _letters_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 1]


def _word_count(text: str) -> int:
    """Words of letters, a run of Chinese or Japanese characters counting as several."""
    return word_units(" ".join(_letters_words(text)))


def date_of(line: Line) -> datetime | None:
    """The date a short line is mostly about ("08 December 2025 17:49", "By X · 14 March"),
    or the one a longer dateline opens with ("Thu 3 Jan 2019 02.00 EST Last modified on ...")."""
    if line.words > t.DATE_LINE_WORDS or len(line.text) > t.DATE_LINE_CHARS:
        return None
    found = find_date(line.text)
    if found is None:
        return None
    opens = len(line.text[: found[1][0]].split()) <= 2  # at most a weekday before it
    return found[0] if line.words <= t.DATE_MOSTLY_WORDS or opens else None


def byline_of(line: Line) -> str | None:
    if line.words > t.BYLINE_WORDS:
        return None
    match = _BYLINE.match(line.text)
    if not match:
        return None
    who = match.group("who")
    found = find_date(who)
    if found:
        who = who[: found[1][0]]
    who = _HANDLE.sub("", _SEPARATORS.split(who)[0]).strip(" ,;:-–—·|")
    return who if 0 < len(_letters_words(who)) <= t.BYLINE_NAME_WORDS else None


def _title_like(line: Line) -> bool:
    too_long = line.words > t.TITLE_MAX_WORDS or len(line.text) > t.TITLE_MAX_CHARS
    if line.boilerplate or line.words < 2 or too_long:
        return False
    if is_clutter(line):
        return False  # a caption or a photo credit
    if date_of(line) or byline_of(line) or _word_count(line.text) < 2:
        return False
    if _BYLINE.match(line.text) and find_date(line.text):
        return False  # a long "By X | date - Updated date" line
    if _NUMERIC_DATE.search(line.text) and line.words <= 12:
        return False  # "2/26/2015 7:11 AM PST BY STAFF": a timestamp, not a headline
    return not line.text.startswith(("http://", "https://", "www."))


def headline_text(lines: list[Line], at: int) -> str:
    """The headline as a reader sees it: a trailing "by: Name" left out."""
    text = lines[at].text
    return _TRAILING_BYLINE.sub("", text) or text


def _overlap(line: Line, subject: set[str]) -> float:
    """How much the line is about the article's subject (its most frequent words): a headline
    names it, a teaser for another story or a menu item mostly does not."""
    words = content_words(line.text)
    if len(words) < 2 or not subject:
        return 0.0
    hits = len(words & subject)
    return min(hits, t.TITLE_SUBJECT_HITS) / t.TITLE_SUBJECT_HITS + hits / len(words)


def _title_score(line: Line, distance: int, repeated: bool, overlap: float = 0.0) -> float:
    """How much a line above the article looks like its headline: a few words or more, not
    a sentence ending in a full stop, near the article, often repeated on the page, and about
    what the article is about."""
    far = max(0, distance - t.TITLE_NEAR)
    score = (
        min(line.words, t.TITLE_WORDS_CAP)
        - t.TITLE_DISTANCE_COST * min(distance, t.TITLE_NEAR)
        - t.TITLE_FAR_COST * far
        + t.TITLE_SUBJECT_WEIGHT * overlap
    )
    if line.words < 3:  # a name, unless it names the article's subject
        naming, other = t.TITLE_SHORT_PENALTY
        score -= naming if overlap >= 1.0 else other
    if line.text.endswith("."):
        score -= t.TITLE_FULL_STOP_PENALTY
    if line.blank_before or line.blank_after:
        score += t.TITLE_FRAMED_BONUS
    if repeated:
        score += t.TITLE_REPEATED_BONUS
    if distance == 1:
        score += t.TITLE_ADJACENT_BONUS
    return score


def _filler(line: Line) -> bool:
    """A line that does not push a headline away from its article: a share button, a
    counter, a date or byline, a one-word control ("Print", "A+")."""
    if line.boilerplate or len(_letters_words(line.text)) <= 1:
        return True
    return bool(date_of(line) or byline_of(line))


def title_candidates(
    lines: list[Line], anchor: int, body_words: set[str], first_para: int | None = None
) -> list[TitleCandidate]:
    """Headline-like lines above `anchor` (the first date/byline line, or the first
    paragraph), nearest first; `body_words` are the article's subject words. With
    `first_para` (and a title model to weigh them), also those between the head's first
    date or byline and the first paragraph: some pages date the article above its headline."""
    seen: dict[str, int] = {}
    for line in lines:
        key = line.text.casefold()
        seen[key] = seen.get(key, 0) + 1
    found = []
    distance = 0
    reach = t.TITLE_FAR_LOOKBACK if on("title.far") else t.TITLE_LOOKBACK
    for i in range(anchor - 1, max(-1, anchor - reach), -1):
        if i + 1 < anchor and not _filler(lines[i + 1]):
            distance += 1
        if not _title_like(lines[i]):
            continue
        overlap = _overlap(lines[i], body_words) if on("title.subject") else 0.0
        if distance + 1 >= t.TITLE_LOOKBACK and overlap < t.TITLE_FAR_OVERLAP:
            continue
        repeated = seen[lines[i].text.casefold()] > 1 and on("title.repeated")
        score = _title_score(lines[i], distance + 1, repeated, overlap)
        found.append(TitleCandidate(i, distance + 1, overlap, repeated, score))
    for i in range(anchor + 1, first_para if first_para is not None else anchor):
        if _title_like(lines[i]) and on("title.below_date"):
            overlap = _overlap(lines[i], body_words) if on("title.subject") else 0.0
            repeated = seen[lines[i].text.casefold()] > 1 and on("title.repeated")
            score = _title_score(lines[i], 1, repeated, overlap)
            found.append(TitleCandidate(i, 1, overlap, repeated, score, below=True))
    return found


def _find_title(
    lines: list[Line], anchor: int, body_words: set[str], first_para: int
) -> int | None:
    """The headline's index among the lines above `anchor`: the candidate the title model
    ranks first (the hand score's when there is no model), else the nearest headline-like
    line however far."""
    model = title_model.current()
    below = first_para if model is not None else None
    candidates = title_candidates(lines, anchor, body_words, below)
    if candidates:
        if model is not None:
            rows = title_model.feature_rows(lines, candidates)
            ranked = max(zip(candidates, rows, strict=True), key=lambda c: model.score(c[1]))
            return ranked[0].index
        return max(candidates, key=lambda c: c.hand_score).index
    return next((i for i in range(anchor - 1, -1, -1) if _title_like(lines[i])), None)


def _is_dateline(line: Line) -> bool:
    """A line of the article's head that dates it ("By X | 18 May 2019 at 2:26 PM - Updated
    ..."): metadata, even when too long for the date to be read from it."""
    short = line.words <= t.DATELINE_WORDS
    return short and not _is_paragraph(line) and find_date(line.text) is not None


def _is_paragraph(line: Line) -> bool:
    """Unmistakable body prose, not a headline that happens to end with a question mark."""
    if line.boilerplate and line.strong_boilerplate:
        return False
    ends_full = line.text.rstrip("'\"”’»)").endswith((".", "…", "。", "۔", ":"))
    sentence = ends_full or line.sentences_inside > 0
    return line.words >= t.PARAGRAPH_OPENS or (line.words >= t.SENTENCE_OPENS and sentence)


def _opens_body(lines: list[Line], i: int) -> bool:
    """Whether the article's text starts at line i: a paragraph, or three short paragraphs
    of prose in a row (lines of Chinese or Japanese prose often are short)."""
    if _is_paragraph(lines[i]):
        return True
    run = lines[i : i + t.PROSE_RUN]
    framed = all(x.score > 0 and x.blank_before and x.blank_after for x in run)
    plain = not any(_is_dateline(x) or _BYLINE.match(x.text) or _is_paragraph(x) for x in run)
    return len(run) == t.PROSE_RUN and framed and plain


def _is_section(line: Line, earlier: set[str]) -> bool:
    words = _letters_words(line.text)
    if (
        not 1 <= len(words) <= t.SECTION_WORDS
        or line.boilerplate
        or any(c.isdigit() for c in line.text)
    ):
        return False
    cased = [c for c in line.text if c.isalpha() and c.lower() != c.upper()]
    upper = bool(cased) and all(c.isupper() for c in cased)
    return upper or line.text.casefold() in earlier


def _site_of(lines: list[Line]) -> str | None:
    """The publisher's name from a copyright line ("© 2026 Example Gazette.", "Site © 2025")."""
    for line in reversed(lines):
        if "©" not in line.text:
            continue
        for pattern in (_COPYRIGHT_BEFORE, _COPYRIGHT_AFTER):
            match = pattern.search(line.text)
            if not match:
                continue
            name = match.group("name").strip(" .-–—:")
            name = re.sub(r"^(?:copyright|\(c\))\s*", "", name, flags=re.I)
            name = re.sub(r"\s*\d{4}(\s*[-–]\s*\d{4})?$", "", name).strip(" .-–—:")
            words = _letters_words(name)
            if 1 <= len(words) <= 5 and len(name) <= 50 and not re.search(r"\d{4}", name):
                return name
    return None


def _blocks(lines: list[Line]) -> list[Block]:
    """Paragraphs, with a short line that introduces prose taken as a heading."""
    blocks = []
    for i, line in enumerate(lines):
        kind = BlockKind.PARAGRAPH
        following = lines[i + 1] if i + 1 < len(lines) else None
        if (
            i > 0
            and following is not None
            and line.words <= t.HEADING_WORDS
            and not line.sentence_end
            and not line.boilerplate
            and _is_paragraph(following)
            and line.blank_before
        ):
            kind = BlockKind.HEADING
        blocks.append(Block(kind, (Span(line.text),), level=2 if kind is BlockKind.HEADING else 0))
    return blocks


@dataclass(slots=True)
class Reading:
    """What the hand rules read in a browser text: its lines, the article's run, where the
    headline and the first paragraph are, and the body lines they keep."""

    lines: list[Line]
    start: int
    end: int
    first_para: int
    title_at: int | None
    meta_lines: list[int]
    body: list[Line]
    anchor: int  # the article's head: its first date/byline line, or its first paragraph
    subject: set[str]  # the article's most frequent words


def read_lines(text: str) -> Reading | None:
    """The hand rules' reading; None when no line reads as prose."""
    lines, run = classify(text)
    if run is None:
        return None
    start, end = run
    first_para = next((i for i in range(start, end + 1) if _opens_body(lines, i)), start)
    window = range(max(0, start - t.TITLE_LOOKBACK), first_para)

    meta_lines = [i for i in window if date_of(lines[i]) or byline_of(lines[i])]
    anchor = meta_lines[0] if meta_lines else first_para
    subject = subject_words(line.text for line in lines[first_para : end + 1])
    title_at = _find_title(lines, anchor, subject, first_para)

    body_from = start
    if title_at is not None:
        body_from = max(body_from, title_at + 1)
        after_title = [i for i in meta_lines if title_at < i <= first_para]
        if after_title:
            body_from = max(body_from, after_title[-1] + 1)
    body_from = min(body_from, first_para)
    body = [
        line
        for line in lines[body_from : end + 1]
        if not line.strong_boilerplate and not is_clutter(line)
    ]
    return Reading(lines, start, end, first_para, title_at, meta_lines, body, anchor, subject)


def import_browser_text(text: str, *, original: bytes, source_name: str = "") -> ImportedArticle:
    reading = read_lines(text)
    if reading is None:
        return import_plain_text(text, original=original, source_name=source_name)
    lines, end, first_para = reading.lines, reading.end, reading.first_para
    title_at, meta_lines = reading.title_at, reading.meta_lines
    body = reading.body

    published = None
    byline = None
    near = [i for i in meta_lines if title_at is None or i > title_at] or meta_lines
    for i in near:
        published = published or date_of(lines[i])
        byline = byline or byline_of(lines[i])
    # a page that dates the article above its headline ("30 November 2026", then the title)
    published = published or next((d for i in meta_lines if (d := date_of(lines[i]))), None)
    if published is None:  # a dateline under the standfirst, as some pages set it
        opening = (lines[i] for i in range(first_para, min(end, first_para + t.DATELINE_REACH) + 1))
        published = next(
            (d for line in opening if not _is_paragraph(line) and (d := date_of(line))), None
        )

    section = None
    if title_at is not None:
        earlier = {line.text.casefold() for line in lines[: max(0, title_at - 1)]}
        for i in range(title_at - 1, max(-1, title_at - 4), -1):
            if len(_letters_words(lines[i].text)) == 0 and lines[i].words <= 2:
                continue  # "A+", "A-", a lone number
            if _is_section(lines[i], earlier):
                section = lines[i].text
            break

    if title_at is not None:
        title = headline_text(lines, title_at)
    else:
        title = body[0].text if body else lines[0].text
    body_text = "\n".join(line.text for line in body)
    language = guess_language(body_text)
    return ImportedArticle(
        title=title[:300],
        blocks=_blocks(body),
        original=original,
        source_kind="text",
        source_name=source_name,
        byline=byline,
        site=_site_of(lines),
        section=section,
        published=published,
        language=language,
        direction=direction(body_text, language),
    )
