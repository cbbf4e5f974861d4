"""PDFs through `main.py import`, as a user runs it: a folder with a printed news page, a
two-column report and a scan is imported through the batch path, one line per file, the scan
refused in one line and nothing of it written; a later print of the same page is a version."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.core import pdf_fixtures as fx

ROOT = Path(__file__).resolve().parent.parent.parent


def postil(library: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "POSTIL_LIBRARY"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--library", str(library), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


def test_folder_of_pdfs_imports_and_refuses_the_scan(qapp, tmp_path: Path) -> None:
    folder = tmp_path / "pdfs"
    folder.mkdir()
    fx.printed_news(folder / "news.pdf")
    fx.report(folder / "report.pdf")
    fx.scanned(folder / "scan.pdf")
    library = tmp_path / "lib.postil"

    result = postil(library, "import", str(folder))
    assert result.returncode == 1, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3 and sum(x.startswith("imported") for x in lines) == 2
    failed = [x for x in lines if x.startswith("failed")]
    assert len(failed) == 1 and "scan.pdf" in failed[0] and "no text layer" in failed[0]
    assert "Traceback" not in result.stderr

    listed = json.loads(postil(library, "list", "--json").stdout)
    assert sorted(a["title"] for a in listed) == sorted([fx.NEWS_HEADLINE, fx.REPORT_TITLE])
    news = next(a for a in listed if a["title"] == fx.NEWS_HEADLINE)
    shown = json.loads(postil(library, "show", str(news["id"]), "--json").stdout)
    assert shown["url"] == fx.NEWS_URL
    assert fx.NEWS_PARAGRAPHS[0] in json.dumps(shown, ensure_ascii=False)

    again = tmp_path / "again"
    again.mkdir()
    fx.printed_news(again / "news-printed-later.pdf")
    second = postil(library, "import", "--json", str(again / "news-printed-later.pdf"))
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout)[0]["status"] in {"exists", "version"}
