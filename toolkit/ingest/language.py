"""Which language a text is in (py3langid, offline), its stop words (spaCy's lists), how common a word is (wordfreq).

The line cleaner measures how much of a line is stop words, so a Portuguese or Indonesian page
needs Portuguese or Indonesian stop words; entity and quote extraction run only on articles in
a language a configured spaCy model covers (:mod:`toolkit.nlp.model`).
"""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier
from spacy.util import get_lang_class
from wordfreq import zipf_frequency

from toolkit.ingest.line_features import word_count

SAMPLE_CHARS = 1_500  # 600 characters already give 119 of 119 development pages and bodies; the identifier's cost grows with this
PROSE_WORDS = 8  # a line this long is prose, not a menu: the sample is taken from such lines first


@lru_cache(maxsize=1)
def language_identifier() -> LanguageIdentifier:
    """py3langid's identifier, its model loaded once per process (about a second)."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def prose_sample(text: str, size: int = SAMPLE_CHARS) -> str:
    """About ``size`` characters of the text's prose lines, in order (a page's menus and buttons are
    often in English on a page that is not); the text's start when it has no prose line."""
    sample, length = [], 0
    for line in text.splitlines():
        if word_count(line) >= PROSE_WORDS:
            sample.append(line)
            length += len(line) + 1
            if length >= size:
                break
    return "\n".join(sample)[:size] if sample else text[:size]


def identify(text: str) -> tuple[str, float]:
    """ISO 639-1 code of the text's language and the identifier's probability for it, from a
    sample of its prose (:func:`prose_sample`)."""
    return _classified(prose_sample(text))


@lru_cache(maxsize=64)
def _classified(sample: str) -> tuple[str, float]:
    """The identifier's answer for one sample, kept: a clean text file and its body give the same
    sample (a page dump and its body seldom do), and it is never classified twice."""
    language, probability = language_identifier().classify(sample)
    return language, round(float(probability), 3)


@lru_cache(maxsize=64)
def stop_words(language: str | None) -> frozenset[str]:
    """spaCy's stop words for a language (English when none is known; empty when spaCy has none)."""
    try:
        return frozenset(get_lang_class(language or "en").Defaults.stop_words)
    except ImportError:
        return frozenset()


@lru_cache(maxsize=1 << 16)
def word_zipf(word: str, language: str = "en") -> float:
    """How common a word is in general use (wordfreq's Zipf scale: 0 unknown, 3 rare, 7 "the"); 0 in
    a language whose word splitter wordfreq cannot load here (Japanese and Korean need MeCab) or
    that it has no word list for (the identifier also answers "zxx", no language)."""
    try:
        return zipf_frequency(word, language)
    except (ImportError, LookupError):
        return 0.0


def load_language_models() -> None:
    """Load the identifier and the word frequencies now (about half a second) rather than at the
    first article: before forking workers, which then share them, or while a Dask worker waits."""
    language_identifier()
    word_zipf("the")
