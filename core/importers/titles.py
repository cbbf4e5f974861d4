"""The article's title among what a page offers: og:title, the JSON-LD headline, the h1 and
the document title, which often carries the site's name ("Title | Site")."""

from __future__ import annotations

import re
from collections.abc import Mapping

from core.importers import tuning as t

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


def _part_of(candidate: str, document: str, site: str | None = None) -> bool:
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
    if site and (doc.startswith(cand + " ") or doc.endswith(" " + cand)):
        rest = doc.removeprefix(cand).removesuffix(cand).strip()
        if rest and rest in _norm(site):
            return True  # "Title ✩ Site", with a separator not in the list
    return f" {cand} " in f" {doc} " and len(cand.split()) >= 0.6 * len(doc.split())


# Separators that set a site's name off a headline (not ":", which often sits inside one).
_SUFFIX = re.compile(r"\s+(?:[|\-–—·•»]|::)\s+")


def strip_suffix(title: str) -> str:
    """'Headline – Site' -> 'Headline' when no site name is declared: the parts after the
    first are short and the first reads as a headline of a few words."""
    parts = _SUFFIX.split(title)
    if len(parts) < 2 or len(_norm(parts[0]).split()) < t.TITLE_HEAD_WORDS:
        return title
    if all(len(_norm(p).split()) <= t.TITLE_SUFFIX_WORDS for p in parts[1:]):
        return parts[0].strip()
    return title


def choose_title(titles: Mapping[str, str], extracted: str | None, site: str | None) -> str:
    """The clean title: a declared one (og, JSON-LD, Dublin Core) or the h1 when the document
    title is that plus the site's name; else the declared one (the publisher's headline for
    this article, where the document title may be worded for search engines); else the
    document title without the site suffix."""
    document = titles.get("title", "")
    # Readability's precedence: Dublin Core, then Open Graph, then the rest.
    declared = [titles[k] for k in ("dc", "og", "ld", "twitter", "parsely") if titles.get(k)]
    declared = [t for t in declared if not (site and _norm(t) == _norm(site))]
    h1 = titles.get("h1")
    if document:
        for candidate in [*declared, *([h1] if h1 else [])]:
            if _part_of(candidate, document, site):
                return candidate
        if not declared:
            stripped = strip_site(document, site)
            return stripped if stripped != document else strip_suffix(document)
    if declared:
        return declared[0]
    return h1 or (extracted or "")
