"""Search that understands words: an inflected query finds the article in English, Russian
and Arabic; an exact match ranks above a match by stem, and a word that only shares the
start of the one typed never ranks above an exact match; snippets mark the words as written."""

from __future__ import annotations

import pytest

from core.article import ImportedArticle
from storage.library import Library
from storage.search import SNIPPET_END, SNIPPET_START
from tests.conftest import make_article


def _add(library: Library, title: str, text: str, language: str | None) -> int:
    article: ImportedArticle = make_article(title, [text])
    article.language = language
    return library.articles.add(article).article_id


def _found(library: Library, query: str) -> list[int]:
    return [hit.id for hit in library.search.articles(query)]


def _marked(snippet: str) -> list[str]:
    out = []
    while SNIPPET_START in snippet:
        start = snippet.index(SNIPPET_START) + 1
        end = snippet.index(SNIPPET_END, start)
        out.append(snippet[start:end])
        snippet = snippet[end + 1 :]
    return out


@pytest.mark.parametrize(
    ("language", "query", "title", "text"),
    [
        ("en", "elections", "Council vote", "The election in the city was postponed again."),
        ("en", "election", "Council vote", "Three elections were held in the province."),
        ("ru", "Латакии", "Порт", "Грузооборот порта Латакия растёт третий месяц."),
        ("ru", "портом", "Грузы", "Грузооборот порта Латакия растёт третий месяц."),
        ("ar", "اللاذقية", "ميناء", "ارتفعت حركة الحاويات عبر ميناء باللاذقية للشهر الثالث."),
        ("ar", "الميناء", "حاويات", "ارتفعت حركة الحاويات عبر ميناء اللاذقية للشهر الثالث."),
        (None, "Латакии", "Порт", "Грузооборот порта Латакия растёт третий месяц."),
    ],
)
def test_an_inflected_query_finds_the_article(
    library: Library, language: str | None, query: str, title: str, text: str
) -> None:
    wanted = _add(library, title, text, language)
    _add(library, "Unrelated", "Nothing about it here at all.", "en")
    hits = library.search.articles(query)
    assert [h.id for h in hits] == [wanted]
    # the snippet marks the word as it stands in the text
    marked = _marked(hits[0].snippet)
    assert marked and all(m.casefold() != query.casefold() for m in marked)


@pytest.mark.parametrize(
    ("language", "query", "exact", "prefix_only"),
    [
        ("en", "election", "An election", "electioneering"),
        ("ru", "порт", "Новый порт", "портал"),
        ("ar", "شحن", "شحن البضائع", "شحنات"),
    ],
)
def test_a_word_sharing_only_a_prefix_never_ranks_above_an_exact_match(
    library: Library, language: str, query: str, exact: str, prefix_only: str
) -> None:
    # the prefix-only article says its word in the title and many times: bm25 alone would
    # put it first
    longer = _add(library, f"{prefix_only} {prefix_only}", f"{prefix_only} " * 30, language)
    wanted = _add(library, "Notes", f"Some words, then {exact}, and more words after it.", language)
    assert _found(library, query)[0] == wanted
    assert set(_found(library, query)) == {wanted, longer}  # still found while typing
    assert _found(library, f'"{query}"') == [wanted]  # a quoted word is that word


def test_exact_form_ranks_above_another_form_of_the_stem(library: Library) -> None:
    other_form = _add(library, "Elections, elections", "elections " * 20, "en")
    exact = _add(library, "Notes", "One election, in passing.", "en")
    assert _found(library, "election") == [exact, other_form]
    assert _found(library, "elections") == [other_form, exact]


def test_stems_follow_new_versions_and_deletion(library: Library) -> None:
    url = "https://example.org/vote"
    article = make_article("Vote", ["The elections were held."], url=url)
    article.language = "en"
    article_id = library.articles.add(article).article_id
    assert _found(library, "election") == [article_id]
    newer = make_article("Vote", ["The bridges were opened."], url=url)
    newer.language = "en"
    library.articles.add(newer)  # a new version of the same source
    assert _found(library, "election") == []
    assert _found(library, "bridge") == [article_id]
    library.articles.delete(article_id)
    assert _found(library, "bridge") == []
    assert library.conn.execute("SELECT count(*) FROM articles_stems").fetchone()[0] == 0


