"""Every annotation action, undoable: each is a QUndoCommand whose redo and undo are one
library transaction each, so closing or killing the app never loses what the window showed."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from storage.annotations import NewAnnotation
from storage.article_removal import RemovedArticle, put_back, remove_articles
from storage.changes import Changes
from storage.errors import LibraryError
from storage.highlighting import prepare_range
from storage.library import Library
from storage.records import Annotation
from storage.tag_history import restore, snapshot
from storage.tags import clean_tag
from ui.common.events import LibraryEvents


class AnnotationEditor(QObject):
    """Signals: changed(int article_id, int annotation_id) after any action, undo or redo
    (annotation_id is 0 when none is left to point at); articles_changed(list of ids) after
    articles were deleted or put back; failed(str) when an undo or redo could not be applied
    (the command line deleted what it refers to): said, never a traceback."""

    changed = Signal(int, int)
    articles_changed = Signal(list)
    failed = Signal(str)  # an undo or redo the library refused (changed by another process)

    def __init__(
        self, *, library: Library, events: LibraryEvents, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.events = events
        self.stack = QUndoStack(self)

    def _notify(self, article_id: int, annotation_id: int = 0) -> None:
        """Every view refreshes from the change; changed() only says where to look."""
        self.events.library_changed.emit(
            Changes.of(annotations=[annotation_id] if annotation_id else [], annotated=[article_id])
        )
        self.changed.emit(article_id, annotation_id)

    def _articles_notify(self, article_ids: list[int]) -> None:
        self.events.library_changed.emit(Changes.of(articles=article_ids, annotated=article_ids))
        self.articles_changed.emit(article_ids)

    # -- actions ---------------------------------------------------------------------------

    def highlight(
        self,
        article_id: int,
        start: int,
        end: int,
        *,
        color: str = "yellow",
        tags: Iterable[str] = (),
        note: str = "",
        version: int | None = None,
    ) -> int:
        """Raises (LibraryError, AnchoringError) before anything is stacked: the highlight is
        stored first (its version checked inside the write), then the undo step is pushed."""
        new = prepare_range(
            self.library, article_id, start, end, color=color, tags=tags, note=note, version=version
        )
        annotation_id = self.library.annotations.add(article_id, new)
        command = _AddHighlight(self, article_id, new, annotation_id)
        self.stack.push(command)
        return annotation_id

    def set_color(self, annotation_id: int, color: str) -> None:
        self.library.annotations.check_color(color)
        old = self.library.annotations.get(annotation_id)
        if old.color != color:
            self.stack.push(_Update(self, old, "color", old.color, color, "Change colour"))

    def set_tags(self, annotation_id: int, tags: Iterable[str]) -> None:
        old = self.library.annotations.get(annotation_id)
        new = tuple(dict.fromkeys(clean_tag(t) for t in tags))  # refused before stacking
        if tuple(sorted(old.tags, key=str.casefold)) != tuple(sorted(new, key=str.casefold)):
            self.stack.push(_Update(self, old, "tags", old.tags, new, "Tag"))

    def set_note(self, annotation_id: int, note: str) -> None:
        old = self.library.annotations.get(annotation_id)
        if old.note != note:
            self.stack.push(_Update(self, old, "note", old.note, note, "Edit note"))

    def delete(self, annotation_id: int) -> None:
        self.stack.push(_Delete(self, self.library.annotations.get(annotation_id)))

    def delete_articles(self, article_ids: list[int]) -> list[str]:
        """Delete articles with their highlights (stored first, then stacked); their titles."""
        removed = remove_articles(self.library, article_ids)
        self.stack.push(_DeleteArticles(self, removed))
        return [r.title for r in removed]

    def manage_tags(self, text: str, names: list[str], change) -> None:
        """A rename, merge or delete of tags (change(library) does it), undoable: the rows of
        the tags named are kept first and put back on undo. Raises before stacking."""
        self.stack.push(_TagChange(self, text, names, change))

    def set_meaning(self, color: str, meaning: str) -> None:
        old = {c.name: c.meaning for c in self.library.colors.all()}.get(color, "")
        if old != meaning:
            self.stack.push(_MeaningChange(self, color, old, meaning))

    def _tags_notify(self) -> None:
        self.events.library_changed.emit(Changes(tags=True, everything=True))

    def reattach(
        self, annotation_id: int, start: int, end: int, *, version: int | None = None
    ) -> None:
        """Give an orphan (or any highlight) a new place: the current selection."""
        old = self.library.annotations.get(annotation_id)
        new = prepare_range(self.library, old.article_id, start, end, version=version)
        self.library.annotations.set_anchor(  # written (and checked) before it is stacked
            old.id,
            version=new.version,
            status="anchored",
            start=new.start,
            end=new.end,
            quote=new.quote,
            prefix=new.prefix,
            suffix=new.suffix,
            check_current=True,
        )
        self.stack.push(_Reattach(self, old, new.version, new))


def _reported(method):
    """An undo step whose target another process changed fails with a sentence, not an
    exception inside QUndoStack."""

    @functools.wraps(method)
    def run(self) -> None:
        try:
            method(self)
        except (LibraryError, sqlite3.Error) as exc:
            verb = "undo" if method.__name__ == "undo" else "redo"
            self._editor.failed.emit(f"Could not {verb} “{self.text()}”: {exc}")

    return run


class _AddHighlight(QUndoCommand):
    """Pushed once highlight() has stored it: the first redo only tells the views."""

    def __init__(
        self, editor: AnnotationEditor, article_id: int, new: NewAnnotation, annotation_id: int
    ) -> None:
        super().__init__("Highlight")
        self._editor = editor
        self._article_id = article_id
        self._new = new
        self.annotation_id = annotation_id
        self._removed: Annotation | None = None

    @_reported
    def redo(self) -> None:
        if self._removed is not None:
            self._editor.library.annotations.restore(self._removed)
        self._editor._notify(self._article_id, self.annotation_id)

    @_reported
    def undo(self) -> None:
        self._removed = self._editor.library.annotations.delete(self.annotation_id)
        self._editor._notify(self._article_id)


class _Delete(QUndoCommand):
    def __init__(self, editor: AnnotationEditor, annotation: Annotation) -> None:
        super().__init__("Delete highlight")
        self._editor = editor
        self._annotation = annotation

    @_reported
    def redo(self) -> None:
        self._annotation = self._editor.library.annotations.delete(self._annotation.id)
        self._editor._notify(self._annotation.article_id)

    @_reported
    def undo(self) -> None:
        self._editor.library.annotations.restore(self._annotation)
        self._editor._notify(self._annotation.article_id, self._annotation.id)


class _DeleteArticles(QUndoCommand):
    """Pushed once delete_articles() has deleted them: the first redo only tells the views."""

    def __init__(self, editor: AnnotationEditor, removed: list[RemovedArticle]) -> None:
        super().__init__("Delete article" if len(removed) == 1 else "Delete articles")
        self._editor = editor
        self._removed = removed
        self._done = True

    def _ids(self) -> list[int]:
        return [r.id for r in self._removed]

    @_reported
    def redo(self) -> None:
        if not self._done:
            self._removed = remove_articles(self._editor.library, self._ids())
        self._done = False
        self._editor._articles_notify(self._ids())

    @_reported
    def undo(self) -> None:
        put_back(self._editor.library, self._removed)
        self._editor._articles_notify(self._ids())


class _TagChange(QUndoCommand):
    """Runs its change at once (a refusal raises before anything is stacked)."""

    def __init__(self, editor: AnnotationEditor, text: str, names: list[str], change) -> None:
        super().__init__(text)
        self._editor = editor
        self._names = names  # every name the change touches: the old and the new
        self._change = change
        self._before = snapshot(editor.library.conn, names)
        change(editor.library)
        self._done = True

    @_reported
    def redo(self) -> None:
        if not self._done:
            self._before = snapshot(self._editor.library.conn, self._names)
            self._change(self._editor.library)
        self._done = False
        self._editor._tags_notify()

    @_reported
    def undo(self) -> None:
        restore(self._editor.library.conn, self._before, self._names)
        self._editor._tags_notify()


class _MeaningChange(QUndoCommand):
    def __init__(self, editor: AnnotationEditor, color: str, old: str, new: str) -> None:
        super().__init__("Colour meaning")
        self._editor, self._color, self._old, self._new = editor, color, old, new

    @_reported
    def redo(self) -> None:
        self._editor.library.colors.set_meaning(self._color, self._new)
        self._editor._tags_notify()

    @_reported
    def undo(self) -> None:
        self._editor.library.colors.set_meaning(self._color, self._old)
        self._editor._tags_notify()


class _Update(QUndoCommand):
    def __init__(
        self, editor: AnnotationEditor, annotation: Annotation, field: str, old, new, text: str
    ) -> None:
        super().__init__(text)
        self._editor = editor
        self._id = annotation.id
        self._article_id = annotation.article_id
        self._field = field
        self._old = old
        self._new = new

    def _apply(self, value) -> None:
        annotations = self._editor.library.annotations
        {
            "color": annotations.set_color,
            "tags": annotations.set_tags,
            "note": annotations.set_note,
        }[self._field](self._id, value)
        self._editor._notify(self._article_id, self._id)

    @_reported
    def redo(self) -> None:
        self._apply(self._new)

    @_reported
    def undo(self) -> None:
        self._apply(self._old)


class _Reattach(QUndoCommand):
    def __init__(self, editor: AnnotationEditor, old: Annotation, version: int, selector) -> None:
        super().__init__("Re-attach highlight")
        self._editor = editor
        self._old = old
        self._version = version
        self._selector = selector
        self._stored = True  # reattach() wrote it before pushing

    @_reported
    def redo(self) -> None:
        if self._stored:
            self._stored = False
            self._editor._notify(self._old.article_id, self._old.id)
            return
        s = self._selector
        self._editor.library.annotations.set_anchor(
            self._old.id,
            version=self._version,
            status="anchored",
            start=s.start,
            end=s.end,
            quote=s.quote,
            prefix=s.prefix,
            suffix=s.suffix,
        )
        self._editor._notify(self._old.article_id, self._old.id)

    @_reported
    def undo(self) -> None:
        o = self._old
        self._editor.library.annotations.set_anchor(
            o.id,
            version=o.version,
            status=o.status,
            start=o.start,
            end=o.end,
            quote=o.quote,
            prefix=o.prefix,
            suffix=o.suffix,
        )
        self._editor._notify(o.article_id, o.id)
