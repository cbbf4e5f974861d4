"""Folder imports: many files parsed in parallel worker processes, each outcome handed back as
soon as it is ready.

Only parsing happens in the workers; the caller writes to the library in its own process.
Each worker handles one file at a time, so a file that crashes its worker or runs past the
time limit costs only that file: the worker is replaced and the batch goes on.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from core.article import ImportedArticle
from core.importers.dispatch import IMPORTABLE_SUFFIXES, import_path
from core.importers.errors import ImportRefused

Outcome = ImportedArticle | ImportRefused
Parser = Callable[[Path], ImportedArticle]

DEFAULT_TIME_LIMIT = 60.0
_POLL_SECONDS = 0.1
# Imported by the fork server once, so each worker starts warm.
_PRELOAD = [
    "core.importers.dispatch",
    "core.importers.html_page",
    "core.importers.browser_text",
    "core.importers.markdown_note",
    "core.importers.pdf_document",
    "core.importers.word_document",
    "trafilatura",
    "pypdfium2",
    "markdown_it",
    "charset_normalizer",
]


def _hidden(path: Path) -> bool:
    return path.name.startswith(".")


def _browser_files_folder(path: Path) -> bool:
    """The `<page>_files` folder a browser saves beside a page holds its parts, not articles."""
    return path.name.endswith("_files") or path.name.endswith(".files")


def importable_files(paths: Iterable[Path]) -> list[Path]:
    """The files to import: files as given, folders walked (in name order) for importable
    files, skipping hidden entries and the folders browsers save beside pages."""
    found: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.absolute()
        if key not in seen:
            seen.add(key)
            found.append(path)

    for path in paths:
        if not path.is_dir():
            add(path)
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(
                d for d in dirs if not _hidden(Path(d)) and not _browser_files_folder(Path(d))
            )
            for name in sorted(files):
                file = Path(root) / name
                suffix = file.suffix.lower()
                if not _hidden(file) and suffix and suffix in IMPORTABLE_SUFFIXES:
                    add(file)
    return found


def _worker(conn: Connection, parser: Parser) -> None:
    """Parse the paths the parent sends until it sends None."""
    for module in _PRELOAD:
        __import__(module)
    while True:
        try:
            path = conn.recv()
        except EOFError:
            return
        if path is None:
            return
        try:
            outcome: Outcome = parser(path)
        except ImportRefused as exc:
            outcome = exc
        except Exception as exc:  # import_path never raises others; a custom parser might
            outcome = ImportRefused(f"the file could not be read ({type(exc).__name__})")
        try:
            conn.send(outcome)
        except Exception as exc:  # an outcome that cannot be pickled
            conn.send(ImportRefused(f"the result could not be handed back ({type(exc).__name__})"))


def _context() -> Any:
    """Fork server on Linux (fast starts, safe from a threaded GUI), spawn elsewhere."""
    if sys.platform.startswith("linux"):
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


class _Slot:
    """One worker process and the file it is working on."""

    def __init__(self, context: Any, parser: Parser) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child, parser), daemon=True)
        self.process.start()
        child.close()
        self.path: Path | None = None
        self.deadline = 0.0

    def give(self, path: Path, time_limit: float) -> None:
        self.path = path
        self.deadline = time.monotonic() + time_limit
        self.conn.send(path)

    def stop(self, *, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.process.kill()
        self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=2)
        self.conn.close()


def parse_paths(
    paths: Iterable[Path],
    *,
    cancelled: Callable[[], bool] = lambda: False,
    workers: int | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
    parser: Parser = import_path,
) -> Iterator[tuple[Path, Outcome]]:
    """Parse files and folders in parallel; yields (path, ImportedArticle or ImportRefused)
    in the order they finish. Stops starting new files once `cancelled()` is true, and ends
    the workers when the caller stops iterating."""
    queue = deque(importable_files(paths))
    if not queue:
        return
    count = max(1, min(workers or min(os.cpu_count() or 1, 4), len(queue)))
    context = _context()
    slots: list[_Slot | None] = []
    try:
        slots = [_Slot(context, parser) for _ in range(count)]
        for slot in slots:
            if slot is not None and queue and not cancelled():
                slot.give(queue.popleft(), time_limit)
        while True:
            busy = [s for s in slots if s is not None and s.path is not None]
            if not busy or cancelled():
                return
            ready = wait(
                [s.conn for s in busy] + [s.process.sentinel for s in busy],
                timeout=_POLL_SECONDS,
            )
            now = time.monotonic()
            for index, slot in enumerate(slots):
                if slot is None or slot.path is None:
                    continue
                path = slot.path
                outcome, broken = _outcome(slot, ready, now, time_limit)
                if outcome is None:
                    continue
                slot.path = None
                if broken:
                    slot.stop(kill=True)
                    slots[index] = slot = None
                yield path, outcome
                if queue and not cancelled():
                    if slot is None:
                        slots[index] = slot = _Slot(context, parser)
                    slot.give(queue.popleft(), time_limit)
    finally:
        for slot in slots:
            if slot is not None:
                slot.stop(kill=slot.path is not None)


def _outcome(
    slot: _Slot, ready: list[Any], now: float, time_limit: float
) -> tuple[Outcome | None, bool]:
    """What became of the slot's file, if anything yet, and whether its worker is lost."""
    if slot.conn in ready:
        try:
            return slot.conn.recv(), False
        except Exception:  # the worker died mid-message, or sent what cannot be unpickled
            return ImportRefused("the importer crashed on this file"), True
    if slot.process.sentinel in ready:
        return ImportRefused("the importer crashed on this file"), True
    if now > slot.deadline:
        return ImportRefused(f"took too long to read (more than {time_limit:g} seconds)"), True
    return None, False
