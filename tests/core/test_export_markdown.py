"""The brief's Markdown read back by a real parser: passages literal, notes contained."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from core.export.brief import Brief, BriefScope, Layout, Passage, SourceArticle
from core.export.markdown_brief import render_markdown
from core.export.markdown_escape import escape_line, note_block, quote_block, tag_ref

# The parser as strict as any target: raw HTML on, GFM tables and strikethrough on.
PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

HOSTILE = [
    "*",
    "**",
    "_",
    "#",
    "# ",
    "## x",
    "<script>alert(1)</script>",
    "<b>",
    "`",
    "```",
    "~~~",
    "|",
    "| a | b |\n|---|---|",
    "[link](x)",
    "![img](y)",
    "[x]: http://e",
    "1.",
    "1) ",
    "A. ",
    "(a) ",
    ">",
    "> ",
    "---",
    "***",
    "___",
    "===",
    "=",
    "-",
    "+ ",
    "  ",
    "&amp;",
    "&#32;",
    "&copy;",
    "\\",
    "~~",
    "==",
    "%%",
    "$",
    "$$",
    "^h1",
    "[[wiki]]",
    "<http://x.com>",
    "http://x.com",
    "\t",
    "\n",
    "\n\n",
    "\n\n\n",
    " \n",
    "\n ",
    "\r",
    "\u00a0",
    "\u2028",
    "    code",
    ": ",
    "&",
    ";",
    "{.class}",
    "@cite",
    "<!--",
    "-->",
]
PASSAGE_TEXT = (
    st.lists(
        st.one_of(
            st.sampled_from(HOSTILE),
            st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=6),
        ),
        min_size=1,
        max_size=12,
    )
    .map("".join)
    .filter(bool)
)


def front_matter_and_body(markdown: str) -> tuple[str, str]:
    """Split off the YAML front matter the way Obsidian, pandoc and GitHub do."""
    assert markdown.startswith("---\n")
    end = markdown.index("\n---\n", 4)
    return markdown[4:end], markdown[end + 5 :]


def inline_text(token: Token) -> str:
    """The text an inline token shows; any markup inside it fails the test."""
    out = []
    for child in token.children or []:
        if child.type == "text":
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        else:
            raise AssertionError(f"markup {child.type} inside literal text: {child}")
    return "".join(out)


def top_level_quotes(tokens: list[Token]) -> list[str]:
    """Text of every top-level block quote: paragraphs joined by a blank line."""
    quotes: list[str] = []
    paragraphs: list[str] | None = None
    for token in tokens:
        if token.type == "blockquote_open" and token.level == 0:
            paragraphs = []
        elif token.type == "blockquote_close" and token.level == 0:
            assert paragraphs is not None
            quotes.append("\n\n".join(paragraphs))
            paragraphs = None
        elif paragraphs is not None:
            if token.type == "inline":
                paragraphs.append(inline_text(token))
            elif token.type not in ("paragraph_open", "paragraph_close"):
                raise AssertionError(f"block {token.type} inside a passage")
    return quotes


def headings(tokens: list[Token]) -> list[tuple[str, str]]:
    return [
        (tokens[i].tag, inline_text(tokens[i + 1]))
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    ]


ARTICLE = SourceArticle(
    id=1,
    title="Port traffic recovers",
    site="Example Gazette",
    byline="A. Writer",
    published="2024-03-01T09:00:00+01:00",
    url="https://example.com/port?a=1&b=2",
    captured="2024-03-02T10:00:00+00:00",
)


def brief_of(passages, *, layout=Layout.ARTICLE, articles=(ARTICLE,), title="Weekly brief"):
    return Brief(
        title=title,
        generated="2024-05-01T00:00:00+00:00",
        layout=layout,
        scope=BriefScope(),
        articles=tuple(articles),
        passages=tuple(passages),
    )


def passage(pid: int, quote: str, **kw) -> Passage:
    fields = {
        "article_id": 1,
        "note": "",
        "color": "yellow",
        "color_meaning": "",
        "status": "anchored",
        "start": pid * 10,
        "tags": (),
    }
    fields.update(kw)
    return Passage(id=pid, quote=quote, **fields)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PASSAGE_TEXT, min_size=1, max_size=4))
def test_every_passage_parses_back_to_its_exact_text(texts):
    markdown = render_markdown(brief_of([passage(i, t) for i, t in enumerate(texts, 1)]))
    _, body = front_matter_and_body(markdown)
    tokens = PARSER.parse(body)
    assert top_level_quotes(tokens) == texts
    assert not [t for t in tokens if t.type == "html_block"]


@settings(max_examples=200, deadline=None)
@given(PASSAGE_TEXT)
def test_a_quote_block_alone_round_trips(text):
    assert top_level_quotes(PARSER.parse(quote_block(text))) == [text]


@settings(max_examples=200, deadline=None)
@given(PASSAGE_TEXT.map(lambda s: s.replace("\n", " ").replace("\u2028", " ")))
def test_a_heading_shows_its_title_literally(title):
    tokens = PARSER.parse(f"## {escape_line(title)}\n")
    assert headings(tokens) == [("h2", title)]


HOSTILE_NOTES = [
    "# Not a heading\n## Nor this",
    "```python\nnever closed <script>x</script>",
    "<script>alert('x')</script>",
    "<div>\n\nraw block",
    "text\n---",
    "text\n===",
    "[hijack]: http://evil.example\n\nsee [hijack]",
    "<!-- swallow everything",
    "%% Obsidian comment never closed",
    "$$ maths never closed",
    "last line ^h1",
    "    indented\n\n> quoted\n\n- list\n- items",
]


def test_hostile_notes_keep_the_brief_s_structure():
    passages = [
        passage(i, f"Passage {i}", note=note, tags=("ports",))
        for i, note in enumerate(HOSTILE_NOTES, 1)
    ]
    for layout in Layout:
        brief = brief_of(passages, layout=layout)
        _, body = front_matter_and_body(render_markdown(brief, "obsidian-note"))
        tokens = PARSER.parse(body)
        assert top_level_quotes(tokens) == [f"Passage {i}" for i in range(1, 13)]
        expected = (
            [("h1", "Weekly brief"), ("h2", "Port traffic recovers")]
            if layout is Layout.ARTICLE
            else [("h1", "Weekly brief"), ("h2", "ports"), ("h2", "Sources"), ("h3", ARTICLE.title)]
        )
        assert headings(tokens) == expected
        html = [t for t in tokens if t.type == "html_block"]
        html += [c for t in tokens for c in t.children or [] if c.type == "html_inline"]
        assert html == []
        block_ids = [t.content for t in tokens if t.type == "inline" and t.content.startswith("^")]
        assert block_ids == [f"^h{i}" for i in range(1, 13)]


def test_notes_keep_their_markdown():
    tokens = PARSER.parse(note_block("Why *this* matters: `code <b>` and [a link](https://x.org)"))
    kinds = [c.type for t in tokens if t.type == "inline" for c in t.children]
    assert "em_open" in kinds and "code_inline" in kinds and "link_open" in kinds
    code = [
        c.content
        for t in tokens
        if t.type == "inline"
        for c in t.children
        if c.type == "code_inline"
    ]
    assert code == ["code <b>"]


def test_tags_become_obsidian_tags():
    assert tag_ref("supply chain") == "#supply-chain"
    assert tag_ref("U.S. policy") == "#U-S-policy"
    assert tag_ref("snake_case") == "#snake-case"
    assert tag_ref("géo/politique") == "#géo/politique"
    assert tag_ref("2024") == "#tag-2024"
    assert tag_ref("???") == "#tag"
