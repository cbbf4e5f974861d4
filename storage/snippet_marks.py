"""The marks around matched words in search snippets (storage.search makes them, views style
them), apart from storage.search so that a view can know them without loading the search:
the library list draws snippets in the window's first frame, long before any search."""

from __future__ import annotations

SNIPPET_START = "\x02"
SNIPPET_END = "\x03"


def plain_snippet(snippet: str, *, mark: str = "") -> str:
    """A snippet for plain text output: the match marks replaced (by nothing, or by mark)."""
    return snippet.replace(SNIPPET_START, mark).replace(SNIPPET_END, mark)
