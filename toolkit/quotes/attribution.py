"""Quote attribution on one parsed article: direct, partial and reported speech with speakers.

Steps, each in its own module:

1. :mod:`~toolkit.quotes.marks` pairs the quote marks of the raw text into quotations, never
   failing on a stray mark, and joins "A," he said, "B" into one quote with two fragments.
2. :mod:`~toolkit.quotes.direct` keeps the quotations that are statements (not titles or scare
   quotes) and finds each one's cue (:mod:`~toolkit.quotes.cues`): a speech verb
   (:mod:`~toolkit.quotes.speech_verbs`), a colon or dash form, or none, in which case a quote
   continues the previous quote's speaker.
3. :mod:`~toolkit.quotes.reported` takes the content clause of a speech verb, "according to X"
   clauses and speech reported by its topic.
4. :mod:`~toolkit.quotes.speakers` takes the cue's subject through the dependency parse
   (:mod:`~toolkit.quotes.grammar`) and resolves pronouns and role descriptions ("he", "the
   minister") to the most compatible earlier person.

Records carry character offsets into the text; mapping speakers to canonical entities is
done later, across articles, by :mod:`toolkit.quotes.table`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from toolkit.quotes.direct import find_direct_quotes
from toolkit.quotes.reported import find_reported_speech
from toolkit.quotes.speakers import Speakers
from toolkit.quotes.view import ArticleView


def attribute_quotes(doc: Doc) -> list[dict]:
    """Every quote of a parsed article as a plain record (offsets into ``doc.text``)."""
    view = ArticleView(doc)
    speakers = Speakers(view)
    find_direct_quotes(view, speakers)
    find_reported_speech(view, speakers)
    return [q.record() for q in speakers.quotes]
