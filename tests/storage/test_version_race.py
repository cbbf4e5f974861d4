"""The version race (issue 12): a re-import landing between reading an article's text and
storing a highlight must never store old offsets under the new version. Two connections on
one file stand for the window and the command line."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storage import highlighting
from storage.annotations import ArticleChanged
from storage.library import Library
from tests.conftest import make_article

URL = "https://example.org/port"
OLD = ["Container traffic through the port rose for a third month.", "Agents were pleased."]
NEW = ["A new opening paragraph came first in the update.", *OLD]


@pytest.fixture
def two(library_path: Path):
    with Library.open(library_path) as first, Library.open(library_path) as second:
        yield first, second


def test_a_highlight_prepared_before_a_reimport_is_refused(two):
    window, cli = two
    article_id = window.articles.add(make_article("Port", OLD, url=URL)).article_id
    new = highlighting.prepare_range(window, article_id, 0, 9)  # "Container"
    assert cli.articles.add(make_article("Port", NEW, url=URL)).status == "updated"
    with pytest.raises(ArticleChanged):
        window.annotations.add(article_id, new)
    assert window.annotations.count(article_id) == 0  # nothing half-written


def test_reading_and_writing_a_highlight_hold_the_write_lock_together(two, monkeypatch):
    """annotate_range reads the text inside BEGIN IMMEDIATE: a re-import from the other
    connection cannot land in between; it waits (here: is refused at once)."""
    window, cli = two
    article_id = window.articles.add(make_article("Port", OLD, url=URL)).article_id
    cli.conn.execute("PRAGMA busy_timeout = 0")
    attempts = []
    real_describe = __import__("core.anchoring", fromlist=["describe"]).describe

    def describe_while_other_imports(text, start, end):
        try:
            cli.articles.add(make_article("Port", NEW, url=URL))
            attempts.append("landed")
        except sqlite3.OperationalError as exc:
            attempts.append(str(exc))
        return real_describe(text, start, end)

    monkeypatch.setattr("core.anchoring.describe", describe_while_other_imports)
    annotation_id = highlighting.annotate_quote(window, article_id, "Container")
    assert attempts == ["database is locked"]
    stored = window.annotations.get(annotation_id)
    text = window.articles.get(article_id).text
    assert stored.version == window.articles.version(article_id) == 1
    assert text[stored.start : stored.end] == "Container"


def test_a_reimport_after_the_highlight_moves_it(two):
    window, cli = two
    article_id = window.articles.add(make_article("Port", OLD, url=URL)).article_id
    annotation_id = highlighting.annotate_quote(window, article_id, "Agents")
    cli.articles.add(make_article("Port", NEW, url=URL))
    stored = window.annotations.get(annotation_id)
    assert stored.version == 2
    assert window.articles.get(article_id).text[stored.start : stored.end] == "Agents"
