"""Fit the browser-text title model (core.importers.title_model) on the corpus's text pages
that have titles (readability and modern; AEB gives none).

For each page, the candidates browser_text lists are ranked; the target is the candidates
whose headline matches the expected title as the scorer's "title close" counts it (Dice of
the title words >= 0.9). Pages where no candidate matches teach nothing and are left out. The
model is a conditional logit (a softmax over a page's candidates) with an L2 penalty, fitted
by Newton's method with numpy, a development dependency only.

    .venv/bin/python -m bench.title_model_training            # the shipped model, all pages
    .venv/bin/python -m bench.title_model_training --folds    # bench/out/title-models/

Fold k's model never saw a page of fold k: bench/import_quality.py imports fold k with it.
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bench.corpus import DEFAULT_CORPUS, load_scorer, text_pages
from bench.folds import FOLDS, splits

L2 = 1.0  # ridge penalty on the weights, in units of the summed log-likelihood
TITLED = ("readability", "modern")
FOLD_MODELS = Path(__file__).resolve().parent / "out" / "title-models"


def gold_titles(corpus: Path) -> dict[str, str]:
    scorer = load_scorer(corpus)
    found: dict[str, str] = {}
    expected = scorer.load_expected_dir(corpus / "text" / "readability")
    found.update({k: v.get("title") or "" for k, v in expected.items()})
    raw = json.loads((corpus / "text" / "modern" / "ground-truth.json").read_text("utf-8"))
    found.update({k: v.get("title") or "" for k, v in raw.items()})
    return {k: v for k, v in found.items() if v.strip()}


def page_examples(job: tuple[str, bytes, str, str]) -> tuple[str, list[list[float]], list[int]]:
    from bench.corpus import load_scorer
    from core.importers import title_model
    from core.importers.browser_text import headline_text, read_lines, title_candidates
    from core.importers.encoding import decode

    page_id, data, title, corpus = job
    scorer = load_scorer(Path(corpus))
    reading = read_lines(decode(data))
    if reading is None:
        return page_id, [], []
    candidates = title_candidates(
        reading.lines, reading.anchor, reading.subject, reading.first_para
    )
    if not candidates:
        return page_id, [], []
    rows = title_model.feature_rows(reading.lines, candidates)
    heads = {str(k): headline_text(reading.lines, c.index) for k, c in enumerate(candidates)}
    close = scorer.title_scores({k: title for k in heads}, heads)
    labels = [int(close[str(k)][1]) for k in range(len(candidates))]
    return page_id, rows, labels


def examples(corpus: Path) -> dict[str, tuple[list[list[float]], list[int]]]:
    titles = gold_titles(corpus)
    jobs = [
        (page.id, page.data, titles[page.id], str(corpus))
        for part in TITLED
        for page in text_pages(corpus, part)
        if page.id in titles
    ]
    with ProcessPoolExecutor() as pool:
        found = {pid: (rows, labels) for pid, rows, labels in pool.map(page_examples, jobs)}
    return {pid: ex for pid, ex in found.items() if any(ex[1])}  # a match to learn from


def fit(pages: list[tuple[list[list[float]], list[int]]]):
    """Conditional logit: maximise, over pages, the log of the softmax mass of the matching
    candidates."""
    import numpy as np

    from core.importers.title_model import FEATURES, TitleModel

    groups = [(np.asarray(rows, float), np.asarray(labels, bool)) for rows, labels in pages]
    w = np.zeros(len(FEATURES))
    for _ in range(100):
        gradient = -L2 * w
        curvature = L2 * np.eye(len(w))  # minus a concave bound of the Hessian: steps ascend
        for x, y in groups:
            z = x @ w
            p = np.exp(z - z.max())
            p /= p.sum()
            q = np.where(y, np.exp(z - z[y].max()), 0.0)
            q /= q.sum()  # the posterior over the matching candidates
            gradient += x.T @ (q - p)
            mean = x.T @ p
            curvature += (x.T * p) @ x - np.outer(mean, mean)
        step = np.linalg.solve(curvature, gradient)
        w += step
        if np.abs(step).max() < 1e-7:
            break
    return TitleModel(tuple(float(v) for v in w))


def _stamp() -> str:
    """What the fold models depend on besides the pages: the features and the rules."""
    from core.importers import title_model, tuning

    return json.dumps({"features": title_model.FEATURES, "rules": sorted(tuning.RULES)})


def fold_models_current(out: Path = FOLD_MODELS) -> bool:
    """Whether the five fold models were fitted with today's features and rules."""
    stamp = out / "stamp.json"
    files = [out / f"fold-{fold}.json" for fold in range(FOLDS)]
    fresh = stamp.is_file() and stamp.read_text(encoding="utf-8") == _stamp()
    return fresh and all(f.is_file() for f in files)


def train_folds(corpus: Path, out: Path = FOLD_MODELS) -> None:
    data = examples(corpus)
    out.mkdir(parents=True, exist_ok=True)
    for fold, training_ids, _held in splits(data):
        training = [data[i] for i in sorted(training_ids)]
        (out / f"fold-{fold}.json").write_text(fit(training).to_json(), encoding="utf-8")
        print(f"fold {fold}: fitted on {len(training)} pages", flush=True)
    (out / "stamp.json").write_text(_stamp(), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    from core.importers.title_model import DATA

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--folds", action="store_true", help="the five fold models, for the bench")
    args = ap.parse_args(argv)
    if args.folds:
        train_folds(args.corpus)
        return 0
    data = examples(args.corpus)
    model = fit([data[i] for i in sorted(data)])
    DATA.parent.mkdir(parents=True, exist_ok=True)
    DATA.write_text(model.to_json() + "\n", encoding="utf-8")
    print(f"fitted on {len(data)} pages: wrote {DATA}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
