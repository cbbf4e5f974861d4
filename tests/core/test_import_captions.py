"""Picture captions of saved pages: each becomes its picture's alt text (which the reader shows
under the picture, outside the article's text), whatever markup the page wraps it in."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from core.article import BlockKind, ImportedArticle
from core.importers.dispatch import import_bytes

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
DATA_URI = "data:image/png;base64," + base64.b64encode(PNG).decode()
CAPTION = "Cranes at the container terminal in February. Photo: Jane Roe"
PARAGRAPHS = [
    "Container traffic through the port rose for a third consecutive month in February, "
    "according to figures published by the port authority on Tuesday.",
    "Shipping agents said the increase reflected a backlog of building materials and "
    "foodstuffs rather than a lasting recovery of trade, and warned that it might not last.",
    "Traders pointed to two obstacles: slow customs clearance and electricity shortages that "
    "limit the hours the terminal's cranes can operate each day.",
    "The port authority expects traffic to level off in the spring, when the backlog of "
    "building materials has been cleared and the new customs rules take effect.",
]


def saved_page(folder: Path, figure: str) -> ImportedArticle:
    """A page as a browser saves it ("Web Page, Complete"): its pictures in page_files/."""
    (folder / "page_files").mkdir(exist_ok=True)
    (folder / "page_files" / "cranes.png").write_bytes(PNG)
    paragraphs = [f"<p>{p}</p>" for p in PARAGRAPHS]
    html = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<title>Port traffic rises again</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<article><h1>Port traffic rises again</h1>"
        f"{''.join(paragraphs[:2])}{figure}{''.join(paragraphs[2:])}</article>"
        "<footer>© 2026 Example Gazette</footer></body></html>"
    )
    (folder / "page.html").write_text(html, encoding="utf-8")
    return import_bytes(html.encode(), name="page.html", suffix=".html", folder=folder)


def pictures(article: ImportedArticle) -> list[tuple[bool, str]]:
    """(saved with the page, alt text) of each image block."""
    return [(b.image is not None, b.alt) for b in article.blocks if b.kind is BlockKind.IMAGE]


def body_text_is_only_the_paragraphs(article: ImportedArticle) -> bool:
    return [b.text for b in article.blocks if b.kind is not BlockKind.IMAGE] == PARAGRAPHS


SHAPES = {
    "the caption wins over the alt": (
        f'<figure><img src="page_files/cranes.png" alt="cranes"><figcaption>{CAPTION}'
        "</figcaption></figure>"
    ),
    "a data: picture": f'<figure><img src="{DATA_URI}"><figcaption>{CAPTION}</figcaption></figure>',
    "a picture in a link": (
        '<figure><a href="page_files/cranes.png"><picture><source srcset="page_files/cranes.png">'
        f'<img src="page_files/cranes.png" alt=""></picture></a><figcaption>{CAPTION}'
        "</figcaption></figure>"
    ),
    "a frame whose class says caption": (
        '<div class="captioned-image-container"><figure><a href="/big"><div class="inset">'
        '<picture><img src="page_files/cranes.png" alt=""></picture></div></a>'
        f'<figcaption class="image-caption">{CAPTION}</figcaption></figure></div>'
    ),
    "a frame with the caption in a paragraph": (
        '<div class="wp-caption aligncenter"><img src="page_files/cranes.png" alt="cranes">'
        f'<p class="wp-caption-text">{CAPTION}</p></div>'
    ),
    "a frame with an unmarked caption": (
        '<p><span class="wf_caption"><a href="/big"><img src="page_files/cranes.png" '
        f'alt="cranes"></a><span>{CAPTION}</span></span></p>'
    ),
    "a responsive picture with no src": (
        '<figure><picture><source srcset="page_files/cranes.png 1x"><img alt="x"></picture>'
        f"<figcaption>{CAPTION}</figcaption></figure>"
    ),
    "a lazy picture with its noscript copy": (
        '<figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" '
        'data-src="page_files/cranes.png"><noscript><img src="page_files/cranes.png">'
        f"</noscript><figcaption>{CAPTION}</figcaption></figure>"
    ),
}


@pytest.mark.parametrize("figure", SHAPES.values(), ids=list(SHAPES))
def test_the_caption_becomes_the_saved_pictures_alt(tmp_path: Path, figure: str) -> None:
    article = saved_page(tmp_path, figure)
    assert pictures(article) == [(True, CAPTION)]
    assert body_text_is_only_the_paragraphs(article)


def test_a_caption_and_a_credit_are_joined_caption_first(tmp_path: Path) -> None:
    article = saved_page(
        tmp_path,
        '<figure><img src="page_files/cranes.png" alt="A crane"><span class="credit">'
        "Jane Roe/Agency</span><figcaption>Cranes at the container terminal.</figcaption>"
        "</figure>",
    )
    assert pictures(article) == [(True, "Cranes at the container terminal. Jane Roe/Agency")]


@pytest.mark.parametrize(
    "figure",
    [
        f"<figure><figcaption>{CAPTION}</figcaption></figure>",
        f'<figure><div class="lazy-image"></div><figcaption>{CAPTION}</figcaption></figure>',
        f'<figure><img src="page_files/gone.png"><figcaption>{CAPTION}</figcaption></figure>',
    ],
    ids=["no image", "an image left to a script", "an image file missing"],
)
def test_a_picture_not_saved_keeps_its_caption(tmp_path: Path, figure: str) -> None:
    article = saved_page(tmp_path, figure)
    assert pictures(article) == [(False, CAPTION)]  # "Image not saved with the page: ..."
    assert body_text_is_only_the_paragraphs(article)


def test_a_caption_never_goes_to_another_figures_picture(tmp_path: Path) -> None:
    article = saved_page(
        tmp_path,
        '<figure><img src="page_files/cranes.png" alt=""></figure>'
        f"<p>{PARAGRAPHS[0]}</p>"
        f'<figure><video src="clip.mp4"></video><figcaption>{CAPTION}</figcaption></figure>',
    )
    assert pictures(article) == [(True, ""), (False, CAPTION)]
