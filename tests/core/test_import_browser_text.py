"""Browser-copied text: the article found among the page's menus, counters and footers."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from core.importers.dispatch import import_bytes, import_clipboard, import_path

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"


def sample(name: str) -> Path:
    if not (SAMPLES / name).exists():
        pytest.skip(f"sample {name} not present")
    return SAMPLES / name


def test_caliber_page_comes_out_clean() -> None:
    article = import_path(sample("caliber-syria-alawites.txt"))
    assert article.title == (
        "Assad loyalists threaten Syria with an apocalyptic “final battle” Alawite uprising in "
        "the making?"
    )
    assert article.published == datetime(2025, 12, 8, 17, 49)
    assert article.section == "ANALYTICS"
    assert article.site == "Caliber.az"
    assert article.source_kind == "text"
    assert article.text.startswith("Details have emerged about a plot")
    assert article.text.endswith("the government of interim President Ahmed al-Sharaa.")
    for clutter in (
        "A+",
        "WHAT ARE YOU LOOKING FOR",
        "Views:",
        "share-line",
        "copy link",
        "Caliber.az ©",
        "views expressed",
        "instagram",
    ):
        assert clutter not in article.text
    assert len(article.blocks) == 26


def test_latakia_text_fields_as_far_as_the_text_carries_them() -> None:
    article = import_path(sample("latakia-port.txt"))
    assert article.title == "Port traffic at Latakia recovers slowly"
    assert article.section == "ECONOMY"
    assert article.byline == "Example Gazette staff"
    assert article.site == "Example Gazette"
    assert article.published == datetime(2026, 3, 14)
    assert article.text.startswith("Container traffic through the port of Latakia")
    assert article.text.endswith("could not be independently verified.")
    assert "Customs and power" in [b.text for b in article.blocks]
    for clutter in ("Most read", "Share:", "©", "Subscribe", "Fuel prices rise again"):
        assert clutter not in article.text


def test_russian_cp1251_copy() -> None:
    article = import_path(sample("latakia-port-ru.cp1251.txt"))
    assert article.title == "Грузооборот порта Латакия растёт третий месяц подряд"
    assert article.published == datetime(2026, 3, 14, 9, 30)
    assert article.section == "ЭКОНОМИКА"
    assert article.language == "ru"
    assert len(article.blocks) == 5
    assert article.text.startswith("Контейнерный оборот порта Латакия")
    assert article.text.endswith("не могут быть проверены независимо.")
    for clutter in ("Поделиться", "Просмотров", "Читайте также", "©", "Главная", "ВКонтакте"):
        assert clutter not in article.text


def test_arabic_copy_reads_right_to_left() -> None:
    article = import_path(sample("latakia-port-ar.txt"))
    assert article.title == "ارتفاع حركة الحاويات في ميناء اللاذقية للشهر الثالث على التوالي"
    assert article.direction == "rtl"
    assert article.language == "ar"
    assert len(article.blocks) == 5
    assert "41200 حاوية نمطية (TEU)" in article.text
    for clutter in ("شارك", "المشاهدات", "فيسبوك", "الرئيسية", "©"):
        assert clutter not in article.text


def test_clipboard_text_goes_through_the_same_classifier() -> None:
    text = sample("caliber-syria-alawites.txt").read_text(encoding="utf-8")
    article = import_clipboard(html=None, text=text)
    assert article.source_name == "clipboard"
    assert article.text.startswith("Details have emerged about a plot")


def test_a_plain_note_without_prose_is_kept_whole() -> None:
    article = import_bytes(b"Shopping\nmilk\neggs\nbread\n", name="note.txt", suffix=".txt")
    assert article.title == "Shopping"
    assert [b.text for b in article.blocks] == ["milk", "eggs", "bread"]


def test_a_note_of_paragraphs_keeps_its_first_line_as_title() -> None:
    data = (
        b"Meeting with the port authority\n\n"
        b"We discussed the customs backlog and the generators that should arrive by summer. "
        b"The director expects volumes to double by the end of the year.\n\n"
        b"Follow up with the shipping agents next week about insurance premiums and delays.\n"
    )
    article = import_bytes(data, name="note.txt", suffix=".txt")
    assert article.title == "Meeting with the port authority"
    assert article.text.startswith("We discussed the customs backlog")
    assert article.text.endswith("insurance premiums and delays.")


def _page(head: list[str], body: list[str]) -> bytes:
    """A browser copy: header lines run together, body paragraphs framed by blank lines."""
    return ("\n".join(head) + "\n\n" + "\n\n".join(body) + "\n").encode("utf-8")


_BODY = [
    "The harbour authority said on Monday that grain shipments through the northern terminal "
    "had doubled since the spring, as new cranes arrived and the dredging of the channel ended.",
    "Grain traders welcomed the figures but warned that the terminal still lacks storage, and "
    "that the harbour will need another season before the grain backlog is cleared for good.",
    "The authority expects the terminal to handle its first bulk carrier of the year next "
    "month, when the last of the new cranes is put into service at the northern quay.",
]


def test_the_headline_is_found_above_a_share_bar_by_the_articles_words() -> None:
    head = [
        "Home",
        "World",
        "Grain shipments double at the northern harbour terminal",
        "Jane Roe",
        *[f"Tag {n}" for n in range(14)],
        "Open in app",
        "Skip this ad",
    ]
    article = import_bytes(_page(head, _BODY), name="page.txt", suffix=".txt")
    assert article.title == "Grain shipments double at the northern harbour terminal"
    assert article.text.startswith("The harbour authority said on Monday")


def test_a_long_dateline_under_the_headline_is_not_body() -> None:
    head = [
        "Menu",
        "Grain shipments double at the northern harbour terminal",
        "By Staff Writer | November 18, 2019 at 2:26 PM HST - Updated November 18 at 4:46 PM",
    ]
    article = import_bytes(_page(head, _BODY), name="page.txt", suffix=".txt")
    assert article.title == "Grain shipments double at the northern harbour terminal"
    assert article.text.startswith("The harbour authority said on Monday")


def test_a_dateline_that_also_says_when_it_was_modified_dates_the_article() -> None:
    head = [
        "Menu",
        "Grain shipments double at the northern harbour terminal",
        "Thu 3 Jan 2019 02.00 EST Last modified on Wed 16 Jan 2019 06.16 EST",
        "Share on Facebook",
    ]
    article = import_bytes(_page(head, _BODY), name="page.txt", suffix=".txt")
    assert article.published == datetime(2019, 1, 3, 2, 0)
    assert article.text.startswith("The harbour authority said on Monday")


def test_a_dateline_under_the_standfirst_dates_the_article() -> None:
    head = ["Menu", "Grain shipments double at the northern harbour terminal"]
    standfirst = "New cranes and a deeper channel have doubled the grain that passes the quay."
    body = [standfirst, "By Jane Roe", "Jun 7, 2023, 8:54 PM UTC", *_BODY]
    article = import_bytes(_page(head, body), name="page.txt", suffix=".txt")
    assert article.published == datetime(2023, 6, 7, 20, 54)


def test_a_related_box_and_a_trailing_list_of_teasers_are_not_body() -> None:
    body = [
        *_BODY[:2],
        "Related articles\nGrain prices fall across the region\nFerry strike enters third week",
        _BODY[2],
        "Photo: Staff photographer",
        "Top stories\nMinister visits flood-hit villages",
        "The minister promised new funds for the villages that lost their harvest this year.",
        "Airport expansion delayed again",
        "Work on the second runway will not start before the autumn, officials said today.",
    ]
    article = import_bytes(_page(["Menu", "Grain news"], body), name="page.txt", suffix=".txt")
    text = article.text
    assert "The harbour authority said on Monday" in text
    assert text.endswith("put into service at the northern quay.")
    for clutter in ("Related articles", "Grain prices fall", "Photo:", "Top stories", "runway"):
        assert clutter not in text


def test_a_table_of_contents_is_left_out_without_cutting_the_article() -> None:
    sections = ["Why the cranes matter", "What the traders say", "The season ahead"]
    contents = "\n".join(["Contents", *(f"{n} {s}" for n, s in enumerate(sections, 1))])
    contents += "\nFurther reading"
    lead = (
        "Three questions decide whether the northern terminal can keep its promise to the "
        "grain trade this year, and the harbour authority has answered only one of them."
    )
    body = [lead, contents]
    for heading, paragraph in zip(sections, _BODY, strict=True):
        body += [heading, paragraph]
    article = import_bytes(_page(["Menu", "Grain news"], body), name="p.txt", suffix=".txt")
    assert article.text.startswith("Three questions decide")
    assert "1 Why the cranes matter" not in article.text
    assert "Further reading" not in article.text
    assert "What the traders say" in [b.text for b in article.blocks]


def test_share_buttons_between_headline_and_byline_do_not_push_the_headline_away() -> None:
    networks = ("Facebook", "Twitter", "LinkedIn", "Reddit", "Email", "WhatsApp", "Telegram")
    head = [
        "Menu",
        "Port city braces for a record season",
        *[f"Share on {name}" for name in networks],
        *[f"Share via {name}" for name in ("Signal", "Pinterest", "Tumblr", "Mastodon")],
        "More Options",
        "Resize Text",
        "Print Article",
        "By Jane Roe March 18 at 3:57 PM",
    ]
    article = import_bytes(_page(head, _BODY), name="page.txt", suffix=".txt")
    assert article.title == "Port city braces for a record season"


def test_subject_words_of_unspaced_text_are_character_pairs() -> None:
    from core.importers.text_topic import content_words, subject_words

    assert {"港口", "口货"} <= content_words("港口货运")
    assert content_words("The harbour and the cranes") == {"harbour", "crane"}
    assert content_words("films") == content_words("film")
    subject = subject_words(["港口货运增长", "港口货运下降", "The harbour"])
    assert "港口" in subject and "harbour" not in subject


def test_a_list_of_headlines_under_a_list_heading_is_left_out_whole() -> None:
    box = "\n".join(
        [
            "Most popular",
            "Dr. Smith opens a new clinic in the old harbour district this week",
            "Ferry strike enters third week",
            "St. Mary school wins the regional rowing cup for the second time running",
        ]
    )
    body = [_BODY[0], box, _BODY[1], _BODY[2]]
    article = import_bytes(_page(["Menu", "Grain news"], body), name="p.txt", suffix=".txt")
    assert "Grain traders welcomed the figures" in article.text
    for clutter in ("Most popular", "Dr. Smith", "Ferry strike", "St. Mary"):
        assert clutter not in article.text


def test_a_paragraph_that_mentions_cookies_is_still_body() -> None:
    aside = (
        "Logging in to the harbour's booking site is impossible without third-party cookies, "
        "which many agents use only reluctantly, so most bookings are still made by phone."
    )
    body = [_BODY[0], aside, *_BODY[1:]]
    article = import_bytes(_page(["Menu", "Grain news"], body), name="p.txt", suffix=".txt")
    assert "without third-party cookies" in article.text


def test_a_round_up_whose_items_are_full_paragraphs_is_not_cut_as_teasers() -> None:
    intro = (
        "Every week we gather the best prices we have found on gear for the harbour and the "
        "boat, checked by hand. These are this week's finds."
    )
    items = []
    for n, thing in enumerate(("rope", "lantern", "anchor", "compass", "winch", "fender"), 1):
        items.append(
            f"Item {n}: a {thing} for less\n"
            f"The {thing} we tested last winter is now cheaper than it has been all year, and "
            "it held up through the storms without a complaint from anyone on the crew, which "
            "is more than we can say for most of what we tried. It is sturdy, it is simple to "
            "fix at sea, and the maker still sells every spare part on its own site today.\n"
            f"Buy the {thing} at the chandlery"
        )
    body = [intro, _BODY[0], *items]
    article = import_bytes(_page(["Menu", "Deals"], body), name="p.txt", suffix=".txt")
    assert "The fender we tested last winter" in article.text


def test_a_long_caption_ending_in_its_credit_is_neither_body_nor_title() -> None:
    caption = (
        "Harbour workers guide a grain ship into the northern terminal on Monday morning, as the "
        "last of the new cranes stands ready on the quay behind them Credit: Jane Roe/Agency"
    )
    head = ["Menu", "Grain shipments double at the northern harbour terminal", caption]
    article = import_bytes(_page(head, _BODY), name="page.txt", suffix=".txt")
    assert article.title == "Grain shipments double at the northern harbour terminal"
    assert "Credit:" not in article.text


def test_list_headings_are_recognised_in_other_languages() -> None:
    box = "Artículos relacionados\nEl puerto del norte amplía su terminal\nLlegan las nuevas grúas"
    body = [_BODY[0], box, _BODY[1], _BODY[2]]
    article = import_bytes(_page(["Menu", "Grain news"], body), name="p.txt", suffix=".txt")
    assert "relacionados" not in article.text
    assert "nuevas grúas" not in article.text


def test_a_byline_run_into_the_headline_is_left_out_of_the_title() -> None:
    head = ["Menu", "Grain shipments double at the northern terminal by: Jane Roe"]
    article = import_bytes(_page(head, _BODY), name="page.txt", suffix=".txt")
    assert article.title == "Grain shipments double at the northern terminal"


def test_a_numeric_timestamp_line_is_not_the_headline() -> None:
    head = ["Menu", "Port city braces for a record season", "3/14/2026 9:30 AM PST BY STAFF"]
    article = import_bytes(_page(head, _BODY), name="page.txt", suffix=".txt")
    assert article.title == "Port city braces for a record season"


def test_cards_for_other_stories_and_media_captions_are_not_body() -> None:
    card = (
        "How ports plan for a record harvest How ports plan for a record harvest\n"
        "Every autumn the harbour hires extra crews and rents cranes from the south, and "
        "this year the bill has… Read more"
    )
    body = [_BODY[0], card, "Media caption The harbour master explains the plan", *_BODY[1:]]
    article = import_bytes(_page(["Menu", "Grain news"], body), name="p.txt", suffix=".txt")
    assert "Grain traders welcomed the figures" in article.text
    for clutter in ("How ports plan", "Read more", "Media caption"):
        assert clutter not in article.text


def test_a_headline_matches_its_article_whatever_the_plurals() -> None:
    body = [
        "The film repeats one day for its hero, and the loop only breaks when he changes. "
        "Critics called the film a classic of the time loop, a story told many times since.",
        "Each film in this list uses the loop differently, but in every film the day comes "
        "back, and the hero of the film must work out why the loop began at all this time.",
    ]
    head = [
        "Menu",
        "List of films featuring time loops",
        "View history",
        "From the free encyclopedia",
    ]
    article = import_bytes(_page(head, body), name="page.txt", suffix=".txt")
    assert article.title == "List of films featuring time loops"


def test_a_long_cookie_notice_is_not_the_article() -> None:
    notice = (
        "We use cookies and similar technologies to improve your browsing experience, to "
        "personalise content and offers, to show targeted ads, to analyse traffic and to "
        "understand where our audience comes from. By choosing to accept, you consent to our "
        "use of cookies and other tracking technologies on this site and on our partners' "
        "sites, and you can change your mind at any time from the settings page of your "
        "account, where every choice is explained in detail."
    )
    body = [notice, *_BODY]
    head = ["Menu", "Grain shipments double at the northern harbour terminal"]
    article = import_bytes(_page(head, body), name="p.txt", suffix=".txt")
    assert article.text.startswith("The harbour authority said on Monday")
    assert article.title == "Grain shipments double at the northern harbour terminal"


def test_a_sidebar_of_titles_cut_short_is_not_the_article() -> None:
    sidebar = "\n".join(
        [
            "Recent posts",
            "A weekend among the maple trees of the northern valley, with a stop at the...",
            "Camping by the lake: what to pack when the nights turn cold and the...",
            "The old railway station reopens as a café, and the trains still...",
            "Ten things to eat in the harbour town before the season ends, from the...",
        ]
    )
    page = _page(["Menu", sidebar, "Grain news"], _BODY)
    article = import_bytes(page, name="p.txt", suffix=".txt")
    assert article.text.startswith("The harbour authority said on Monday")
    assert "maple trees" not in article.text


def test_short_lines_of_chinese_prose_start_the_article_below_its_headline() -> None:
    body = [
        "寒流过后山上的枫叶一夜之间全红了 我们一早就出发沿着弯弯的山路慢慢开上去",
        "营地的主人说今年的颜色比往年都好 很多拍照的朋友从城里专程赶来看枫叶",
        "午后山上起了雾 远处的山头时隐时现 我们在树下喝茶聊天等着雾慢慢散开",
        "傍晚时分大家在营火旁吃了晚饭 主人讲起这片林子几十年来的变化和故事",
    ]
    head = ["首页", "游记", "山上营地赏枫记"]
    article = import_bytes(_page(head, body), name="p.txt", suffix=".txt")
    assert article.title == "山上营地赏枫记"
    assert article.text.startswith("寒流过后")


def test_a_two_word_headline_that_names_the_subject_is_taken() -> None:
    body = [
        "A harbour crane lifts containers between ship and quay; the harbour cranes of the "
        "northern terminal are the largest on the coast, and each crane lifts forty tonnes.",
        "Every harbour crane needs a crew of three, and the harbour trains its crane crews "
        "itself, since no school on the coast teaches the work of a harbour crane driver.",
    ]
    head = ["Harbour cranes", "From the free encyclopedia"]
    article = import_bytes(_page(head, body), name="page.txt", suffix=".txt")
    assert article.title == "Harbour cranes"
