"""The tier of a word still being typed is answered by articles_prefixes (prefix indexes,
no positions) once every article is in it, and by articles_fts before that or when the query
needs positions (a phrase). Either way it finds the same articles."""

from __future__ import annotations

import random

import pytest

from core.search_query import parse
from storage import stems
from storage.library import Library
from tests.conftest import make_article

_VOCABULARY = """
container contain contested comply compose compost computer commune exports expert expire
movement moved mover reactor reader ready realm interior internal interval inter harbour
harvest hardly
"""
WORDS = _VOCABULARY.split()


def _fill(library: Library, count: int, seed: int = 3) -> list[int]:
    rng = random.Random(seed)
    ids = []
    for i in range(count):
        words = " ".join(rng.choice(WORDS) for _ in range(12))
        article = make_article(f"{rng.choice(WORDS).title()} note {i}", [words + "."])
        article.language = "en"
        ids.append(library.articles.add(article).article_id)
    return ids


def _prefix_tier(library: Library, query: str) -> str:
    return library.search._tiers(parse(query))[-1][0]


def _found(library: Library, query: str) -> set[int]:
    return {hit.id for hit in library.search.articles(query, limit=10_000, window=None)}


@pytest.mark.parametrize(
    "query",
    ["con", "comp", "compo", "exp", "mov", "rea", "inter", "har", "computer mov", "-compost comp"],
)
def test_articles_prefixes_find_what_the_word_index_finds(library: Library, query: str) -> None:
    _fill(library, 60)
    assert stems.pending(library.conn) == 0
    assert _prefix_tier(library, query) == "articles_prefixes"
    served = _found(library, query)
    # the same search with every article pending again: the tier falls back to articles_fts
    library.conn.execute("UPDATE articles SET language = language")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(stems, "FEW_PENDING", 0)  # too many to index before the search
        assert _prefix_tier(library, query) == "articles_fts"
        assert _found(library, query) == served
    assert served  # the words are there: a search that finds nothing would prove nothing


def test_a_phrase_or_a_word_cut_in_two_is_answered_with_positions(library: Library) -> None:
    wanted = library.articles.add(
        make_article("Covid wards", ["The covid-19 wards of the interior ministry reopened."])
    ).article_id
    library.articles.add(make_article("Ministry", ["The ministry of the interior covid."]))
    assert _prefix_tier(library, '"interior ministry" reo') == "articles_fts"
    assert [h.id for h in library.search.articles('"interior ministry" reo')] == [wanted]
    assert _prefix_tier(library, "covid-1") == "articles_fts"
    assert [h.id for h in library.search.articles("covid-1")] == [wanted]
    assert _prefix_tier(library, "reo") == "articles_prefixes"
    assert [h.id for h in library.search.articles("reo")] == [wanted]


def test_a_changed_text_is_found_by_its_new_words_only(library: Library) -> None:
    article_id = library.articles.add(make_article("Note", ["Harbour containers."])).article_id
    library.conn.execute(
        "UPDATE articles SET text = 'Reactor inspections.' WHERE id = ?", [article_id]
    )
    stems.catch_up(library.conn)
    assert _prefix_tier(library, "cont") == "articles_prefixes"
    assert library.search.articles("cont") == []
    assert [h.id for h in library.search.articles("insp")] == [article_id]
