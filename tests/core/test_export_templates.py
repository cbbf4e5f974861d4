"""Briefs through templates, every format parsed back: passages, notes, tags and citations
present and in order, markup in them inert, nothing fetched, same bytes every time."""

from __future__ import annotations

import csv
import io

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from core.export.brief import Brief, BriefScope, Layout, Passage, SourceArticle
from core.export.brief_data import brief_data
from core.export.markdown_escape import escape_line
from core.export.templates import TemplateProblem, find_template, list_templates, render

PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
TEXT = 'Ships waited <b>&amp; more</b> at the port. مرحبا بالعالم 🚢 and *then* [x] | "q".'
ARTICLE = SourceArticle(
    id=1,
    title="Port <traffic> & *recovery*",
    site="Gazette | News",
    byline="A. Writer",
    published="2024-03-01T00:00:00+00:00",
    url="https://example.com/port?a=1&b=2",
    captured="2024-03-02T09:00:00+00:00",
    text=TEXT,
)
PINNED = "2024-05-01T00:00:00+00:00"
# Markup, RTL text and emoji; no control characters (HTML parsers fold CR into LF).
SAFE = st.characters(
    blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp"),
    whitelist_characters="<>&*_[]|\"'`#\\",
)
QUOTES = st.text(SAFE, min_size=1, max_size=30).filter(lambda s: s.strip() == s and s.strip())


def make_brief(quotes: list[str], notes: list[str] | None = None) -> Brief:
    notes = notes or [f"note {i} <i>&</i>" for i in range(len(quotes))]
    passages = tuple(
        Passage(
            id=i,
            article_id=1,
            quote=q,
            note=notes[i - 1],
            color="red",
            color_meaning="claim",
            status="anchored",
            start=i * 2,
            end=i * 2 + 1,
            tags=(f"tag<{i}>",),
        )
        for i, q in enumerate(quotes, 1)
    )
    return Brief("Weekly <brief>", PINNED, Layout.ARTICLE, BriefScope(), (ARTICLE,), passages)


def html_of(brief: Brief, name: str = "brief-by-article") -> lxml.html.HtmlElement:
    return lxml.html.fromstring(render(brief, find_template(name, "html")))


def test_the_presets_are_listed_in_order():
    names = [(t.name, t.format) for t in list_templates()]
    assert names[:2] == [("brief-by-tag", "md"), ("brief-by-tag", "html")]
    for wanted in ("brief-by-article", "annotated-article", "obsidian-note"):
        assert (wanted, "md") in names
    assert ("highlights-table", "csv") in names


def test_the_model_is_plain_data():
    def check(value):
        if isinstance(value, dict):
            for key, item in value.items():
                assert isinstance(key, str)
                check(item)
        elif isinstance(value, list):
            for item in value:
                check(item)
        else:
            assert value is None or isinstance(value, str | int | bool)

    data = brief_data(make_brief(["Ships waited", "the port"]))
    check(data)
    p = data["by_article"][0]["passages"][0]
    assert p["links"]["postil"] == "postil://article/1/highlight/1"
    assert p["links"]["source"].startswith("https://example.com/port?a=1&b=2#:~:text=")
    assert p["citation"]["short"] and p["citation"]["full"].startswith("A. Writer")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(QUOTES, min_size=1, max_size=4))
def test_html_keeps_passages_literal_and_fetches_nothing(quotes):
    page = html_of(make_brief(quotes))
    assert [b.text_content() for b in page.iter("blockquote")] == quotes
    assert not list(page.iter("script", "img", "iframe", "link"))
    for element in page.iter():
        for attr in ("src", "href"):
            value = element.get(attr) or ""
            if value.startswith(("http://", "https://")):
                assert attr == "href" and value.startswith("https://example.com/port")
    notes = [n.text_content() for n in page.find_class("note")]
    assert notes == [f"note {i} <i>&</i>" for i in range(len(quotes))]
    assert page.find(".//h1").text_content() == "Weekly <brief>"
    assert "Port <traffic> & *recovery*" in page.find_class("details")[0].text_content()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(QUOTES, min_size=1, max_size=4))
def test_markdown_presets_keep_passages_literal(quotes):
    for name in ("brief-by-article", "brief-by-tag", "obsidian-note"):
        text = render(make_brief(quotes), find_template(name, "md"))
        body = text.split("\n---\n", 1)[1]
        tokens = PARSER.parse(body)
        found, depth = [], 0
        for i, t in enumerate(tokens):
            depth += t.nesting if t.type == "blockquote_open" else 0
            if t.type == "inline" and tokens[i - 1].type == "paragraph_open" and depth == 1:
                found.append("".join(c.content for c in t.children if c.type == "text"))
            depth -= 1 if t.type == "blockquote_close" else 0
        assert [f.replace("\n", "") for f in found] == quotes, name
        assert not [t for t in tokens if t.type == "html_block"]
        assert ("^h1" in text) == (name == "obsidian-note")
        assert "Colour" not in text or name == "obsidian-note"


