"""Text copied out of a browser (Select All + Copy): the article among menus and footers.

First version: treats the text as a plain note. The line classifier that separates the
article from the page's clutter replaces this (import issue).
"""

from __future__ import annotations

from core.article import ImportedArticle
from core.importers.plain_text import import_plain_text


def import_browser_text(text: str, *, original: bytes, source_name: str = "") -> ImportedArticle:
    return import_plain_text(text, original=original, source_name=source_name)
