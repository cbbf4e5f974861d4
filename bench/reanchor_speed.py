"""Re-anchoring speed: 500 highlights on a 200 KB article after an edit, in under a second.

The article is synthetic (seeded, so every run is the same): ~200 KB of paragraphs joined by
blank lines like a canonical text. The edit inserts and deletes paragraphs and sentences and
changes words in many paragraphs. Highlights are 2-15 word selections made with describe().

Baselines measured in the same run:
  - naive: str.find of each of the 500 quotes in the new text (what a re-anchoring that
    trusted quotes alone would cost; it cannot tell a look-alike from the passage);
  - line diff: difflib.SequenceMatcher of the two texts' lines, opcodes only (the first of the
    two diff levels re-anchoring computes).

    .venv/bin/python -m bench.reanchor_speed
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from difflib import SequenceMatcher

from bench.results import record
from bench.timing import median_seconds, report
from core.anchoring import TextSelector, describe, reanchor_many

TEXT_SIZE = 200_000
HIGHLIGHTS = 500
LIMIT_SECONDS = 1.0

_VOCABULARY = (
    "the of and to in a is that for it as was with be by on not he this are or his from at "
    "which but have an they you were her she there been one all we their has would when if "
    "port traffic container ministry figures growth backlog grain agents officials analysts "
    "rose fell sharply quarter month year record shipping freight cranes berth vessels "
    "export import tariff customs inspection delay queue harbour terminal operator union "
    "strike wages inflation currency reserves central bank rates policy forecast survey "
    "Rotterdam Antwerp Hamburg Lagos Mombasa Karachi Chittagong Santos Valparaíso Gdańsk"
)
_WORDS = _VOCABULARY.split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 24))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 7)))


def build_article(rng: random.Random) -> list[str]:
    paragraphs: list[str] = []
    size = 0
    while size < TEXT_SIZE:
        paragraphs.append(_paragraph(rng))
        size += len(paragraphs[-1]) + 2
    return paragraphs


def edit(rng: random.Random, paragraphs: list[str]) -> list[str]:
    """Several insertions, deletions and word changes, spread over the article."""
    out = list(paragraphs)
    for _ in range(5):
        out.insert(rng.randrange(len(out)), _paragraph(rng))
    for _ in range(3):
        del out[rng.randrange(len(out))]
    for _ in range(40):  # a word changed (a typo fixed, a figure corrected)
        i = rng.randrange(len(out))
        words = out[i].split(" ")
        words[rng.randrange(len(words))] = rng.choice(_WORDS)
        out[i] = " ".join(words)
    for _ in range(8):  # a sentence added
        i = rng.randrange(len(out))
        out[i] = out[i] + " " + _sentence(rng)
    for _ in range(8):  # a sentence removed
        i = rng.randrange(len(out))
        sentences = out[i].split(". ")
        if len(sentences) > 1:
            del sentences[rng.randrange(len(sentences))]
            out[i] = ". ".join(sentences)
    return out


def highlights(rng: random.Random, text: str, count: int) -> list[TextSelector]:
    starts = [i + 1 for i, ch in enumerate(text) if ch == " "]
    out = []
    for _ in range(count):
        start = rng.choice(starts)
        end = start
        for _ in range(rng.randint(2, 15)):
            nxt = text.find(" ", end + 1)
            end = nxt if nxt > 0 else len(text)
        out.append(describe(text, start, end))
    return out


def main() -> int:
    rng = random.Random(20240601)
    paragraphs = build_article(rng)
    old = "\n\n".join(paragraphs)
    new = "\n\n".join(edit(rng, paragraphs))
    selectors = highlights(rng, old, HIGHLIGHTS)
    print(
        f"article: {len(old) / 1000:.0f} KB old, {len(new) / 1000:.0f} KB new; "
        f"{len(selectors)} highlights"
    )

    results = reanchor_many(old, new, selectors)
    statuses = Counter(r.status for r in results)
    print("statuses:", ", ".join(f"{n} {s}" for s, n in sorted(statuses.items())))
    wrong = sum(
        1
        for r, s in zip(results, selectors, strict=True)
        if r.start is not None
        and (new[r.start : r.end] != r.quote or (r.status != "fuzzy" and r.quote != s.quote))
    )
    print(f"placed results whose text is not their quote: {wrong}")

    ours = median_seconds(lambda: reanchor_many(old, new, selectors), repeat=5)
    naive = median_seconds(lambda: [new.find(s.quote) for s in selectors], repeat=5)
    lines = median_seconds(
        lambda: SequenceMatcher(
            None, old.splitlines(), new.splitlines(), autojunk=False
        ).get_opcodes(),
        repeat=5,
    )
    for baseline, label in (
        (naive, "naive str.find of each quote"),
        (lines, "difflib line diff alone"),
    ):
        report(
            "re-anchor 500 highlights",
            ours,
            baseline,
            baseline_label=label,
            limit=LIMIT_SECONDS,
        )
    record(
        f"placed off their quote: {wrong} of {len(selectors)}",
        ratio=None,
        baseline="",
        target="0",
        met=not wrong,
    )
    return 0 if ours < LIMIT_SECONDS and not wrong else 1


if __name__ == "__main__":
    sys.exit(main())
