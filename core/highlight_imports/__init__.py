"""Highlights made in other tools (Hypothesis, Omnivore, Readwise), read into plain records.

Qt-free and library-free: read_export(path) says which tool wrote a file, from its name and
its first bytes, and hands back a HighlightExport; storage.highlight_import attaches it to
the library. A file no tool wrote, or one too damaged to read, raises ImportRefused with a
one-line reason; entries that cannot be read are listed in the export's problems instead, so
one bad entry never blocks the rest.
"""

from __future__ import annotations

import json
from pathlib import Path

from core.highlight_imports.records import (
    ExportedArticle,
    HighlightExport,
    HighlightRecord,
)
from core.importers.errors import ImportRefused

__all__ = [
    "HIGHLIGHT_SUFFIXES",
    "ExportedArticle",
    "HighlightExport",
    "HighlightRecord",
    "read_export",
]

HIGHLIGHT_SUFFIXES = (".json", ".csv", ".zip")
MAX_TEXT_BYTES = 64 * 1024 * 1024


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportRefused(f"cannot read the file: {exc.strerror or exc}") from None
    if size > MAX_TEXT_BYTES:
        raise ImportRefused(f"the file is too large ({size / 1048576:.0f} MB; the limit is 64 MB)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImportRefused(f"cannot read the file: {exc.strerror or exc}") from None


def read_export(path: Path) -> HighlightExport:
    """The export in a file, whichever tool wrote it. Raises ImportRefused, and only that."""
    try:
        return _read_export(Path(path))
    except ImportRefused:
        raise
    except RecursionError:
        raise ImportRefused("the file is nested too deeply to be read") from None
    except MemoryError:
        raise ImportRefused("the file is too large to read in memory") from None
    except Exception as exc:  # a parser's slip is this file's refusal, not a crash
        detail = " ".join(str(exc).split())[:160]
        raise ImportRefused(
            f"the file could not be read ({type(exc).__name__}: {detail})"
        ) from None


def _read_export(path: Path) -> HighlightExport:
    suffix = path.suffix.lower()
    if not path.exists():
        raise ImportRefused("no such file")
    if path.is_dir():
        raise ImportRefused("this is a folder; choose the export file")
    if suffix == ".zip":
        from core.highlight_imports import omnivore

        return omnivore.parse_archive(path)
    if suffix in (".csv", ".json"):
        data = _read(path)
        if not data.strip():
            raise ImportRefused("the file is empty")
        if suffix == ".csv":
            from core.highlight_imports import readwise

            return readwise.parse_bytes(data)
        return parse_json(data)
    raise ImportRefused(
        f"Postil does not read highlights from {suffix or 'extension-less'} files; it reads "
        "Hypothesis JSON, an Omnivore export (.zip) and Readwise CSV"
    )


def parse_json(data: bytes) -> HighlightExport:
    """A JSON export: Hypothesis annotations, or Omnivore's metadata on its own."""
    from core.highlight_imports import hypothesis, omnivore

    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportRefused(f"not a JSON file ({type(exc).__name__})") from None
    if hypothesis.looks_like(parsed):
        return hypothesis.parse(parsed)
    if omnivore.looks_like_metadata(parsed):
        return omnivore.parse_metadata(parsed)
    if isinstance(parsed, dict) and parsed.get("type") == "AnnotationCollection":
        raise ImportRefused(
            "this is W3C Web Annotation JSON: use Import Annotations (postil import-annotations)"
        )
    raise ImportRefused(
        "not a highlight export Postil knows (Hypothesis JSON, Omnivore export, Readwise CSV)"
    )
