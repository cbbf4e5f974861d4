"""Paste as New Article with plain text on the clipboard: a title line and the article's
paragraphs, nothing around them. Every paragraph is the article's, the last one included."""

from __future__ import annotations

import pytest

from core.importers.dispatch import import_clipboard

TITLE = "Regional Exports Rise for Third Straight Quarter"
PARAGRAPHS = [
    "Exports from the region rose 4.2 percent in the three months to June, according to "
    "figures released by the statistics office on Tuesday, the third consecutive rise.",
    "Manufacturers of machinery and vehicles accounted for most of the growth, while "
    "agricultural shipments fell slightly after a dry spring reduced harvests in the south.",
    "Economists had expected a smaller rise, citing weaker demand from the region's largest "
    "trading partners and a stronger currency.",
]


def clipboard_text(last: str) -> str:
    return "\n\n".join([TITLE, *PARAGRAPHS, last]) + "\n"


# A news report often ends on one short sentence saying who would not comment: prose, though
# a comment link or counter uses the same word.
ENDINGS = [
    "A spokesman declined to comment on the figures.",
    "The ministry did not respond to a request for comment.",
]


@pytest.mark.parametrize("last", ENDINGS)
def test_pasted_text_keeps_its_last_paragraph(last: str) -> None:
    article = import_clipboard(html=None, text=clipboard_text(last))
    assert article.title == TITLE
    assert [b.text for b in article.blocks] == [*PARAGRAPHS, last]


def test_pasted_text_keeps_every_paragraph_before_the_last() -> None:
    article = import_clipboard(html=None, text=clipboard_text(ENDINGS[0]))
    assert article.title == TITLE
    assert [b.text for b in article.blocks][: len(PARAGRAPHS)] == PARAGRAPHS
