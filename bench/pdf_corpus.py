"""The corpus pages printed to PDF as a person's "Save as PDF" does, built once and cached.

The PDF sets of the import-quality bench (pdf/aeb, pdf/modern) are the corpus's saved pages
printed by the corpus's own script, ../shared/corpus/print_pdf.py: headless Chromium,
JavaScript off, no network, Letter paper, the default header (print date, page title) and
footer (the page's address, "page/pages"). The address in the footer is the page's original
URL from the set's ground truth, as a person printing the article would see it.

Printing needs Chromium, chromedriver and selenium (Debian: `apt-get install chromium
chromium-driver`; selenium from PyPI, in any interpreter given with --python). The PDFs land
in bench/out/pdf/<set>/<id>.pdf (git-ignored); a page already printed, or one the script
skipped before (its log says why), is not printed again.

    .venv/bin/python -m bench.pdf_corpus [--corpus ../shared/corpus] [--python PY] [--only aeb]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from bench.corpus import DEFAULT_CORPUS, Page

OUT = Path(__file__).resolve().parent / "out" / "pdf"
PARTS = ("aeb", "modern")


def printed_dir(part: str) -> Path:
    return OUT / part


def _urls(corpus: Path, part: str) -> dict[str, str]:
    truth = json.loads((corpus / "html" / part / "ground-truth.json").read_text("utf-8"))
    return {k: v.get("url") or "" for k, v in truth.items()}


def _sources(corpus: Path, part: str) -> Iterator[tuple[str, Path]]:
    for path in sorted((corpus / "html" / part).glob("*.html.gz")):
        yield path.name.removesuffix(".html.gz"), path


def _log_path(part: str) -> Path:
    return printed_dir(part) / "print-log.json"


def skipped(part: str) -> dict[str, str]:
    """Pages the print script could not print before, with its reason."""
    path = _log_path(part)
    log = json.loads(path.read_text("utf-8")) if path.exists() else {}
    folder = printed_dir(part)
    return {k: v for k, v in log.items() if not (folder / f"{k}.pdf").exists()}


def pdf_pages(part: str) -> Iterator[Page]:
    """The printed pages of one set (only those already built)."""
    for path in sorted(printed_dir(part).glob("*.pdf")):
        yield Page(path.stem, path.read_bytes(), ".pdf")


def _printer_python(given: str | None) -> str:
    """An interpreter that has selenium: the one given, this one, or the system's."""
    candidates = [given] if given else [os.environ.get("POSTIL_PRINT_PYTHON"), sys.executable]
    candidates.append(shutil.which("python3"))
    for python in filter(None, candidates):
        probe = subprocess.run([python, "-c", "import selenium"], capture_output=True)
        if probe.returncode == 0:
            return python
    raise SystemExit("no Python with selenium found: give one with --python")


def build(corpus: Path, part: str, *, python: str | None = None) -> int:
    """Print the set's pages not printed (nor skipped) yet; returns how many were missing."""
    folder = printed_dir(part)
    folder.mkdir(parents=True, exist_ok=True)
    done = {p.stem for p in folder.glob("*.pdf")}
    tried = _log_path(part)
    old_log = json.loads(tried.read_text("utf-8")) if tried.exists() else {}
    urls = _urls(corpus, part)
    todo = [(k, p) for k, p in _sources(corpus, part) if k not in done and k not in old_log]
    if not todo:
        return 0
    if shutil.which("chromium") is None or shutil.which("chromedriver") is None:
        raise SystemExit("printing the corpus needs chromium and chromedriver on the PATH")
    html_dir = OUT / "html" / part
    html_dir.mkdir(parents=True, exist_ok=True)
    lines = []
    for name, path in todo:
        page = html_dir / f"{name}.html"
        page.write_bytes(gzip.decompress(path.read_bytes()))
        lines.append(f"{name}\t{page}\t{urls.get(name, '')}\n")
    listing = OUT / f"{part}-list.tsv"
    listing.write_text("".join(lines), encoding="utf-8")
    new_log = OUT / f"{part}-log.json"
    script = corpus / "print_pdf.py"
    command = [_printer_python(python), str(script), "--log", str(new_log), str(listing)]
    subprocess.run([*command, str(folder)], check=True)
    log = {**old_log, **json.loads(new_log.read_text("utf-8"))}
    tried.write_text(json.dumps(log, indent=1, sort_keys=True), encoding="utf-8")
    return len(todo)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--python", help="an interpreter with selenium installed")
    ap.add_argument("--only", choices=PARTS, action="append")
    args = ap.parse_args(argv)
    for part in args.only or PARTS:
        missing = build(args.corpus, part, python=args.python)
        count = len(list(printed_dir(part).glob("*.pdf")))
        print(f"pdf/{part}: {count} printed ({missing} new), {len(skipped(part))} skipped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
