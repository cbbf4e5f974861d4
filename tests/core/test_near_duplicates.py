"""Two captures of one article resemble each other; two articles on one subject do not."""

from __future__ import annotations

import subprocess
import sys

from core.near_duplicates import (
    MIN_SHARED,
    SIGNATURE_SIZE,
    resemblance,
    same_article,
    shingles,
    signature,
    sources_differ,
    structure_rank,
    words,
)
from tests.captures import (
    AFTER_HEADING,
    BROWSER_TEXT,
    CLOSING,
    FACTS,
    HEADING,
    OTHER_ARTICLE,
    PARAGRAPHS,
    QUOTE,
    UPDATE,
)
from tests.conftest import ROOT

SAVED_PAGE_TEXT = "\n\n".join(
    [*PARAGRAPHS, QUOTE, HEADING, *AFTER_HEADING, *FACTS, CLOSING, UPDATE]
)


def test_browser_text_with_its_menus_and_the_saved_page_are_one_article() -> None:
    """The raw browser copy, clutter and all (before the importer drops any of it), against
    the saved page's text with the update added in the afternoon."""
    found = resemblance(shingles(BROWSER_TEXT), shingles(SAVED_PAGE_TEXT))
    assert found.same_article
    assert found.containment > 0.85
    assert same_article(BROWSER_TEXT, SAVED_PAGE_TEXT)


def test_two_articles_on_the_same_subject_are_not_one() -> None:
    """Same port, same silos, the same miller quoted word for word: another article."""
    found = resemblance(shingles(OTHER_ARTICLE), shingles(SAVED_PAGE_TEXT))
    assert not found.same_article
    assert found.containment < 0.2
    assert not same_article(OTHER_ARTICLE, BROWSER_TEXT)


def test_a_press_release_quoted_whole_is_not_the_article_that_quotes_it() -> None:
    release = "\n\n".join(PARAGRAPHS)
    commentary = "\n\n".join([*AFTER_HEADING, OTHER_ARTICLE, CLOSING])
    article = f"{release}\n\n{commentary}"
    found = resemblance(shingles(release), shingles(article))
    assert found.containment == 1.0
    assert not found.same_article  # the release is well under MIN_LENGTH_RATIO of it


def test_short_texts_resemble_nothing() -> None:
    """A few lines are too little to tell a copy from a coincidence."""
    note = "The cranes at the harbour stood idle for most of the week because the power failed."
    assert not same_article(note, note + " Traders blamed customs.")
    assert signature(shingles(note)) == []


def test_punctuation_case_and_bullets_are_no_difference() -> None:
    plain = " ".join(PARAGRAPHS)
    styled = "• " + plain.upper().replace(",", " ,").replace("'", "’")
    assert shingles(plain) == shingles(styled)


def test_unspaced_scripts_are_compared_by_character() -> None:
    assert words("港口的粮仓重新开放") == ["港", "口", "的", "粮", "仓", "重", "新", "开", "放"]
    assert len(shingles("港口的粮仓重新开放")) == 5


def test_signatures_of_one_article_share_most_values_and_of_two_articles_few() -> None:
    page = set(signature(shingles(SAVED_PAGE_TEXT)))
    assert len(page) == SIGNATURE_SIZE
    assert len(page & set(signature(shingles(BROWSER_TEXT)))) >= 3 * MIN_SHARED
    assert len(page & set(signature(shingles(OTHER_ARTICLE)))) < MIN_SHARED


def test_shingle_hashes_are_stable_across_processes() -> None:
    """Signatures are stored: a hash that changed between runs (Python's own hash() is
    salted per process) would leave every stored article unfindable."""
    assert shingles("One two three, four five!") == frozenset({4475916206259131367})
    code = "from core.near_duplicates import shingles; print(sorted(shingles('a b c d e f')))"
    runs = {
        subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
        for _ in range(2)
    }
    assert len(runs) == 1


def test_only_different_pages_keep_captures_apart() -> None:
    page = "https://coastal-ledger.example/2026/03/silos"
    assert not sources_differ(None, page)  # browser text names no page
    assert not sources_differ(page, "http://www.coastal-ledger.example/2026/03/silos/?utm=x#top")
    assert sources_differ(page, "https://harbour-post.example/2026/03/silos")


def test_a_saved_page_is_better_structured_than_browser_text() -> None:
    assert structure_rank("html") == structure_rank("mhtml") > structure_rank("markdown")
    assert structure_rank("markdown") > structure_rank("text") == structure_rank("unknown")
