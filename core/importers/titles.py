"""The article's title among what a page offers: og:title, the JSON-LD headline, the h1 and
the document title, which often carries the site's name ("Title | Site")."""

from __future__ import annotations

import re
from collections.abc import Mapping

_SEPARATORS = re.compile(r"\s+(?:[|\-–—·•:»«/]|::)\s+")


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def strip_site(title: str, site: str | None) -> str:
    """'Title | Site' -> 'Title' when the other parts are the site's name (or its domain)."""
    if not site or not _SEPARATORS.search(title):
        return title
    site_norm = _norm(site)
    kept = [
        part
        for part in _SEPARATORS.split(title)
        if _norm(part) and _norm(part) not in site_norm and site_norm not in _norm(part)
    ]
    return kept[0] if len(kept) == 1 else title


def choose_title(titles: Mapping[str, str], extracted: str | None, site: str | None) -> str:
    """The clean title: a declared one (og, JSON-LD, h1) that the document title contains wins
    over the document title with its site suffix."""
    document = titles.get("title", "")
    clean = [titles[k] for k in ("og", "ld", "twitter", "h1") if titles.get(k)]
    if document:
        doc_norm = _norm(document)
        for candidate in clean:
            cand_norm = _norm(candidate)
            if cand_norm and cand_norm in doc_norm:
                return candidate
        stripped = strip_site(document, site)
        if stripped != document:
            return stripped
        h1 = titles.get("h1")
        if h1 and _norm(h1) and doc_norm.startswith(_norm(h1)):
            return h1
    for candidate in clean:
        if site and _norm(candidate) == _norm(site):
            continue
        return candidate
    return document or (extracted or "")
