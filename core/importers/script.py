"""Which way an article reads and, when the letters tell, which language it is in."""

from __future__ import annotations

import re

RTL_LANGUAGES = frozenset({"ar", "he", "iw", "fa", "ur", "ps", "yi", "ckb", "sd", "ug", "dv"})


_SCRIPTS = {
    "hebrew": re.compile("[\u0590-\u05ff\ufb1d-\ufb4f]"),
    "arabic": re.compile("[\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufeff]"),
    "cyrillic": re.compile("[\u0400-\u052f]"),
    "greek": re.compile("[\u0370-\u03ff]"),
    "kana": re.compile("[\u3040-\u30ff]"),
    "hangul": re.compile("[\uac00-\ud7af\u1100-\u11ff]"),
    "han": re.compile("[\u3400-\u4dbf\u4e00-\u9fff]"),
    "latin": re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff]"),
}


def _script_counts(text: str, limit: int = 4000) -> dict[str, int]:
    """Letters per script in the start of the text (regexes: this runs on every import)."""
    sample = text[:limit]
    return {name: len(pattern.findall(sample)) for name, pattern in _SCRIPTS.items()}


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
