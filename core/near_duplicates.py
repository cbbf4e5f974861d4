"""Is a new capture the same article as one already in the library?

Versions used to be matched by source URL only, and text copied out of a browser has none:
the same article captured twice (a browser copy, then the saved page) became two articles.
Two captures of one article share nearly all of their wording, but not all of it: the
browser copy keeps a few menu or credit lines the importer could not tell from the body, or
misses a caption or a list the saved page has. So they are compared on word shingles (runs
of SHINGLE_WORDS consecutive words, hashed), not on their exact text.

Same article: the smaller capture's shingles are nearly all (MIN_CONTAINMENT) in the larger
one, and the smaller is not much smaller (MIN_LENGTH_RATIO). Containment of the smaller in
the larger forgives what one capture has and the other lacks; the length bound keeps a
press release from being merged into the longer article that quotes it whole.

Finding candidates in a large library: each article keeps a signature, the SIGNATURE_SIZE
smallest hash values of its shingles (a bottom-k sketch). Two texts that share a large part
of their shingles share a proportional part of their smallest hashes, so a stored article
whose signature shares at least MIN_SHARED values with the new capture's is a candidate, and
only candidates are compared on their full text. Hashes are BLAKE2b, stable across processes
and platforms, so signatures stored by one run are valid in the next.

Qt-free and SQL-free: storage.near_duplicates keeps the signatures and asks the questions.
"""

from __future__ import annotations

import hashlib
import heapq
import re
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple
from urllib.parse import urlsplit

SHINGLE_WORDS = 5  # words per shingle: two unrelated texts rarely share five words in a row
SIGNATURE_SIZE = 32  # smallest shingle hashes stored per article to find candidates by
MIN_SHARED = 4  # signature values a stored article must share to be compared in full
MAX_CANDIDATES = 5  # candidates compared on their full text, most shared values first
MIN_SHINGLES = 50  # distinct shingles (about 55 words) each capture needs to be compared at all
MIN_CONTAINMENT = 0.8  # share of the smaller capture's shingles that the larger must have
MIN_LENGTH_RATIO = 0.7  # the smaller capture has at least this share of the larger's shingles

# Scripts written without spaces between words: each character is a word of its own, so
# that Chinese, Japanese or Thai text yields shingles at all.
_UNSPACED = re.compile(r"([\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])")
_WORD = re.compile(r"[^\W_]+")

# How well a capture's structure survives: a saved page keeps headings, quotes, lists,
# images and its metadata; a Markdown note keeps headings and lists; a PDF keeps headings
# (from its font sizes), paragraphs and figures, but rebuilt from positions on the page,
# without the links and quotes a saved page marks; a Word memo or an EPUB keeps headings,
# lists and quotes from its styles; browser text keeps only lines. The better-structured
# capture of one article is the one to read and annotate.
STRUCTURE_RANK = {
    "html": 2,
    "mhtml": 2,
    "markdown": 1,
    "email": 1,
    "pdf": 1,
    "docx": 1,
    "epub": 1,
    "text": 0,
}


def words(text: str) -> list[str]:
    """The text's words, case-folded, without punctuation: a straight quote against a curly
    one, or a bullet before a list item, is not a difference between two captures."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _WORD.findall(_UNSPACED.sub(r" \1 ", folded))


def shingles(text: str) -> frozenset[int]:
    """The distinct hashed word shingles of a text (a text shorter than one shingle has one,
    itself), as signed 64-bit integers: what SQLite stores as an INTEGER."""
    found = words(text)
    if not found:
        return frozenset()
    count = max(1, len(found) - SHINGLE_WORDS + 1)
    return frozenset(_hash(" ".join(found[i : i + SHINGLE_WORDS])) for i in range(count))


def _hash(shingle: str) -> int:
    digest = hashlib.blake2b(shingle.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def signature(text_shingles: Iterable[int]) -> list[int]:
    """The SIGNATURE_SIZE smallest shingle hashes, ascending; none for a text too short to
    be compared (it would only find coincidences)."""
    values = text_shingles if isinstance(text_shingles, frozenset) else frozenset(text_shingles)
    if len(values) < MIN_SHINGLES:
        return []
    return heapq.nsmallest(SIGNATURE_SIZE, values)


class Resemblance(NamedTuple):
    """How two captures compare: containment of the smaller in the larger, and their sizes'
    ratio (smaller over larger), both 0.0 to 1.0."""

    containment: float
    length_ratio: float

    @property
    def same_article(self) -> bool:
        return self.containment >= MIN_CONTAINMENT and self.length_ratio >= MIN_LENGTH_RATIO


NOTHING_ALIKE = Resemblance(0.0, 0.0)


def resemblance(a: frozenset[int], b: frozenset[int]) -> Resemblance:
    """Compare two shingle sets (see shingles). A capture too short to tell a copy from a
    coincidence (fewer than MIN_SHINGLES) resembles nothing."""
    smaller, larger = (a, b) if len(a) <= len(b) else (b, a)
    if len(smaller) < MIN_SHINGLES:
        return NOTHING_ALIKE
    shared = len(smaller & larger)
    return Resemblance(shared / len(smaller), len(smaller) / len(larger))


def same_article(text_a: str, text_b: str) -> bool:
    """Whether two canonical texts are captures of one article."""
    return resemblance(shingles(text_a), shingles(text_b)).same_article


def structure_rank(source_kind: str) -> int:
    """Higher is better structured (STRUCTURE_RANK); an unknown kind ranks as plain text."""
    return STRUCTURE_RANK.get(source_kind, 0)


def sources_differ(url_a: str | None, url_b: str | None) -> bool:
    """Two captures that name different pages are kept apart however alike their text: the
    same wire story on two sites is two sources to an analyst. Scheme, "www.", a trailing
    slash, the query and the fragment do not make a page different."""
    if not url_a or not url_b:
        return False
    return _page(url_a) != _page(url_b)


def _page(url: str) -> str:
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").casefold().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}" if host else url.strip()
