"""Full-text search over articles and annotations stays in sync through triggers."""

from __future__ import annotations

from storage.annotations import AnnotationFilter, NewAnnotation
from storage.library import Library
from storage.search import SNIPPET_START, fts_query
from tests.conftest import make_article


def test_search_ranks_title_matches_first_and_marks_snippets(library: Library) -> None:
    body = library.articles.add(
        make_article("Harbour news", ["Latakia cranes idle while power fails."])
    ).article_id
    title = library.articles.add(
        make_article("Latakia port recovers", ["Volumes rose in February."])
    ).article_id
    hits = library.search.articles("latakia")
    assert [h.id for h in hits] == [title, body]
    assert SNIPPET_START in hits[1].snippet


def test_search_follows_updates_and_deletes(library: Library) -> None:
    url = "https://example.org/x"
    article_id = library.articles.add(make_article(url=url, paragraphs=["alpha words"])).article_id
    assert [h.id for h in library.search.articles("alpha")] == [article_id]
    library.articles.add(make_article(url=url, paragraphs=["omega words"]))
    assert library.search.articles("alpha") == []
    assert [h.id for h in library.search.articles("omega")] == [article_id]
    library.articles.delete(article_id)
    assert library.search.articles("omega") == []


def test_search_is_diacritic_and_case_insensitive(library: Library) -> None:
    article_id = library.articles.add(
        make_article("Café culture", ["Грузооборот порта Латакия растёт"])
    ).article_id
    assert [h.id for h in library.search.articles("cafe")] == [article_id]
    assert [h.id for h in library.search.articles("ЛАТАКИЯ")] == [article_id]


def test_user_query_cannot_inject_fts_syntax(library: Library) -> None:
    library.articles.add(make_article("Quotes", ['He said "no" AND left (NEAR the door)']))
    for query in ['"unbalanced', "AND OR NOT", "NEAR(", "col:umn", "*", "a-b", "'"]:
        library.search.articles(query)  # must not raise
    assert fts_query("two words") == '"two" "words"*'
    assert fts_query('"exact phrase"') == '"exact phrase"'


def test_annotation_quotes_and_notes_are_searchable(library: Library) -> None:
    article_id = library.articles.add(make_article()).article_id
    annotation_id = library.annotations.add(
        article_id,
        NewAnnotation(
            "Container traffic", "", " through", 0, 17, note="check the **port** figures"
        ),
    )
    found = library.annotations.find(AnnotationFilter(query="figures"))
    assert [a.id for a in found] == [annotation_id]
    library.annotations.set_note(annotation_id, "nothing to see")
    assert library.annotations.find(AnnotationFilter(query="figures")) == []
