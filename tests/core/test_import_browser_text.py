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
