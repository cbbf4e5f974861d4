"""The canonical plain text of an article, made once at import.

Blocks are joined by a blank line; a line break inside a block is a single newline. Text is
NFC-normalised, whitespace collapsed, control characters and lone surrogates removed, so
offsets computed on it are stable and safe to store. Image blocks contribute no text.

Normalisation rewrites the spans themselves, so the reader can render a block's spans one
after another and get exactly the block's canonical text: that is what lets it map offsets.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import replace

from core.blocks import Block, BlockKind, Span

BLOCK_SEPARATOR = "\n\n"

_SURROGATES = re.compile("[\ud800-\udfff]")
# C0/C1 controls except newline; the Unicode line/paragraph separators; BOM / zero-width nbsp.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]")
_SPACE_CHARS = frozenset(
    " \t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
_NEWLINES = frozenset("\n\u2028\u2029")


def has_lone_surrogate(text: str) -> bool:
    return _SURROGATES.search(text) is not None


def scrub_surrogates(text: str) -> str:
    """Lone surrogates cannot be encoded to UTF-8, so SQLite must never see one."""
    return _SURROGATES.sub("\ufffd", text)


def clean_inline(text: str) -> str:
    """Remove what must never reach the library: lone surrogates, controls, CR; NFC."""
    text = scrub_surrogates(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", text)
    return unicodedata.normalize("NFC", text)


def normalize_text(text: str) -> str:
    """Canonical form of a free-standing string (a quote, a title): cleaned and collapsed."""
    return "".join(s for s, _ in _collapse([(text, None)]))


def _collapse(pieces: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """Collapse whitespace across pieces: runs of spaces become one space, runs containing a
    line break become one newline, nothing at the start or end. Returns (text, tag) pairs."""
    out: list[tuple[str, object]] = []
    pending = ""
    started = False
    for text, tag in pieces:
        buf: list[str] = []
        for ch in clean_inline(text):
            if ch in _NEWLINES:
                pending = "\n"
            elif ch in _SPACE_CHARS:
                if pending != "\n":
                    pending = " "
            else:
                if pending and started:
                    buf.append(pending)
                pending = ""
                started = True
                buf.append(ch)
        if buf:
            out.append(("".join(buf), tag))
    return out


def normalize_spans(spans: Sequence[Span], *, preformatted: bool = False) -> tuple[Span, ...]:
    if preformatted:
        text = clean_inline("".join(s.text for s in spans)).expandtabs(4)
        lines = [line.rstrip() for line in text.split("\n")]
        text = "\n".join(line for line in lines if line.strip())
        return (replace(spans[0], text=text, href=None),) if text and spans else ()
    collapsed = _collapse([(s.text, s) for s in spans])
    merged: list[Span] = []
    for text, span in collapsed:
        new = replace(span, text=text)  # type: ignore[arg-type]
        if merged and replace(merged[-1], text="") == replace(new, text=""):
            merged[-1] = replace(merged[-1], text=merged[-1].text + text)
        else:
            merged.append(new)
    return tuple(merged)


def normalize_blocks(blocks: Iterable[Block]) -> list[Block]:
    """Normalised copies of the blocks; text blocks left empty are dropped."""
    out = []
    for block in blocks:
        if block.kind is BlockKind.IMAGE:
            out.append(replace(block, spans=(), alt=normalize_text(block.alt)))
            continue
        spans = normalize_spans(block.spans, preformatted=block.kind is BlockKind.PREFORMATTED)
        if spans:
            out.append(replace(block, spans=spans))
    return out


def canonical_text(blocks: Sequence[Block]) -> str:
    """The article's text. Expects normalised blocks (see normalize_blocks)."""
    return BLOCK_SEPARATOR.join(b.text for b in blocks if b.text)


def block_offsets(blocks: Sequence[Block]) -> list[tuple[int, int] | None]:
    """(start, end) of each block's text in the canonical text; None for blocks with none."""
    spans: list[tuple[int, int] | None] = []
    pos = 0
    first = True
    for block in blocks:
        text = block.text
        if not text:
            spans.append(None)
            continue
        if not first:
            pos += len(BLOCK_SEPARATOR)
        spans.append((pos, pos + len(text)))
        pos += len(text)
        first = False
    return spans
