"""Import quality on the shared corpus, out of fold: Postil's importers beside trafilatura alone.

Eight sets: saved pages (html) and browser text (text) of the readability, AEB and 2026
(modern) pages, and the AEB and modern pages printed to PDF as a browser's "Save as PDF" does
(pdf, built by bench/pdf_corpus.py with the corpus's print_pdf.py). Every page goes through
the real import code (core.importers.dispatch.import_bytes); the baseline is trafilatura on
the same input (browser text given to it as one <p> per line). The PDF sets have two: the
plain text of all pages as pypdfium2 gives it, and trafilatura on the printed page's HTML
(what the page held before printing); they also report how often the source URL is
recovered from the print footer. Figures are the corpus scorer's own (body F1 with its
bootstrap ±, title close where the set has titles), computed by its functions in this
process.

Out of fold: pages fall into five folds by a hash of their id (bench/folds.py). Two things
were chosen by looking at results. Which rules the importers keep (core/importers/tuning.py):
bench/ablation.py decides, for each fold, whether each rule helps on the other four folds,
and here each page is imported with the rules its own fold's decisions keep. And the
browser-text title model (core/importers/title_model.py): each page's title is chosen by the
model fitted without its fold (bench/title_model_training.py --folds, run here when absent).
So no page votes for the rules or weights it is imported with. The "in-sample" column imports
every page with what ships (the rules that won on the whole corpus, the model fitted on every
page); it is printed beside the out-of-fold figure, never alone.

    .venv/bin/python -m bench.import_quality [--corpus ../shared/corpus] [--only text/aeb]
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bench.corpus import DEFAULT_CORPUS, Page, aeb_html, load_scorer, readability_html, text_pages
from bench.folds import fold_of
from bench.results import record

SETS = (
    "html/aeb",
    "html/readability",
    "html/modern",
    "text/aeb",
    "text/readability",
    "text/modern",
    "pdf/aeb",
    "pdf/modern",
)
BOOTSTRAP = 500
OUT = Path(__file__).resolve().parent / "out"
VERDICTS = OUT / "ablation"  # <rule>.json: bench/ablation.py's per-fold decisions

_dropped_in_fold: dict[int, tuple[str, ...]] = {}
_title_models: dict[int, object] = {}


def fold_rule_sets(folder: Path) -> dict[int, tuple[str, ...]]:
    """For each fold, the shipped rules that the other four folds would have dropped."""
    from bench.folds import FOLDS
    from core.importers.tuning import RULES

    dropped: dict[int, list[str]] = {fold: [] for fold in range(FOLDS)}
    for path in sorted(folder.glob("*.json")):
        rule = path.stem
        decisions = json.loads(path.read_text(encoding="utf-8")).get("decisions")
        if rule in RULES and decisions:
            for fold, keep in enumerate(decisions):
                if not keep:
                    dropped[fold].append(rule)
    return {fold: tuple(rules) for fold, rules in dropped.items()}


def _out_of_fold_worker(verdicts: str, title_models: str) -> None:
    """Worker start: each fold's rule set and title model."""
    from core.importers.title_model import TitleModel

    if Path(verdicts).is_dir():
        _dropped_in_fold.update(fold_rule_sets(Path(verdicts)))
    for path in Path(title_models).glob("fold-*.json"):
        fold = int(path.stem.split("-")[1])
        _title_models[fold] = TitleModel.from_json(path.read_text(encoding="utf-8"))


def postil(page: Page) -> tuple[str, dict[str, str]]:
    """The page through the real importer, with its fold's rule set in an out-of-fold run."""
    from core.importers import title_model, tuning
    from core.importers.dispatch import import_bytes
    from core.importers.errors import ImportRefused

    fold = fold_of(page.id)
    model = _title_models.get(fold, title_model.current())  # in-sample: what ships
    try:
        with tuning.without(*_dropped_in_fold.get(fold, ())), title_model.using(model):
            article = import_bytes(page.data, name=page.id + page.suffix, suffix=page.suffix)
    except ImportRefused:
        return page.id, {"title": "", "body": ""}
    published = article.published.isoformat() if article.published else ""
    found = {"title": article.title, "body": article.text, "published": published}
    return page.id, {**found, "url": article.url or ""}


def trafilatura_alone(page: Page) -> tuple[str, dict[str, str]]:
    import trafilatura

    text = page.data.decode("utf-8", errors="replace")
    if page.suffix == ".txt":
        lines = (line.strip() for line in text.splitlines())
        paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in lines if line)
        text = f"<html><body>{paragraphs}</body></html>"
    doc = trafilatura.bare_extraction(text, include_comments=False, with_metadata=True)
    if doc is None:
        return page.id, {"title": "", "body": ""}
    return page.id, {"title": doc.title or "", "body": doc.text or "", "published": doc.date or ""}


