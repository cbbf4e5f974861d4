"""Titles, dates, links and direction as the importers read them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from core.importers.dates import find_date, parse_iso
from core.importers.images import raster_mime
from core.importers.links import safe_href
from core.importers.script import direction, guess_language
from core.importers.titles import choose_title


def test_title_drops_the_site_suffix_when_a_clean_title_is_declared() -> None:
    titles = {"title": "Port traffic recovers | Example Gazette", "og": "Port traffic recovers"}
    assert choose_title(titles, None, "Example Gazette") == "Port traffic recovers"
    titles = {"title": "Port traffic recovers - Example Gazette", "h1": "Port traffic recovers"}
    assert choose_title(titles, None, None) == "Port traffic recovers"


def test_title_never_becomes_the_site_name_or_an_unrelated_h1() -> None:
    titles = {"title": "Standalone binaries with Emscripten · V8", "h1": "V8"}
    assert choose_title(titles, None, "V8") == "Standalone binaries with Emscripten"
    titles = {"title": "Base URL test", "h1": "Lorem"}
    assert choose_title(titles, None, None) == "Base URL test"


def test_dates_as_pages_print_them() -> None:
    assert find_date("08 December 2025 17:49")[0] == datetime(2025, 12, 8, 17, 49)
    assert find_date("14 марта 2026, 09:30")[0] == datetime(2026, 3, 14, 9, 30)
    assert find_date("14 آذار/مارس 2026")[0] == datetime(2026, 3, 14)
    assert find_date("Nov 19, 2019, 10:31 pm CST")[0] == datetime(2019, 11, 19, 22, 31)
    assert find_date("Views: 83") is None and find_date("2 million people") is None


def test_numeric_dates_with_slashes_find_their_month() -> None:
    assert find_date("2/26/2015 7:11 AM PST")[0] == datetime(2015, 2, 26, 7, 11)  # 26: a day
    assert find_date("26/2/2015")[0] == datetime(2015, 2, 26)
    assert find_date("9/11/13 10:00AM")[0] == datetime(2013, 9, 11, 10, 0)  # a.m.: American
    assert find_date("3/4/2015 EST")[0] == datetime(2015, 3, 4)
    assert find_date("3/4/2015")[0] == datetime(2015, 4, 3)  # otherwise the day first
    assert find_date("10/11/12") is None  # a two-digit year needs a time beside it
    assert find_date("pages 1/2/3") is None and find_date("ratio 1/2/2019/3") is None


def test_iso_dates_keep_their_offset_only_when_given() -> None:
    aware = parse_iso("2026-03-14T09:30:00+0200")
    assert aware == datetime(2026, 3, 14, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    assert parse_iso("2019-11-20T10:00:00Z").utcoffset() == timedelta(0)
    assert parse_iso("2019-11-20T10:00:00").tzinfo is None


def test_links() -> None:
    assert safe_href("/a?b=1", "https://e.org/x/y") == "https://e.org/a?b=1"
    assert safe_href("javascript:alert(1)", "https://e.org/") is None
    assert safe_href(" JaVaScRiPt:alert(1)", None) is None
    assert safe_href("data:text/html,hi", None) is None
    assert safe_href("relative", None) is None
    assert safe_href("mailto:a@e.org", None) == "mailto:a@e.org"


def test_only_raster_images_by_magic_bytes() -> None:
    assert raster_mime(b"\x89PNG\r\n\x1a\n....") == "image/png"
    assert raster_mime(b"\xff\xd8\xff\xe0") == "image/jpeg"
    assert raster_mime(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert raster_mime(b"<svg xmlns='http://www.w3.org/2000/svg'/>") is None
    assert raster_mime(b"GIF89a") == "image/gif"


def test_direction_by_language_or_by_script() -> None:
    assert direction("hello", "ar-SY") == "rtl"
    assert direction("ارتفعت حركة الحاويات عبر ميناء اللاذقية", None) == "rtl"
    assert direction("Port traffic", "en") == "ltr"
    assert guess_language("ارتفعت حركة الحاويات") == "ar"
    assert guess_language("این یک متن فارسی است که گفتگو می‌کند") == "fa"
    assert guess_language("Грузооборот порта") == "ru"


def test_title_without_a_declared_site_loses_a_short_suffix_only() -> None:
    assert choose_title({"title": "Port traffic recovers slowly – Gazette"}, None, None) == (
        "Port traffic recovers slowly"
    )
    assert choose_title({"title": "Harbour | News | Jane Roe"}, None, None) == (
        "Harbour | News | Jane Roe"  # a one-word head may be the whole title
    )
    long_tail = "Port traffic recovers slowly - and the harbour authority expects more"
    assert choose_title({"title": long_tail}, None, None) == long_tail


def test_declared_title_matches_a_document_title_with_an_odd_separator() -> None:
    titles = {"title": "Port traffic recovers ✩ Example Gazette", "og": "Port traffic recovers"}
    assert choose_title(titles, None, "Example Gazette") == "Port traffic recovers"


def test_page_metadata_titles_from_rdfa_lists_parsely_and_the_matching_h1() -> None:
    from core.importers.html_meta import read_meta
    from core.importers.html_page import parse_html

    page = (
        "<html><head><title>Port traffic recovers - Docs</title>"
        '<meta property="x:title dc:title" content="Dublin title">'
        '<meta name="parsely-title" content="Parsely title"></head>'
        '<body><h1><a href="/">Docs</a></h1><h1>Port traffic recovers<a href="#p">¶</a></h1>'
        "</body></html>"
    )
    meta = read_meta(parse_html(page), page)
    assert meta.titles["dc"] == "Dublin title"
    assert meta.titles["parsely"] == "Parsely title"
    assert meta.titles["h1"] == "Port traffic recovers"
    assert choose_title(meta.titles, None, None) == "Port traffic recovers"  # the title confirms it
    del meta.titles["h1"], meta.titles["title"]
    assert choose_title(meta.titles, None, None) == "Dublin title"


def test_json_ld_wrapped_in_cdata_is_read() -> None:
    from core.importers.html_meta import read_meta
    from core.importers.html_page import parse_html

    page = (
        "<html><head><title>Port traffic: a slow recovery - Gazette</title>"
        '<meta property="og:title" content="Port traffic recovers">'
        '<script type="application/ld+json">//<![CDATA[\n'
        '{"@type": "NewsArticle", "headline": "Port traffic: a slow recovery",'
        ' "author": {"@type": "Person", "name": "Jane Roe"}}\n//]]></script>'
        "</head><body><p>Text</p></body></html>"
    )
    meta = read_meta(parse_html(page), page)
    assert meta.titles["ld"] == "Port traffic: a slow recovery"
    assert meta.byline == "Jane Roe"
    assert choose_title(meta.titles, None, "Gazette") == "Port traffic: a slow recovery"


def test_a_social_media_posting_declares_its_date_and_headline() -> None:
    from core.importers.html_meta import read_meta
    from core.importers.html_page import parse_html

    page = (
        '<html><head><script type="application/ld+json">{"@type": "SocialMediaPosting",'
        ' "datePublished": "2014-09-02T08:35:27-04:00", "headline": "Harbour update"}'
        "</script></head><body><p>Text</p></body></html>"
    )
    meta = read_meta(parse_html(page), page)
    assert meta.published is not None and meta.published.isoformat() == "2014-09-02T08:35:27-04:00"
    assert meta.titles["ld"] == "Harbour update"


def test_declared_title_wins_over_a_different_document_title() -> None:
    titles = {"title": "A short history of cranes - Gazette", "og": "Why the cranes stand idle"}
    assert choose_title(titles, None, "Gazette") == "Why the cranes stand idle"
