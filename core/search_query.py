"""What an analyst types in the one search box, read into words and filters.

Words and "quoted phrases" are searched in titles and texts; `-word` (or `-"a phrase"`) must
not be there. Operators narrow the articles: `site:` (the site's name or the address),
`tag:` and `color:` (an article with a highlight so tagged or coloured), `before:` and
`after:` (the date published, else captured; YYYY, YYYY-MM or YYYY-MM-DD), and `is:unread`,
`is:reading`, `is:done`. An operator Postil does not know, or a value it cannot read
(`before:soon`), is searched as the words typed: a query is never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

_TOKEN = re.compile(r'-?"[^"]*"?|\S+')
_OPERATOR = re.compile(r"^(?P<name>[a-z]+):(?P<value>.+)$", re.IGNORECASE)
STATES = ("unread", "reading", "done")
COLOURS = ("yellow", "green", "blue", "red", "purple")


@dataclass(slots=True)
class SearchQuery:
    words: list[str] = field(default_factory=list)  # words and phrases that must be there
    quoted: list[str] = field(default_factory=list)  # those of words typed "in quotes"
    excluded: list[str] = field(default_factory=list)  # ... and must not
    sites: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    colors: list[str] = field(default_factory=list)
    states: list[str] = field(default_factory=list)
    before: date | None = None  # strictly before this day
    after: date | None = None  # strictly after this day
    prefix_last: bool = True  # the last word may be the start of a word (typing goes on)

    @property
    def bare_words(self) -> list[str]:
        """The words typed without quotes: searched by their stems as well."""
        quoted = set(self.quoted)
        return [w for w in self.words if w not in quoted]

    @property
    def filters(self) -> bool:
        return bool(
            self.sites or self.tags or self.colors or self.states or self.before or self.after
        )

    @property
    def empty(self) -> bool:
        return not (self.words or self.excluded or self.filters)


def _day(value: str, *, end: bool) -> date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD; `end` takes the last day of a year or month."""
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 1:
            return date(numbers[0], 12, 31) if end else date(numbers[0], 1, 1)
        if len(numbers) == 2:
            year, month = numbers
            if not end:
                return date(year, month, 1)
            following = date(year + (month == 12), month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        if len(numbers) == 3:
            return date(*numbers)
    except ValueError:
        return None
    return None


def _phrase(token: str) -> str:
    return token.strip('"').strip()


def parse(text: str) -> SearchQuery:
    query = SearchQuery()
    plain_last = False  # whether the last token was a bare word, still being typed
    for token in _TOKEN.findall(text):
        plain_last = False
        if token.startswith("-") and len(token) > 1:
            if phrase := _phrase(token[1:]):
                query.excluded.append(phrase)
            continue
        match = _OPERATOR.match(token) if not token.startswith('"') else None
        if match and _apply(query, match.group("name").lower(), match.group("value")):
            continue
        if phrase := _phrase(token):
            query.words.append(phrase)
            if token.startswith('"'):
                query.quoted.append(phrase)
            plain_last = not token.startswith('"')
    query.prefix_last = plain_last
    return query


def _apply(query: SearchQuery, name: str, value: str) -> bool:
    """Read one operator into the query; False when it is not one (searched as words)."""
    value = value.strip('"').strip()
    if not value:
        return False
    if name == "site":
        query.sites.append(value.casefold())
    elif name == "tag":
        query.tags.append(value.lstrip("#"))
    elif name in ("color", "colour") and value.lower() in COLOURS:
        query.colors.append(value.lower())
    elif name == "is" and value.lower() in STATES:
        query.states.append(value.lower())
    elif name == "before" and (day := _day(value, end=False)) is not None:
        query.before = day
    elif name == "after" and (day := _day(value, end=True)) is not None:
        query.after = day
    else:
        return False
    return True
