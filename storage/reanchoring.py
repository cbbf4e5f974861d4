"""When an article gets a new version, every highlight on it is re-anchored to the new text."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storage.annotations import Annotations


def reanchor_article(
    annotations: Annotations, article_id: int, old_text: str, new_text: str, version: int
) -> tuple[int, int]:
    """Runs inside the import's transaction: the new version and its anchors land together.
    Returns (highlights re-anchored, of those orphaned: their passage is gone), for the
    import's report."""
    current = annotations.for_article(article_id)
    if not current:
        return 0, 0
    from core.anchoring import reanchor_many

    results = reanchor_many(old_text, new_text, [_selector(a) for a in current])
    for annotation, result in zip(current, results, strict=True):
        annotations.set_anchor(
            annotation.id,
            version=version,
            status=result.status,
            start=result.start,
            end=result.end,
            quote=result.quote,
            prefix=result.prefix,
            suffix=result.suffix,
        )
    return len(results), sum(result.start is None for result in results)


def _selector(annotation):
    from core.anchoring import TextSelector

    return TextSelector(
        quote=annotation.quote,
        prefix=annotation.prefix,
        suffix=annotation.suffix,
        start=annotation.start,
        end=annotation.end,
    )
