"""Search as you type off the UI thread: a worker thread with its own connection to the
library runs the newest query typed (a query overtaken before it ran is never run) and hands
the results back; the pane drops any that are not for the newest query. Typing never waits
for a search.

When idle, the same worker stems the articles of an older library (storage.stems.catch_up,
a batch per transaction), giving way to each search as it comes; the articles not stemmed
yet are found by their words as written meanwhile.

Signals: finished(int serial, str query, object hits, object highlights), emitted in the
thread of this object for the search numbered `serial` (search() returns the number).
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

PAGE = 200  # hits asked for per query: the list shows them, more on demand
SNIPPETS = 20  # hits whose snippets come with the results (a screenful); the rest as rows show
HIGHLIGHTS = 50
CATCH_UP_BATCH = 500  # articles stemmed per transaction in the background


class SearchRunner(QObject):
    finished = Signal(int, str, object, object)

    def __init__(self, *, library_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path = library_path
        self._wake = threading.Condition()
        self._wanted: tuple[int, str] | None = None
        self._serial = 0
        self._closing = False
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="library-search", daemon=True)
            self._thread.start()

    def search(self, query: str) -> int:
        """Queue the query (replacing one not started yet); returns its serial number."""
        self.start()
        with self._wake:
            self._serial += 1
            self._wanted = (self._serial, query)
            self._wake.notify()
            return self._serial

    @property
    def latest(self) -> int:
        return self._serial

    def close(self) -> None:
        with self._wake:
            self._closing = True
            self._wake.notify()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _interrupted(self) -> bool:
        return self._closing or self._wanted is not None

    def _run(self) -> None:
        from storage import highlight_prefixes, stems
        from storage.library import Library

        try:
            library = Library.open(self._path)
        except Exception:  # the window's own connection reports problems
            return
        with library:
            catching_up = True
            while True:
                with self._wake:
                    while self._wanted is None and not self._closing and not catching_up:
                        self._wake.wait()
                    if self._closing:
                        return
                    wanted, self._wanted = self._wanted, None
                if wanted is None:  # idle: stem a batch of an older library's articles
                    try:  # migration 4's index first (storage.stems), then the stems
                        gone = stems.retire_old_index(library.conn, self._interrupted)
                        done = stems.catch_up(
                            library.conn,
                            batch=CATCH_UP_BATCH,
                            cancelled=self._interrupted,
                            limit=CATCH_UP_BATCH,
                        )
                        if not done:  # and the highlights' prefix index (migration 7)
                            done = highlight_prefixes.catch_up(library.conn, self._interrupted)
                        catching_up = done > 0 or not gone  # a search came first: resume
                    except Exception:  # busy or read-only: searched as written
                        catching_up = False
                    continue
                serial, query = wanted
                if not query.strip():  # a stand-in that overtakes what ran: nothing to run
                    continue
                try:
                    hits = library.search.articles(query, limit=PAGE, snippets=False)
                    marked = library.search.snippets(query, [h.id for h in hits[:SNIPPETS]])
                    hits = [h._replace(snippet=marked.get(h.id, "")) for h in hits]
                    highlights = library.search.highlights(query, limit=HIGHLIGHTS)
                except Exception:  # a query is never an error: show nothing
                    hits, highlights = [], []
                with contextlib.suppress(RuntimeError):  # the pane is gone
                    self.finished.emit(serial, query, hits, highlights)
