"""The codes of the compact JSON the library stores an article's blocks in.

Apart from core.content (which turns Block objects into that JSON and back) because the
reader's fast path (ui.reader.html_document) reads the JSON directly, and its first frame then
never loads the Block classes.
"""

from __future__ import annotations

FLAG_BOLD, FLAG_ITALIC, FLAG_CODE = "b", "i", "c"
# Keyed by the BlockKind values (a BlockKind is a str, so it finds its code too).
KIND_CODES = {
    "heading": "h",
    "paragraph": "p",
    "quote": "q",
    "list_item": "li",
    "preformatted": "pre",
    "image": "img",
}
