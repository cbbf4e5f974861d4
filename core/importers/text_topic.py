"""What a text is about: its subject words, and how much another passage shares them.

A page's article keeps to its subject; the teasers, tickers and comments around it mostly
talk about other things. Words are letters-only tokens without function words; text written
without spaces (Chinese, Japanese) is taken two characters at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Function words of common languages: never what an article is about.
STOP_WORDS = frozenset(
    " ".join(
        (
            "a an the and or but of to in on at for with from by as is are was were be been",
            "has have had that this these those it its their his her they we you he she not no",
            "which who what when will would can could should may there than then also into about",
            "after over more most",
            "le la les des du de et un une est sont dans pour par sur avec que qui ne pas au aux",
            "il elle der die das den dem und ist sind ein eine einen nicht mit von zu auf für im",
            "sich auch el los las del y en por con para es una lo se su al como más pero gli della",
            "di che è per non sono o os da do em um uma com não na",
            "и в не на что с по как это к из у за от о но так же все он она они был была было для",
            "و في من على إلى أن عن مع التي الذي هذا هذه كان ما لا",
        )
    ).split()
)

_LETTERS = re.compile(r"[^\W\d_]+")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]+")


def content_words(text: str) -> set[str]:
    """The words of a text that carry its subject (no function words, digits or initials);
    runs of Chinese or Japanese characters as their character pairs."""
    words: set[str] = set()
    for run in _UNSPACED.findall(text):
        words.update(run[i : i + 2] for i in range(len(run) - 1))
    spaced = _UNSPACED.sub(" ", text.casefold())
    words.update(_stem(w) for w in _LETTERS.findall(spaced) if len(w) > 2 and w not in STOP_WORDS)
    return words


def _stem(word: str) -> str:
    """A plural's singular, roughly ("films", "loops" -> "film", "loop"): a headline and its
    article often differ by no more than that."""
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def subject_words(texts: Iterable[str], size: int = 15) -> set[str]:
    """The most frequent subject words of some passages (those used in at least two)."""
    counts: dict[str, int] = {}
    for text in texts:
        for word in content_words(text):
            counts[word] = counts.get(word, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    return {word for word, n in ranked[:size] if n >= 2}
