"""Small highlight exports written by hand for the tests (after each tool's published
format, not copied from anywhere), and the article they annotate. Shared by the parser,
storage, command-line and window tests; the checks here only keep the samples well-formed."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from core.article import Block, BlockKind, ImportedArticle, Span

ARTICLE_URL = "https://example.org/latakia-port"
ARTICLE_TITLE = "Port traffic recovers"
PARAGRAPHS = [
    "Container traffic through the port of Latakia rose for a third consecutive month in "
    "February, according to the port authority.",
    "Shipping agents said the increase reflected a backlog of building materials and grain.",
    "Officials at the port authority said the cranes repaired last year had doubled the rate "
    "of unloading.",
]


def article(url: str | None = ARTICLE_URL, title: str = ARTICLE_TITLE) -> ImportedArticle:
    return ImportedArticle(
        title=title,
        blocks=[Block(BlockKind.PARAGRAPH, (Span(p),)) for p in PARAGRAPHS],
        original="\n\n".join(PARAGRAPHS).encode(),
        source_kind="text",
        url=url,
        site="Example Gazette",
    )


def _annotation(
    n: int,
    uri: str,
    exact: str | None,
    *,
    prefix: str = "",
    suffix: str = "",
    text: str = "",
    tags: list[str] | None = None,
    position: tuple[int, int] | None = None,
) -> dict:
    selectors: list[dict] = [{"type": "RangeSelector", "startContainer": "/div[1]/p[1]"}]
    if position:
        selectors.append({"type": "TextPositionSelector", "start": position[0], "end": position[1]})
    if exact is not None:
        selectors.append(
            {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}
        )
    return {
        "id": f"hyp{n}",
        "created": f"2026-03-1{n}T09:00:00.000000+00:00",
        "updated": f"2026-03-1{n}T09:00:00.000000+00:00",
        "user": "acct:analyst@hypothes.is",
        "uri": uri,
        "text": text,
        "tags": tags or [],
        "group": "__world__",
        "target": [{"source": uri, "selector": selectors if exact is not None else []}],
        "document": {"title": [ARTICLE_TITLE]},
    }


def hypothesis_export() -> dict:
    """An account export: three highlights on the article (one under another spelling of its
    address), one on a page the library lacks, one page note."""
    other = "http://www.example.org/latakia-port/?utm_source=newsletter#top"
    return {
        "export_date": "2026-03-20T10:00:00Z",
        "export_userid": "acct:analyst@hypothes.is",
        "client_version": "1.0",
        "annotations": [
            _annotation(
                1,
                ARTICLE_URL,
                "a backlog of building materials",
                prefix="said the increase reflected ",
                suffix=" and grain.",
                text="Check the customs data",
                tags=["ports", "syria"],
                position=(160, 191),
            ),
            _annotation(
                2,
                other,
                "the port authority",
                prefix="and grain. Officials at ",
                suffix=" said the cranes repaired",
            ),
            _annotation(3, ARTICLE_URL, "a passage the article never had in any version"),
            _annotation(4, "https://example.org/elsewhere", "the ferry to Cyprus resumed"),
            _annotation(5, ARTICLE_URL, None, text="A page note on the whole article"),
        ],
    }


OMNIVORE_PAGE = (
    "<html><head><title>Grain prices in Tartus</title></head><body><article>"
    "<h1>Grain prices in Tartus</h1>"
    "<p>Wheat prices in Tartus fell for the first time this year as shipments from the Black "
    "Sea arrived ahead of the harvest.</p>"
    "<p>Traders expect the fall to continue into the summer, when the local harvest comes in "
    "and the mills run at full capacity again.</p>"
    "</article></body></html>"
)
OMNIVORE_TARTUS_MD = (
    "> Wheat prices in Tartus fell for the first time this year "
    "[⤴️](https://omnivore.app/me/grain-prices-in-tartus#h1)\n\n"
    "Compare with the Latakia figures\n\n"
    "> the mills run at full capacity again "
    "[⤴️](https://omnivore.app/me/grain-prices-in-tartus#h2)\n"
)
OMNIVORE_LATAKIA_MD = (
    "> rose for a third consecutive month [⤴️](https://omnivore.app/me/latakia#h3)\n\n"
    "Three months in a row\nis a trend\n"
)


def omnivore_zip(path: Path) -> Path:
    """An export archive: one saved page with its highlights, and highlights on an article
    saved elsewhere (the library has it under the same address)."""
    metadata = [
        {
            "id": "11111111-1111-1111-1111-111111111111",
            "slug": "grain-prices-in-tartus",
            "title": "Grain prices in Tartus",
            "author": "Lina Haddad",
            "url": "https://example.net/tartus-grain",
            "state": "Archived",
            "labels": ["grain", {"name": "markets"}],
            "savedAt": "2026-03-01T08:00:00.000Z",
            "publishedAt": "2026-02-28T08:00:00.000Z",
        },
        {
            "id": "22222222-2222-2222-2222-222222222222",
            "slug": "latakia",
            "title": ARTICLE_TITLE,
            "url": ARTICLE_URL + "/",
            "state": "Succeeded",
            "labels": [],
            "savedAt": "2026-03-02T08:00:00.000Z",
        },
    ]
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("metadata_0_to_2.json", json.dumps(metadata))
        archive.writestr("content/grain-prices-in-tartus.html", OMNIVORE_PAGE)
        archive.writestr("highlights/grain-prices-in-tartus.md", OMNIVORE_TARTUS_MD)
        archive.writestr("highlights/latakia.md", OMNIVORE_LATAKIA_MD)
    return path


READWISE_CSV = (
    "Highlight,Book Title,Book Author,Amazon Book ID,Note,Color,Tags,Location Type,Location,"
    "Highlighted at,Document tags\n"
    '"rose for a third consecutive month in February",Port traffic recovers,Example Gazette,,'
    '"Seasonal?",pink,"ports, trade",order,1,2026-03-11 10:00:00+00:00,\n'
    '"doubled the rate of unloading",port traffic recovers,,,,yellow,,order,2,'
    "2026-03-11 10:05:00+00:00,\n"
    '"It was the best of times",A Tale of Two Cities,Charles Dickens,B000FC1PJI,,blue,,'
    "location,12,2026-01-02 08:00:00+00:00,\n"
    ",Port traffic recovers,,,,,,order,3,,\n"
)


def write_samples(folder: Path) -> dict[str, Path]:
    """The three exports as files: hypothesis.json, omnivore.zip, readwise.csv."""
    folder.mkdir(parents=True, exist_ok=True)
    hyp = folder / "hypothesis.json"
    hyp.write_text(json.dumps(hypothesis_export()), encoding="utf-8")
    csv = folder / "readwise.csv"
    csv.write_bytes(READWISE_CSV.encode("utf-8"))
    return {"hypothesis": hyp, "omnivore": omnivore_zip(folder / "omnivore.zip"), "readwise": csv}


def test_the_samples_are_well_formed(tmp_path: Path) -> None:
    files = write_samples(tmp_path)
    json.loads(files["hypothesis"].read_text(encoding="utf-8"))
    with zipfile.ZipFile(files["omnivore"]) as archive:
        assert "metadata_0_to_2.json" in archive.namelist()
    assert io.StringIO(READWISE_CSV).readline().startswith("Highlight,Book Title")
    text = article().text
    assert text.count("the port authority") == 2  # the Hypothesis context must choose
