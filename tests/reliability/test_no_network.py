"""Hostile pages are stored inert and reading them calls nobody.

A loopback HTTP server serves everything a hostile page refers to (scripts, frames, style
sheets, fonts, images, srcset, a tracking pixel...) and counts requests. The page is imported
through the real importers (saved page, MHTML, clipboard), stored, and shown in the real main
window; the server must see no request at all, and Python must open no socket.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices

from core.importers.dispatch import import_bytes, import_clipboard, import_path
from storage.library import Library
from tests.reliability.hostile import ARTICLE, MARKDOWN_NOTE, as_mhtml, hostile_page
from tests.reliability.report import record
from ui.app.settings import Settings
from ui.reader import article_view
from ui.reader.article_view import open_link_externally
from ui.shell.main_window import MainWindow
from ui.theme.manager import ThemeManager

PIXEL_GIF = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c000000000100010000020144003b"
)
ACTIVE_MARKERS = (
    "<script",
    "<iframe",
    "<form",
    "<object",
    "<embed",
    "javascript:",
    "onclick",
    "onload",
    "onerror",
    "onmouseover",
    "data:text/html",
    "file:",
    "@font-face",
    "@import",
    "url(",
    "srcset",
    "/pixel.gif",
    "/script.js",
    "/style.css",
    "/frame.html",
)


class CountingServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[str] = []
        self.lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    timeout = 5

    def do_GET(self) -> None:  # every resource a page could ask for
        server: CountingServer = self.server  # type: ignore[assignment]
        with server.lock:
            server.requests.append(f"{self.command} {self.path}")
        body = PIXEL_GIF if self.path.endswith((".gif", ".png", ".jpg")) else b"/* */"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        self.do_GET()

    def do_HEAD(self) -> None:
        self.do_GET()

    def log_message(self, *_args) -> None:
        pass


@pytest.fixture
def server() -> Iterator[CountingServer]:
    srv = CountingServer()
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(timeout=5)


@pytest.fixture
def python_connections(monkeypatch) -> list[object]:
    """Every socket Python code tries to open (the server's own accepts are not connects)."""
    seen: list[object] = []
    real_connect = socket.socket.connect

    def connect(self, address):
        seen.append(address)
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", lambda self, a: seen.append(a) or 111)
    return seen


def _hrefs(content: str) -> list[str]:
    return [
        span[1]
        for block in json.loads(content)
        for span in block.get("s", ())
        if isinstance(span, list) and span[1]
    ]


def _stored_is_inert(library: Library, article_id: int) -> None:
    article = library.articles.get(article_id)
    stored = article.content + "\n" + article.text
    for marker in ACTIVE_MARKERS:
        assert marker not in stored.lower(), f"{marker!r} reached the stored article"
    assert ARTICLE[0][:60] in article.text  # the article itself did get in
    hrefs = _hrefs(article.content)
    assert hrefs, "the page's plain web links should be kept"
    assert all(QUrl(h).scheme() in ("http", "https", "mailto") for h in hrefs), hrefs
    assert not library.conn.execute(
        "SELECT count(*) FROM images WHERE article_id = ?", [article_id]
    ).fetchone()[0]  # nothing remote was fetched to store


def test_hostile_pages_are_stored_inert_and_read_without_a_request(
    qtbot, qapp, tmp_path: Path, server: CountingServer, python_connections, monkeypatch
):
    opened_externally: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened_externally.append(url))
    page = hostile_page(server.base)
    saved = tmp_path / "port.html"
    saved.write_text(page, encoding="utf-8")
    (tmp_path / "port_files").mkdir()
    markdown = tmp_path / "note.md"
    markdown.write_text(MARKDOWN_NOTE.replace("127.0.0.1:9", server.base[7:]), encoding="utf-8")

    library = Library.open(tmp_path / "library.postil")
    ids = [
        library.articles.add(import_path(saved)).article_id,
        library.articles.add(
            import_bytes(as_mhtml(page, server.base + "/port"), name="p.mhtml", suffix=".mhtml")
        ).article_id,
        library.articles.add(import_clipboard(html=page, text=None)).article_id,
    ]
    for article_id in ids:
        _stored_is_inert(library, article_id)
    note_id = library.articles.add(import_path(markdown)).article_id
    note = library.articles.get(note_id)
    assert "<script" not in note.content and "<iframe" not in note.content
    assert all(QUrl(h).scheme() in ("http", "https", "mailto") for h in _hrefs(note.content))

    settings = Settings(store=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(
        library=library, settings=settings, themes=ThemeManager(settings=settings, app=qapp)
    )
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    for article_id in [*ids, note_id]:
        window.open_article(article_id)
        window.view.verticalScrollBar().setValue(window.view.verticalScrollBar().maximum())
        window.grab()  # paint everything, images and all
        qtbot.wait(300)
    qtbot.wait(700)  # anything asynchronous would have gone out by now
    window.close()
    library.close()

    record(
        "no_network",
        pages=4,
        requests=len(server.requests),
        python_connects=len(python_connections),
    )
    assert server.requests == []
    assert python_connections == []
    assert opened_externally == []  # nothing opens without a click


def test_the_server_does_count(server: CountingServer):
    """The counter is live: a request that does go out is seen (so zero above means zero)."""
    import urllib.request

    with urllib.request.urlopen(server.base + "/pixel.gif", timeout=5) as reply:
        assert reply.read() == PIXEL_GIF
    assert server.requests == ["GET /pixel.gif"]


@pytest.mark.parametrize(
    ("url", "opens"),
    [
        ("https://gazette.example.org/port", True),
        ("http://gazette.example.org/port", True),
        ("mailto:desk@example.org", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("postil-image:abc", False),
        ("ftp://example.org/x", False),
        ("", False),
    ],
)
def test_links_leave_only_for_web_and_mail(monkeypatch, url: str, opens: bool):
    calls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda u: calls.append(u) or True)
    assert open_link_externally(QUrl(url)) is opens
    assert [c.toString() for c in calls] == ([QUrl(url).toString()] if opens else [])


def test_a_click_on_a_link_is_what_opens_it(qtbot, monkeypatch):
    calls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda u: calls.append(u) or True)
    view = article_view.ArticleView(load_image=lambda *_: None)
    qtbot.addWidget(view)
    assert not view.openLinks() and not view.openExternalLinks()
    view.anchorClicked.emit(QUrl("javascript:alert(1)"))
    view.anchorClicked.emit(QUrl("https://gazette.example.org/port"))
    assert [c.toString() for c in calls] == ["https://gazette.example.org/port"]