def pdfium_text(page: Page) -> tuple[str, dict[str, str]]:
    """Baseline for the PDF sets: every page's text as pypdfium2 gives it, title from the
    document information."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(page.data)
    try:
        body = "\n".join(doc[n].get_textpage().get_text_range() for n in range(len(doc)))
        title = doc.get_metadata_value("Title") or ""
    finally:
        doc.close()
    return page.id, {"title": title, "body": body.replace("\r\n", "\n")}


def trafilatura_on_html(corpus: Path, part: str):
    """Baseline for the PDF sets: trafilatura on the saved page the PDF was printed from."""
    pages = {p.id: p for p in pages_of(corpus, f"html/{part}")}

    def run(page: Page) -> tuple[str, dict[str, str]]:
        return trafilatura_alone(pages[page.id])

    return run


def modern_html(corpus: Path):
    for path in sorted((corpus / "html" / "modern").glob("*.html.gz")):
        yield Page(path.name.removesuffix(".html.gz"), gzip.decompress(path.read_bytes()), ".html")


def pages_of(corpus: Path, name: str) -> list[Page]:
    kind, part = name.split("/")
    if kind == "pdf":
        from bench.pdf_corpus import build, pdf_pages

        try:
            build(corpus, part)  # prints the pages not printed yet (needs Chromium)
        except (SystemExit, OSError, subprocess.CalledProcessError) as exc:
            print(f"warning: {name} not (fully) printed: {exc}", file=sys.stderr)
        return list(pdf_pages(part))  # what is printed, cached in bench/out/pdf
    if kind == "text":
        return list(text_pages(corpus, part))
    return list(
        {"aeb": aeb_html, "readability": readability_html, "modern": modern_html}[part](corpus)
    )


def gold_of(scorer, corpus: Path, name: str) -> tuple[dict[str, str], dict[str, str] | None]:
    """Expected bodies, and titles where the set has them (readability and modern)."""
    kind, part = name.split("/")
    kind = "html" if kind == "pdf" else kind  # the printed pages have the saved pages' truth
    if part == "readability":
        expected = scorer.load_expected_dir(corpus / kind / "readability")
        return (
            {k: v.get("body") or "" for k, v in expected.items()},
            {k: v.get("title") or "" for k, v in expected.items()},
        )
    raw = json.loads((corpus / kind / part / "ground-truth.json").read_text(encoding="utf-8"))
    bodies = {k: scorer.as_text(v) for k, v in raw.items()}
    titles = {k: v.get("title") or "" for k, v in raw.items()} if part == "modern" else None
    return bodies, titles


def urls_of(corpus: Path, name: str) -> dict[str, str]:
    part = name.split("/")[1]
    raw = json.loads((corpus / "html" / part / "ground-truth.json").read_text(encoding="utf-8"))
    return {k: v.get("url") or "" for k, v in raw.items()}


def measure(
    scorer, gold, titles, preds: dict[str, dict[str, str]], urls: dict[str, str] | None = None
) -> dict[str, float]:
    """Body F1 with its bootstrap std, the title close rate when there are titles, and the
    share of pages whose source URL was recovered exactly when `urls` are given."""
    bodies = {k: preds.get(k, {}).get("body", "") for k in gold}
    result, _per_page = scorer.score(gold, bodies, BOOTSTRAP, 0)
    figures = {"f1": result["f1"], "f1_std": result["f1_std"]}
    if urls is not None:
        found = [preds.get(k, {}).get("url", "") == urls.get(k) for k in gold]
        figures["url"] = sum(found) / max(1, len(found))
    if titles is not None:
        found = {k: preds.get(k, {}).get("title", "") for k in gold}
        rates = scorer.title_scores(titles, found)
        figures["title_close"] = sum(c for _e, c in rates.values()) / max(1, len(rates))
    return figures


def _cell(figures: dict[str, float] | None) -> str:
    if figures is None:
        return f"{'–':>14}"
    return f"{figures['f1']:.3f} ± {figures['f1_std']:.3f}".rjust(14)


def _title(figures: dict[str, float] | None) -> str:
    if figures is None or "title_close" not in figures:
        return f"{'–':>6}"
    return f"{figures['title_close']:.3f}".rjust(6)


def run(corpus: Path, sets: tuple[str, ...]) -> int:
    scorer = load_scorer(corpus)
    rows = []
    pdf_rows: list[tuple] = []
    from bench.title_model_training import FOLD_MODELS, fold_models_current, train_folds
    from core.importers.tuning import RULES

    if not fold_models_current():
        train_folds(corpus)  # none yet, or fitted before the features or rules changed
    decided = {p.stem for p in VERDICTS.glob("*.json")} if VERDICTS.is_dir() else set()
    undecided = sorted(set(RULES) - decided - {"title.below_date"})
    if undecided:
        print(
            f"warning: no ablation verdict for {', '.join(undecided)} (bench/ablation.py):"
            " those rules count as kept in every fold, which is in-sample for them",
            file=sys.stderr,
        )
    workers = (str(VERDICTS), str(FOLD_MODELS))
    with (
        ProcessPoolExecutor(initializer=_out_of_fold_worker, initargs=workers) as oof,
        ProcessPoolExecutor() as plain,
    ):
        for name in sets:
            pages = pages_of(corpus, name)
            gold, titles = gold_of(scorer, corpus, name)
            pages = [p for p in pages if p.id in gold]
            print(f"== {name} ({len(pages)} pages)", flush=True)
            if not pages:
                continue  # a PDF set that could not be printed here (no Chromium)
            if name.startswith("pdf/"):
                # a page Chromium could not print (bench/pdf_corpus.py logs why) is not scored
                gold = {k: v for k, v in gold.items() if k in {p.id for p in pages}}
                titles = {k: v for k, v in titles.items() if k in gold} if titles else titles
                pdf_rows.append(_pdf_set(corpus, scorer, name, pages, gold, titles, plain, oof))
                continue
            base = measure(scorer, gold, titles, dict(plain.map(trafilatura_alone, pages)))
            shipped = measure(scorer, gold, titles, dict(plain.map(postil, pages, chunksize=4)))
            held = measure(scorer, gold, titles, dict(oof.map(postil, pages, chunksize=4)))
            rows.append((name, len(pages), base, held, shipped))
            record(
                f"{name} body F1 {held['f1']:.3f} out of fold",
                ratio=held["f1"] / base["f1"] if base["f1"] else None,
                baseline=f"trafilatura alone {base['f1']:.3f}",
            )
    if rows:
        _print_table(rows)
    if pdf_rows:
        _print_pdf_table(pdf_rows)
    return 0


def _pdf_set(corpus, scorer, name, pages, gold, titles, plain, oof) -> tuple:
    """One PDF set: the two baselines, Postil out of fold and in-sample, URLs recovered."""
    part = name.split("/")[1]
    urls = urls_of(corpus, name)
    html_pages = {p.id for p in pages_of(corpus, f"html/{part}")}
    on_html = [p for p in pages if p.id in html_pages]
    text = measure(scorer, gold, titles, dict(plain.map(pdfium_text, pages)))
    on_page = trafilatura_on_html(corpus, part)
    traf = measure(scorer, gold, titles, dict(map(on_page, on_html)))
    shipped = measure(scorer, gold, titles, dict(plain.map(postil, pages, chunksize=4)), urls)
    held = measure(scorer, gold, titles, dict(oof.map(postil, pages, chunksize=4)), urls)
    record(
        f"{name} body F1 {held['f1']:.3f} out of fold, source URL {held['url']:.1%}",
        ratio=held["f1"] / text["f1"] if text["f1"] else None,
        baseline=f"pypdfium2 plain text {text['f1']:.3f}, trafilatura on the HTML {traf['f1']:.3f}",
        target=">= 0.92 body F1, >= 95% URL, >= 0.85 title close",
        met=held["f1"] >= 0.92 and held["url"] >= 0.95 and held.get("title_close", 1) >= 0.85,
    )
    return name, len(pages), text, traf, held, shipped


def _print_pdf_table(rows: list[tuple]) -> None:
    print()
    print(
        f"{'set':<11} {'pages':>5}  {'pypdfium2 text':>14}  {'traf. on HTML':>14}"
        f"  {'Postil, out of fold':>19}  {'in-sample':>14}  {'URL':>6}"
        f"  {'title close: pdfium':>19}  {'traf.':>6}  {'Postil':>6}"
    )
    for name, count, text, traf, held, shipped in rows:
        print(
            f"{name:<11} {count:>5}  {_cell(text):>14}  {_cell(traf):>14}  {_cell(held):>19}"
            f"  {_cell(shipped):>14}  {held['url']:>6.1%}  {_title(text):>19}  {_title(traf):>6}"
            f"  {_title(held):>6}"
        )
    print(
        "\nPDF sets: the corpus pages printed by Chromium (bench/pdf_corpus.py). Baselines:"
        "\npypdfium2's plain text of all pages, trafilatura on the page's saved HTML. URL: the"
        "\nshare of pages whose source URL (from the print footer) is exactly the page's own."
    )


def _print_table(rows: list[tuple]) -> None:
    print()
    print(
        f"{'set':<17} {'pages':>5}  {'trafilatura alone':>17}  {'Postil, out of fold':>19}"
        f"  {'in-sample':>14}  {'title close: traf.':>18}  {'Postil':>6}  {'in-sample':>9}"
    )
    for name, count, base, held, shipped in rows:
        print(
            f"{name:<17} {count:>5}  {_cell(base):>17}  {_cell(held):>19}  {_cell(shipped):>14}"
            f"  {_title(base):>18}  {_title(held):>6}  {_title(shipped):>9}"
        )
    print(
        "\nbody F1 ± bootstrap std (500 resamples); title close: the scorer's rate (Dice of"
        "\ntitle words >= 0.9), out of fold. Out of fold: each page imported with the rules"
        "\nand the title model chosen on the other four folds; in-sample: with what ships."
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--only", choices=SETS, action="append")
    args = ap.parse_args(argv)
    if not (args.corpus / "score.py").exists():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    sets = tuple(args.only or SETS)
    return run(args.corpus, sets)


if __name__ == "__main__":
    sys.exit(main())
