"""Re-anchoring: where each highlight of an article's old text lies in its new text.

Three tries, most trusted first, for each stored selector:

1. Through the diff: the stored range, mapped from the old text to the new one, still holds
   the quote. A short quote also needs one side of its context to agree, since a word diff
   happily aligns a lone "the" inside a rewritten paragraph.
2. Exact search: the quote elsewhere, ranked by how well its surroundings agree with the stored
   prefix and suffix, then by closeness to where the diff puts the old place.
3. Fuzzy search: the quote with at most 20 % of its characters edited, first around the old
   place, then anywhere its pieces occur; the stored quote is replaced by the new text.

A wrong placement is worse than an orphan, so every try refuses a place that the diff shows
was already there, unchanged, somewhere else in the old text (a look-alike that survived the
deletion of the passage is not the passage), and a short quote never moves on its text alone.
An orphan keeps its quote, prefix and suffix, so it can be re-attached later.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import regex

from core.anchoring.context import AGREES, ContextScore, adjacent_agreement, score_context
from core.anchoring.diffmap import DiffMap
from core.anchoring.errors import QuoteNotFound
from core.anchoring.fuzzy import FuzzyMatch, approximate_find
from core.anchoring.graphemes import is_grapheme_boundary, snap_selection
from core.anchoring.locate import find_occurrences
from core.anchoring.selectors import CONTEXT_LENGTH, TextSelector, context_around
from core.anchoring.units import scrub_surrogates

ANCHORED = "anchored"  # where the diff puts the old place, the text unchanged
MOVED = "moved"  # the same text, found at another place
FUZZY = "fuzzy"  # found approximately; quote, prefix and suffix now those of the new text
ORPHANED = "orphaned"  # not found: start and end are None, the stored selectors kept
STATUSES = (ANCHORED, MOVED, FUZZY, ORPHANED)

SHORT_QUOTE = 24  # code points; below this a quote alone is not evidence of a place
UNIQUE_QUOTE = 32  # an exact quote this long, once in the text, is its place
MAX_ERROR_RATE = 0.2  # fuzzy: edits per character of the quote
_SCORED = 16  # exact candidates scored in full when a quote is everywhere ("the")
_WORD = regex.compile(r"\w")
_WORD_REACH = 24  # code points a fuzzy match may grow by to take in the rest of a word
_LOCAL_SPAN = 4  # fuzzy: the old place, when what replaced it is at most this many quotes long
_PARTLY = 0.5  # context similarity (mean of both sides) that unrelated text rarely reaches
_SEEDS = 8  # fuzzy: pieces of the quote searched for, and candidate places verified


@dataclass(frozen=True, slots=True)
class AnchorResult:
    """One highlight after re-anchoring: what to store, and why (detail, for the user)."""

    status: str
    start: int | None
    end: int | None
    quote: str
    prefix: str
    suffix: str
    detail: str = ""


def _same_text(a: str, b: str) -> bool:
    """Equal up to normalisation and the kind of whitespace (a space against a line break)."""
    return a == b or " ".join(unicodedata.normalize("NFC", a).split()) == " ".join(
        unicodedata.normalize("NFC", b).split()
    )


def reanchor_many(
    old_text: str,
    new_text: str,
    selectors: Iterable[TextSelector],
    *,
    context: int = CONTEXT_LENGTH,
) -> list[AnchorResult]:
    """Re-anchor every selector made on old_text to new_text, in order; the diff is computed
    once. With old_text == new_text the stored positions are only a hint (a text of unknown
    origin): the quote and its context decide."""
    anchorer = _Reanchorer(old_text, new_text, context)
    return [anchorer.reanchor(selector) for selector in selectors]


def reanchor(old_text: str, new_text: str, selector: TextSelector) -> AnchorResult:
    return reanchor_many(old_text, new_text, [selector])[0]


@dataclass(frozen=True, slots=True)
class _Stored:
    """A selector as re-anchoring reads it: scrubbed, with its old range when that holds."""

    original: str  # the stored quote as it was (lone surrogates aside): an orphan keeps it
    quote: str  # the same, NFC: what is searched for
    prefix: str
    suffix: str
    old_range: tuple[int, int] | None  # the stored range, when old_text still holds the quote
    expected: tuple[int, int] | None  # where the diff puts the stored range in the new text

    @property
    def short(self) -> bool:
        return len(self.quote.strip()) < SHORT_QUOTE


class _Reanchorer:
    def __init__(self, old_text: str, new_text: str, context: int) -> None:
        self.old = old_text
        self.new = new_text
        self.context = context
        self.diff = DiffMap(old_text, new_text)
        self._occurrences: dict[str, list[tuple[int, int]]] = {}

    def reanchor(self, selector: TextSelector) -> AnchorResult:
        original = scrub_surrogates(selector.quote)
        quote = unicodedata.normalize("NFC", original)
        stored = _Stored(
            original,
            quote,
            scrub_surrogates(selector.prefix),
            scrub_surrogates(selector.suffix),
            self._old_range(selector, quote),
            self._expected(selector),
        )
        if not quote.strip():
            return self._orphan(stored, "the stored quote is empty")
        return (
            self._through_diff(stored)
            or self._exact(stored)
            or self._fuzzy(stored)
            or self._orphan(stored, self._why_not_found(stored))
        )

    # -- what the selector tells -----------------------------------------------------------

    def _old_range(self, selector: TextSelector, quote: str) -> tuple[int, int] | None:
        start, end = selector.start, selector.end
        if start is None or end is None or not 0 <= start < end <= len(self.old):
            return None
        held = self.old[start:end]
        return (start, end) if held == selector.quote or _same_text(held, quote) else None

    def _expected(self, selector: TextSelector) -> tuple[int, int] | None:
        if selector.start is None or selector.end is None:
            return None
        start = min(max(0, selector.start), len(self.old))
        end = min(max(start, selector.end), len(self.old))
        return self.diff.approx_new(start), self.diff.approx_new(end, at_end=True)

    # -- the three tries -------------------------------------------------------------------

    def _through_diff(self, stored: _Stored) -> AnchorResult | None:
        if stored.old_range is None:
            return None
        start = self.diff.to_new_start(stored.old_range[0])
        end = self.diff.to_new_end(stored.old_range[1])
        if start is None or end is None or start >= end:
            return None
        if not _same_text(self.new[start:end], stored.quote) or not self._whole(start, end):
            return None
        if stored.short and self._context(stored, start, end).best < AGREES:
            return None
        return self._placed(ANCHORED, start, end, "found where it was")

    def _exact(self, stored: _Stored) -> AnchorResult | None:
        occurrences = self._find(stored.quote)
        candidates = [place for place in occurrences if not self._elsewhere(stored, *place)]
        if not candidates:
            return None
        if len(candidates) > 4 * _SCORED:
            candidates = self._shortlist(stored, candidates)
        scored = [(self._context(stored, s, e), s, e) for s, e in candidates]
        score, start, end = max(scored, key=lambda c: (c[0].mean, -self._distance(stored, c[1])))
        unique_and_long = len(occurrences) == 1 and len(stored.quote) >= UNIQUE_QUOTE
        agrees = score.mean >= AGREES if stored.short else score.best >= AGREES
        if not (agrees or unique_and_long):
            return None
        return self._found_exactly(stored, start, end)

    def _fuzzy(self, stored: _Stored) -> AnchorResult | None:
        pattern = stored.quote
        errors = int(len(pattern) * MAX_ERROR_RATE)
        if errors < 1:
            return None
        expected = stored.expected
        if expected is not None and expected[1] - expected[0] <= _LOCAL_SPAN * len(pattern) + 512:
            margin = errors + 8
            lo, hi = expected[0] - margin, expected[1] + margin
            found = approximate_find(pattern, self.new, lo, hi, errors, expected_end=expected[1])
            vouched = stored.old_range is not None  # else the positions are only a hint
            if found is not None:
                result = self._accept_fuzzy(stored, found, near_old_place=vouched)
                if result:
                    return result
        matches = [m for m in self._seeded_matches(pattern, errors) if m is not None]
        for found in sorted(matches, key=lambda m: (m.distance, -self._seed_context(stored, m))):
            result = self._accept_fuzzy(stored, found, near_old_place=False)
            if result:
                return result
        return None

    # -- helpers ---------------------------------------------------------------------------

    def _accept_fuzzy(
        self, stored: _Stored, found: FuzzyMatch, *, near_old_place: bool
    ) -> AnchorResult | None:
        start, end = self._whole_words(stored, found.start, found.end)
        start, end = snap_selection(self.new, start, end)
        if start >= end or self._elsewhere(stored, start, end):
            return None
        score = self._context(stored, start, end)
        if stored.short:
            agrees = score.mean >= AGREES
        elif near_old_place:  # the diff vouches for the place: partial agreement will do
            agrees = score.best >= AGREES or score.mean >= _PARTLY
        else:
            agrees = score.best >= AGREES
        if not agrees:
            return None
        if _same_text(self.new[start:end], stored.quote):
            return self._found_exactly(stored, start, end)
        edits = "1 edit" if found.distance == 1 else f"{found.distance} edits"
        return self._placed(FUZZY, start, end, f"found approximately ({edits}); quote updated")

    def _found_exactly(self, stored: _Stored, start: int, end: int) -> AnchorResult:
        if (start, end) == stored.expected:
            return self._placed(ANCHORED, start, end, "found where it was, by its context")
        return self._placed(MOVED, start, end, "found at another place, by its context")

    def _whole_words(self, stored: _Stored, start: int, end: int) -> tuple[int, int]:
        """An edit at the edge of the quote can leave the match ending inside a word: widen
        it to the word when the stored quote began (or ended) on a word boundary."""
        quote, text = stored.quote, self.new
        if _WORD.match(quote) and not _WORD.match(stored.prefix[-1:]):
            limit = max(0, start - _WORD_REACH)
            while start > limit and _WORD.match(text, start - 1):
                start -= 1
        if _WORD.match(quote[-1:]) and not _WORD.match(stored.suffix[:1]):
            limit = min(len(text), end + _WORD_REACH)
            while end < limit and _WORD.match(text, end):
                end += 1
        return start, end

    def _seeded_matches(self, pattern: str, errors: int) -> list[FuzzyMatch | None]:
        """Verify the places where exact pieces of the quote occur: with at most `errors`
        edits in errors + 1 pieces, one piece is intact (fewer, longer pieces for a quote
        with many allowed edits: faster, and still finds lightly edited passages)."""
        count = min(errors + 1, max(1, len(pattern) // 8), _SEEDS)
        size = len(pattern) // count
        votes: dict[int, int] = {}
        for i in range(count):
            piece = pattern[i * size : (i + 1) * size]
            if not piece.strip():
                continue
            pos = self.new.find(piece)
            hits = 0
            while pos >= 0 and hits < 200:
                bucket = (pos - i * size) // (errors + 1)
                votes[bucket] = votes.get(bucket, 0) + 1
                pos = self.new.find(piece, pos + 1)
                hits += 1
        best = sorted(votes, key=lambda b: -votes[b])[:_SEEDS]
        step = errors + 1
        return [
            approximate_find(
                pattern,
                self.new,
                b * step - step - 8,
                b * step + len(pattern) + 2 * step + 8,
                errors,
            )
            for b in best
        ]

    def _seed_context(self, stored: _Stored, found: FuzzyMatch) -> float:
        return self._context(stored, found.start, found.end).mean

    def _find(self, quote: str) -> list[tuple[int, int]]:
        if quote not in self._occurrences:
            try:
                found = list(find_occurrences(self.new, quote, overlapping=True))
            except QuoteNotFound:
                found = []
            self._occurrences[quote] = found
        return self._occurrences[quote]

    def _elsewhere(self, stored: _Stored, start: int, end: int) -> bool:
        """Was most of new[start:end] already in the old text, unchanged, away from the old
        place? Then it is a look-alike that was there all along, not the passage."""
        if stored.old_range is None:
            return False
        part = self.diff.unchanged_part(start, end)
        if part is None:
            return False
        covered, old_start, old_end = part
        if 2 * covered < end - start:
            return False
        return not (old_start < stored.old_range[1] and old_end > stored.old_range[0])

    def _shortlist(self, stored: _Stored, places: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A quote found hundreds of times: keep the places with an intact neighbour, and the
        nearest to where the old place went."""
        near = sorted(places, key=lambda p: self._distance(stored, p[0]))[:_SCORED]
        agreeing = [
            p for p in places if adjacent_agreement(self.new, *p, stored.prefix, stored.suffix)
        ]
        return list(dict.fromkeys(near + agreeing))

    def _distance(self, stored: _Stored, start: int) -> int:
        return abs(start - stored.expected[0]) if stored.expected else 0

    def _context(self, stored: _Stored, start: int, end: int) -> ContextScore:
        return score_context(self.new, start, end, stored.prefix, stored.suffix)

    def _whole(self, start: int, end: int) -> bool:
        return is_grapheme_boundary(self.new, start) and is_grapheme_boundary(self.new, end)

    def _placed(self, status: str, start: int, end: int, detail: str) -> AnchorResult:
        prefix, suffix = context_around(self.new, start, end, self.context)
        quote = self.new[start:end]
        return AnchorResult(status, start, end, quote, prefix, suffix, detail)

    def _why_not_found(self, stored: _Stored) -> str:
        if self._find(stored.quote):
            return "not found: its text occurs only where its context does not"
        return "not found: the passage was deleted or rewritten"

    def _orphan(self, stored: _Stored, detail: str) -> AnchorResult:
        return AnchorResult(
            ORPHANED, None, None, stored.original, stored.prefix, stored.suffix, detail
        )