def test_a_language_without_a_stemmer_is_searched_as_today(library: Library) -> None:
    article_id = _add(library, "港口", "港口 吞吐量 增长", "zh")
    assert _found(library, "吞吐量") == [article_id]
    assert _found(library, "吞") == [article_id]  # prefix while typing, as before
    assert library.conn.execute("SELECT count(*) FROM stems_pending").fetchone()[0] == 0


def test_words_and_operators_combine_with_stems(library: Library) -> None:
    vote = _add(library, "Vote", "The elections in Latakia were postponed.", "en")
    _add(library, "Vote too", "The elections in Tartus were held.", "en")
    assert _found(library, "election -tartus") == [vote]
    assert _found(library, 'election "in Latakia"') == [vote]
    library.articles.set_status([vote], "done")
    assert _found(library, "election is:done") == [vote]


def test_highlights_and_notes_are_searched_with_their_own_filters(library: Library) -> None:
    from storage.highlighting import annotate_quote

    port = _add(library, "Port", "Container traffic rose. Cranes stood idle.", "en")
    red = annotate_quote(library, port, "Container traffic", color="red", tags=["ports"])
    noted = annotate_quote(library, port, "Cranes", note="ask the harbourmaster")
    assert [h.id for h in library.search.highlights("harbourmaster")] == [noted]
    assert [h.id for h in library.search.highlights("container color:red")] == [red]
    assert library.search.highlights("container color:green") == []
    assert [h.id for h in library.search.highlights("tag:ports traffic")] == [red]
    hit = library.search.highlights("harbour")[0]  # typing: a prefix
    assert hit.article_id == port and hit.article_title == "Port"
    assert f"{SNIPPET_START}harbourmaster{SNIPPET_END}" in hit.snippet
    assert library.search.highlights("tag:ports") == []  # filters alone: the articles


def test_many_matching_highlights_rank_the_newest_and_snip_their_passages(
    library: Library, monkeypatch
) -> None:
    """A prefix typed in a large library matches tens of thousands of highlights: the
    newest RANK_WINDOW are ranked, and each snippet marks the words in its own passage."""
    from storage import search
    from storage.highlighting import annotate_quote

    text = "Harbour cranes. Harbour tugs. Harbour pilots. Harbour fees."
    port = _add(library, "Port", text, "en")
    made = [annotate_quote(library, port, quote) for quote in ("cranes", "tugs", "pilots", "fees")]
    assert sorted(h.id for h in library.search.highlights("harbour")) == []  # not quoted
    made += [annotate_quote(library, port, f"Harbour {w}") for w in ("cranes", "tugs", "pilots")]
    monkeypatch.setattr(search, "RANK_WINDOW", 2)
    hits = library.search.highlights("harb", limit=2)
    assert sorted(h.id for h in hits) == sorted(made[-2:])
    assert all(h.snippet.startswith(f"{SNIPPET_START}Harbour{SNIPPET_END} ") for h in hits)


def test_every_highlight_a_page_at_a_time_in_the_order_of_find(library: Library) -> None:
    from storage.annotations import AnnotationFilter
    from storage.highlighting import annotate_quote

    for i in range(4):
        article_id = _add(library, f"A{i}", f"One two three four five {i}.", "en")
        for word in ("four", "two", "One"):
            annotate_quote(library, article_id, word, tags=["t"] if word == "two" else [])
    everything = [a.id for a in library.annotations.find(AnnotationFilter())]
    pages = [library.search.highlight_ids(limit=5, offset=o) for o in (0, 5, 10)]
    assert [i for page in pages for i in page] == everything
    assert library.search.highlight_ids(count=True) == [12]
    tagged = [a.id for a in library.annotations.find(AnnotationFilter(tag="t"))]
    assert library.search.highlight_ids(tag="t") == tagged
    records = library.search.highlight_records(tagged)
    assert [r.id for r in records] == tagged and all(r.tags == ("t",) for r in records)


def test_saved_searches_are_kept_in_the_library(library: Library) -> None:
    library.search.save("  election   site:gazette ")
    library.search.save("election site:gazette")  # once
    library.search.save("   ")
    library.search.save("Латакия")
    assert library.search.saved() == ["election site:gazette", "Латакия"]
    library.search.forget("election site:gazette")
    assert library.search.saved() == ["Латакия"]
