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


def _part_of(candidate: str, document: str) -> bool:
    """Whether the document title is the candidate plus a suffix or prefix (the site's name):
    the candidate is its first part, or its longest, or most of its words."""
    cand = _norm(candidate)
    if not cand:
        return False
    parts = [_norm(p) for p in _SEPARATORS.split(document)]
    parts = [p for p in parts if p]
    if cand in parts:
        return cand == parts[0] or len(cand) >= max(len(p) for p in parts)
    doc = _norm(document)
    return f" {cand} " in f" {doc} " and len(cand.split()) >= 0.6 * len(doc.split())


def choose_title(titles: Mapping[str, str], extracted: str | None, site: str | None) -> str:
    """The clean title: a declared one (og, JSON-LD, Dublin Core) or the h1 when the document
    title is that plus the site's name; else the document title without the site suffix."""
    document = titles.get("title", "")
    declared = [titles[k] for k in ("og", "ld", "dc", "twitter") if titles.get(k)]
    declared = [t for t in declared if not (site and _norm(t) == _norm(site))]
    h1 = titles.get("h1")
    if document:
        for candidate in [*declared, *([h1] if h1 else [])]:
            if _part_of(candidate, document):
                return candidate
        stripped = strip_site(document, site)
        if stripped != document:
            return stripped
    if declared:
        return declared[0]
    return document or h1 or (extracted or "")
