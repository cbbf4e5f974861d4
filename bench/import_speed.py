"""Import throughput on the corpus's AEB pages, against trafilatura alone on the same pages in
the same run: one core (import_bytes page after page) and a folder import (batch.parse_paths
on two workers). Targets: >= 0.9x on one core, >= 1.5x for the folder import.

Beside it, PDF: the same pages printed to PDF (bench/pdf_corpus.py, when built), imported on
one core; reported in documents and in printed pages (sheets) per second, as a ratio to the
saved pages' HTML import of the same articles. No target: it says what PDF import costs.

    .venv/bin/python -m bench.import_speed [--corpus ../shared/corpus] [--rounds 3]
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.corpus import DEFAULT_CORPUS, Page, aeb_html
from bench.results import record


def trafilatura_alone(pages: list[Page]) -> None:
    import trafilatura

    for page in pages:
        trafilatura.bare_extraction(page.data, include_comments=False, with_metadata=True)


def postil_one_core(pages: list[Page]) -> None:
    from core.importers.dispatch import import_bytes
    from core.importers.errors import ImportRefused

    for page in pages:
        with contextlib.suppress(ImportRefused):
            import_bytes(page.data, name=page.id + ".html", suffix=".html")


def postil_pdf(pages: list[Page]) -> None:
    from core.importers.dispatch import import_bytes
    from core.importers.errors import ImportRefused

    for page in pages:
        with contextlib.suppress(ImportRefused):
            import_bytes(page.data, name=page.id + ".pdf", suffix=".pdf")


def sheets(pages: list[Page]) -> int:
    """Printed pages in the PDFs."""
    import pypdfium2 as pdfium

    total = 0
    for page in pages:
        doc = pdfium.PdfDocument(page.data)
        total += len(doc)
        doc.close()
    return total


def pdf_speed(rounds: int, html_seconds: float, html_count: int) -> None:
    """PDF import on one core beside the HTML import of the same articles."""
    from bench.pdf_corpus import pdf_pages

    pdfs = list(pdf_pages("aeb"))
    if not pdfs:
        print("  (no printed PDFs: python -m bench.pdf_corpus builds them)")
        return
    postil_pdf(pdfs[:2])
    seconds = best_of(rounds, postil_pdf, pdfs)
    count, printed = len(pdfs), sheets(pdfs)
    html_rate = html_count / html_seconds
    print(f"pdf/aeb: {count} PDFs, {printed} printed pages, best of {rounds} rounds")
    print(
        f"  Postil PDF import, one core  : {seconds:6.2f} s  {count / seconds:6.1f} PDFs/s"
        f"  {printed / seconds:6.1f} pages/s"
    )
    record(
        f"PDF import, one core: {printed / seconds:.1f} printed pages/s"
        f" ({count / seconds:.1f} PDFs/s)",
        ratio=(count / seconds) / html_rate,
        baseline=f"the same articles' saved pages (HTML), {html_rate:.1f} pages/s",
    )


def postil_folder(folder: Path, workers: int) -> Callable[[list[Page]], None]:
    def run(pages: list[Page]) -> None:
        from core.importers.batch import parse_paths

        done = sum(1 for _ in parse_paths([folder], workers=workers))
        assert done == len(pages), (done, len(pages))

    return run


def best_of(rounds: int, run: Callable[[list[Page]], None], pages: list[Page]) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run(pages)
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)
    pages = list(aeb_html(args.corpus))
    if not pages:
        print(f"no AEB pages under {args.corpus}", file=sys.stderr)
        return 2
    # Warm both paths once (imports, caches) so neither pays its start-up in the timing.
    trafilatura_alone(pages[:3])
    postil_one_core(pages[:3])
    base = best_of(args.rounds, trafilatura_alone, pages)
    ours = best_of(args.rounds, postil_one_core, pages)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for page in pages:
            (folder / f"{page.id}.html").write_bytes(page.data)
        batch = best_of(args.rounds, postil_folder(folder, args.workers), pages)
    n = len(pages)
    print(f"html/aeb: {n} pages, best of {args.rounds} rounds")
    print(f"  trafilatura alone, one core : {base:6.2f} s  {n / base:6.1f} pages/s")
    print(f"  Postil import_bytes, one core: {ours:6.2f} s  {n / ours:6.1f} pages/s")
    print(
        f"  Postil folder import, {args.workers} workers: {batch:6.2f} s  {n / batch:6.1f} pages/s"
    )
    one, many = base / ours, base / batch
    for label, ratio, target, seconds, how in (
        ("one core", one, 0.9, ours, "import, one core"),
        ("folder import", many, 1.5, batch, f"folder import, {args.workers} workers"),
    ):
        verdict = "met" if ratio >= target else "NOT met"
        print(f"  ratio {label:<13}: {ratio:.2f}x  (target >= {target}x: {verdict})")
        record(
            f"{how}: {n / seconds:.1f} pages/s",
            ratio=ratio,
            baseline=f"trafilatura alone {n / base:.1f} pages/s",
            target=f">= {target:.2f}x",
            met=ratio >= target,
        )
    pdf_speed(args.rounds, ours, n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
