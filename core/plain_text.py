"""Plain-text rules of the canonical text that need no article model: what is removed, how
whitespace collapses, how blocks are separated. Apart from core.canonical (which applies them
to blocks) so that the window's first frame and the tag store can use them without loading
the article model.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

BLOCK_SEPARATOR = "\n\n"


# Compiled on first use: the window's first frame imports this module (for the separator and
# the tag store) and cleans no text; compiling both patterns was 4 M instructions of it.
@cache
def _surrogates() -> re.Pattern[str]:
    return re.compile("[\ud800-\udfff]")


@cache
def _controls() -> re.Pattern[str]:
    """C0/C1 controls except newline; BOM / zero-width no-break space."""
    return re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]")


_SPACE_CHARS = frozenset(
    " \t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
_NEWLINES = frozenset("\n\u2028\u2029")


def has_lone_surrogate(text: str) -> bool:
    return _surrogates().search(text) is not None


def scrub_surrogates(text: str) -> str:
    """Lone surrogates cannot be encoded to UTF-8, so SQLite must never see one."""
    return _surrogates().sub("\ufffd", text)


def clean_inline(text: str) -> str:
    """Remove what must never reach the library: lone surrogates, controls, CR; NFC."""
    text = scrub_surrogates(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _controls().sub("", text)
    return unicodedata.normalize("NFC", text)


def normalize_text(text: str) -> str:
    """Canonical form of a free-standing string (a quote, a title): cleaned and collapsed."""
    return "".join(s for s, _ in collapse([(text, None)]))


def collapse(pieces: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """Collapse whitespace across pieces: runs of spaces become one space, runs containing a
    line break become one newline, nothing at the start or end. Returns (text, tag) pairs."""
    out: list[tuple[str, object]] = []
    pending = ""
    started = False
    for text, tag in pieces:
        buf: list[str] = []
        for ch in clean_inline(text):
            if ch in _NEWLINES:
                pending = "\n"
            elif ch in _SPACE_CHARS:
                if pending != "\n":
                    pending = " "
            else:
                if pending and started:
                    buf.append(pending)
                pending = ""
                started = True
                buf.append(ch)
        if buf:
            out.append(("".join(buf), tag))
    return out