@settings(max_examples=60, deadline=None)
@given(st.lists(QUOTES, min_size=1, max_size=4), st.lists(QUOTES, min_size=4, max_size=4))
def test_csv_rows_are_the_passages_in_order(quotes, notes):
    text = render(make_brief(quotes, notes), find_template("highlights-table", "csv"))
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["quote"] for r in rows] == quotes
    assert [r["note"] for r in rows] == notes[: len(quotes)]
    assert [r["tags"] for r in rows] == [f"tag<{i}>" for i in range(1, len(quotes) + 1)]
    assert all(r["title"] == ARTICLE.title and r["site"] == ARTICLE.site for r in rows)


def test_the_annotated_article_marks_highlights_in_place():
    brief = make_brief(["i", "s"])  # text[2:3] and text[4:5]
    page = html_of(brief, "annotated-article")
    paragraph = page.find(".//p[mark]")
    assert [m.text_content() for m in paragraph.iter("mark")] == ["i", "s"]
    for sup in list(paragraph.iter("sup")):
        sup.drop_tree()
    assert paragraph.text_content() == TEXT
    assert [n.text_content() for n in page.iter("q")] == ["i", "s"]
    markdown = render(brief, find_template("annotated-article", "md"))
    assert "Sh**i**\\[1\\]p**s**\\[2\\]" in markdown


def test_one_annotated_article_titled_after_it_does_not_repeat_its_title():
    import dataclasses

    brief = make_brief(["i", "s"])
    assert html_of(brief, "annotated-article").findall(".//h2")  # another title: its heading
    same = dataclasses.replace(brief, title=ARTICLE.title)
    page = html_of(same, "annotated-article")
    assert [h.text_content() for h in page.findall(".//h1")] == [ARTICLE.title]
    assert not page.findall(".//h2")
    markdown = render(same, find_template("annotated-article", "md"))
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert headings == [f"# {escape_line(ARTICLE.title)}", "### Notes"]


def test_a_template_gets_the_parts_of_the_model_it_reads_and_they_are_the_same():
    from core.export.brief_data import NAMES
    from core.export.templates import _environment, names_read

    brief = make_brief(["Ships waited", "the port"], ["why?", ""])
    whole = brief_data(brief)
    assert set(whole) == NAMES
    part = brief_data(brief, {"brief", "by_tag", "annotated"})
    assert set(part) == {"brief", "by_tag", "annotated"}
    assert all(part[name] == whole[name] for name in part)
    info = find_template("brief-by-tag", "md")
    env = _environment((str(info.path.parent),))
    read = names_read(env, info.path.name)
    # through the macros it imports: the Markdown helpers read `headings`
    assert {"brief", "by_tag", "by_tag_orphans", "articles", "headings"} <= read
    assert "annotated" not in read


def test_same_brief_same_bytes():
    for info in list_templates():
        first = render(make_brief(["Ships", "port"]), info)
        assert first.encode() == render(make_brief(["Ships", "port"]), info).encode()


def test_a_user_template_is_listed_and_used(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTIL_TEMPLATES", str(tmp_path))
    (tmp_path / "mine.md.j2").write_text(
        "{% for p in by_article[0].passages %}* {{ p.quote | md }}\n{% endfor %}"
    )
    info = find_template("mine")
    assert info in list_templates() and info.title == "mine (yours)"
    assert render(make_brief(["a*b", "c"]), info) == "* a\\*b\n* c\n"


@pytest.mark.parametrize(
    ("source", "line"),
    [("ok\n{% for p in %}\n", 2), ("a\nb\n{{ brief.nope }}\n", 3), ("\n{{ ''.__class__ }}\n", 2)],
)
def test_a_template_error_is_one_line_with_its_line_number(tmp_path, source, line):
    path = tmp_path / "broken.md.j2"
    path.write_text(source)
    with pytest.raises(TemplateProblem) as caught:
        render(make_brief(["x"]), find_template(str(path)))
    message = str(caught.value)
    assert message.startswith(f"template broken.md.j2, line {line}: ") and "\n" not in message


def test_the_sandbox_refuses_to_reach_into_python(tmp_path):
    path = tmp_path / "evil.md.j2"
    path.write_text("{{ brief.title.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(TemplateProblem):
        render(make_brief(["x"]), find_template(str(path)))
