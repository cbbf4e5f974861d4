"""The canonical plain text of an article, made once at import.

Blocks are joined by a blank line; a line break inside a block is a single newline. Text is
NFC-normalised, whitespace collapsed, control characters and lone surrogates removed, so
offsets computed on it are stable and safe to store. Image blocks contribute no text.

Normalisation rewrites the spans themselves, so the reader can render a block's spans one
after another and get exactly the block's canonical text: that is what lets it map offsets.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from core.blocks import Block, BlockKind, Span
from core.plain_text import (
    BLOCK_SEPARATOR,
    clean_inline,
    has_lone_surrogate,
    normalize_text,
    scrub_surrogates,
)
from core.plain_text import collapse as _collapse

__all__ = [
    "BLOCK_SEPARATOR",
    "block_offsets",
    "canonical_text",
    "clean_inline",
    "has_lone_surrogate",
    "normalize_blocks",
    "normalize_spans",
    "normalize_text",
    "scrub_surrogates",
]


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
