"""Stemming per language: tokens cut as FTS5's unicode61 cuts them, Snowball stems, and the
language an article is stemmed in."""

from __future__ import annotations

import sqlite3

from hypothesis import given
from hypothesis import strategies as st

from core.stemming import stem_language, stem_query_word, stem_text, stemmer_for, tokens


def test_inflected_forms_share_a_stem() -> None:
    assert stem_query_word("elections", "en") == stem_query_word("election", "en")
    assert stem_query_word("Латакии", "ru") == stem_query_word("Латакия", "ru")
    assert stem_query_word("باللاذقية", "ar") == stem_query_word("اللاذقية", "ar")
    assert stem_query_word("الميناء", "ar") == stem_query_word("ميناء", "ar")
    # a longer word that only starts the same is another word
    assert stem_query_word("electioneering", "en") != stem_query_word("election", "en")


def test_language_codes_and_fallbacks() -> None:
    assert stem_language("en-US") == "en" and stem_language("RU") == "ru"
    assert stem_language("zh") is None  # no Snowball stemmer: searched by the words typed
    assert stemmer_for("zh") is None
    assert stem_text("港口 吞吐量", "zh") == "港口 吞吐量"
    assert stem_language(None, "Грузооборот порта Латакия растёт") == "ru"
    assert stem_language(None, "ارتفعت حركة الحاويات عبر ميناء اللاذقية") == "ar"
    assert stem_language(None, "Container traffic rose") == "en"


# the scripts of an analyst's articles (letters that Unicode assigned after SQLite's
# unicode61 tables, and unassigned code points, are left out)
TEXT = st.text(
    st.characters(max_codepoint=0x04FF, categories=("L", "N", "P", "Zs", "S", "Mn"))
    | st.characters(min_codepoint=0x0620, max_codepoint=0x06FF, categories=("L", "N", "Mn"))
    | st.sampled_from("港口吞吐量 —«»’"),
    max_size=60,
)


@given(TEXT)
def test_tokens_cut_the_text_where_fts5_does(text: str) -> None:
    """Our tokens, indexed again, are exactly the terms FTS5 makes of the text: the stems
    written for a word stand where FTS5 sees that word."""
    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE VIRTUAL TABLE t USING fts5 (x, tokenize = 'unicode61 remove_diacritics 2')"
    )
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab (t, 'instance')")
    conn.execute("INSERT INTO t (rowid, x) VALUES (1, ?), (2, ?)", [text, " ".join(tokens(text))])

    def terms(doc: int) -> list[str]:
        sql = "SELECT term FROM v WHERE doc = ? ORDER BY offset"
        return [row[0] for row in conn.execute(sql, [doc])]

    assert terms(1) == terms(2)
