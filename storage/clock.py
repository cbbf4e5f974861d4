"""Timestamps as the library stores them: ISO 8601, UTC."""

from __future__ import annotations

from datetime import UTC, datetime


def now_iso(*, precise: bool = False) -> str:
    """To the second for what people read; precise where order within a second matters."""
    now = datetime.now(UTC)
    return (now if precise else now.replace(microsecond=0)).isoformat()
