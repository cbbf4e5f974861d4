"""Figures for docs/reliability.md: set POSTIL_RELIABILITY_REPORT=FILE to collect them."""

from __future__ import annotations

import json
import os
import time


def record(what: str, **figures: object) -> None:
    """Append one JSON line (what, figures, when) to the report file, if one was asked for."""
    target = os.environ.get("POSTIL_RELIABILITY_REPORT")
    if not target:
        return
    with open(target, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"what": what, "at": time.strftime("%Y-%m-%d %H:%M"), **figures}))
        fh.write("\n")
