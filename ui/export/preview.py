"""The export dialog's live preview, built beside the window: gathering a brief over the
whole library and rendering it takes long enough to freeze typing in the filters.

Each preview is one job on its own connection to the library (SQLite in WAL mode lets it
read while the window writes); the dialog numbers its requests and keeps only the newest
answer.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QObject, Signal

from core.export.brief import Brief, BriefScope, Layout
from ui.common.background_job import BackgroundJob


class BriefRequest(NamedTuple):
    scope: BriefScope
    layout: Layout
    title: str


class BriefPreview(NamedTuple):
    brief: Brief
    markdown: str
    html: str


def preview_html(markdown: str) -> str:
    """The brief as HTML: front matter shown as a code block, the rest rendered."""
    from core.notes import markdown_renderer

    if markdown.startswith("---\n"):
        end = markdown.find("\n---\n", 4)
        if end != -1:
            front = markdown[4:end]
            markdown = f"```yaml\n{front}\n```\n{markdown[end + 5 :]}"
    return markdown_renderer(tables=True).render(markdown)


def build_preview(library, request: BriefRequest) -> BriefPreview:
    """The brief, its Markdown and the preview's HTML (the dialog's own refresh uses it too)."""
    from core.export.markdown_brief import render_markdown
    from storage.brief_source import load_brief

    brief = load_brief(library, request.scope, layout=request.layout, title=request.title)
    markdown = render_markdown(brief)
    return BriefPreview(brief, markdown, preview_html(markdown))


class BriefPreviewJob(BackgroundJob):
    """Signals: ready(int, object) with the request number and a BriefPreview, or
    failed(int, str) with the request number and a sentence for the dialog."""

    ready = Signal(int, object)
    failed = Signal(int, str)

    thread_name = "postil-brief-preview"
    daemon = True  # read-only: nothing is lost if the app quits first

    def __init__(
        self,
        *,
        library_path: Path,
        request: BriefRequest,
        number: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._path = library_path
        self._request = request
        self._number = number

    def _run(self) -> None:
        from storage.errors import LibraryError
        from storage.library import Library

        try:
            with Library.open(self._path) as library:
                preview = build_preview(library, self._request)
        except (LibraryError, ValueError, sqlite3.Error) as exc:
            self.failed.emit(self._number, str(exc))
            return
        self.ready.emit(self._number, preview)
