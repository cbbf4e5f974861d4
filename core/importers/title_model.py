"""Which of the headline-like lines above an article is its headline: a learned ranking.

browser_text lists the candidates (lines above the article's head that could be a headline)
with what the hand rules read of each. This model scores each candidate from those readings
and a few more (its length, its casing, what stands next to it, its rank among the
candidates) and the best-scored is the title. It is a conditional logit: one weight a
feature, a softmax over a page's candidates when fitted. The weights are a data file
(core/importers/data/title_model.json) fitted by bench/title_model_training.py on the corpus
pages that have titles; bench/import_quality.py measures it out of fold (each page's title
chosen by a model fitted without that page's fold). Without the file, the hand score decides.
"""

from __future__ import annotations

import contextvars
import json
import math
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from core.importers.text_features import Line

DATA = Path(__file__).resolve().parent / "data" / "title_model.json"
_WORD = re.compile(r"[^\W\d_]+")
_SEPARATOR = re.compile(r"\s[|–—-]\s|\s::\s")

FEATURES = (
    "hand_score",  # the hand-weighted score, scaled
    "hand_best",  # the hand score's choice
    "log_words",
    "distance",  # lines from the article's head (up to 12), scaled
    "far",  # lines beyond 12, scaled
    "subject",  # how much it names the article's subject
    "repeated",
    "adjacent",  # right above the article's head
    "rank",  # among the candidates, nearest first, scaled
    "first",  # the first candidate in the page's order
    "position",  # where it stands in the page, 0 at the top
    "full_stop",
    "question",
    "colon",
    "separator",  # "Title | Site", "Title - Site"
    "title_case",  # share of words that start with a capital
    "all_caps",
    "framed",  # a blank line before or after it
    "sentences_inside",
    "short",  # under 3 words
    "below",  # between the head's first date or byline and the first paragraph
)


@dataclass(slots=True)
class TitleCandidate:
    """A line above the article that could be its headline, with what the choice reads."""

    index: int
    distance: int  # lines from the article's head, fillers not counted
    overlap: float  # how much it names the article's subject
    repeated: bool  # the page says it more than once
    hand_score: float  # the hand-weighted score (browser_text._title_score)
    below: bool = False  # between the article's head and its first paragraph


@dataclass(frozen=True, slots=True)
class TitleModel:
    weights: tuple[float, ...]

    @classmethod
    def from_json(cls, text: str) -> TitleModel:
        data = json.loads(text)
        weights = tuple(float(w) for w in data["weights"])
        if tuple(data["features"]) != FEATURES or len(weights) != len(FEATURES):
            raise ValueError("the title model was fitted on other features")
        return cls(weights)

    def to_json(self) -> str:
        return json.dumps({"features": list(FEATURES), "weights": list(self.weights)}, indent=1)

    def score(self, row: Sequence[float]) -> float:
        return sum(w * x for w, x in zip(self.weights, row, strict=True))


_SHIPPED = object()  # no override: the shipped model
_override: contextvars.ContextVar[object] = contextvars.ContextVar("title_model", default=_SHIPPED)


@cache
def shipped() -> TitleModel | None:
    """The model in the data file; None when it is absent or stale (the hand score decides)."""
    try:
        return TitleModel.from_json(DATA.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError):
        return None


def current() -> TitleModel | None:
    model = _override.get()
    return shipped() if model is _SHIPPED else model  # type: ignore[return-value]


@contextmanager
def using(model: TitleModel | None) -> Iterator[None]:
    """Choose titles with `model` instead of the shipped one (the benchmark's fold models);
    None: with the hand score alone."""
    token = _override.set(model)
    try:
        yield
    finally:
        _override.reset(token)


def feature_rows(lines: list[Line], candidates: list[TitleCandidate]) -> list[list[float]]:
    """One row of FEATURES per candidate, in the candidates' order."""
    best = max(range(len(candidates)), key=lambda k: candidates[k].hand_score)
    first = min(range(len(candidates)), key=lambda k: candidates[k].index)
    count = max(1, len(lines) - 1)
    rows = []
    for k, candidate in enumerate(candidates):
        line = lines[candidate.index]
        words = _WORD.findall(line.text)
        capitals = sum(1 for w in words if w[0].isupper()) / len(words) if words else 0.0
        letters = [c for c in line.text if c.isalpha()]
        caps = bool(letters) and all(c.isupper() for c in letters if c.lower() != c.upper())
        rows.append(
            [
                max(-2.0, min(2.0, candidate.hand_score / 10)),
                float(k == best),
                math.log1p(line.words),
                min(candidate.distance, 12) / 12,
                max(0, candidate.distance - 12) / 48,
                candidate.overlap,
                float(candidate.repeated),
                float(candidate.distance == 1),
                min(k, 10) / 10,
                float(k == first),
                candidate.index / count,
                float(line.text.rstrip("'\"”’»)").endswith(".")),
                float(line.text.rstrip().endswith("?")),
                float(":" in line.text),
                float(bool(_SEPARATOR.search(line.text))),
                capitals,
                float(caps),
                float(line.blank_before or line.blank_after),
                float(line.sentences_inside > 0),
                float(line.words < 3),
                float(candidate.below),
            ]
        )
    return rows
