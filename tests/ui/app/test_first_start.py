"""The first start of the default library: the sample library, opened on the welcome note."""

from __future__ import annotations

from pathlib import Path

from storage.library import Library
from storage.samples import seed_if_new


def test_the_first_start_opens_the_welcome_note(make_window, library_path: Path):
    with Library.open(library_path) as library:
        assert seed_if_new(library) == 2
    window = make_window()  # opens the start article, as the launcher does
    assert window.view.article.title.startswith("Welcome")
    titles = [window.library_pane.model.article_id(r) for r in range(2)]
    assert len(set(titles)) == 2  # both samples are in the list
