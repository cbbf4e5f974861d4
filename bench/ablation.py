"""Does each importer rule earn its place out of fold? (core/importers/tuning.py)

Every page of a kind's three sets (readability, AEB, modern) is imported with all rules on,
then once more with each rule off. For each fold in turn, the rule is kept when, on the other
four folds' pages, it raises the sum over sets of body F1 (and title close where the set has
titles); that decision is then scored on the held-out fold's pages. The out-of-fold gain is
what those decisions scored over going without the rule; a rule stays only when it is
positive. The modern pages were collected after the rules were written: their column is
the closest thing to unseen pages in the corpus.

    .venv/bin/python -m bench.ablation --kind text|html|pdf [--rule text.barriers ...]

Browser-text pages choose their titles with the title model fitted without their fold
(bench/title_model_training.py), so the title rules are judged on titles no model saw.
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bench.corpus import DEFAULT_CORPUS, Page, load_scorer
from bench.folds import FOLDS, fold_of
from bench.import_quality import gold_of, pages_of

OUT = Path(__file__).resolve().parent / "out" / "ablation"


_title_models: dict[int, object] = {}


def _load_title_models(folder: str) -> None:
    """Worker start: the fold title models."""
    from core.importers.title_model import TitleModel

    for path in Path(folder).glob("fold-*.json"):
        fold = int(path.stem.split("-")[1])
        _title_models[fold] = TitleModel.from_json(path.read_text(encoding="utf-8"))


def _import(job: tuple[Page, tuple[str, ...]]) -> tuple[str, dict[str, str]]:
    from core.importers import title_model, tuning
    from core.importers.dispatch import import_bytes
    from core.importers.errors import ImportRefused

    page, off = job
    model = _title_models.get(fold_of(page.id), title_model.current())
    try:
        with tuning.without(*off), title_model.using(model):
            article = import_bytes(page.data, name=page.id + page.suffix, suffix=page.suffix)
    except ImportRefused:
        return page.id, {"title": "", "body": ""}
    return page.id, {"title": article.title, "body": article.text}


class SetScores:
    """One set's gold, and per-page counts of a run's predictions."""

    def __init__(self, scorer, corpus: Path, name: str) -> None:
        self.name = name
        self.scorer = scorer
        self.gold, self.titles = gold_of(scorer, corpus, name)
        self.pages = [p for p in pages_of(corpus, name) if p.id in self.gold]

    def per_page(self, preds: dict[str, dict[str, str]]) -> dict[str, tuple]:
        """{id: (shingle counts, title close or None)}."""
        found = {}
        closes = {}
        if self.titles is not None:
            titles = {k: preds.get(k, {}).get("title", "") for k in self.gold}
            closes = {k: c for k, (_e, c) in self.scorer.title_scores(self.titles, titles).items()}
        for page_id, body in self.gold.items():
            counts = self.scorer.page_counts(body, preds.get(page_id, {}).get("body", ""))
            found[page_id] = (counts, closes.get(page_id))
        return found

    def objective(self, pages: dict[str, tuple], ids) -> float:
        """Body F1 over `ids`, plus title close where the set has titles."""
        ids = [i for i in ids if i in pages]
        if not ids:
            return 0.0
        value = self.scorer.aggregate([pages[i][0] for i in ids])["f1"]
        closes = [pages[i][1] for i in ids if pages[i][1] is not None]
        return value + (sum(closes) / len(closes) if closes else 0.0)


def _run(pool, sets: list[SetScores], off: tuple[str, ...]) -> dict[str, dict[str, tuple]]:
    runs = {}
    for s in sets:
        preds = dict(pool.map(_import, [(p, off) for p in s.pages], chunksize=4))
        runs[s.name] = s.per_page(preds)
    return runs


def judge(sets: list[SetScores], with_rule, without_rule) -> dict:
    """The out-of-fold verdict on one rule from the two runs' per-page figures."""
    decisions = []
    for fold in range(FOLDS):
        gain = 0.0
        for s in sets:
            training = [i for i in s.gold if fold_of(i) != fold]
            gain += s.objective(with_rule[s.name], training) - s.objective(
                without_rule[s.name], training
            )
        decisions.append(gain > 0)
    report = {"keep_folds": sum(decisions), "decisions": decisions, "sets": {}}
    total = 0.0
    for s in sets:
        chosen = {
            i: (with_rule if decisions[fold_of(i)] else without_rule)[s.name][i] for i in s.gold
        }
        oof = s.objective(chosen, s.gold)
        off = s.objective(without_rule[s.name], s.gold)
        on = s.objective(with_rule[s.name], s.gold)
        report["sets"][s.name] = {"on": on, "off": off, "oof": oof}
        total += oof - off
    report["oof_gain"] = total
    return report


def main(argv: list[str] | None = None) -> int:
    from core.importers.tuning import RULES

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--kind", choices=("text", "html", "pdf"), default="text")
    ap.add_argument("--rule", action="append", help="only these rules")
    args = ap.parse_args(argv)
    prefixes = {"text": ("text.", "title."), "html": ("html.",), "pdf": ("pdf.",)}[args.kind]
    rules = args.rule or [r for r in RULES if r.startswith(prefixes)]
    scorer = load_scorer(args.corpus)
    # Printed PDFs exist for the AEB and modern pages only (bench/pdf_corpus.py).
    parts = ("aeb", "modern") if args.kind == "pdf" else ("readability", "aeb", "modern")
    names = [f"{args.kind}/{part}" for part in parts]
    sets = [SetScores(scorer, args.corpus, name) for name in names]
    OUT.mkdir(parents=True, exist_ok=True)
    from bench.title_model_training import FOLD_MODELS, fold_models_current, train_folds

    if args.kind == "text" and not fold_models_current():
        train_folds(args.corpus)
    with ProcessPoolExecutor(initializer=_load_title_models, initargs=(str(FOLD_MODELS),)) as pool:
        everything = _run(pool, sets, ())
        print(
            f"{'rule':<20} {'keep':>5} {'OOF gain':>9}  "
            + "  ".join(f"{n.split('/')[1] + ' on/off/oof':>24}" for n in names),
            flush=True,
        )
        for rule in rules:
            report = judge(sets, everything, _run(pool, sets, (rule,)))
            cells = "  ".join(
                "{on:.3f}/{off:.3f}/{oof:.3f}".format(**report["sets"][n]).rjust(24) for n in names
            )
            print(
                f"{rule:<20} {report['keep_folds']:>3}/5 {report['oof_gain']:>+9.4f}  {cells}",
                flush=True,
            )
            (OUT / f"{rule}.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(
        "\nobjective per set: body F1 + title close (where the set has titles); on/off: every"
        "\npage with the rule / without it; oof: each fold's pages with the decision taken on"
        "\nthe other four; OOF gain: sum over sets of oof - off. A rule stays when it is > 0."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
