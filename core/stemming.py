"""Words to their stems, per language, for search that finds "election" when asked for
"elections" and "Латакия" when asked for "Латакии".

Snowball stemmers through PyStemmer, chosen by the article's language code (ISO 639-1,
'en-US' read as 'en'). Tokens are cut as SQLite FTS5's `unicode61` tokenizer cuts them:
runs of letters and digits, everything else (punctuation, underscores, combining marks)
separating them; they are lower-cased before stemming and FTS5 folds what it indexes as
usual (case, Latin diacritics). A language without a Snowball stemmer has no stemmer here
(stemmer_for returns None): its articles are searched by their words as typed.

An article whose language is unknown is stemmed in the language its letters give away
(Cyrillic: Russian, Arabic script: Arabic, ...), else in English (DEFAULT_LANGUAGE): most of
an analyst's Latin-script captures without a declared language are English, and stemming a
French page as English only adds matches beside the exact ones, never loses one.

PyStemmer is imported on first use: the window's first frame never loads it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

DEFAULT_LANGUAGE = "en"

# ISO 639-1 (and a few 639-2/3) codes -> Snowball algorithm names in PyStemmer.
ALGORITHMS = {
    "ar": "arabic",
    "hy": "armenian",
    "eu": "basque",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "nl": "dutch",
    "en": "english",
    "eo": "esperanto",
    "et": "estonian",
    "fi": "finnish",
    "fr": "french",
    "de": "german",
    "el": "greek",
    "hi": "hindi",
    "hu": "hungarian",
    "id": "indonesian",
    "ga": "irish",
    "it": "italian",
    "lt": "lithuanian",
    "ne": "nepali",
    "no": "norwegian",
    "nb": "norwegian",
    "nn": "norwegian",
    "fa": "persian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "st": "sesotho",
    "es": "spanish",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}

# unicode61's token characters: letters and numbers (Python's \w without the underscore).
# The combining diacritics below (most of U+0300-U+0331, measured against FTS5) belong to
# the token they mark and are dropped, as remove_diacritics does; other combining marks
# (Arabic vowel signs, say) separate tokens, as in FTS5.
_FOLDED_MARKS = (
    0x0300,
    0x0301,
    0x0302,
    0x0303,
    0x0304,
    0x0306,
    0x0307,
    0x0308,
    0x0309,
    0x030A,
    0x030B,
    0x030C,
    0x030F,
    0x0311,
    0x031B,
    0x0323,
    0x0324,
    0x0325,
    0x0326,
    0x0327,
    0x0328,
    0x032D,
    0x032E,
    0x0330,
    0x0331,
)
_DIACRITIC_CLASS = "[" + "".join(chr(c) for c in _FOLDED_MARKS) + "]"
_TOKEN = re.compile(r"(?:[^\W_]|" + _DIACRITIC_CLASS + ")+")
_DIACRITICS = re.compile(_DIACRITIC_CLASS)
_CACHE_LIMIT = 200_000  # stems remembered per language (a library's vocabulary is Zipfian)

_stemmers: dict[str, Any] = {}
_caches: dict[str, dict[str, str]] = {}


def tokens(text: str) -> list[str]:
    """The words of a text as FTS5 unicode61 cuts them, lower-cased (cut first: lower-casing
    'İ' makes 'i' and a combining dot, which is dropped)."""
    out = []
    for token in _TOKEN.findall(text):
        lower = token.lower()
        if len(lower) != len(token) or not lower.isalnum():
            lower = _DIACRITICS.sub("", lower)
            if not lower:
                continue
        out.append(lower)
    return out


def language_code(language: str | None) -> str | None:
    """'en-US', 'EN_gb' -> 'en'; None for nothing usable."""
    if not language:
        return None
    primary = language.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isascii() and primary.isalpha() and 2 <= len(primary) <= 3 else None


def stem_language(language: str | None, text: str = "") -> str | None:
    """The language an article is stemmed in: its own when Snowball has it, else (language
    unknown) the one its letters point to, else DEFAULT_LANGUAGE; None when its language is
    known and has no stemmer (searched by the words as typed)."""
    code = language_code(language)
    if code is not None:
        return code if code in ALGORITHMS else None
    if text:
        from core.importers.script import guess_language

        guessed = guess_language(text)
        if guessed is not None:
            return guessed if guessed in ALGORITHMS else None
    return DEFAULT_LANGUAGE


def stemmer_for(language: str | None) -> Any | None:
    """PyStemmer's stemmer for a language code, None when there is none."""
    code = language_code(language)
    algorithm = ALGORITHMS.get(code or "")
    if algorithm is None:
        return None
    stemmer = _stemmers.get(algorithm)
    if stemmer is None:
        import Stemmer  # PyStemmer: loaded on the first stemmed word

        stemmer = _stemmers[algorithm] = Stemmer.Stemmer(algorithm)
    return stemmer


def stem_words(words: Iterable[str], language: str | None) -> list[str]:
    """Each (lower-case) word's stem; the words themselves when the language has no
    stemmer. Stems are remembered: real text repeats its words."""
    words = list(words)
    stemmer = stemmer_for(language)
    if stemmer is None:
        return words
    cache = _caches.setdefault(str(language_code(language)), {})
    missing = list({w for w in words if w not in cache})
    if missing:
        if len(cache) + len(missing) > _CACHE_LIMIT:
            cache.clear()
        cache.update(zip(missing, stemmer.stemWords(missing), strict=True))
    return [cache[w] for w in words]


def stem_function(language: str | None) -> Callable[[str], str]:
    """One (lower-case) word to its stem, fast when called word by word."""
    stemmer = stemmer_for(language)
    if stemmer is None:
        return lambda word: word
    cache = _caches.setdefault(str(language_code(language)), {})
    stem_word = stemmer.stemWord

    def stem(word: str) -> str:
        found = cache.get(word)
        if found is None:
            found = cache[word] = stem_word(word)
        return found

    return stem


def indexed_stems(words: Iterable[str], language: str) -> list[str]:
    """Stems as the stemmed index holds them: each marked with its language (a private-use
    character and the language code before the stem; FTS5 keeps both in the token), so a
    query's English stem never matches a French article's stem that happens to be spelt
    the same."""
    mark = STEM_MARK + language
    return [mark + stem for stem in stem_words(words, language)]


STEM_MARK = "\ue000"  # Unicode category Co: unicode61 keeps it inside a token


def stem_text(text: str, language: str | None) -> str:
    """The text as its stems, one space between each (unmarked)."""
    return " ".join(stem_words(tokens(text), language))


def index_text(text: str, language: str) -> str:
    """The text as the stemmed index holds it: marked stems (indexed_stems), spaced."""
    return " ".join(indexed_stems(tokens(text), language))


def stem_query_word(word: str, language: str | None) -> str:
    """A searched word (or phrase) as stems, the same way its text was stemmed."""
    return " ".join(stem_words(tokens(word), language))


def fold(word: str) -> str:
    """A word as FTS5 compares it (case and Latin diacritics folded): for telling whether
    a stem differs from the word that was typed."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
