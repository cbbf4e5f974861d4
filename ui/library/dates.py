"""Dates as the window shows them: '8 December 2025, 17:49', in the analyst's locale order."""

from __future__ import annotations

from datetime import datetime


def display_datetime(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        value = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    # a bare date, or midnight with no zone (what a date-only source becomes): no time
    if len(iso) <= 10 or (value.tzinfo is None and (value.hour, value.minute) == (0, 0)):
        return f"{value.day} {value:%B %Y}"
    return f"{value.day} {value:%B %Y}, {value:%H:%M}"


def display_date(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        value = datetime.fromisoformat(iso)
    except ValueError:
        return iso[:10]
    return f"{value.day} {value:%b %Y}"
