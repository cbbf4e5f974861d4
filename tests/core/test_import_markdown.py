"""Markdown notes: front matter, structure, images beside the note only."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from core.article import BlockKind
from core.importers.dispatch import import_bytes, import_path

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40

NOTE = """---
title: "Latakia: what the port figures say"
date: 2026-03-15T10:00:00+02:00
source: https://gazette.example.org/2026/03/latakia-port-traffic
author: Desk
---
# A heading in the note

Traffic rose for a **third** month, says [the port](https://port.example.org/stats) and
[a mirror](ftp://files.example.org/stats).

> Most weeks it does not.

1. February
2. January
   - nested detail

![chart](chart.png) ![remote](https://cdn.example.org/r.png)

```
raw  figures
```
"""


def test_front_matter_and_structure(tmp_path: Path) -> None:
    (tmp_path / "chart.png").write_bytes(PNG)
    (tmp_path / "note.md").write_text(NOTE, encoding="utf-8")
    article = import_path(tmp_path / "note.md")
    assert article.source_kind == "markdown"
    assert article.title == "Latakia: what the port figures say"
    assert article.published == datetime(2026, 3, 15, 10, tzinfo=timezone(timedelta(hours=2)))
    assert article.url == "https://gazette.example.org/2026/03/latakia-port-traffic"
    assert article.byline == "Desk"
    kinds = [b.kind for b in article.blocks]
    assert kinds[0] is BlockKind.HEADING and article.blocks[0].level == 1
    para = article.blocks[1]
    assert para.text == "Traffic rose for a third month, says the port and a mirror."
    assert [s.text.strip() for s in para.spans if s.bold] == ["third"]
    assert [s.href for s in para.spans if s.href] == ["https://port.example.org/stats"]
    assert [b.text for b in article.blocks if b.kind is BlockKind.QUOTE] == [
        "Most weeks it does not."
    ]
    items = [(b.text, b.level, b.ordered) for b in article.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == [("February", 1, True), ("January", 1, True), ("nested detail", 2, False)]
    images = [(b.alt, b.image) for b in article.blocks if b.kind is BlockKind.IMAGE]
    assert images[0][0] == "chart" and images[0][1] == article.images[0].key
    assert images[1] == ("remote", None)
    assert [b.text for b in article.blocks if b.kind is BlockKind.PREFORMATTED] == ["raw  figures"]


def test_without_front_matter_the_first_heading_is_the_title() -> None:
    data = b"# Port notes\n\nCranes idle for lack of power.\n"
    article = import_bytes(data, name="n.md", suffix=".md")
    assert article.title == "Port notes"
    assert article.text == "Cranes idle for lack of power."
    assert article.published is None and article.url is None


def test_hebrew_note_reads_right_to_left() -> None:
    data = "# נמל לטקיה\n\nתנועת המכולות בנמל עלתה בחודש השלישי ברציפות.\n".encode()
    article = import_bytes(data, name="n.md", suffix=".md")
    assert article.direction == "rtl"
    assert article.language == "he"


def _texts(markdown: str) -> list[str]:
    article = import_bytes(markdown.encode(), name="n.md", suffix=".md")
    return [b.text for b in article.blocks]


def test_inline_script_and_style_add_no_text() -> None:
    texts = _texts(
        "# Note\n\nBefore <script>alert(1)</script> after, "
        "<style>p { color: red }</style>then <b>bold</b> and <kbd>Ctrl</kbd>.\n"
    )
    assert texts == ["Before after, then bold and Ctrl."]


def test_a_tag_inside_a_script_does_not_end_it() -> None:
    assert _texts("# Note\n\nA <script>if (a<b) f('</b>')</script> B\n") == ["A B"]


def test_hidden_html_blocks_hide_what_they_enclose() -> None:
    texts = _texts(
        "# Note\n\n<script>\nalert(2)\n</script>\n\n<template>\n\nTemplate text\n\n"
        "```\ntemplate code\n```\n\n</template>\n\n<noscript>\n\nEnable scripts\n\n</noscript>\n\n"
        '<iframe src="frame.html">frame text</iframe>\n\n<object data="x">\nfallback\n</object>\n\n'
        'Kept <embed src="y"> here.\n'
    )
    assert texts == ["Kept here."]


def test_a_script_tag_left_open_in_prose_hides_only_its_paragraph() -> None:
    texts = _texts("# Note\n\nUse the <script> tag for that.\n\nThe next paragraph stays.\n")
    assert texts == ["Use the", "The next paragraph stays."]


def test_a_commented_out_script_hides_nothing() -> None:
    assert _texts("# Note\n\n<!-- <script> -->\n\nAfter the comment.\n") == ["After the comment."]
