"""The importers' rules that were chosen by looking at results, in one place.

Each rule has a name, a line on what it does, and the out-of-fold figure that keeps it:
bench/ablation.py imports every corpus page with the rule and without it, decides on four
folds whether the rule helps and scores that decision on the fifth, in turn (title.below_date,
which adds candidates for the title model, is measured with fold title models fitted with it
and without it). A rule stays
only when that out-of-fold decision beats going without it; the thresholds a rule reads are
its own and sit with it here. `without` turns rules off for the bench; the app never does.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple


class Rule(NamedTuple):
    does: str
    figure: str  # the out-of-fold figure that keeps it (bench/ablation.py), "" until measured


RULES: dict[str, Rule] = {
    # browser text: which lines are the article (core.importers.text_lines)
    "text.contents": Rule(
        "a table of contents is a pause, not clutter",
        "OOF +0.0069 (5/5 folds keep; modern +0.0056)",
    ),
    "text.bullets": Rule(
        "a typed bullet item scores as prose", "OOF +0.0219 (5/5 folds keep; modern +0.0031)"
    ),
    "text.captions": Rule(
        "photo captions and credits are clutter", "OOF +0.0069 (5/5 folds keep; modern +0.0004)"
    ),
    "text.cut_titles": Rule(
        "a link title cut short with an ellipsis is clutter",
        "OOF +0.0284 (5/5 folds keep; modern +0.0006)",
    ),
    "text.barriers": Rule(
        "comments, copyright and share bars split the page in sections",
        "OOF +0.0427 (5/5 folds keep; modern +0.0068)",
    ),
    "text.teasers": Rule(
        "a trailing list of teasers ends the article",
        "OOF +0.0050 (5/5 folds keep; modern +0.0016)",
    ),
    "text.lists": Rule(
        "a 'Related' heading and its list are left out",
        "OOF +0.0133 (5/5 folds keep; modern +0.0023)",
    ),
    "text.cards": Rule(
        "a card for another story inside the run is left out",
        "OOF +0.0015 (5/5 folds keep; modern -0.0000)",
    ),
    # browser text: the headline
    "title.subject": Rule(
        "a headline names the article's most frequent words",
        "OOF +0.1390 (5/5 folds keep; modern +0.0547)",
    ),
    "title.repeated": Rule(
        "a line the page repeats is likelier the headline",
        "OOF +0.0241 (5/5 folds keep; modern +0.0000)",
    ),
    "title.far": Rule(
        "the headline is looked for up to 60 lines above the article",
        "OOF +0.0411 (5/5 folds keep; modern +0.0050)",
    ),
    "title.below_date": Rule(
        "lines between a date above the headline and the article are candidates too",
        "OOF +0.068 title close (fold title models with and without; modern +0.080)",
    ),
    # saved pages: what is done around trafilatura (core.importers.html_page)
    "html.captions": Rule(
        "figure captions become their picture's caption, not body text",
        "OOF +0.0027 (5/5 folds keep; modern +0.0010)",
    ),
    "html.galleries": Rule(
        "photo galleries' captions and credits are dropped",
        "OOF +0.0047 (5/5 folds keep; modern +0.0000)",
    ),
    "html.quotes": Rule(
        "pull quotes and embedded quotes are lifted out of the flow",
        "OOF +0.0021 (5/5 folds keep; modern +0.0000)",
    ),
    "html.repeats": Rule(
        "paragraphs trafilatura drops as repeats are put back",
        "OOF +0.0198 (5/5 folds keep; modern +0.0000)",
    ),
    "html.lead": Rule(
        "the title heading that opens the body is left out",
        "OOF +0.0064 (5/5 folds keep; modern +0.0007)",
    ),
    "html.datelines": Rule(
        "date lines at the top of the body are left out",
        "OOF +0.0003 (5/5 folds keep; modern +0.0001)",
    ),
    # browser-printed PDFs: what the page's links and sizes say (core.importers.pdf_document)
    "pdf.links": Rule(
        "a paragraph that is all link (another story's teaser) is left out",
        "OOF +0.0183 pdf/aeb (5/5 folds keep; pdf/modern +0.0060)",
    ),
    "pdf.small": Rule(
        "a short paragraph set smaller than the article's text (caption, credit) is left out",
        "OOF +0.0015 pdf/aeb (5/5 folds keep; pdf/modern +0.0011)",
    ),
    "pdf.tail": Rule(
        "the article's tail not set in its text's size (teasers, boxes) is left out",
        "OOF +0.0034 pdf/aeb (5/5 folds keep; pdf/modern +0.0006)",
    ),
}

# -- Weights and thresholds ---------------------------------------------------------------
# The numbers the rules read. A rule's numbers are justified by its rule's out-of-fold figure
# above; the line scores that are the classifier itself (no rule can be switched off without
# it) by the pipeline's out-of-fold figures, bench/import_quality.py's text rows.

# A line's prose score (text_lines._prose_score): positive for prose, negative for clutter.
COPYRIGHT_SCORE = -12.0  # copyright, cookie or disclaimer line under COPYRIGHT_WORDS
COPYRIGHT_WORDS = 60  # longer than this, such a line is prose that mentions it (cookies aside)
BOILERPLATE_SCORE = -6.0  # a short share, menu, counter or sign-up line
BOILERPLATE_WORDS = 12  # "short" for the line above
CUT_TITLE_SCORE = -3.0  # text.cut_titles: an unframed link title cut with an ellipsis
CUT_TITLE_WORDS = 20  # longer, it is a paragraph that ends with one
CAPTION_SCORE = -4.0  # text.captions: a photo caption or credit
CAPTION_MARK_WORDS = 40  # a line that says "Photo:" or "Getty Images" under this is a caption
CAPTION_WORDS = 60  # a line ending in "Credit: X" under this is a caption
BULLET_PER_WORD = 0.5  # text.bullets: a typed bullet item scores this a word ...
BULLET_SCORE = (2.0, 8.0)  # ... within these bounds
SENTENCE_WORDS = 6  # a line of this many words that ends like a sentence is prose
PARAGRAPH_WORDS = 20  # a line this long is prose, sentence or not (a word a point)
SENTENCE_PARAGRAPH_WORDS = 10  # a sentence this long scores a point a word too
SHORT_SENTENCE_PER_WORD = 0.6  # a shorter sentence scores this a word
LONG_LINE_WORDS = 12  # long, not a sentence: a paragraph without a full stop, or a headline
FRAMED_LONG_PER_WORD = 0.4  # ... framed by blank lines (a <p>) it scores this a word
UNFRAMED_LONG_SCORE = -1.5  # ... unframed (a headline in a list) this
SHORT_LINE_SCORE = -3.0  # a short line that is not a sentence (a menu item)
ONE_WORD_SCORE = -4.0  # a one-word line (a button)
MAX_LINE_SCORE = 60.0  # one line (a ticker of headlines run together) never outweighs an article
PAUSE_SCORE = -0.5  # text.contents: a table of contents' line, neither prose nor clutter
CLUTTER_WORDS = 5  # inside the article, boilerplate this short is left out (longer: subheadings)

# The article's run (text_lines).
BARRIER_STREAK = 3  # text.barriers: this many short boilerplate lines in a row split the page
COMMENTS_MARK_WORDS = 8  # a comments heading is this short
FOOTER_MARK_WORDS = 30  # a copyright line is shorter than this
TEASERS_MIN = 3  # text.teasers: a trailing list has this many blurbs at least
TEASERS_MIN_PROSE = 5  # and the run this many prose lines before it is looked for
TEASER_SHARE = 0.75  # share of the tail's gaps that are two lines or wider
LONG_ITEMS_SHARE = 0.5  # a list whose items are mostly full paragraphs is the article
LIST_HEADING_WORDS = 6  # text.lists: a "Related" heading is this short
TAIL_PARAGRAPH = 50  # a teaser's blurb is shorter than this; so is a card's (text.cards)
TAIL_SHARE = 0.3  # teasers after a list heading weigh at most this share of the article
CONTENTS_ENTRY_WORDS = 12  # text.contents: an entry of a table of contents is this short

# The headline (browser_text._find_title, _title_score).
TITLE_LOOKBACK = 15  # lines above the article's first line where its head is read
TITLE_FAR_LOOKBACK = 60  # title.far: how far a headline naming the subject may stand
TITLE_FAR_OVERLAP = 0.75  # title.far: the subject overlap such a far line needs
TITLE_NEAR = 12  # lines over which distance costs TITLE_DISTANCE_COST each
TITLE_DISTANCE_COST = 0.6
TITLE_FAR_COST = 0.15  # each line beyond TITLE_NEAR
TITLE_WORDS_CAP = 14  # a headline's words count up to this
TITLE_SUBJECT_WEIGHT = 6.0  # title.subject: weight of the overlap with the subject words
TITLE_SUBJECT_HITS = 4  # subject words counted at most
TITLE_SHORT_PENALTY = (2.0, 6.0)  # under 3 words: naming the subject / not
TITLE_FULL_STOP_PENALTY = 8.0  # a sentence ending in a full stop is rarely a headline
TITLE_FRAMED_BONUS = 2.0  # a line set apart by a blank line
TITLE_REPEATED_BONUS = 4.0  # title.repeated: the page says it again
TITLE_ADJACENT_BONUS = 3.0  # right above the article's first line
TITLE_MAX_WORDS = 40  # longer lines are not headlines
TITLE_MAX_CHARS = 300

# The article's head in browser text (browser_text): dates, bylines, the first paragraph.
DATE_LINE_WORDS = 24  # a line longer than this is not about a date
DATE_LINE_CHARS = 160
DATE_MOSTLY_WORDS = 16  # up to this, a line with a date in it dates the article
DATELINE_WORDS = 30  # a dateline ("By X | 18 May 2019 - Updated ...") is this short at most
DATELINE_REACH = 4  # lines into the body where a dateline may still stand
BYLINE_WORDS = 14  # a byline line is this short
BYLINE_NAME_WORDS = 8  # and the name in it this short
PARAGRAPH_OPENS = 25  # a line this long opens the body ...
SENTENCE_OPENS = 12  # ... or a sentence this long
PROSE_RUN = 3  # or this many short framed lines of prose in a row (CJK lines are short)
HEADING_WORDS = 12  # a short line before a paragraph reads as a subheading
SECTION_WORDS = 4  # a section name above the headline is this short

# Saved pages (html_page and the steps around trafilatura).
MAX_CAPTION_CHARS = 600  # html.captions: a longer "caption" is article text
MAX_ALT_CHARS = 300  # a caption kept as a picture's alt text is cut here
CAPTION_FRAME_CHARS = 80  # text a picture's frame may hold beside its caption (a credit)
CAPTION_CLIMB = 4  # levels climbed from a caption to find its picture
GALLERY_MIN_ITEMS = 5  # html.galleries: fewer items is an image or two in a frame
GALLERY_MAX_SHARE = 0.5  # a gallery holding more of the page's text is the content
MAX_H1 = 8  # h1 elements read for the headline (a page of many h1s is a list)
TITLE_SUFFIX_WORDS = 4  # "Headline | Site Name": the site part is this short
TITLE_HEAD_WORDS = 3  # and the headline part at least this long

# Browser-printed PDFs (pdf_document), what only the PDF tells of a paragraph.
TEASER_LINKED = 0.8  # pdf.links: a paragraph this much in links is a link to another story
SMALL_RATIO = 0.9  # pdf.small: a paragraph set this much smaller than the article's text ...
SMALL_WORDS = 40  # ... and this short is a caption, a credit or a date line

_off: contextvars.ContextVar[frozenset[str]] = contextvars.ContextVar(
    "rules_off", default=frozenset()
)


def on(name: str) -> bool:
    """Whether rule `name` applies (always, outside the ablation benchmark)."""
    return name not in _off.get()


@contextmanager
def without(*names: str) -> Iterator[None]:
    """Import with these rules off (bench/ablation.py)."""
    unknown = set(names) - RULES.keys()
    if unknown:
        raise KeyError(f"unknown rules: {sorted(unknown)}")
    token = _off.set(_off.get() | frozenset(names))
    try:
        yield
    finally:
        _off.reset(token)
