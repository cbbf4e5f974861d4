"""Hypothesis annotations, as its API returns them and its account export saves them.

An annotation is a JSON object: `uri` (the page), `text` (the note, Markdown), `tags`,
`created`, `document.title`, and `target[].selector[]`, W3C selectors on the page's text: a
TextQuoteSelector (exact, prefix, suffix) and a TextPositionSelector (start, end). The file is
a list of them, a search result ({"rows": [...]}), an account export ({"annotations":
[...]}), or one annotation. Page notes (no quoted passage) and replies have nothing to anchor
and are reported, one line each.
"""

from __future__ import annotations

import json
from typing import Any

from core.highlight_imports.records import HighlightExport, make_record
from core.importers.errors import ImportRefused

TOOL = "hypothesis"


def looks_like(data: Any) -> bool:
    """Whether parsed JSON is Hypothesis's (and not a W3C collection or Omnivore metadata)."""
    items = _items(data)
    return bool(items) and any(isinstance(i, dict) and "target" in i and "uri" in i for i in items)


def _items(data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in ("rows", "annotations"):
            if isinstance(data.get(key), list):
                return data[key]
        if "target" in data:
            return [data]
    return []


def _selectors(annotation: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], str | None]:
    """(TextQuoteSelector, TextPositionSelector, the target's source) of the first target
    that quotes a passage."""
    targets = annotation.get("target")
    if isinstance(targets, dict):
        targets = [targets]
    for target in targets if isinstance(targets, list) else []:
        if not isinstance(target, dict):
            continue
        selectors = target.get("selector")
        if isinstance(selectors, dict):
            selectors = [selectors]
        quote: dict[str, Any] = {}
        position: dict[str, Any] = {}
        for selector in selectors if isinstance(selectors, list) else []:
            if not isinstance(selector, dict):
                continue
            if selector.get("type") == "TextQuoteSelector" and not quote:
                quote = selector
            elif selector.get("type") == "TextPositionSelector" and not position:
                position = selector
        if quote:
            source = target.get("source")
            return quote, position, source if isinstance(source, str) else None
    return {}, {}, None


def _title(annotation: dict[str, Any]) -> str | None:
    document = annotation.get("document")
    if isinstance(document, dict):
        title = document.get("title")
        if isinstance(title, list) and title:
            title = title[0]
        if isinstance(title, str):
            return title
    return None


def parse(data: Any) -> HighlightExport:
    """Parsed JSON to records; one problem line per annotation that cannot be one."""
    export = HighlightExport(TOOL)
    items = _items(data)
    if not items and not isinstance(data, list):
        export.problems.append("the file holds no Hypothesis annotations")
        return export
    for n, item in enumerate(items, start=1):
        label = f"annotation {n}"
        if not isinstance(item, dict):
            export.problems.append(f"{label}: not an annotation object")
            continue
        if isinstance(item.get("id"), str):
            label = f"annotation {item['id']}"
        if item.get("references"):
            export.problems.append(f"{label}: a reply, not a highlight")
            continue
        quote, position, source = _selectors(item)
        uri = item.get("uri") if isinstance(item.get("uri"), str) else source
        if not quote:
            export.problems.append(f"{label}: a page note, with no quoted passage")
            continue
        record = make_record(
            quote.get("exact"),
            url=uri,
            title=_title(item),
            prefix=quote.get("prefix") or "",
            suffix=quote.get("suffix") or "",
            note=item.get("text") or "",
            tags=item.get("tags") or (),
            created=item.get("created"),
            start=position.get("start"),
            end=position.get("end"),
        )
        if record is None:
            export.problems.append(f"{label}: the quoted passage is empty")
        elif not record.url:
            export.problems.append(f"{label}: no page address (uri)")
        else:
            export.records.append(record)
    return export


def parse_bytes(data: bytes) -> HighlightExport:
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ImportRefused(f"not a JSON file ({type(exc).__name__})") from None
    return parse(parsed)
