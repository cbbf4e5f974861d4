"""Which links an article keeps: web and mail addresses only, made absolute when possible."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

_KEPT_SCHEMES = frozenset({"http", "https", "mailto"})


def safe_href(href: str | None, base_url: str | None = None) -> str | None:
    """The link as the reader may open it, or None for javascript:, data:, file: and the rest
    (and for relative links when the page's address is unknown)."""
    if not href:
        return None
    href = "".join(ch for ch in href.strip() if ch >= " " and ch != "\x7f")
    if not href or href.startswith("#"):
        return None
    scheme = urlsplit(href).scheme.lower() if ":" in href else ""
    if not scheme:
        if not base_url or urlsplit(base_url).scheme.lower() not in ("http", "https"):
            return None
        try:
            href = urljoin(base_url, href)
        except ValueError:
            return None
        scheme = urlsplit(href).scheme.lower()
    if scheme not in _KEPT_SCHEMES:
        return None
    if scheme != "mailto" and not urlsplit(href).netloc:
        return None
    return href


def web_url(value: str | None) -> str | None:
    """An absolute http(s) address, or None."""
    if not value:
        return None
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    return value if parts.scheme.lower() in ("http", "https") and parts.netloc else None
