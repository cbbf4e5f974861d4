"""A batch import as the work of a LibraryOp: folders walked off the UI thread, each file
reported as it is done, cancellable between files; what it added goes out as Changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from core.importers.batch import importable_files
from storage.changes import Changes
from storage.errors import NotFound
from storage.importing import ImportReport, import_into
from storage.library import Library
from ui.common.operations import Task


class Preparing(NamedTuple):
    """Progress payload while the articles imported before near-duplicates were looked for
    are read once (storage.near_duplicates.catch_up), before the first file."""

    done: int
    total: int


def import_work(paths: list[Path]) -> Callable[[Library, Task], list[ImportReport]]:
    """The work: task.progress(0, total) once the folders are walked, task.progress(0,
    total, Preparing) while older articles are read once, then task.progress(done, total,
    report) after each file."""

    def work(library: Library, task: Task) -> list[ImportReport]:
        files = importable_files(paths)
        task.progress(0, len(files), None)

        def preparing(done: int, total: int) -> None:
            task.progress(0, len(files), Preparing(done, total))

        reports: list[ImportReport] = []
        for report in import_into(library, files, cancelled=task.cancelled, preparing=preparing):
            reports.append(report)
            task.progress(len(reports), len(files), report)
        return reports

    return work


def replace_work(path: Path, article_id: int) -> Callable[[Library, Task], list[ImportReport]]:
    """The work of Replace with Another Capture: one file, imported as the new current
    version of the article (the analyst chose it), its highlights following."""

    def work(library: Library, task: Task) -> list[ImportReport]:
        task.progress(0, 1, None)
        try:
            reports = list(import_into(library, [path], version_of=article_id))
        except NotFound as exc:  # deleted meanwhile (by the command line, say)
            reports = [ImportReport(path, None, exc)]
        task.progress(1, 1, reports[0])
        return reports

    return work


def import_changes(reports: list[ImportReport]) -> Changes:
    """New articles and new versions; a file already in the library changed nothing."""
    return Changes.of(
        articles=[
            r.outcome.article_id for r in reports if r.outcome and r.outcome.status != "exists"
        ]
    )
