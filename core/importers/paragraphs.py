"""A paragraph the page deliberately repeats is put back after extraction.

Trafilatura drops a paragraph equal to the one before it as an extraction artifact, which
also removes a refrain or a line the author wrote twice in a row.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

# Trafilatura's own bar for calling two paragraphs duplicates (MIN_DUPLICATE_LENGTH).
_MIN_REPEAT_CHARS = 50


def _squeeze(text: str) -> str:
    return " ".join(text.split())


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
