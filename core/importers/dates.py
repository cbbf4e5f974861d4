"""Publication dates as pages print them ("08 December 2025 17:49", "14 марта 2026, 09:30")
or declare them in metadata (ISO 8601).

A small parser of our own rather than dateparser: it is fast enough to try on every short line
of a page and never guesses a date out of a line that merely holds a number.
"""

from __future__ import annotations

import re
from datetime import datetime

# Month names and abbreviations per month, "|"-separated ("كانون الثاني" holds a space).
_MONTH_WORDS = (
    (
        "january|jan|janvier|janv|januar|jän|enero|ene|gennaio|gen|janeiro|januari|styczeń|"
        "stycznia|января|январь|янв|січня|ocak|كانون الثاني|يناير|ژانویه"
    ),
    (
        "february|feb|février|févr|februar|febrero|febbraio|fevereiro|fev|februari|luty|"
        "lutego|февраля|февраль|фев|лютого|şubat|شباط|فبراير|فوریه"
    ),
    ("march|mar|mars|märz|marzo|março|maart|marzec|marca|марта|март|мар|березня|mart|آذار|مارس"),
    (
        "april|apr|avril|abril|aprile|kwiecień|kwietnia|апреля|апрель|апр|квітня|nisan|نيسان|"
        "أبريل|ابريل|آوریل"
    ),
    ("may|mai|mayo|maggio|maio|mei|maj|maja|мая|май|травня|mayıs|أيار|مايو|مه"),
    (
        "june|jun|juin|juni|junio|giugno|junho|czerwiec|czerwca|июня|июнь|червня|haziran|"
        "حزيران|يونيو|ژوئن"
    ),
    (
        "july|jul|juillet|juil|juli|julio|luglio|julho|lipiec|lipca|июля|июль|липня|temmuz|"
        "تموز|يوليو|ژوئیه"
    ),
    (
        "august|aug|août|agosto|augustus|sierpień|sierpnia|августа|август|авг|серпня|ağustos|"
        "آب|أغسطس|اغسطس|اوت"
    ),
    (
        "september|sep|sept|septembre|septiembre|settembre|setembro|set|wrzesień|września|"
        "сентября|сентябрь|сен|вересня|eylül|أيلول|سبتمبر|سپتامبر"
    ),
    (
        "october|oct|octobre|oktober|okt|octubre|ottobre|outubro|out|październik|"
        "października|октября|октябрь|окт|жовтня|ekim|تشرين الأول|أكتوبر|اكتوبر|اکتبر"
    ),
    (
        "november|nov|novembre|noviembre|novembro|listopad|listopada|ноября|ноябрь|ноя|"
        "листопада|kasım|تشرين الثاني|نوفمبر|نوامبر"
    ),
    (
        "december|dec|décembre|déc|dezember|dez|diciembre|dic|dicembre|dezembro|grudzień|"
        "grudnia|декабря|декабрь|дек|грудня|aralık|كانون الأول|ديسمبر|دسامبر"
    ),
)
_MONTHS = {w: n for n, words in enumerate(_MONTH_WORDS, 1) for w in words.split("|")}
# Longest names first so "كانون الثاني" wins over a shorter prefix; "آذار/مارس" is two names.
_MONTH_ALT = "|".join(sorted((re.escape(w) for w in _MONTHS), key=len, reverse=True))
_MONTH = rf"(?P<month>(?:{_MONTH_ALT})(?:\s*/\s*(?:{_MONTH_ALT}))?)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|\.|º)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = (
    r"(?:[\s,:;|·•\-–—]*(?:at|à|um|в|a las|alle|às)?\s*"
    r"(?P<hour>[0-2]?\d)[:.h](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?\s*"
    r"(?P<ampm>[ap]\.?m\.?)?)?"
)
_TEXT_DATES = [
    re.compile(rf"(?<!\w){_DAY}\s*(?:de\s+)?{_MONTH}(?:\s*de)?[\s,]*{_YEAR}(?!\d){_TIME}", re.I),
    re.compile(rf"(?<!\w){_MONTH}\s+{_DAY},?\s*{_YEAR}(?!\d){_TIME}", re.I),
    re.compile(
        rf"(?<!\d){_YEAR}-(?P<nmonth>[01]?\d)-(?P<day>[0-3]?\d)(?!\d)(?:[T\s]*"
        r"(?P<hour>[0-2]\d):(?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?)?"
    ),
    re.compile(rf"(?<!\d)(?P<day>[0-3]?\d)\.(?P<nmonth>[01]?\d)\.{_YEAR}(?!\d){_TIME}"),
]
# 26/2/2015 or 2/26/2015 7:11 AM PST: which number is the month is told by the one above 12,
# else by an American sign beside it (a.m./p.m. or a US time zone: month first), else the
# day comes first as in most of the world. A two-digit year only with a time after it.
_SLASH_DATE = re.compile(
    rf"(?<![\d/])(?P<lead>[0-3]?\d)/(?P<follow>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)(?![\d/])"
    rf"{_TIME}(?P<zone>\s*\b(?-i:[ECMP][SD]T|[ECMP]T)\b)?",
    re.I,
)


def _hour(match: re.Match[str]) -> tuple[int, int, int]:
    if not match.group("hour"):
        return 0, 0, 0
    hour, minute = int(match.group("hour")), int(match.group("minute"))
    second = int(match.group("second") or 0)
    ampm = (match.groupdict().get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return hour, minute, second


def _slash_date(match: re.Match[str]) -> datetime | None:
    first, second, year = int(match["lead"]), int(match["follow"]), match["year"]
    if len(year) == 2:
        if not match["hour"]:
            return None  # 10/11/12 alone is too likely something else
        year = f"20{year}"
    american = bool(match["ampm"] or match["zone"])
    month_first = second > 12 or (first <= 12 and american)
    month, day = (first, second) if month_first else (second, first)
    try:
        return datetime(int(year), month, day, *_hour(match))
    except ValueError:
        return None


def find_date(text: str) -> tuple[datetime, tuple[int, int]] | None:
    """The first date (with its time, when printed beside it) in a short piece of text, and
    where it lies in the text."""
    found = _find_patterned_date(text)
    if found is not None:
        return found
    for match in _SLASH_DATE.finditer(text):
        when = _slash_date(match)
        if when is not None:
            return when, match.span()
    return None


def _find_patterned_date(text: str) -> tuple[datetime, tuple[int, int]] | None:
    for pattern in _TEXT_DATES:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            if groups.get("nmonth"):
                month = int(groups["nmonth"])
            else:
                first = re.split(r"\s*/\s*", match.group("month").lower())[0]
                month = _MONTHS.get(first.rstrip("."), 0)
            try:
                when = datetime(
                    int(match.group("year")), month, int(match.group("day")), *_hour(match)
                )
            except ValueError:
                continue
            return when, match.span()
    return None


def parse_iso(value: str) -> datetime | None:
    """An ISO 8601 date from metadata; aware when it carries an offset, else naive."""
    value = value.strip()
    if not value:
        return None
    text = value.replace("Z", "+00:00").replace("z", "+00:00")
    text = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", text)  # +0200 -> +02:00
    text = re.sub(r"\.\d+", "", text, count=1) if "T" in text else text
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    match = re.match(r"(\d{4})-(\d\d)-(\d\d)", text)
    if match:
        try:
            return datetime(*map(int, match.groups()))
        except ValueError:
            return None
    found = find_date(value)
    return found[0] if found else None
