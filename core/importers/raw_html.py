"""Raw HTML in a Markdown note: which of it hides the text it encloses.

Markdown passes HTML through, so markdown-it hands the tags over one by one (an inline tag, a
block of HTML) and the text between them as ordinary text. A browser shows none of what a
script, a style sheet, an embedded frame or a template holds, and neither may the article: its
text would otherwise read "alert(1)". Other tags (<b>, <span>, <kbd>) only style their text,
which stays. Tags are read by a small scanner, not a parser: a note's HTML comes in
fragments, a tag here and its closing tag a paragraph later.

A hidden element opened by a block of HTML (a tag on its own line, as one writes HTML on
purpose) hides what follows until it closes, as in a browser; one opened inside a paragraph
hides the rest of that paragraph only, since "use a <script> tag" in prose is more often a
slip than markup.
"""

from __future__ import annotations

import re

# Elements whose content a reader never sees as text (a player's or a canvas's fallback
# included: it shows only where the element itself cannot).
HIDDEN = frozenset(
    {
        "applet",
        "audio",
        "canvas",
        "embed",
        "frame",
        "frameset",
        "iframe",
        "noembed",
        "noframes",
        "noscript",
        "object",
        "script",
        "style",
        "svg",
        "template",
        "video",
    }
)
# Of those, the ones whose content is raw text: a tag inside a script is not a tag.
_RAW_TEXT = frozenset({"iframe", "noembed", "noframes", "noscript", "script", "style"})
_VOID = frozenset({"embed", "frame"})
# A tag's start: "<name" or "</name". The tag runs to the next ">"; tags are found with str.find,
# never a backtracking pattern, so a note full of stray "<" is read in linear time.
_TAG_START = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")


# Where a script's (a style's...) text ends: its closing tag, whatever the case.
_RAW_TEXT_END = {name: re.compile(rf"</{name}(?=[\s/>]|$)", re.IGNORECASE) for name in _RAW_TEXT}


class HiddenHtml:
    """Which hidden elements are open, fed the raw HTML of a note as markdown-it meets it."""

    def __init__(self) -> None:
        self.open: list[str] = []

    @property
    def hiding(self) -> bool:
        """Whether text met now lies inside an element a reader does not see."""
        return bool(self.open)

    def feed(self, html: str) -> None:
        """Follow the tags of one fragment of raw HTML (an inline tag or an HTML block)."""
        at = 0
        while at < len(html):
            if self.open and self.open[-1] in _RAW_TEXT:  # "<b>" in a script is the script's
                closing = _RAW_TEXT_END[self.open[-1]].search(html, at)
                if closing is None:
                    return
                at = closing.start()
            found = html.find("<", at)
            if found < 0:
                return
            if html.startswith("<!--", found):
                end = html.find("-->", found + 4)
                if end < 0:
                    return  # the rest is a comment
                at = end + 3
                continue
            tag = _TAG_START.match(html, found)
            if tag is None:
                at = found + 1  # "a < b": not a tag
                continue
            end = html.find(">", tag.end())
            if end < 0:
                return  # a tag cut off: nothing after it is markup
            self._tag(tag.group(2).lower(), closing=bool(tag.group(1)), body=html[tag.end() : end])
            at = end + 1

    def _tag(self, name: str, *, closing: bool, body: str) -> None:
        if closing:
            if name in self.open:
                del self.open[len(self.open) - 1 - self.open[::-1].index(name) :]
        elif name in HIDDEN and name not in _VOID and not body.rstrip().endswith("/"):
            self.open.append(name)  # "<iframe ... />" is closed as written (XHTML-like notes)

    def mark(self) -> int:
        """The depth now, to go back to with `reset` (an inline element closes with its
        paragraph; a tag left open inside one does not hide the rest of the note)."""
        return len(self.open)

    def reset(self, depth: int) -> None:
        del self.open[depth:]
