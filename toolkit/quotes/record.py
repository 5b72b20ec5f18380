"""One attributed statement as found in an article: the record every later step reads."""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Quote:
    """One attributed statement, with offsets into the article text.

    ``speaker_*`` is the speaker as written at the cue (``speaker_head``: its head word's offset;
    ``speaker_type``: see :mod:`toolkit.quotes.speaker_types`); ``referent_*`` the person mention
    a pronoun, role description or continuation was resolved to; ``resolution`` says how, or why
    there is no speaker ("no cue", "cue without subject", "unresolved pronoun", "not a speaker").
    """

    kind: str
    start: int
    end: int
    text: str
    fragments: list[tuple[int, int]] = field(default_factory=list)
    cue: str | None = None
    cue_start: int | None = None
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_head: int | None = None
    speaker_type: str = "unknown"
    referent_start: int | None = None
    referent_end: int | None = None
    resolution: str = "no cue"

    def record(self) -> dict:
        """The quote as a plain, JSON-ready dict (what the record cache stores)."""
        return {k: (list(map(list, v)) if k == "fragments" else v) for k, v in self.__dict__.items()}


def clean_text(text: str) -> str:
    """Quoted or reported words with white space folded and no trailing comma."""
    return re.sub(r"\s+", " ", text).strip().rstrip(",").strip()
