"""Which way an article reads and, when the letters tell, which language it is in."""

from __future__ import annotations

import unicodedata

RTL_LANGUAGES = frozenset({"ar", "he", "iw", "fa", "ur", "ps", "yi", "ckb", "sd", "ug", "dv"})


def _script_counts(text: str, limit: int = 4000) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ch in text[:limit]:
        if not ch.isalpha():
            continue
        code = ord(ch)
        if 0x0590 <= code <= 0x05FF or 0xFB1D <= code <= 0xFB4F:
            key = "hebrew"
        elif 0x0600 <= code <= 0x08FF or 0xFB50 <= code <= 0xFEFF:
            key = "arabic"
        elif 0x0400 <= code <= 0x052F:
            key = "cyrillic"
        elif 0x0370 <= code <= 0x03FF:
            key = "greek"
        elif 0x3040 <= code <= 0x30FF:
            key = "kana"
        elif 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF:
            key = "hangul"
        elif 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
            key = "han"
        elif code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
            key = "latin"
        else:
            key = unicodedata.name(ch, "other").split()[0].lower()
        counts[key] = counts.get(key, 0) + 1
    return counts


def guess_language(text: str) -> str | None:
    """A language code from the script alone, for the scripts that pin one down well enough;
    None for Latin and other shared scripts."""
    counts = _script_counts(text)
    total = sum(counts.values())
    if not total:
        return None
    script, n = max(counts.items(), key=lambda item: item[1])
    if n / total < 0.5:
        return None
    sample = text[:4000]
    if script == "arabic":
        if any(ch in sample for ch in "ٹڈڑںےھ"):
            return "ur"
        if any(ch in sample for ch in "پچژگکی"):
            return "fa"
        return "ar"
    if script == "cyrillic":
        if any(ch in sample for ch in "іїєґІЇЄҐ"):
            return "uk"
        return "ru"
    if script == "han" and counts.get("kana"):
        return "ja"
    return {"hebrew": "he", "greek": "el", "kana": "ja", "hangul": "ko", "han": "zh"}.get(script)


def normalize_language(value: str | None) -> str | None:
    """'en-US', 'en_us' -> 'en'; anything that is not a plausible language tag -> None."""
    if not value:
        return None
    primary = value.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isascii() and primary.isalpha() and 2 <= len(primary) <= 3 else None


def direction(text: str, language: str | None) -> str:
    """'rtl' for Arabic, Hebrew, Persian, Urdu... by the declared language, or by the letters
    that dominate the text (pages often declare no language, or a wrong one)."""
    if normalize_language(language) in RTL_LANGUAGES:
        return "rtl"
    counts = _script_counts(text)
    total = sum(counts.values())
    rtl = counts.get("arabic", 0) + counts.get("hebrew", 0)
    return "rtl" if total and rtl / total > 0.4 else "ltr"
