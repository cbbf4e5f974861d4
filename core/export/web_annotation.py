"""Annotations as W3C Web Annotation JSON (https://www.w3.org/TR/annotation-model/), both ways.

One annotation: the note is a TextualBody with purpose "commenting" (format text/markdown),
each tag a TextualBody with purpose "tagging", the colour a TextualBody with purpose
"highlighting" whose value is the colour's name. The target's source is the article's URL (or
urn:postil:article:sha256:<hash> when it has none); the article's content hash rides along as
the extension property "postil:contentHash" so an import finds the very same text. Selectors:
TextQuoteSelector (exact, prefix, suffix) and, unless orphaned, TextPositionSelector (start,
end in code points of the canonical text). "postil:status" keeps anchored/moved/fuzzy/orphaned.

Parsing accepts what other tools write too: a collection, a page, a list or one annotation;
bodies as an object or a list, "bodyValue", selectors as an object or a list.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
ARTICLE_URN = "urn:postil:article:sha256:"
HASH_KEY = "postil:contentHash"
STATUS_KEY = "postil:status"
TITLE_KEY = "postil:title"
STATUSES = ("anchored", "moved", "fuzzy", "orphaned")


@dataclass(frozen=True, slots=True)
class PortableAnnotation:
    """An annotation without library ids: what travels between libraries."""

    quote: str
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    status: str
    color: str | None
    note: str
    tags: tuple[str, ...]
    created: str | None
    modified: str | None
    source: str | None = None
    content_hash: str | None = None
    title: str | None = None


def article_source(url: str | None, content_hash: str) -> str:
    return url or f"{ARTICLE_URN}{content_hash}"


def to_json(item: PortableAnnotation, *, annotation_id: str) -> dict[str, Any]:
    """One annotation as a JSON-LD object (without @context: the collection carries it)."""
    body: list[dict[str, Any]] = []
    if item.note:
        body.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": item.note,
                "format": "text/markdown",
            }
        )
    body += [{"type": "TextualBody", "purpose": "tagging", "value": tag} for tag in item.tags]
    if item.color:
        body.append({"type": "TextualBody", "purpose": "highlighting", "value": item.color})
    selectors: list[dict[str, Any]] = [
        {
            "type": "TextQuoteSelector",
            "exact": item.quote,
            "prefix": item.prefix,
            "suffix": item.suffix,
        }
    ]
    if item.start is not None and item.end is not None:
        selectors.append({"type": "TextPositionSelector", "start": item.start, "end": item.end})
    target: dict[str, Any] = {"source": item.source, "selector": selectors}
    if item.content_hash:
        target[HASH_KEY] = f"sha256:{item.content_hash}"
    if item.title:
        target[TITLE_KEY] = item.title
    out: dict[str, Any] = {
        "id": annotation_id,
        "type": "Annotation",
        "motivation": "commenting" if item.note else "highlighting",
    }
    if item.created:
        out["created"] = item.created
    if item.modified:
        out["modified"] = item.modified
    out[STATUS_KEY] = item.status
    out["body"] = body
    out["target"] = target
    return out


def collection(items: Sequence[dict[str, Any]], *, label: str) -> dict[str, Any]:
    """An AnnotationCollection with every annotation embedded in its first page."""
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": list(items)},
    }


# -- reading -------------------------------------------------------------------------------


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _types(obj: Any) -> set[str]:
    return {str(t) for t in _as_list(obj.get("type"))} if isinstance(obj, dict) else set()


def _annotations(data: Any) -> Iterator[Any]:
    """Every annotation object in a collection, page, list or single annotation."""
    if isinstance(data, list):
        for entry in data:
            yield from _annotations(entry)
        return
    if not isinstance(data, dict):
        yield data
        return
    kinds = _types(data)
    if "AnnotationCollection" in kinds:
        page = data.get("first")
        if not isinstance(page, dict):
            raise ValueError("the collection's pages are not embedded in the file")
        yield from _annotations(page)
    elif "AnnotationPage" in kinds:
        yield from _as_list(data.get("items"))
        following = data.get("next")
        if isinstance(following, dict):
            yield from _annotations(following)
    else:
        yield data


def _hash(value: Any) -> str | None:
    if not isinstance(value, str) or not value:
        return None
    return value.removeprefix("sha256:").lower()


def _source(target: dict[str, Any]) -> tuple[str | None, str | None]:
    source = target.get("source")
    if isinstance(source, dict):
        source = source.get("id")
    source = source if isinstance(source, str) else None
    digest = _hash(target.get(HASH_KEY))
    if digest is None and source and source.startswith(ARTICLE_URN):
        digest = source.removeprefix(ARTICLE_URN)
    return source, digest


def _selectors(target: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    quote: dict[str, Any] = {}
    position: dict[str, Any] = {}
    for selector in _as_list(target.get("selector")):
        kinds = _types(selector)
        if "TextQuoteSelector" in kinds and not quote:
            quote = selector
        elif "TextPositionSelector" in kinds and not position:
            position = selector
    return quote, position


def _bodies(annotation: dict[str, Any]) -> tuple[str, tuple[str, ...], str | None]:
    notes: list[str] = []
    tags: list[str] = []
    color = None
    if isinstance(annotation.get("bodyValue"), str):
        notes.append(annotation["bodyValue"])
    for body in _as_list(annotation.get("body")):
        if not isinstance(body, dict) or not isinstance(body.get("value"), str):
            continue
        purposes = {str(p) for p in _as_list(body.get("purpose"))}
        if "tagging" in purposes:
            tags.append(body["value"])
        elif "highlighting" in purposes:
            color = color or body["value"]
        else:
            notes.append(body["value"])
    return "\n\n".join(n for n in notes if n), tuple(tags), color


def _position(selector: dict[str, Any]) -> tuple[int | None, int | None]:
    start, end = selector.get("start"), selector.get("end")
    valid = all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end))
    if valid and 0 <= start < end:
        return start, end
    return None, None


def from_json(annotation: Any) -> PortableAnnotation:
    """One annotation object; ValueError says why it cannot be used."""
    if not isinstance(annotation, dict) or "Annotation" not in _types(annotation):
        raise ValueError("not a Web Annotation")
    target = next((t for t in _as_list(annotation.get("target")) if isinstance(t, dict)), None)
    if target is None:
        raise ValueError("the annotation has no target with selectors")
    source, digest = _source(target)
    quote_selector, position_selector = _selectors(target)
    exact = quote_selector.get("exact")
    if not isinstance(exact, str) or not exact:
        raise ValueError("the annotation has no TextQuoteSelector with an exact quote")
    start, end = _position(position_selector)
    note, tags, color = _bodies(annotation)
    status = annotation.get(STATUS_KEY)
    if status not in STATUSES:
        status = "anchored" if start is not None else "orphaned"
    title = target.get(TITLE_KEY)
    return PortableAnnotation(
        quote=exact,
        prefix=str(quote_selector.get("prefix") or ""),
        suffix=str(quote_selector.get("suffix") or ""),
        start=start,
        end=end,
        status=status,
        color=color,
        note=note,
        tags=tags,
        created=_text(annotation.get("created")),
        modified=_text(annotation.get("modified")),
        source=source,
        content_hash=digest,
        title=title if isinstance(title, str) else None,
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def parse(data: Any) -> tuple[list[PortableAnnotation], list[str]]:
    """Every usable annotation in a parsed JSON document, and a reason for each unusable one."""
    good: list[PortableAnnotation] = []
    problems: list[str] = []
    for number, item in enumerate(_annotations(data), start=1):
        try:
            good.append(from_json(item))
        except ValueError as exc:
            problems.append(f"annotation {number}: {exc}")
    return good, problems
