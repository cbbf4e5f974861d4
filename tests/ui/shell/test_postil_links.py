"""postil:// links from an exported brief open the window at the passage: given on the command
line to a second launch (handed over to the window already open), or opened directly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from core.export.links import postil_link
from storage.highlighting import annotate_quote
from tests.conftest import ROOT
from ui.app.single_instance import SingleInstance


def _passage_shown(window, annotation_id: int) -> bool:
    record = window.library.annotations.get(annotation_id)
    rect = window.view.passage_rect(record.start, record.end)
    viewport = window.view.viewport()
    return rect.height() > 0 and viewport.rect().contains(viewport.mapFromGlobal(rect.center()))


def test_a_link_opens_the_article_at_its_highlight(qtbot, make_window, seeded) -> None:
    window = make_window()
    window.open_article(seeded["bridge"])
    deep = annotate_quote(window.library, seeded["port"], "customs clearance", occurrence=9)
    assert window.open_link(postil_link(seeded["port"], deep))
    assert window.view.article.id == seeded["port"]
    assert window.side_pane.current_id() == deep
    assert _passage_shown(window, deep)
    assert window.open_link(postil_link(seeded["bridge"]))
    assert window.view.article.id == seeded["bridge"]


def test_a_link_to_what_is_not_there_says_so(qtbot, make_window, seeded) -> None:
    window = make_window()
    window.open_article(seeded["bridge"])
    assert not window.open_link(postil_link(999))
    assert "no article 999" in window.statusBar().currentMessage()
    other = annotate_quote(window.library, seeded["bridge"], "new bridge")
    assert not window.open_link(postil_link(seeded["port"], other))  # not that article's
    assert not window.open_link("https://example.org/")
    assert window.view.article is not None  # nothing closed on the way


def test_a_second_launch_with_a_link_hands_it_to_the_open_window(
    qtbot, make_window, seeded, tmp_path: Path
) -> None:
    """The OS starts `postil postil://...` when a link is clicked: that launch finds the
    window open on the library, hands the link over, and exits; the window goes there."""
    window = make_window()
    first = SingleInstance(library_path=window.library.path, parent=window)  # lives as long
    assert first.acquire() and first.serve()
    try:
        first.links_received.connect(lambda links: [window.open_link(x) for x in links])
        target = annotate_quote(window.library, seeded["port"], "customs clearance", occurrence=6)
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "POSTIL_SETTINGS": str(tmp_path / "s.ini"),
        }
        with qtbot.waitSignal(first.links_received, timeout=20000) as received:
            proc = subprocess.Popen(
                [
                    sys.executable,
                    str(ROOT / "main.py"),
                    "--library",
                    str(window.library.path),
                    postil_link(seeded["port"], target),
                ],
                cwd=tmp_path,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        _out, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err
        assert received.args[0] == [postil_link(seeded["port"], target)]
        qtbot.waitUntil(lambda: window.side_pane.current_id() == target, timeout=5000)
        assert window.view.article.id == seeded["port"]
    finally:
        first.release()
