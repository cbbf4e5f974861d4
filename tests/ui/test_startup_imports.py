"""The window's start-up path stays light: extraction, Markdown, sqlite-utils and the
anchoring engine load when first needed, not before the first frame."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from ui.first_frame import HEAVY_LIBRARIES

# The whole start-up, the deferred setup after the first frame included, stays off these
# too: extraction and Markdown load on the first import or note, not at start.
HEAVY = (*HEAVY_LIBRARIES, "core.importers.html_page")


def test_first_frame_imports_nothing_heavy(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "POSTIL_BENCH_FIRST_PAINT": "1",
        "POSTIL_SETTINGS": str(tmp_path / "settings.ini"),
    }
    result = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            str(ROOT / "main.py"),
            "--library",
            str(tmp_path / "library.postil"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert "first-paint" in result.stdout, result.stderr[-2000:]
    imported = {
        line.split("|")[-1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "ui.shell.main_window" in imported
    loaded = sorted(m for m in imported if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert loaded == []
