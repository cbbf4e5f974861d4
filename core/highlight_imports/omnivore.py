"""Omnivore's export archive: the saved articles, their metadata and their highlights.

The zip holds metadata_N_to_M.json (a list of {id, slug, title, author, url, savedAt,
publishedAt, labels, state, ...}; some exports also list each item's highlights there),
content/<slug>.html (the saved page) and highlights/<slug>.md, one block per highlight:

    > the quoted passage [⤴️](https://omnivore.app/me/slug#highlight-id)

    the note, when there is one

The articles are imported first (the page with the address from its metadata), then their
highlights attached; a highlight whose article has no saved page still finds the article
when the library has it under the same address.
"""

from __future__ import annotations

import json
import posixpath
import re
import zipfile
from pathlib import Path
from typing import Any

from core.highlight_imports.records import (
    ExportedArticle,
    HighlightExport,
    HighlightRecord,
    clean_line,
    clean_tags,
    make_record,
)
from core.importers.errors import ImportRefused

TOOL = "omnivore"
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024
MAX_MEMBERS = 200_000
_METADATA = re.compile(r"(^|/)metadata_\d+_to_\d+\.json$")
_LINK = re.compile(r"\s*\[⤴️?\]\([^)]*\)\s*$")


def looks_like_metadata(data: Any) -> bool:
    return (
        isinstance(data, list)
        and bool(data)
        and all(isinstance(i, dict) and "slug" in i and "url" in i for i in data[:20])
    )


def parse_highlights_markdown(text: str) -> list[tuple[str, str]]:
    """(quote, note) pairs of a highlights/<slug>.md file, in order."""
    pairs: list[tuple[str, str]] = []
    quote: list[str] = []
    note: list[str] = []
    closed = False  # the quote's [⤴️](...) link was seen: the next ">" starts another

    def flush() -> None:
        if quote:
            pairs.append((" ".join(quote).strip(), "\n".join(note).strip()))
        quote.clear()
        note.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.rstrip()
        if line.startswith(">"):
            body = line[1:].lstrip()
            if note or closed:
                flush()
                closed = False
            linked = _LINK.search(body)
            if linked:
                body = body[: linked.start()]
                closed = True
            quote.append(body)
        elif quote:
            if line.strip() or note:
                note.append(line)
            closed = True
    flush()
    return pairs


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | None:
    if info.file_size > MAX_MEMBER_BYTES:
        return None
    try:
        return archive.read(info)
    except Exception:  # a damaged entry: this entry, not the archive
        return None


def _metadata_items(data: bytes, name: str, export: HighlightExport) -> list[dict[str, Any]]:
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        export.problems.append(f"{name}: not readable JSON ({type(exc).__name__})")
        return []
    if not isinstance(parsed, list):
        export.problems.append(f"{name}: not a list of saved items")
        return []
    return [item for item in parsed if isinstance(item, dict)]


def _records_of_item(item: dict[str, Any], pairs: list[tuple[str, str]]) -> list[HighlightRecord]:
    """The item's highlights: those of its Markdown file, and any its metadata lists."""
    common = {
        "url": item.get("url"),
        "title": item.get("title"),
        "author": item.get("author"),
    }
    tags = clean_tags(item.get("labels") or ())
    records = []
    for quote, note in pairs:
        record = make_record(quote, note=note, tags=tags, **common)
        if record is not None:
            records.append(record)
    listed = item.get("highlights")
    for highlight in listed if isinstance(listed, list) else []:
        if not isinstance(highlight, dict):
            continue
        record = make_record(
            highlight.get("quote"),
            prefix=highlight.get("prefix") or "",
            suffix=highlight.get("suffix") or "",
            note=highlight.get("annotation") or "",
            tags=clean_tags(highlight.get("labels") or ()) or tags,
            color=highlight.get("color"),
            created=highlight.get("createdAt"),
            **common,
        )
        if record is not None:
            records.append(record)
    return records


def parse_archive(path: Path) -> HighlightExport:
    """An export zip to records and articles; one problem line per entry it cannot read."""
    export = HighlightExport(TOOL)
    try:
        archive = zipfile.ZipFile(path)
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ImportRefused("this Omnivore export is damaged (not a readable zip)") from None
    with archive:
        if len(members) > MAX_MEMBERS:
            raise ImportRefused(f"this archive holds too many files ({len(members)})")
        if sum(max(0, m.file_size) for m in members) > MAX_UNPACKED_BYTES:
            raise ImportRefused("this archive unpacks to more than 2 GB: too large to read")
        by_name = {m.filename: m for m in members if not m.is_dir()}
        metadata = sorted(n for n in by_name if _METADATA.search(n))
        if not metadata:
            raise ImportRefused("not an Omnivore export (no metadata_N_to_M.json in the zip)")
        root = posixpath.dirname(metadata[0])
        items: list[dict[str, Any]] = []
        for name in metadata:
            data = _read(archive, by_name[name])
            if data is None:
                export.problems.append(f"{name}: could not be read")
                continue
            items.extend(_metadata_items(data, name, export))
        for n, item in enumerate(items, start=1):
            slug = item.get("slug")
            if not isinstance(slug, str) or not slug or "/" in slug or slug.startswith("."):
                export.problems.append(f"item {n} of the metadata: no usable slug")
                continue
            pairs: list[tuple[str, str]] = []
            md_name = posixpath.join(root, "highlights", f"{slug}.md")
            if md_name in by_name:
                data = _read(archive, by_name[md_name])
                if data is None:
                    export.problems.append(f"{md_name}: could not be read")
                else:
                    pairs = parse_highlights_markdown(data.decode("utf-8", errors="replace"))
            html_name = posixpath.join(root, "content", f"{slug}.html")
            if html_name in by_name:
                data = _read(archive, by_name[html_name])
                if data is None:
                    export.problems.append(f"{html_name}: too large or damaged")
                elif data.strip():
                    export.articles.append(
                        ExportedArticle(
                            url=clean_line(item.get("url"), limit=4000) or None,
                            title=clean_line(item.get("title"), limit=500) or slug,
                            html=data,
                            name=html_name,
                            author=clean_line(item.get("author"), limit=300) or None,
                            tags=clean_tags(item.get("labels") or ()),
                        )
                    )
            export.records.extend(_records_of_item(item, pairs))
    return export


def parse_metadata(data: Any) -> HighlightExport:
    """A metadata JSON on its own (highlights listed in it, no saved pages)."""
    export = HighlightExport(TOOL)
    for item in data if isinstance(data, list) else []:
        if isinstance(item, dict):
            export.records.extend(_records_of_item(item, []))
    return export
