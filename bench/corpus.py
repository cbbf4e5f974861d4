"""Loading the evaluation corpus (/work/shared/corpus) at run time; nothing is copied."""

from __future__ import annotations

import gzip
import importlib.util
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


@dataclass(frozen=True, slots=True)
class Page:
    """One corpus page: its id, the input bytes and the suffix it is imported with."""

    id: str
    data: bytes
    suffix: str


def aeb_html(corpus: Path) -> Iterator[Page]:
    for path in sorted((corpus / "html" / "aeb").glob("*.html.gz")):
        yield Page(path.name.removesuffix(".html.gz"), gzip.decompress(path.read_bytes()), ".html")


def readability_html(corpus: Path) -> Iterator[Page]:
    for path in sorted((corpus / "html" / "readability").glob("*/source.html")):
        yield Page(path.parent.name, path.read_bytes(), ".html")


def text_pages(corpus: Path, kind: str) -> Iterator[Page]:
    for path in sorted((corpus / "text" / kind).glob("*.txt")):
        yield Page(path.stem, path.read_bytes(), ".txt")


def load_scorer(corpus: Path) -> ModuleType:
    """The corpus's own score.py, imported from where it lies."""
    spec = importlib.util.spec_from_file_location("corpus_score", corpus / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no score.py in {corpus}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_bodies(corpus: Path, kind: str) -> dict[str, str]:
    data = json.loads((corpus / kind / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    return {k: v["articleBody"] for k, v in data.items()}
