"""Addresses as a highlight's article is found by: the same page, however the tool wrote it.

Another tool saw the page at an address that differs in ways that do not make another page:
http against https, "www.", a trailing slash, a #fragment, campaign parameters (utm_*, fbclid,
gclid...), the case of the host. Other query parameters are kept (?id=42 is another page).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

_TRACKING = frozenset({"fbclid", "gclid", "dclid", "mc_cid", "mc_eid", "igshid", "ref", "source"})


def normalize_url(url: str | None) -> str | None:
    """The key two addresses of the same page share; None for what is not a web address."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    host = host.removeprefix("www.")
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/") or ""
    query = [
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not key.lower().startswith("utm_") and key.lower() not in _TRACKING
    ]
    key = f"{host}{path}"
    return f"{key}?{urlencode(sorted(query))}" if query else key


def normalize_title(title: str | None) -> str | None:
    """Titles compared without case, spacing or curly quotes."""
    if not title:
        return None
    folded = title.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    folded = folded.replace("\u201d", '"')
    key = " ".join(folded.casefold().split())
    return key or None
