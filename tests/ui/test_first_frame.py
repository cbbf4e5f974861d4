"""The first frame keeps off the Qt namespace's enums, and what stands in for them is right."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt as RealQt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPalette

from storage.highlighting import annotate_quote
from storage.library import Library
from tests.conftest import ROOT, make_article
from ui import first_frame as qt_namespace
from ui.library.delegate import ELLIPSIS, elide_right


def test_plain_values_are_qts_own() -> None:
    role = RealQt.ItemDataRole
    assert role.DisplayRole.value == qt_namespace.DISPLAY_ROLE
    assert role.ToolTipRole.value == qt_namespace.TOOLTIP_ROLE
    assert role.AccessibleTextRole.value == qt_namespace.ACCESSIBLE_TEXT_ROLE
    assert role.UserRole.value == qt_namespace.USER_ROLE
    beside = RealQt.ToolButtonStyle.ToolButtonTextBesideIcon
    assert beside.value == qt_namespace.TOOL_BUTTON_TEXT_BESIDE_ICON
    custom = RealQt.ContextMenuPolicy.CustomContextMenu
    assert custom.value == qt_namespace.CUSTOM_CONTEXT_MENU


def test_the_stand_in_gives_the_real_enums() -> None:
    assert qt_namespace.Qt.Key.Key_F3 is RealQt.Key.Key_F3
    assert qt_namespace.Qt.AlignmentFlag is RealQt.AlignmentFlag


def test_solid_brush_is_the_colour(qapp) -> None:
    colour = QColor("#80ffd966")  # a highlight: translucent yellow
    brush = qt_namespace.solid_brush(colour)
    assert brush.color() == colour and brush.isOpaque() is False
    assert brush.style() == RealQt.BrushStyle.SolidPattern


def test_elide_right_fits_the_width_and_keeps_marks_with_their_letters(qapp) -> None:
    metrics = QFontMetrics(QFont())
    short = "Port traffic"
    assert elide_right(short, metrics, metrics.horizontalAdvance(short)) == short
    long = "Container traffic through the port rose for a third consecutive month"
    width = metrics.horizontalAdvance(long) // 2
    cut = elide_right(long, metrics, width)
    assert cut.endswith(ELLIPSIS) and long.startswith(cut[:-1])
    assert metrics.horizontalAdvance(cut) <= width
    assert len(cut) > 10  # as much as fits, not a stub
    marked = "e\u0301" * 40  # é as a letter and a combining accent
    for width in range(10, metrics.horizontalAdvance(marked), 7):
        body = elide_right(marked, metrics, width).removesuffix(ELLIPSIS)
        assert len(body) % 2 == 0  # never an accent without its letter


def test_library_rows_paint_in_palette_colours(qtbot, make_window, seeded) -> None:
    """The selected row's title in HighlightedText on Highlight, another row's in Text."""
    window = make_window()
    view = window.library_pane.view
    model = window.library_pane.model
    view.setCurrentIndex(model.index(0))
    palette = view.palette()

    def title_colours(row: int) -> set[str]:
        image: QImage = view.viewport().grab(view.visualRect(model.index(row))).toImage()
        return {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(8, 30)}

    selected, other = title_colours(0), title_colours(1)
    role = QPalette.ColorRole
    assert palette.color(QPalette.ColorGroup.Active, role.Highlight).name() in selected
    assert QColor(palette.color(role.HighlightedText)).name() in selected
    assert QColor(palette.color(role.Text)).name() in other
    assert palette.color(QPalette.ColorGroup.Active, role.Highlight).name() not in other


def _first_frame(tmp_path: Path) -> str:
    """Start the real app on a library with rows, an article and a highlight to paint, and
    report, at the first painted frame, what is loaded. Returns the report."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import gc, sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "import ui.app.first_paint as first_paint\n"
        "from PySide6.QtCore import QTimer\n"
        "report = first_paint._report\n"
        "def check():\n"
        "    import PySide6.QtCore as core\n"
        "    import PySide6.QtGui as gui\n"
        "    import PySide6.QtWidgets as widgets\n"
        "    print('collected before the frame:', collections() - before)\n"
        "    print('Qt namespace:', 'Qt' in core.__dict__)\n"
        "    print('QtNetwork:', 'PySide6.QtNetwork' in sys.modules)\n"
        "    print('QStyle:', 'QStyle' in widgets.__dict__)\n"
        "    print('MODULES', ' '.join(sorted(sys.modules)))\n"
        "    types = [n for m in (core, gui, widgets) for n in m.__dict__ if n[:1] == 'Q']\n"
        "    print('TYPES', ' '.join(sorted(types)))\n"
        "    QTimer.singleShot(0, after_setup)  # queued after the deferred setup\n"
        "def after_setup():\n"
        "    print('collecting after the setup:', gc.isenabled())\n"
        "    print('frozen at the setup:', gc.get_freeze_count() > 1000)\n"
        "    from pathlib import Path\n"
        "    from storage import library_files\n"
        "    conn = library_files.connect(Path(sys.argv[-1]), read_only=True)\n"
        "    row = conn.execute(\"SELECT value FROM meta WHERE key = 'stems_format'\")\n"
        "    print('stems format after the setup:', row.fetchone()[0])\n"
        "    conn.close()\n"
        "    report()\n"
        "first_paint._report = check\n"
        "def collections():\n"
        "    return sum(s['collections'] for s in gc.get_stats())\n"
        "import main\n"
        "before = collections()\n"
        "sys.exit(main.main(sys.argv[1:]))\n"
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "POSTIL_BENCH_FIRST_PAINT": "1",
        "POSTIL_SETTINGS": str(tmp_path / "settings.ini"),
    }
    library = tmp_path / "library.postil"
    with Library.open(library) as opened:  # rows for the list to paint, an article to show
        first = opened.articles.add(make_article("Port traffic recovers")).article_id
        opened.articles.add(make_article("A bridge opens", url="https://example.org/b"))
        annotate_quote(opened, first, "third consecutive month")  # a highlight to paint
        opened.articles.mark_opened(first)
        # as another Postil's stemmers left it: checked (and the indexes started again)
        # once the window has painted, not before
        opened.conn.execute("UPDATE meta SET value = '0/old' WHERE key = 'stems_format'")
    result = subprocess.run(
        [sys.executable, str(probe), "--library", str(library)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert "first-paint" in result.stdout, result.stderr[-2000:]
    return result.stdout


@pytest.fixture(scope="module")
def first_frame_report(tmp_path_factory) -> str:
    return _first_frame(tmp_path_factory.mktemp("first-frame"))


def test_the_first_frame_loads_neither_the_qt_namespace_nor_qstyle_nor_qtnetwork(
    first_frame_report: str,
) -> None:
    assert "Qt namespace: False" in first_frame_report
    assert "QtNetwork: False" in first_frame_report
    assert "QStyle: False" in first_frame_report


def test_the_first_frame_loads_only_the_modules_the_rule_allows(first_frame_report: str) -> None:
    """ui.first_frame.FIRST_FRAME_MODULES is the rule; a real start-up is the check. A module
    that joins the first frame must be added to the list on purpose."""
    from ui.first_frame import AFTER_THE_FRAME, FIRST_FRAME_MODULES, HEAVY_LIBRARIES

    line = next(x for x in first_frame_report.splitlines() if x.startswith("MODULES "))
    loaded = set(line.split()[1:])
    ours = {m for m in loaded if m.split(".")[0] in ("main", "core", "storage", "ui", "cli")}
    assert ours - FIRST_FRAME_MODULES == set(), "add it to FIRST_FRAME_MODULES, or load it later"
    heavy = {m for m in loaded if any(m == h or m.startswith(h + ".") for h in HEAVY_LIBRARIES)}
    assert heavy == set()
    assert loaded.isdisjoint(AFTER_THE_FRAME)
    assert "PySide6.QtSvg" not in loaded  # the toolbar's icons are drawn after the first frame


def test_the_first_frame_builds_only_the_python_types_it_paints(first_frame_report: str) -> None:
    """PySide builds a class's Python type, and its enums (about 0.4 ms each), when Python
    first touches the class. Wrapping a viewport Qt made searches every QWidget type for the
    right one (20-35 ms; the reader makes its own viewport); the list of found highlights comes
    with the first search, QImage with the toolbar's drawn icons."""
    line = next(x for x in first_frame_report.splitlines() if x.startswith("TYPES "))
    built = set(line.split()[1:])
    assert {"QTextBrowser", "QTableView", "QStyleOptionViewItem"} <= built  # the check works
    by_the_search_only = {"QMdiArea", "QCalendarWidget", "QTabWidget", "QLCDNumber", "QWizard"}
    assert built & by_the_search_only == set()
    assert "QListView" not in built
    assert "QImage" not in built


def test_the_stemmers_are_checked_once_the_window_has_painted(first_frame_report: str) -> None:
    """Loading PyStemmer to ask its version waits for the first frame (AFTER_THE_FRAME keeps
    it out of it); the check still runs before anything is stemmed."""
    from storage.stems import current_format

    assert f"stems format after the setup: {current_format()}" in first_frame_report


def test_collection_is_back_on_once_the_window_has_painted(first_frame_report: str) -> None:
    """Python's garbage collector is off while the window starts (from main(), before the
    first import of the window's modules), never after; what start-up made is frozen, so that
    a full collection walks only what came later."""
    assert "collected before the frame: 0" in first_frame_report
    assert "collecting after the setup: True" in first_frame_report
    assert "frozen at the setup: True" in first_frame_report


def test_first_frame_named_tuples_are_defined_without_compiling_their_annotations() -> None:
    """typing.NamedTuple compiles every field annotation given as a string (which
    `from __future__ import annotations` makes of them all): about half a millisecond a
    record for the records the first frame defines. Their modules spell annotations as
    Python objects."""
    import importlib

    from ui.first_frame import FIRST_FRAME_MODULES

    checked = 0
    for name in sorted(FIRST_FRAME_MODULES):
        module = importlib.import_module(name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, tuple) and hasattr(value, "_fields"):
                if value.__module__ != name:
                    continue
                checked += 1
                strings = [k for k, v in value.__annotations__.items() if isinstance(v, str)]
                assert strings == [], f"{name}.{value.__name__}: {strings}"
    assert checked >= 10  # the records, the file state, the health, the options, the themes
