"""Importing files into the library: parse (in parallel, in core), then write each article in
its own transaction, so one bad file never blocks or half-writes the rest."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.importers.errors import ImportRefused
from storage.errors import LibraryError
from storage.library import Library
from storage.library_files import same_file
from storage.records import AddOutcome


@dataclass(frozen=True, slots=True)
class ImportReport:
    path: Path
    outcome: AddOutcome | None
    error: Exception | None = None

    def as_json(self) -> dict[str, Any]:
        if self.outcome is None:
            return {"file": str(self.path), "status": "failed", "error": str(self.error)}
        return {
            "file": str(self.path),
            "status": self.outcome.status,
            "id": self.outcome.article_id,
            "title": self.outcome.title,
            "version": self.outcome.version,
        }


def import_into(
    library: Library,
    paths: Iterable[Path],
    *,
    cancelled: Callable[[], bool] = lambda: False,
) -> Iterator[ImportReport]:
    """Import files and folders; yields one report per file as it is done."""
    from core.importers.batch import parse_paths

    wanted = []
    for path in paths:
        if same_file(path, library.path):  # reading it would drop this process's locks
            yield ImportReport(path, None, ImportRefused("this is the library itself"))
        else:
            wanted.append(path)
    for path, parsed in parse_paths(wanted, cancelled=cancelled):
        if isinstance(parsed, ImportRefused):
            yield ImportReport(path, None, parsed)
            continue
        try:
            yield ImportReport(path, library.articles.add(parsed))
        except LibraryError as exc:
            yield ImportReport(path, None, exc)
        except sqlite3.Error as exc:  # locked, full, read-only: this file, not the batch
            from storage.integrity import explain_write_error

            yield ImportReport(path, None, LibraryError(explain_write_error(exc) or str(exc)))
