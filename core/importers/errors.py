"""The one exception importers raise: its message is shown to the analyst as is."""


class ImportRefused(Exception):
    """The input cannot become an article; str(exc) is a one-line reason."""
