"""Shared fixtures: every test gets its own library file and its own settings file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("POSTIL_LIBRARY", None)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLES = SHARED / "samples"
sys.path.insert(0, str(ROOT))

from core.article import Block, BlockKind, ImportedArticle, Span  # noqa: E402
from storage.library import Library  # noqa: E402


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "library.postil"


@pytest.fixture
def library(library_path: Path):
    with Library.open(library_path) as lib:
        yield lib


def make_article(
    title: str = "Port traffic recovers",
    paragraphs: list[str] | None = None,
    *,
    url: str | None = None,
    site: str | None = "Example Gazette",
    published=None,
) -> ImportedArticle:
    paragraphs = paragraphs or [
        "Container traffic through the port rose for a third consecutive month.",
        "Shipping agents said the increase reflected a backlog of building materials.",
    ]
    return ImportedArticle(
        title=title,
        blocks=[Block(BlockKind.PARAGRAPH, (Span(p),)) for p in paragraphs],
        original="\n\n".join(paragraphs).encode(),
        source_kind="text",
        url=url,
        site=site,
        published=published,
    )


def without_signatures(patch: pytest.MonkeyPatch) -> None:
    """For a library built at a format older than 3, which has no article_signatures: today's
    add() neither signs the articles nor searches them (opening it at the current format
    leaves them to be signed by the next import, as for any old library)."""
    from storage import near_duplicates

    patch.setattr(near_duplicates, "catch_up", lambda conn, **_options: 0)
    patch.setattr(near_duplicates, "store_signature", lambda *_args: None)
    patch.setattr(near_duplicates, "find_same_article", lambda *_args: None)


@pytest.fixture(scope="session")
def qapp_cls():
    """pytest-qt's application is Postil's own class, as in the running app."""
    from ui.app.application import PostilApplication

    return PostilApplication
