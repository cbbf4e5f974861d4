"""One annotation row as the queries read it: the columns and the record they make. Shared
by storage.annotations and storage.search (which lists the highlights a search finds)."""

from __future__ import annotations

from collections.abc import Sequence

from storage.records import Annotation

COLUMNS = (
    'n.id, n.article_id, n.version, n.quote, n.prefix, n.suffix, n.start, n."end", n.status, '
    "n.color, n.note, n.created, n.updated, "
    "(SELECT group_concat(name, char(31)) FROM (SELECT g.name FROM annotation_tags t "
    "JOIN tags g ON g.id = t.tag_id WHERE t.annotation_id = n.id ORDER BY g.name "
    "COLLATE NOCASE))"
)


def record(row: Sequence[object]) -> Annotation:
    tags = tuple(str(row[13]).split("\x1f")) if row[13] else ()
    return Annotation(*row[:13], tags=tags)  # type: ignore[arg-type]
