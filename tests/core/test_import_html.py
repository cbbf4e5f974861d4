"""Saved pages (.html with its _files folder, .mhtml) and clipboard HTML."""

from __future__ import annotations

import base64
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from core.article import BlockKind, ImportedArticle
from core.importers.dispatch import import_bytes, import_clipboard, import_path

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
PROSE = (
    "Container traffic through the port rose for a third month in February, according to "
    "figures the port authority published, although volumes remain below their pre-war level. "
)


def sample(name: str) -> Path:
    if not (SAMPLES / name).exists():
        pytest.skip(f"sample {name} not present")
    return SAMPLES / name


def page(body: str, head: str = "") -> bytes:
    return (
        f"<!doctype html><html><head><meta charset='utf-8'>{head}</head><body>"
        f"<article>{body}</article></body></html>"
    ).encode()


def assert_latakia(article: ImportedArticle) -> None:
    assert article.title == "Port traffic at Latakia recovers slowly"
    assert article.site == "Example Gazette"
    assert article.byline == "Example Gazette staff"
    assert article.section == "ECONOMY"
    assert article.url == "https://gazette.example.org/2026/03/latakia-port-traffic"
    assert article.published == datetime(2026, 3, 14, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    kinds = {b.kind for b in article.blocks}
    assert {BlockKind.HEADING, BlockKind.QUOTE, BlockKind.LIST_ITEM, BlockKind.IMAGE} <= kinds
    assert "Customs and power" in [b.text for b in article.blocks if b.kind is BlockKind.HEADING]
    quotes = [b.text for b in article.blocks if b.kind is BlockKind.QUOTE]
    assert quotes and quotes[0].startswith("“We can unload a ship")
    items = [b.text for b in article.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == [
        "February: 41,200 containers (TEU)",
        "January: 37,900 TEU",
        "December: 35,100 TEU",
    ]
    image_blocks = [b for b in article.blocks if b.kind is BlockKind.IMAGE]
    assert len(image_blocks) == 1 and image_blocks[0].image is not None
    assert image_blocks[0].alt == "Cranes at the container terminal."  # its figcaption
    assert [i.key for i in article.images] == [image_blocks[0].image]
    assert article.images[0].mime == "image/png"
    assert article.images[0].data.startswith(b"\x89PNG")
    assert article.text.startswith("Container traffic through the port of Latakia")
    assert article.text.endswith("could not be independently verified.")
    for clutter in ("Most read", "Fuel prices", "Share:", "©", "Subscribe", "Home", "ECONOMY"):
        assert clutter not in article.text


def test_saved_page_with_its_files_folder() -> None:
    article = import_path(sample("latakia-port.html"))
    assert article.source_kind == "html"
    assert_latakia(article)


def test_mhtml_single_file_page_with_image_part() -> None:
    article = import_path(sample("latakia-port.mhtml"))
    assert article.source_kind == "mhtml"
    assert_latakia(article)


def test_arabic_page_in_windows_1256() -> None:
    article = import_path(sample("latakia-port-ar.cp1256.html"))
    assert article.title == "ارتفاع حركة الحاويات في ميناء اللاذقية للشهر الثالث على التوالي"
    assert article.direction == "rtl"
    assert article.language == "ar"
    assert len(article.blocks) == 5
    assert "41200 حاوية نمطية (TEU)" in article.text
    assert "الرئيسية" not in article.text and "©" not in article.text


def test_page_copied_without_its_folder_keeps_a_placeholder(tmp_path: Path) -> None:
    shutil.copy(sample("latakia-port.html"), tmp_path / "page.html")
    article = import_path(tmp_path / "page.html")
    images = [b for b in article.blocks if b.kind is BlockKind.IMAGE]
    assert len(images) == 1 and images[0].image is None
    assert images[0].alt == "Cranes at the container terminal."
    assert article.images == []


def test_images_outside_the_page_folder_are_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(PNG)
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "page_files").mkdir()
    (folder / "page_files" / "ok.png").write_bytes(PNG + b"ok")
    body = (
        f"<h1>Port figures</h1><p>{PROSE * 3}</p>"
        "<img src='../secret.png' alt='up'><p>" + PROSE * 2 + "</p>"
        f"<img src='{secret}' alt='absolute'><p>{PROSE}</p>"
        "<img src='page_files/ok.png' alt='inside'><p>" + PROSE + "</p>"
    )
    (folder / "page.html").write_bytes(page(body))
    article = import_path(folder / "page.html")
    images = {b.alt: b.image for b in article.blocks if b.kind is BlockKind.IMAGE}
    assert images.get("up") is None and images.get("absolute") is None
    assert images["inside"] is not None
    assert [i.data for i in article.images] == [PNG + b"ok"]


def test_data_uri_image_is_kept_and_svg_or_fake_images_are_not() -> None:
    good = "data:image/png;base64," + base64.b64encode(PNG).decode()
    fake = "data:image/png;base64," + base64.b64encode(b"<svg></svg>").decode()
    body = (
        f"<h1>Port figures</h1><p>{PROSE * 3}</p><img src='{good}' alt='chart'>"
        f"<p>{PROSE * 2}</p><img src='{fake}' alt='fake'><p>{PROSE}</p>"
        "<img src='https://cdn.example.org/remote.jpg' alt='remote'><p>" + PROSE + "</p>"
    )
    article = import_bytes(page(body), name="p.html", suffix=".html")
    images = {b.alt: b.image for b in article.blocks if b.kind is BlockKind.IMAGE}
    assert images["chart"] is not None
    assert images.get("remote", "absent") is None
    assert images.get("fake") is None
    assert [i.mime for i in article.images] == ["image/png"]


def test_links_keep_only_web_and_mail_addresses_resolved_against_the_page() -> None:
    head = "<link rel='canonical' href='https://news.example.org/a/story'>"
    body = (
        f"<h1>Port figures</h1><p>{PROSE} See <a href='/data/table'>the table</a>, "
        "<a href='javascript:alert(1)'>this</a>, <a href='mailto:desk@example.org'>the desk</a>"
        f" and <a href='file:///etc/passwd'>that</a>. {PROSE}</p><p>{PROSE * 2}</p>"
    )
    article = import_bytes(page(body, head), name="p.html", suffix=".html")
    hrefs = {s.text.strip(): s.href for b in article.blocks for s in b.spans if s.href}
    assert hrefs == {
        "the table": "https://news.example.org/data/table",
        "the desk": "mailto:desk@example.org",
    }
    assert "this" in article.text and "that" in article.text  # the text stays, unlinked


def test_title_without_site_suffix_and_naive_date_without_offset() -> None:
    head = (
        "<title>Port figures rise again | The Daily Example</title>"
        "<meta property='og:site_name' content='The Daily Example'>"
        "<meta property='article:published_time' content='2025-05-02T08:15:00'>"
    )
    article = import_bytes(page(f"<p>{PROSE * 4}</p>", head), name="p.html", suffix=".html")
    assert article.title == "Port figures rise again"
    assert article.published == datetime(2025, 5, 2, 8, 15)
    assert article.published.tzinfo is None


def test_clipboard_html_is_imported_as_a_page() -> None:
    html = f"<h1>Port figures</h1><p>{PROSE * 3}</p><ul><li>one</li><li>two</li></ul>"
    article = import_clipboard(html=html, text="ignored")
    assert article.source_name == "clipboard"
    assert article.title == "Port figures"
    assert article.text.startswith("Container traffic")


def test_clipboard_falls_back_to_text_when_its_html_has_no_article() -> None:
    article = import_clipboard(html="<div></div>", text=f"Port figures\n\n{PROSE * 2}\n")
    assert article.source_kind == "text"
    assert article.title == "Port figures"


def test_a_div_written_as_a_paragraph_keeps_its_opening_words() -> None:
    lead = "Exports through the northern terminal fell by a fifth last month"
    body = (
        f"<h1>Port figures</h1><p>{PROSE * 2}</p>"
        f"<div class='story-paragraph'>{lead}, <a href='/data'>the port said</a> on Monday, "
        "blaming the closure of the coastal road for most of the drop.</div>"
        f"<p>{PROSE * 2}</p>"
    )
    article = import_bytes(page(body), name="p.html", suffix=".html")
    assert f"{lead}, the port said on Monday, blaming" in article.text


def test_a_paragraph_the_page_repeats_on_purpose_is_kept_each_time() -> None:
    refrain = "And still the cranes stand idle on the quay, waiting for ships that do not come."
    body = (
        f"<h1>Port figures</h1><p>{PROSE * 2}</p><p>{refrain}</p>"
        f"<div class='share'><a href='/s'>Share</a></div><p>{refrain}</p><p>{refrain}</p>"
    )
    article = import_bytes(page(body), name="p.html", suffix=".html")
    assert article.text.count(refrain) == 3


def test_a_copy_of_a_paragraph_elsewhere_on_the_page_is_not_restored() -> None:
    from core.importers.html_page import parse_html
    from core.importers.paragraphs import repeated_paragraphs

    twice = "The harbour master said traffic would recover before the summer season began."
    tree = parse_html(
        f"<html><body><p>{twice}</p><aside><p>{twice}</p></aside>"
        f"<div><p>{PROSE}</p><p>{PROSE}</p></div></body></html>"
    )
    assert repeated_paragraphs(tree) == {" ".join(PROSE.split()): 2}


def _slides(count: int) -> str:
    return "".join(
        f"<li><img src='s{n}.png' alt=''><h2>{n}/{count} Cranes at berth {n}</h2>"
        f"<p>The slide's caption tells of berth {n} and its cranes in some detail.</p></li>"
        for n in range(count)
    )


def test_a_gallery_inside_the_article_is_not_its_text() -> None:
    body = (
        f"<h1>Port figures</h1><p>{PROSE * 2}</p>"
        f"<div class='inline-Gallery'><ul>{_slides(6)}</ul></div><p>{PROSE * 3}</p>"
        f"<div class='gallery'><img src='a.png' alt='one'><img src='b.png' alt='two'></div>"
    )
    article = import_bytes(page(body), name="p.html", suffix=".html")
    assert "slide's caption" not in article.text and "Cranes at berth" not in article.text
    assert {"one", "two"} <= {b.alt for b in article.blocks if b.kind is BlockKind.IMAGE}


def test_a_page_that_is_a_gallery_keeps_it() -> None:
    from core.importers.galleries import drop_galleries
    from core.importers.html_page import parse_html

    tree = parse_html(
        f"<html><body><p>Port photos</p><div class='slideshow'><ul>{_slides(6)}</ul></div>"
        "</body></html>"
    )
    drop_galleries(tree)
    assert len(tree.xpath("//div[@class='slideshow']//li")) == 6


def test_words_in_a_styled_span_stay_in_their_sentence() -> None:
    body = (
        f"<h1>Port figures</h1><p>{PROSE * 2}</p>"
        "<p>The figures were published by <span class='link'><a href='/a'>the port authority"
        "</a></span> and checked by <span style='border-bottom: 1px dotted'>two customs "
        f"brokers</span> in the city.</p><p>{PROSE * 2}</p>"
    )
    article = import_bytes(page(body), name="p.html", suffix=".html")
    words = "published by the port authority and checked by two customs brokers in the city"
    assert words in article.text


def test_a_quoted_post_in_an_embed_widget_is_kept() -> None:
    post = "The new terminal opens on Monday, three months late."
    body = (
        f"<h1>Port figures</h1><p>{PROSE * 2}</p>"
        "<div class='article-widget article-embed'><div class='embed-inner'>"
        f"<blockquote class='social-post'><p>{post}</p>— Port Authority (@port) "
        "<a href='https://social.example.org/port/1'>May 2, 2025</a></blockquote>"
        f"<script src='https://social.example.org/widgets.js'></script></div></div><p>{PROSE}</p>"
        f"<div style='display: none'><blockquote><p>Hidden words</p></blockquote></div>"
    )
    article = import_bytes(page(body), name="p.html", suffix=".html")
    quotes = [b.text for b in article.blocks if b.kind is BlockKind.QUOTE]
    assert quotes[0] == post
    assert quotes[1].startswith("— Port Authority (@port)") and quotes[1].endswith("May 2, 2025")
    assert "Hidden words" not in article.text


def test_relative_links_resolve_against_the_page_address_itself() -> None:
    head = "<link rel='canonical' href='https://news.example.org/2025/port/story.html'>"
    body = (
        f"<h1>Port figures</h1><p>{PROSE} See <a href='tables/may.html'>the May table</a> "
        f"and <a href='#notes'>the notes</a>. {PROSE}</p><p>{PROSE * 2}</p>"
    )
    article = import_bytes(page(body, head), name="p.html", suffix=".html")
    hrefs = {s.text.strip(): s.href for b in article.blocks for s in b.spans if s.href}
    assert hrefs == {"the May table": "https://news.example.org/2025/port/tables/may.html"}


def test_source_line_wraps_are_spaces_but_breaks_and_preformatted_text_keep_their_lines() -> None:
    wrapped = PROSE.replace(", according", ",\n        according").replace(
        " although", "\n   although"
    )
    body = (
        f"<h1>Port figures</h1><div>\n    {wrapped}\n</div>"
        f"<div>\n    {wrapped} Figures:<br>the port authority.</div>"
        "<pre>berths = 12\ncranes = 31\nships = 4 (waiting at anchor)</pre>"
    )
    article = import_bytes(page(body), name="p.html", suffix=".html")
    texts = [b.text for b in article.blocks]
    assert texts[0] == " ".join(PROSE.split())
    assert texts[1].endswith("pre-war level. Figures:\nthe port authority.")
    assert texts[2] == "berths = 12\ncranes = 31\nships = 4 (waiting at anchor)"


def test_a_blank_line_of_two_breaks_starts_a_new_paragraph() -> None:
    body = (
        f"<h1>Port figures</h1><div class='entry'>{PROSE}<br>\n  <br>{PROSE * 2}<br>"
        "Figures: the port authority.<br><br></div>"
        "<table><tr><td>Berths<br><br>north</td><td>12</td></tr></table>"
    )
    article = import_bytes(page(body), name="p.html", suffix=".html")
    texts = [b.text for b in article.blocks]
    assert texts[:2] == [
        " ".join(PROSE.split()),
        " ".join((PROSE * 2).split()) + "\nFigures: the port authority.",
    ]
    assert texts[2] == "Berths\nnorth | 12"  # a table cell stays one piece
