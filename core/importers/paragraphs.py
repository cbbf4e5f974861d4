"""Paragraph-level repairs around trafilatura: a div written as a paragraph becomes one before
extraction, words in styled spans stay in their sentence, and a paragraph the page
deliberately repeats is put back after extraction.

Trafilatura, favouring precision, reads the inline pieces of a text-bearing div (its links
and their tails) but not the div's own leading text, so such a paragraph loses its start. It
cuts out any element whose class says "link" or "bottom" or whose style draws a border, which
inside a paragraph takes words out of the middle of a sentence. And it drops a paragraph
equal to the one before it as an extraction artifact, which also removes a refrain or a line
the author wrote twice in a row.
"""

from __future__ import annotations

import re
from copy import deepcopy
from typing import Any

# Elements that make a div a container rather than a paragraph (as in Readability.js).
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "iframe", "img", "li", "main", "nav", "ol", "p", "picture", "pre", "section",
        "table", "ul", "video",
    }
)  # fmt: skip
# A div whose own words are under this share of its text is mostly links: a menu, a hatnote.
_OWN_TEXT_SHARE = 0.5
# Trafilatura's own bar for calling two paragraphs duplicates (MIN_DUPLICATE_LENGTH).
_MIN_REPEAT_CHARS = 50


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _reads_as_paragraph(div: Any) -> bool:
    """Running text of its own with inline elements in it, and nothing block-level inside."""
    own = (div.text or "").strip()
    if not own or any(d.tag in _BLOCK_TAGS for d in div.iterdescendants()):
        return False
    own_chars = len(own) + sum(len((child.tail or "").strip()) for child in div)
    return own_chars >= _OWN_TEXT_SHARE * len(_squeeze(div.text_content()))


def divs_to_paragraphs(tree: Any) -> None:
    """Retag as <p> every div that holds a paragraph's text and inline elements directly."""
    for div in tree.xpath("//div[*][normalize-space(text())]"):
        if _reads_as_paragraph(div):
            div.tag = "p"


# What trafilatura's precision rules take for boilerplate in a class or id.
_CUT_NAMES = re.compile(r"(?:^|\s)(?:link(?:\s|$)|bottom)|bottom(?:\s|$)")


def _cut_by_precision_rules(span: Any) -> bool:
    names = f"{span.get('class') or ''} {span.get('id') or ''}".strip()
    return bool(_CUT_NAMES.search(names)) or "border" in (span.get("style") or "")


def keep_inline_spans(tree: Any) -> None:
    """Strip the naming attributes off spans in paragraphs that the precision rules would cut."""
    for span in tree.xpath("//p//span[@class or @id or @style]"):
        if _cut_by_precision_rules(span):
            for name in ("class", "id", "style"):
                span.attrib.pop(name, None)


def _paragraph_text(element: Any) -> str:
    return _squeeze("".join(element.itertext()))


def repeated_paragraphs(tree: Any) -> dict[str, int]:
    """Text -> how often it stands among its siblings, for paragraphs a container repeats.
    A copy elsewhere on the page is a layout artifact; only siblings count."""
    seen: dict[tuple[Any, str], int] = {}
    repeats: dict[str, int] = {}
    for element in tree.iter("p", "div"):
        if element.tag == "div" and len(element):
            continue
        text = _paragraph_text(element)
        if len(text) <= _MIN_REPEAT_CHARS:
            continue
        key = (element.getparent(), text)
        seen[key] = count = seen.get(key, 0) + 1
        if count > 1:
            repeats[text] = max(repeats.get(text, 0), count)
    return repeats


def restore_repeats(body: Any, repeats: dict[str, int]) -> None:
    """Put back, after its last copy, each repeated paragraph the extraction kept fewer times
    than the page has it."""
    if not repeats:
        return
    kept: dict[str, int] = {}
    last: dict[str, Any] = {}
    for element in body:
        text = _paragraph_text(element)
        if text in repeats:
            kept[text] = kept.get(text, 0) + 1
            last[text] = element
    for text, count in kept.items():
        anchor = last[text]
        for _ in range(repeats[text] - count):
            copy = deepcopy(anchor)
            copy.tail = None
            anchor.addnext(copy)
            anchor = copy
