"""A batch import as the work of a LibraryOp: folders walked off the UI thread, each file
reported as it is done, cancellable between files; what it added goes out as Changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from core.importers.batch import importable_files
from storage.changes import Changes
from storage.importing import ImportReport, import_into
from storage.library import Library
from ui.common.operations import Task


def import_work(paths: list[Path]) -> Callable[[Library, Task], list[ImportReport]]:
    """The work: task.progress(0, total) once the folders are walked, then
    task.progress(done, total, report) after each file."""

    def work(library: Library, task: Task) -> list[ImportReport]:

        files = importable_files(paths)
        task.progress(0, len(files), None)
        reports: list[ImportReport] = []
        for report in import_into(library, files, cancelled=task.cancelled):
            reports.append(report)
            task.progress(len(reports), len(files), report)
        return reports

    return work


def import_changes(reports: list[ImportReport]) -> Changes:
    """New articles and new versions; a file already in the library changed nothing."""
    return Changes.of(
        articles=[
            r.outcome.article_id for r in reports if r.outcome and r.outcome.status != "exists"
        ]
    )
