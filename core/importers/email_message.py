"""E-mail (.eml): a newsletter or a forwarded memo as an article.

The message's HTML part goes through the saved-page importer, with the pictures the message
carries inline (cid: parts) and nothing fetched; a message with only plain text has its
paragraphs read from blank lines, lines wrapped by the mail client joined again, and quoted
lines ("> ...") kept as quotes. The subject is the title, the sender the byline (and the site
when the page names none), the Date header the date.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import re
from dataclasses import replace
from email.message import EmailMessage

from core.article import Block, BlockKind, ImportedArticle, Span
from core.importers.errors import ImportRefused
from core.importers.html_page import import_html
from core.importers.script import direction, guess_language

MAX_PARTS = 5000
_QUOTED = re.compile(r"^\s*>+\s?")


def _text(part: EmailMessage) -> str:
    try:
        content = part.get_content()
    except (LookupError, ValueError, AssertionError):  # an unknown charset, a bad encoding
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else ""
    return content if isinstance(content, str) else ""


def _inline_images(message: EmailMessage) -> dict[str, bytes]:
    parts: dict[str, bytes] = {}
    for n, part in enumerate(message.walk()):
        if n > MAX_PARTS:
            break
        if part.is_multipart() or not part.get_content_type().startswith("image/"):
            continue
        payload = part.get_payload(decode=True)
        content_id = str(part.get("Content-ID") or "").strip().strip("<>")
        if content_id and isinstance(payload, bytes):
            parts[f"cid:{content_id}"] = payload
    return parts


_BODY_OPEN = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_BODY_CLOSE = re.compile(r"</body\s*>", re.IGNORECASE)
_ARTICLE = re.compile(r"<(article|main)\b", re.IGNORECASE)


def _as_article(html: str) -> str:
    """A message's HTML is the message: marked as an article (newsletters rarely say so),
    trafilatura keeps its pictures and figures as it does a page's article."""
    if _ARTICLE.search(html):
        return html
    opened = _BODY_OPEN.search(html)
    if opened is None:
        return f"<article>{html}</article>"
    html = html[: opened.end()] + "<article>" + html[opened.end() :]
    closed = list(_BODY_CLOSE.finditer(html))
    if not closed:
        return html + "</article>"
    last = closed[-1]
    return html[: last.start()] + "</article>" + html[last.start() :]


def _paragraphs(text: str) -> list[Block]:
    """Blank lines part paragraphs; the lines of one paragraph (wrapped at ~72 columns by
    the sender's client) are one; "> " lines are a quote."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        quoted = all(_QUOTED.match(line) for line in lines)
        if quoted:
            lines = [_QUOTED.sub("", line) for line in lines]
        joined = " ".join(line.strip() for line in lines if line.strip())
        if joined and joined != "--":
            kind = BlockKind.QUOTE if quoted else BlockKind.PARAGRAPH
            blocks.append(Block(kind, (Span(joined),)))
    return blocks


def import_email(data: bytes, *, source_name: str = "") -> ImportedArticle:
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as exc:  # the parser is lenient; this is a last resort
        raise ImportRefused(f"the e-mail could not be read ({type(exc).__name__})") from None
    assert isinstance(message, EmailMessage)
    subject = " ".join(str(message.get("Subject") or "").split())
    sender_name, sender_address = email.utils.parseaddr(str(message.get("From") or ""))
    sender = sender_name or sender_address or None
    try:
        sent = email.utils.parsedate_to_datetime(str(message.get("Date") or ""))
    except (TypeError, ValueError, IndexError):
        sent = None
    body = message.get_body(preferencelist=("html", "plain"))
    if body is None:
        raise ImportRefused("the e-mail holds no text to read")
    if body.get_content_type() == "text/html":
        article = import_html(
            _as_article(_text(body)),
            original=data,
            source_name=source_name,
            parts=_inline_images(message),
            source_kind="email",
        )
        return replace(
            article,
            title=subject or article.title,
            byline=sender or article.byline,
            site=article.site or sender_name or None,
            published=sent or article.published,
        )
    blocks = _paragraphs(_text(body))
    if not blocks:
        raise ImportRefused("the e-mail holds no text to read")
    text = "\n".join(b.text for b in blocks)
    language = guess_language(text)
    return ImportedArticle(
        title=(subject or blocks[0].text)[:300],
        blocks=blocks,
        original=data,
        source_kind="email",
        source_name=source_name,
        byline=sender,
        site=sender_name or None,
        published=sent,
        language=language,
        direction=direction(text, language),
    )
