"""E-mail as an article: a newsletter's HTML part with its inline picture, a plain-text memo
with wrapped lines and a quoted reply; the subject, sender and date as title, byline, date."""

from __future__ import annotations

import base64

from core.article import BlockKind
from core.importers.dispatch import import_bytes
from core.importers.errors import ImportRefused

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def _newsletter() -> bytes:
    picture = base64.b64encode(PNG).decode()
    paragraph = (
        "Container traffic through the port of Latakia rose for a third consecutive month in "
        "February, according to figures published by the port authority on Monday."
    )
    html = (
        "<html><body><div class='header'><a href='https://example.org/unsub'>Unsubscribe</a>"
        "</div><h1>Weekly port brief</h1>"
        f"<p>{paragraph}</p><figure><img src='cid:chart@brief'>"
        "<figcaption>Monthly containers handled</figcaption></figure>"
        f"<p>{paragraph.replace('February', 'March')}</p></body></html>"
    )
    return (
        "From: Harbour Analytics <brief@harbour.example.org>\r\n"
        "To: analyst@example.org\r\n"
        "Subject: Weekly port brief: traffic up again\r\n"
        "Date: Mon, 09 Mar 2026 08:15:00 +0000\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; boundary="rel"\r\n\r\n'
        "--rel\r\n"
        'Content-Type: multipart/alternative; boundary="alt"\r\n\r\n'
        "--alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        "Plain version of the brief.\r\n"
        "--alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        f"{html}\r\n"
        "--alt--\r\n"
        "--rel\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
        "Content-ID: <chart@brief>\r\n\r\n"
        f"{picture}\r\n"
        "--rel--\r\n"
    ).encode()


def test_a_newsletter_reads_its_html_part_with_its_inline_picture() -> None:
    article = import_bytes(_newsletter(), name="brief.eml", suffix=".eml")
    assert article.title == "Weekly port brief: traffic up again"
    assert article.byline == "Harbour Analytics"
    assert article.published is not None and article.published.isoformat().startswith("2026-03-09")
    assert article.source_kind == "email"
    assert "rose for a third consecutive month in February" in article.text
    assert "in March" in article.text and "Plain version" not in article.text
    assert "Unsubscribe" not in article.text
    images = [b for b in article.blocks if b.kind is BlockKind.IMAGE]
    assert len(images) == 1 and images[0].image == article.images[0].key
    assert images[0].alt == "Monthly containers handled"


def test_a_plain_text_memo_joins_wrapped_lines_and_keeps_the_quote() -> None:
    memo = (
        b"From: jane.roe@ministry.example\r\n"
        b"Subject: Re: customs delays\r\n"
        b"Date: Tue, 10 Mar 2026 17:02:00 +0200\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
        b"The customs office confirmed that clearance times doubled in\r\n"
        b"February, mostly because the new scanners are not installed yet.\r\n"
        b"\r\n"
        b"> Can you confirm the figures before Thursday?\r\n"
        b"> Thanks.\r\n"
    )
    article = import_bytes(memo, name="memo.eml", suffix=".eml")
    assert article.title == "Re: customs delays"
    assert article.byline == "jane.roe@ministry.example"
    first, second = article.blocks
    assert first.text == (
        "The customs office confirmed that clearance times doubled in February, mostly "
        "because the new scanners are not installed yet."
    )
    assert second.kind is BlockKind.QUOTE and second.text.startswith("Can you confirm")


def test_a_message_without_text_is_refused_in_one_line() -> None:
    empty = b"From: a@b.example\r\nSubject: x\r\nContent-Type: image/png\r\n\r\nxx\r\n"
    try:
        import_bytes(empty, name="x.eml", suffix=".eml")
    except ImportRefused as exc:
        assert "\n" not in str(exc) and "no text" in str(exc)
    else:
        raise AssertionError("an e-mail without text was imported")
