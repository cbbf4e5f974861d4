"""What a page declares about itself: its address, title candidates, date with its offset,
section, language and direction. Read from the parsed tree before extraction changes it."""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from core.importers import tuning as t
from core.importers.dates import parse_iso
from core.importers.links import web_url

_SAVED_FROM = re.compile(r"saved from url=\(\d+\)(\S+)", re.IGNORECASE)
_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "article.published",
    "published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "sailthru.date",
    "parsely-pub-date",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "date",
)


@dataclass(slots=True)
class PageMeta:
    url: str | None = None  # canonical address
    base_url: str | None = None  # what relative links resolve against
    titles: dict[str, str] = field(default_factory=dict)  # og, twitter, title, h1, ld
    site: str | None = None
    byline: str | None = None
    section: str | None = None
    published: datetime | None = None
    language: str | None = None
    rtl: bool = False


def _title_words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _meta_map(tree: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = meta.get("content")
        if key and content and content.strip():
            for name in key.lower().split():  # RDFa: property="og:title twitter:title"
                found.setdefault(name, content.strip())
    return found


# Some pages wrap their JSON-LD in a CDATA section, as XHTML once required.
_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")


def _json_ld(tree: Any) -> list[dict]:
    """Article-like objects from JSON-LD scripts (a @graph flattened)."""
    out: list[dict] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(_CDATA.sub("", script.text))
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                kind = item.get("@type")
                kinds = kind if isinstance(kind, list) else [kind]
                # schema.org's Article and its subtypes (NewsArticle, BlogPosting,
                # SocialMediaPosting, ...)
                if any(isinstance(k, str) and ("Article" in k or "Posting" in k) for k in kinds):
                    out.append(item)
    return out


def _text_of(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


def _ld_name(value: object) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _ld_name(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_ld_name(v) for v in value) if n]
        return ", ".join(names) or None
    return None


_BY = re.compile(r"^(by|von|par|por|door|di|от|автор:?)\s+", re.IGNORECASE)


def _byline_in_page(tree: Any) -> str | None:
    """The author as the page prints it (rel=author, itemprop=author, a .byline element)."""
    found = tree.xpath(
        "//*[@rel='author' or @itemprop='author' or contains(@class, 'byline')"
        " or contains(@class, 'author-name')][string-length(normalize-space()) < 80]"
    )
    for element in found[:5]:
        text = _BY.sub("", _text_of(element)).strip(" ,|·")
        if 1 <= len(text.split()) <= 6 and not any(ch.isdigit() for ch in text):
            return text
    return None


def read_meta(tree: Any, html: str, *, location: str | None = None) -> PageMeta:
    """The page's own metadata; `location` is where it was saved from, when known."""
    meta = _meta_map(tree)
    ld = _json_ld(tree)
    page = PageMeta()

    canonical = None
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split():
            canonical = web_url(link.get("href"))
            break
    saved_from = _SAVED_FROM.search(html[:2000])
    base = None
    for element in tree.iter("base"):
        base = web_url(element.get("href"))
        break
    page.url = (
        canonical
        or web_url(meta.get("og:url"))
        or web_url(location)
        or (web_url(saved_from.group(1)) if saved_from else None)
    )
    page.base_url = (
        base or web_url(location) or (web_url(saved_from.group(1)) if saved_from else None)
    ) or page.url

    for key, name in (
        ("og", "og:title"),
        ("twitter", "twitter:title"),
        ("dc", "dc:title"),
        ("dc", "dc.title"),
        ("dc", "dcterm:title"),
        ("dc", "dcterms.title"),
        ("parsely", "parsely-title"),
    ):
        if meta.get(name) and key not in page.titles:
            page.titles[key] = " ".join(meta[name].split())
    for element in tree.iter("title"):
        text = _text_of(element)
        if text:
            page.titles["title"] = text
            break
    document = _title_words(page.titles.get("title", ""))
    for element in itertools.islice(tree.iter("h1"), t.MAX_H1):
        text = _text_of(element).rstrip(" ¶#§")  # a heading's permalink mark
        if not text:
            continue
        page.titles.setdefault("h1", text)
        words = _title_words(text)
        if words and document[: len(words)] == words:
            page.titles["h1"] = text  # the headline the document title begins with, not a logo
            break
    for item in ld:
        headline = _ld_name(item.get("headline"))
        if headline:
            page.titles["ld"] = " ".join(headline.split())
            break

    page.site = meta.get("og:site_name") or meta.get("application-name")
    page.byline = meta.get("author") or meta.get("article:author") or meta.get("byl")
    if page.byline and web_url(page.byline):
        page.byline = None
    if not page.byline:
        for item in ld:
            page.byline = _ld_name(item.get("author"))
            if page.byline:
                break
    if not page.byline:
        page.byline = _byline_in_page(tree)
    if not page.site and page.url:
        host = urlsplit(page.url).hostname or ""
        page.site = host.removeprefix("www.") or None
    page.section = meta.get("article:section") or meta.get("section")
    if not page.section:
        for item in ld:
            page.section = _ld_name(item.get("articleSection"))
            if page.section:
                break

    candidates = [meta[k] for k in _PUBLISHED_META if meta.get(k)]
    candidates += [str(item["datePublished"]) for item in ld if item.get("datePublished")]
    for element in tree.iter("time"):
        if element.get("datetime") and (
            element.get("pubdate") is not None
            or "publish" in (element.get("itemprop") or element.get("class") or "").lower()
        ):
            candidates.append(element.get("datetime"))
    candidates += [t.get("datetime") for t in tree.iter("time") if t.get("datetime")][:1]
    for value in candidates:
        when = parse_iso(value)
        if when is not None and 1990 <= when.year <= 2100:
            page.published = when
            break

    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    lang = lang or meta.get("content-language") or meta.get("og:locale")
    page.language = lang
    page.rtl = (root.get("dir") or "").lower() == "rtl"
    if not page.rtl:
        body = root.find("body")
        page.rtl = body is not None and (body.get("dir") or "").lower() == "rtl"
    return page
