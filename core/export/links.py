"""Links from an exported passage back to where it came from.

Two links for every passage. The original page with a text fragment (the WICG "URL Fragment
Text Directives" draft: `#:~:text=[prefix-,]start[,end][,-suffix]`), so a browser opens the
page scrolled to the passage and marks it; and a `postil://` link that opens Postil at the
highlight (the installers register the scheme; ui.app routes it to the running window).

The directive is built from the article's canonical text: a long quote is given by its first
and last words (textStart,textEnd), and a quote whose words occur more than once in the
article gets the words before it (prefix) and, if that is not enough, the words after it
(suffix), so the browser finds this occurrence and not the first.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote, unquote, urlsplit

SCHEME = "postil"
RANGE_WORDS = 10  # a quote longer than this is given by its first and last words ...
EDGE_WORDS = 4  # ... this many at each end
CONTEXT_WORDS = 3  # words of prefix or suffix added to tell an occurrence apart
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\S+")


def _encode(part: str) -> str:
    """Percent-encode a directive part: everything but unreserved characters, and "-" too
    (the draft reserves "-", "," and "&" inside a directive)."""
    return quote(part, safe="").replace("-", "%2D")


def _squeeze(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@lru_cache(maxsize=512)  # a brief by tag visits its articles in turn, over and over
def _flat(text: str) -> str:
    """An article's text with its whitespace squeezed and its case folded, made once for all
    its passages (a browser matches a text directive regardless of case)."""
    return _squeeze(text).casefold()


def _occurrences(haystack: str, needle: str) -> int:
    """How often `needle` stands in `haystack` (both case-folded) on word boundaries,
    overlapping occurrences included."""
    if not needle:
        return 0
    count, at = 0, haystack.find(needle)
    while at >= 0:
        before = haystack[at - 1] if at else " "
        after_at = at + len(needle)
        after = haystack[after_at] if after_at < len(haystack) else " "
        edge_ok = not (needle[0].isalnum() and before.isalnum())
        end_ok = not (needle[-1].isalnum() and after.isalnum())
        count += edge_ok and end_ok
        at = haystack.find(needle, at + 1)
    return count


def _words_before(text: str, start: int, count: int) -> str:
    """Words before `start` in its own paragraph: a prefix stands right before its passage,
    and a browser does not look for it across a paragraph's end."""
    block = text[text.rfind("\n", 0, start) + 1 : start]
    return " ".join(_WORD.findall(block)[-count:])


def _words_after(text: str, end: int, count: int) -> str:
    stop = text.find("\n", end)
    return " ".join(_WORD.findall(text[end : stop if stop >= 0 else len(text)])[:count])


def text_directive(text: str, start: int, end: int) -> str | None:
    """The `text=` directive (without `:~:`) for the passage text[start:end] of an article's
    canonical text; None for an empty passage."""
    if not 0 <= start < end <= len(text):
        return None
    passage = _squeeze(text[start:end])
    if not passage:
        return None
    words = passage.split(" ")
    if len(words) > RANGE_WORDS:
        first, last = " ".join(words[:EDGE_WORDS]), " ".join(words[-EDGE_WORDS:])
        parts = [_encode(first), _encode(last)]
        probe = first
    else:
        parts = [_encode(passage)]
        probe = passage
    flat = _flat(text)
    prefix = suffix = ""
    if _occurrences(flat, probe.casefold()) > 1:
        prefix = _words_before(text, start, CONTEXT_WORDS)
        if not prefix or _occurrences(flat, f"{prefix} {probe}".casefold()) > 1:
            suffix = _words_after(text, end, CONTEXT_WORDS)
    if prefix:
        parts.insert(0, _encode(prefix) + "-")
    if suffix:
        parts.append("-" + _encode(suffix))
    return "text=" + ",".join(parts)


def fragment_url(url: str | None, text: str, start: int, end: int) -> str | None:
    """The page's address scrolled to the passage; None when the article has no address."""
    if not url or not urlsplit(url).scheme.startswith("http"):
        return None
    directive = text_directive(text, start, end)
    if directive is None:
        return url
    base, _hash, fragment = url.partition("#")
    fragment = fragment.split(":~:", 1)[0]
    return f"{base}#{fragment}:~:{directive}"


def postil_link(article_id: int, annotation_id: int | None = None) -> str:
    """postil://article/12 or postil://article/12/highlight/34."""
    link = f"{SCHEME}://article/{int(article_id)}"
    return link if annotation_id is None else f"{link}/highlight/{int(annotation_id)}"


def parse_postil_link(link: str) -> tuple[int, int | None] | None:
    """(article id, highlight id or None) of a postil:// link; None when it is not one."""
    parts = urlsplit(link.strip())
    if parts.scheme.lower() != SCHEME:
        return None
    path = [p for p in f"{parts.netloc}/{unquote(parts.path)}".split("/") if p]
    if len(path) == 2 and path[0] == "article" and path[1].isdigit():
        return int(path[1]), None
    ok = len(path) == 4 and path[0] == "article" and path[2] == "highlight"
    if ok and path[1].isdigit() and path[3].isdigit():
        return int(path[1]), int(path[3])
    return None
