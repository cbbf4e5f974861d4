"""The views on the library fixture (bench.library_fixture): All Highlights with its 300,000
highlights, and the library list scrolled to its end.

    python -m bench.views_speed [--articles 100000] [--repeat 5]

- All Highlights opens (the dialog built, filled and painted) within 200 ms, against a bare
  QDialog with an empty QListView shown the same way;
- it filters by a tag (chosen in its tag box once that is open, the list refilled and
  painted) within 50 ms, the median of 15 tags and the tag with the most highlights,
  against the raw SQL that lists that tag's highlights;
- paged down through its first 6,000 highlights, as its view fetches more, no page takes
  longer than 50 ms, against one page read by OFFSET at that depth (as it was read before);
- the library list filtered by that largest tag, within 50 ms;
- the library list, scrolled a screen at a time from top to end (Qt fetching more ids as it
  goes), never stalls: its slowest step within 50 ms, against the slowest step of the same
  QTableView over an in-memory list of as many titles.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.timing import report  # noqa: E402

OPEN_LIMIT = 0.200
FILTER_LIMIT = 0.050
STALL_LIMIT = 0.050
DEEP_ROWS = 6_000  # highlights All Highlights is paged down through: 400 pages


def _settle(app) -> None:
    for _ in range(3):
        app.processEvents()


def _timed_show(app, make) -> tuple[float, object]:
    start = time.perf_counter()
    widget = make()
    widget.show()
    _settle(app)
    widget.repaint()
    return time.perf_counter() - start, widget


def scroll_to_end(app, view) -> tuple[float, int]:
    """Scroll a screen at a time to the end; the slowest step (seconds) and the steps."""
    bar = view.verticalScrollBar()
    slowest, steps = 0.0, 0
    while True:
        start = time.perf_counter()
        before = bar.value()
        bar.setValue(before + view.viewport().height())
        _settle(app)
        view.viewport().repaint()
        slowest = max(slowest, time.perf_counter() - start)
        steps += 1
        if bar.value() == before and not view.model().canFetchMore(view.rootIndex()):
            return slowest, steps
        if steps > 200:  # a screen a step would take too long: jump a page of the bar
            bar.setValue(bar.value() + bar.pageStep() * 50)


def deep_pages(app, dialog, library) -> tuple[float, float]:
    """All Highlights scrolled far down, the way the view asks for more (fetchMore, each
    page sought after the rows it holds): its slowest page, and one raw OFFSET page there."""
    model = dialog.model
    slowest = 0.0
    while model.rowCount() < DEEP_ROWS and model.canFetchMore():
        start = time.perf_counter()
        model.fetchMore()
        slowest = max(slowest, time.perf_counter() - start)
        if model.rowCount() % 1_000 < 15:  # the view shows the end now and then
            dialog.view.scrollToBottom()
            _settle(app)
    start = time.perf_counter()
    library.conn.execute(
        "SELECT n.id FROM articles a JOIN annotations n ON n.article_id = a.id "
        "ORDER BY a.captured DESC, a.id DESC, n.start IS NULL, n.start, n.id "
        "LIMIT 15 OFFSET ?",
        [model.rowCount()],
    ).fetchall()
    return slowest, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    from bench.library_fixture import ensure

    path = ensure(args.articles)

    from PySide6.QtCore import QStringListModel
    from PySide6.QtWidgets import QApplication, QDialog, QListView, QTableView, QVBoxLayout

    from storage.library import Library
    from ui.annotations.all_highlights import AllAnnotationsDialog
    from ui.library.pane import LibraryPane
    from ui.theme.themes import theme

    app = QApplication.instance() or QApplication(sys.argv)
    library = Library.open(path)
    highlights = library.conn.execute("SELECT count(*) FROM annotations").fetchone()[0]
    # As the window does once its first frame is painted (ui.app.launch): what start-up
    # made is frozen, and no longer walked by every full collection.
    gc.collect()
    gc.freeze()
    n = f"{args.articles:,} articles, {highlights:,} highlights"

    def bare_dialog():
        dialog = QDialog()
        dialog.resize(720, 640)
        layout = QVBoxLayout(dialog)
        layout.addWidget(QListView(dialog))
        return dialog

    def ours_dialog():
        dialog = AllAnnotationsDialog(library=library, theme=theme("light"))
        return dialog

    ours_open, bare_open = [], []
    dialog = None
    for _ in range(args.repeat):
        spent, bare = _timed_show(app, bare_dialog)
        bare_open.append(spent)
        bare.close()
        spent, dialog = _timed_show(app, ours_dialog)
        ours_open.append(spent)
        dialog.close()
    report(
        f"All Highlights opens, {n}",
        statistics.median(ours_open),
        statistics.median(bare_open),
        baseline_label="bare QDialog with a QListView",
        limit=OPEN_LIMIT,
    )

    dialog.show()
    _settle(app)
    dialog.tag.fill_now()  # the analyst opens the tag box (filled then: not timed here)
    tags = [dialog.tag.itemData(i) for i in range(1, min(dialog.tag.count(), 40))]
    ours_filter, raw_filter = [], []
    for i in range(min(args.repeat * 3, len(tags))):
        tag = tags[i]
        start = time.perf_counter()
        library.conn.execute(
            "SELECT x.annotation_id FROM annotation_tags x JOIN tags g ON g.id = x.tag_id "
            "WHERE g.name = ?",
            [tag],
        ).fetchall()
        raw_filter.append(time.perf_counter() - start)
        start = time.perf_counter()
        dialog.tag.setCurrentIndex(dialog.tag.findData(tag))
        _settle(app)
        dialog.view.viewport().repaint()
        ours_filter.append(time.perf_counter() - start)
    report(
        f"All Highlights filters by tag, {n}",
        statistics.median(ours_filter),
        statistics.median(raw_filter),
        baseline_label="raw SQL of the tag's highlights",
        limit=FILTER_LIMIT,
    )
    largest = library.conn.execute(  # the worst case: every page of it was sorted whole
        "SELECT g.name FROM annotation_tags x JOIN tags g ON g.id = x.tag_id "
        "GROUP BY g.id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    start = time.perf_counter()
    raw = library.conn.execute(
        "SELECT x.annotation_id FROM annotation_tags x JOIN tags g ON g.id = x.tag_id "
        "WHERE g.name = ?",
        [largest],
    ).fetchall()
    raw_largest = time.perf_counter() - start
    start = time.perf_counter()
    dialog.tag.setCurrentIndex(dialog.tag.findData(largest))
    _settle(app)
    dialog.view.viewport().repaint()
    report(
        f"All Highlights filters by its largest tag ({len(raw):,} highlights), {n}",
        time.perf_counter() - start,
        raw_largest,
        baseline_label="raw SQL of the tag's highlights",
        limit=FILTER_LIMIT,
    )
    dialog.tag.setCurrentIndex(0)
    _settle(app)
    deep_ours, deep_raw = deep_pages(app, dialog, library)
    report(
        f"All Highlights, slowest page far down (to {DEEP_ROWS:,} highlights), {n}",
        deep_ours,
        deep_raw,
        baseline_label="raw SQL of one page by OFFSET there",
        limit=FILTER_LIMIT,
    )
    dialog.close()

    del dialog
    titles = [row[0] for row in library.conn.execute("SELECT title FROM articles")]
    plain = QTableView()
    plain.resize(420, 760)
    plain.setModel(QStringListModel(titles))
    plain.verticalHeader().hide()
    plain.show()
    _settle(app)
    # Untimed, first: the fonts of every script among the titles are found and loaded the
    # first time one is drawn, whichever list draws it; both lists are then timed with them.
    scroll_to_end(app, plain)
    plain.verticalScrollBar().setValue(0)
    pane = LibraryPane(library=library)
    pane.resize(420, 800)
    pane.show()
    _settle(app)
    gc.collect()
    gc.freeze()  # the list is made before the window's first frame: frozen with it
    ours_stall, ours_steps = scroll_to_end(app, pane.view)
    bare_stall, _ = scroll_to_end(app, plain)
    print(f"library list: {ours_steps} steps to its end ({pane.model.rowCount():,} rows)")
    report(
        f"library list scrolls to its end, slowest step, {args.articles:,} articles",
        ours_stall,
        bare_stall,
        baseline_label="QTableView over an in-memory list",
        limit=STALL_LIMIT,
    )
    pane.view.verticalScrollBar().setValue(0)
    _settle(app)
    start = time.perf_counter()
    pane.model.set_tag(largest)  # as the tag box does
    _settle(app)
    pane.view.viewport().repaint()
    report(
        f"library list filtered by the largest tag ({len(raw):,} highlights), "
        f"{args.articles:,} articles",
        time.perf_counter() - start,
        raw_largest,
        baseline_label="raw SQL of the tag's highlights",
        limit=FILTER_LIMIT,
    )
    pane.close_search()
    library.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
