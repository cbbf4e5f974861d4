"""Blocks to and from the compact JSON the library stores as "what the reader renders"."""

from __future__ import annotations

import json
from typing import Any

from core.blocks import Block, BlockKind, Span
from core.content_codes import FLAG_BOLD, FLAG_CODE, FLAG_ITALIC, KIND_CODES

_CODE_KINDS = {code: BlockKind(kind) for kind, code in KIND_CODES.items()}


def _span_to_json(span: Span) -> list[Any] | str:
    flags = (
        (FLAG_BOLD if span.bold else "")
        + (FLAG_ITALIC if span.italic else "")
        + (FLAG_CODE if span.code else "")
    )
    if not flags and span.href is None:
        return span.text
    return [span.text, span.href, flags]


def _span_from_json(data: list[Any] | str) -> Span:
    if isinstance(data, str):
        return Span(data)
    text, href, flags = data
    return Span(
        text,
        href=href,
        bold=FLAG_BOLD in flags,
        italic=FLAG_ITALIC in flags,
        code=FLAG_CODE in flags,
    )


def blocks_to_json(blocks: list[Block]) -> str:
    out = []
    for block in blocks:
        item: dict[str, Any] = {"k": KIND_CODES[block.kind]}
        if block.spans:
            item["s"] = [_span_to_json(s) for s in block.spans]
        if block.level:
            item["l"] = block.level
        if block.ordered:
            item["o"] = 1
        if block.image is not None:
            item["img"] = block.image
        if block.alt:
            item["alt"] = block.alt
        out.append(item)
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def blocks_from_json(data: str) -> list[Block]:
    return [
        Block(
            kind=_CODE_KINDS[item["k"]],
            spans=tuple(_span_from_json(s) for s in item.get("s", ())),
            level=item.get("l", 0),
            ordered=bool(item.get("o", 0)),
            image=item.get("img"),
            alt=item.get("alt", ""),
        )
        for item in json.loads(data)
    ]
