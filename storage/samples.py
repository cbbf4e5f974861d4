"""The sample library a new analyst finds on the first start of an empty default library."""

from __future__ import annotations

import json
from pathlib import Path

from core.importers.dispatch import import_path
from core.importers.errors import ImportRefused
from core.resources import resources_dir
from storage.library import Library

SEEDED_KEY = "samples_seeded"


def samples_dir() -> Path:
    return resources_dir() / "samples"


def seed_if_new(library: Library) -> int:
    """Import the samples once into an empty library; returns how many were imported."""
    if library.articles.count() or _already_seeded(library):
        return 0
    imported = 0
    manifest = json.loads((samples_dir() / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["samples"]:
        try:
            article = import_path(samples_dir() / entry["file"])
        except ImportRefused:
            continue
        if entry.get("url") and not article.url:
            article.url = entry["url"]
        if entry.get("site") and not article.site:
            article.site = entry["site"]
        outcome = library.articles.add(article)
        if entry.get("open_first"):  # the first start shows the welcome note, not a sample
            library.articles.mark_opened(outcome.article_id)
        imported += 1
    library.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '1')", [SEEDED_KEY])
    return imported


def _already_seeded(library: Library) -> bool:
    row = library.conn.execute("SELECT value FROM meta WHERE key = ?", [SEEDED_KEY]).fetchone()
    return row is not None
