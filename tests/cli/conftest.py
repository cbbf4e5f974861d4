"""Fixtures shared by the command-line tests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from storage.library import Library
from tests.conftest import make_article
from tests.storage.test_brief_source import highlight


@pytest.fixture
def stocked_path(library_path: Path) -> Path:
    with Library.open(library_path) as library:
        port = library.articles.add(
            make_article(url="https://example.com/port", published=datetime(2024, 3, 1))
        ).article_id
        grain = library.articles.add(
            make_article("Grain prices climb", ["Wheat futures rose on drought fears."])
        ).article_id
        highlight(library, port, "third consecutive month", color="red", tags=["ports"])
        highlight(library, port, "backlog", note="Why *now*?")
        highlight(library, grain, "Wheat futures rose", tags=["food", "ports"])
    return library_path
