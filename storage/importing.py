"""Importing files into the library: parse (in parallel, in core), then write each article in
its own transaction, so one bad file never blocks or half-writes the rest."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.importers.errors import ImportRefused
from storage.errors import LibraryError, NotFound
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
        outcome = self.outcome
        found: dict[str, Any] = {
            "file": str(self.path),
            "status": outcome.status,
            "id": outcome.article_id,
            "title": outcome.title,
            "version": outcome.version,
        }
        if outcome.status in ("updated", "version"):
            found |= {"highlights": outcome.highlights, "orphaned": outcome.orphaned}
        if outcome.status == "version":  # another capture of the article
            found |= {"current": outcome.current, "similarity": outcome.similarity}
        return found


def import_into(
    library: Library,
    paths: Iterable[Path],
    *,
    cancelled: Callable[[], bool] = lambda: False,
    version_of: int | None = None,
    as_new: bool = False,
    preparing: Callable[[int, int], None] | None = None,
) -> Iterator[ImportReport]:
    """Import files and folders; yields one report per file as it is done. version_of: each
    file is a new capture of that article (see Articles.add); as_new: each file is a new
    article whatever it resembles. Articles imported before near-duplicates were looked for
    are signed first, once (preparing(done, total) reports it, when there are any)."""
    from core.importers.batch import parse_paths

    if version_of is not None and not library.articles.exists(version_of):
        raise NotFound(f"there is no article {version_of} in this library")
    options: dict[str, Any] = {}  # for Articles.add: only what differs from its defaults
    if version_of is not None:
        options["version_of"] = version_of
    if as_new:
        options["as_new"] = True
    if version_of is None and not as_new:
        from storage.near_duplicates import catch_up

        with contextlib.suppress(sqlite3.Error):  # each file's import meets it, and says so
            catch_up(library.conn, progress=preparing, cancelled=cancelled)

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
            yield ImportReport(path, library.articles.add(parsed, **options))
        except LibraryError as exc:
            yield ImportReport(path, None, exc)
        except sqlite3.Error as exc:  # locked, full, read-only: this file, not the batch
            from storage.integrity import explain_write_error

            yield ImportReport(path, None, LibraryError(explain_write_error(exc) or str(exc)))
