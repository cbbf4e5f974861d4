"""MHTML ("Webpage, Single File" in Chrome and Edge): the page and its resources in one MIME
message. The HTML part is imported as a saved page whose images come from the other parts."""

from __future__ import annotations

import email
import email.policy
from email.message import Message

from core.article import ImportedArticle
from core.importers.encoding import decode
from core.importers.errors import ImportRefused
from core.importers.html_page import import_html

MAX_PARTS = 5000


def _payload(part: Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception:  # a damaged transfer encoding: treat the part as absent
        return b""
    return data if isinstance(data, bytes) else b""


def _html_text(part: Message, data: bytes) -> str:
    charset = part.get_content_charset()
    if charset:
        try:
            return data.decode(charset, errors="replace")
        except LookupError:
            pass
    return decode(data, html=True)


def import_mhtml(data: bytes, *, source_name: str = "") -> ImportedArticle:
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
    except Exception as exc:  # the email parser is lenient; this is a last resort
        raise ImportRefused(f"the MHTML file could not be read ({type(exc).__name__})") from None
    if not message.is_multipart():
        if message.get_content_type() == "text/html":
            html = _html_text(message, _payload(message))
            return import_html(html, original=data, source_name=source_name, source_kind="mhtml")
        raise ImportRefused("this is not an MHTML page: it holds no multipart web page")

    html_part: Message | None = None
    parts: dict[str, bytes] = {}
    for n, part in enumerate(message.walk()):
        if n > MAX_PARTS:
            break
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        if kind == "text/html" and html_part is None:
            html_part = part
            continue
        if not kind.startswith("image/"):
            continue
        payload = _payload(part)
        location = (part.get("Content-Location") or "").strip()
        if location:
            parts[location] = payload
        content_id = (part.get("Content-ID") or "").strip().strip("<>")
        if content_id:
            parts[f"cid:{content_id}"] = payload
    if html_part is None:
        raise ImportRefused("the MHTML file holds no web page")
    html = _html_text(html_part, _payload(html_part))
    location = (
        (html_part.get("Content-Location") or "").strip()
        or (message.get("Snapshot-Content-Location") or "").strip()
        or None
    )
    return import_html(
        html,
        original=data,
        source_name=source_name,
        parts=parts,
        location=location,
        source_kind="mhtml",
    )
