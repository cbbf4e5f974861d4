"""Import quality on the shared corpus: Postil's importers beside trafilatura alone.

Every page goes through the real import code (core.importers.dispatch.import_bytes); the
baseline is trafilatura on the same input (browser text given to it as one <p> per line).
Figures are printed by the corpus's own scorer.

    .venv/bin/python -m bench.import_quality [--corpus ../shared/corpus] [--only text/aeb]
"""

from __future__ import annotations

import argparse
import contextlib
import html
import io
import json
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bench.corpus import (
    DEFAULT_CORPUS,
    Page,
    aeb_html,
    load_scorer,
    readability_html,
    text_pages,
)
from bench.results import record

SETS = ("html/aeb", "html/readability", "text/aeb", "text/readability")


def postil(page: Page) -> tuple[str, dict[str, str]]:
    from core.importers.dispatch import import_bytes
    from core.importers.errors import ImportRefused

    try:
        article = import_bytes(page.data, name=page.id + page.suffix, suffix=page.suffix)
    except ImportRefused:
        return page.id, {"title": "", "body": ""}
    published = article.published.isoformat() if article.published else ""
    return page.id, {"title": article.title, "body": article.text, "published": published}


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


def published_dates(corpus: Path, name: str, preds: dict) -> str:
    """The scorer leaves dates out: the day of publication found, against the expected one,
    over the pages that declare one (readability sets only)."""
    kind, part = name.split("/")
    if part != "readability":
        return ""
    folder = corpus / kind / "readability"
    right = total = 0
    for page_id, pred in preds.items():
        path = folder / page_id / "expected.json" if kind == "html" else folder / f"{page_id}.json"
        expected = json.loads(path.read_text(encoding="utf-8")).get("published") or ""
        if expected:
            total += 1
            right += (pred.get("published") or "")[:10] == expected[:10]
    return f"{'':21}published day right: {right}/{total}"


def pages_of(corpus: Path, name: str) -> list[Page]:
    if name == "html/aeb":
        return list(aeb_html(corpus))
    if name == "html/readability":
        return list(readability_html(corpus))
    return list(text_pages(corpus, name.split("/")[1]))


def score(scorer, corpus: Path, name: str, label: str, preds: dict) -> float:
    """Print the scorer's figures for the predictions; returns their body F1."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{label}.json"
        path.write_text(json.dumps(preds), encoding="utf-8")
        kind, part = name.split("/")
        args = [str(path), "--seed", "0"]
        if part == "aeb":
            args += ["--gold", str(corpus / kind / "aeb" / "ground-truth.json")]
        else:
            args += ["--expected-dir", str(corpus / kind / "readability")]
        scorer.main([*args, "--n-bootstrap", "200"])
        figures = io.StringIO()
        with contextlib.redirect_stdout(figures):  # the same F1 as JSON, for the table
            scorer.main([*args, "--n-bootstrap", "0", "--json"])
        return float(json.loads(figures.getvalue())["f1"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--only", choices=SETS, action="append")
    ap.add_argument("--no-baseline", action="store_true", help="skip trafilatura alone")
    ap.add_argument("--dump", type=Path, help="write Postil's predictions per set here")
    args = ap.parse_args(argv)
    if not (args.corpus / "score.py").exists():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    scorer = load_scorer(args.corpus)
    runners = [("postil", postil)]
    if not args.no_baseline:
        runners.append(("trafilatura", trafilatura_alone))
    with ProcessPoolExecutor() as pool:
        for name in args.only or SETS:
            pages = pages_of(args.corpus, name)
            print(f"\n== {name} ({len(pages)} pages)")
            f1: dict[str, float] = {}
            for label, run in runners:
                preds = dict(pool.map(run, pages, chunksize=4))
                f1[label] = score(scorer, args.corpus, name, label, preds)
                if line := published_dates(args.corpus, name, preds):
                    print(line)
                if args.dump and label == "postil":
                    args.dump.mkdir(parents=True, exist_ok=True)
                    out = args.dump / (name.replace("/", "-") + ".json")
                    out.write_text(json.dumps(preds, ensure_ascii=False, indent=1), "utf-8")
            base = f1.get("trafilatura")
            record(
                f"{name} body F1 {f1['postil']:.3f}",
                ratio=f1["postil"] / base if base else None,
                baseline=f"trafilatura alone {base:.3f}" if base is not None else "",
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
