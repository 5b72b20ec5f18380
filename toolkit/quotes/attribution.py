"""Quote attribution on one parsed article: direct, partial and reported speech with speakers.

Steps, each in its own module:

1. :mod:`~toolkit.quotes.marks` pairs the quote marks of the raw text into quotations, never
   failing on a stray mark, and joins "A," he said, "B" into one quote with two fragments.
2. :mod:`~toolkit.quotes.direct` keeps the quotations that are statements (not titles or scare
   quotes) and finds each one's cue (:mod:`~toolkit.quotes.cues`): a speech verb
   (:mod:`~toolkit.quotes.speech_verbs`), a colon or dash form, or none, in which case a quote
   continues the previous quote's speaker.
3. :mod:`~toolkit.quotes.reported` takes the content clause of a speech verb, "according to X"
   clauses and speech reported by its topic; a direct quote left without cue or speaker then
   continues the reported speech just before it ("X said the vote was close. “We counted twice.”"),
   and a partial quote inside reported speech, spoken by the same person, is part of that statement
   ("X said she would offer “a prayer”": one statement of X's, not a second through "offer").
4. :mod:`~toolkit.quotes.speakers` takes the cue's subject through the dependency parse
   (:mod:`~toolkit.quotes.grammar`) and resolves pronouns and role descriptions ("he", "the
   minister") to the most compatible earlier person.

Records carry character offsets into the text; mapping speakers to canonical entities is
done later, across articles, by :mod:`toolkit.quotes.table`.

Cost: every step is near-linear in the article's quote marks, quotes, sentences and mentions
(look-ups are bisections in :mod:`toolkit.quotes.intervals`, searches for cues and referents
are bounded windows), and an article is attributed up to a budget of :data:`MAX_QUOTATIONS`
quotations and :data:`MAX_REPORTS` speech verbs; beyond it attribution stops and says so.
"""

from __future__ import annotations

from spacy.tokens import Doc

from toolkit.quotes.direct import find_direct_quotes, follow_reported_speech, speak_in_reported_clause
from toolkit.quotes.reported import find_reported_speech
from toolkit.quotes.speakers import Speakers
from toolkit.quotes.view import ArticleView

MAX_QUOTATIONS = 5000  # quotations attributed per article; a page with more is not prose
MAX_REPORTS = 5000  # speech verbs looked at for reported speech per article


def attribute_quotes(doc: Doc, warnings: list[str] | None = None) -> list[dict]:
    """Every quote of a parsed article as a plain record (offsets into ``doc.text``).

    If the article is over the attribution budget, only its first quotations or speech verbs
    are attributed and a sentence saying so is appended to ``warnings`` (when given).
    """
    view = ArticleView(doc)
    speakers = Speakers(view)
    notes = warnings if warnings is not None else []
    find_direct_quotes(view, speakers, MAX_QUOTATIONS, notes)
    find_reported_speech(view, speakers, MAX_REPORTS, notes)
    follow_reported_speech(view.text, speakers.quotes)
    speak_in_reported_clause(view.text, speakers.quotes)
    return [q.record() for q in speakers.quotes]
