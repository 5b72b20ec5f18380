"""Quotes table: each quote's speaker mapped to its canonical entity.

Quote records locate the speaker as written at the cue (``speaker_text``) and, when a
pronoun, role description or continuation was resolved, the mention it refers to
(``referent_start``/``referent_end``). The canonical name is the entity of the mention at
those offsets; groups and institutions without an entity keep their own words
("Ukrainian officials"); an unresolved pronoun leaves the speaker unknown.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

import pandas as pd

from toolkit.entities.names import fold
from toolkit.quotes.speaker_types import FIRST_PERSON, GROUP, LABEL_TYPES, ORGANISATION, UNKNOWN
from toolkit.quotes.speakers import PERSONAL
from toolkit.tables import OTHER_OUTLETS, UNKNOWN_OUTLET, outlet_order

QUOTE_COLUMNS = (
    "article_id", "quote_id", "kind", "text", "start", "end", "speaker", "speaker_type", "speaker_entity_id",
    "speaker_text", "speaker_start", "speaker_end", "cue", "resolution", "fragments",
)  # fmt: skip
REPORTING_CUES = ("report", "reported", "reports", "reporting", "wrote", "writes", "published")
Mention = tuple[int, int, str, str, str]  # start, end, label, name, entity_id


@dataclass(frozen=True)
class Byline:
    """What an article says about who wrote it: where "I" and "we" of the writer point."""

    author: str | None = None
    outlet: str | None = None


NO_BYLINE = Byline()


def _mention_at(mentions: list[Mention], starts: list[int], start, end) -> Mention | None:
    """The mention overlapping [start, end), a person first; ``mentions`` are sorted and do not
    overlap (they are spaCy's entities), ``starts`` are their start offsets."""
    if start is None or pd.isna(start):
        return None
    j, overlapping = bisect_left(starts, end) - 1, []
    while j >= 0 and mentions[j][1] > start:
        overlapping.append(mentions[j])
        j -= 1
    overlapping.reverse()
    return next((m for m in overlapping if m[2] == "PERSON"), overlapping[0] if overlapping else None)


def speaker_rows(article_id: str, quotes: list[dict], mentions: list[Mention], byline: Byline = NO_BYLINE, outlets: frozenset[str] = frozenset()) -> list[dict]:
    """One article's quote rows (:data:`QUOTE_COLUMNS`), given its mentions as (start, end, label,
    name, entity_id), its byline (for "I" and "we") and the folded names of the corpus's outlets
    (an outlet that "reported" something is the press, not a source)."""
    rows = []
    mentions = sorted(mentions)
    starts = [m[0] for m in mentions]
    for number, quote in enumerate(quotes):
        speaker, entity_id, kind, resolution = _speaker(quote, mentions, starts, byline, outlets)
        rows.append({
            "article_id": article_id, "quote_id": f"{article_id}-q{number:03d}", "kind": quote["kind"],
            "text": quote["text"], "start": quote["start"], "end": quote["end"], "speaker": speaker,
            "speaker_type": kind, "speaker_entity_id": entity_id, "speaker_text": quote["speaker_text"],
            "speaker_start": quote["speaker_start"], "speaker_end": quote["speaker_end"], "cue": quote["cue"],
            "resolution": resolution, "fragments": [list(f) for f in quote["fragments"]],
        })  # fmt: skip
    return rows


def _speaker(quote: dict, mentions: list[Mention], starts: list[int], byline: Byline, outlets: frozenset[str]) -> tuple:
    """(speaker, entity id, speaker type, resolution) of one quote record."""
    kind, resolution, written = quote.get("speaker_type", UNKNOWN), quote["resolution"], quote["speaker_text"]
    mention = _mention_at(mentions, starts, quote["referent_start"], quote["referent_end"])
    if mention is None and quote.get("speaker_head") is not None:  # the entity the phrase is about, not an adjective in it
        mention = _mention_at(mentions, starts, quote["speaker_head"], quote["speaker_head"] + 1)
    if mention is not None:
        person_referent = quote["referent_start"] is not None and kind != ORGANISATION  # "the company said" resolves to an organisation
        if not (kind == GROUP and resolution == "group"):  # "Teachers chanted": a group, whatever label the name vote gave the word
            kind = "person" if person_referent else LABEL_TYPES.get(mention[2], kind)
        is_press = mention[2] == "ORG" and (fold(mention[3]) in outlets or (quote["cue"] or "").lower() in REPORTING_CUES)
        return mention[3], mention[4], kind, "news outlet" if is_press else resolution
    if kind == FIRST_PERSON:
        if byline.author:
            return byline.author, None, "person", "first person: byline author"
        if byline.outlet and written.lower() in ("we", "us"):
            return byline.outlet, None, "organisation", "first person: outlet"
        return None, None, FIRST_PERSON, "first person: no byline"
    if not written or kind == UNKNOWN or written.lower() in PERSONAL:
        return None, None, kind, resolution  # no cue, no subject, an unresolved pronoun, or not a speaker
    bearers = {(m[3], m[4]) for m in mentions if m[2] == "PERSON" and len(m[3].split()) > 1 and m[3].split()[-1] == written}
    if kind == "person" and len(bearers) == 1:  # "Dempsey said", where the model found no entity: the article's Owen Dempsey
        name, entity_id = bearers.pop()
        return name, entity_id, kind, "surname of a named person"
    return re.sub(r"^(?:the|a|an)\s+", "", written, flags=re.IGNORECASE), None, kind, resolution


def quote_frame(rows: list[dict]) -> pd.DataFrame:
    """Quote rows as a DataFrame with the table's dtypes (speaker offsets are nullable integers)."""
    frame = pd.DataFrame(rows, columns=list(QUOTE_COLUMNS))
    for column in ("speaker_start", "speaker_end"):
        frame[column] = frame[column].astype("Int64")
    return frame


def speaker_table(records: list[tuple[str, list[dict]]], mentions: pd.DataFrame) -> pd.DataFrame:
    """The quotes table from each article's quote records, speakers resolved to canonical entities
    (texts without a byline: "I" and "we" stay first person)."""
    by_article: dict[str, list[Mention]] = {}
    columns = ("article_id", "start", "end", "label", "name", "entity_id")
    for article_id, *mention in zip(*(mentions[c].tolist() for c in columns), strict=True):
        by_article.setdefault(article_id, []).append(tuple(mention))
    return quote_frame([row for article_id, quotes in records for row in speaker_rows(article_id, quotes, by_article.get(article_id, []))])


def sourced(quotes: pd.DataFrame) -> pd.DataFrame:
    """The quotes a named source speaks: a speaker is known and it is not the press reporting
    ("Reuters reported that ..."), what "who is quoted" counts."""
    return quotes[quotes["speaker"].notna() & (quotes["resolution"] != "news outlet")]


def top_speakers(quotes: pd.DataFrame, n: int = 30) -> pd.DataFrame:
    """The ``n`` most quoted sources with their speaker type and number of quotes."""
    table = sourced(quotes)
    counts = table.groupby("speaker").agg(speaker_type=("speaker_type", lambda s: s.mode().iat[0]), quotes=("quote_id", "size"))
    return counts.sort_values(["quotes", "speaker"], ascending=[False, True]).head(n).reset_index()


def speakers_by_outlet(quotes: pd.DataFrame, articles: pd.DataFrame, speakers: int = 15, outlets: int = 10) -> pd.DataFrame:
    """How often each of the ``speakers`` most quoted sources is quoted by each of the ``outlets``
    outlets with the most such quotes: a crosstab with totals ("All"), sources by their total,
    outlets in :func:`~toolkit.tables.outlet_order`, the others summed in one column
    (:data:`~toolkit.tables.OTHER_OUTLETS`) and pages without an outlet in the last, so "All" is
    every quote of the source, as :func:`top_speakers` counts them."""
    table = sourced(quotes).merge(articles[["article_id", "outlet"]], on="article_id")
    table["outlet"] = table["outlet"].fillna(UNKNOWN_OUTLET)
    top = table[table["speaker"].isin(top_speakers(quotes, n=speakers)["speaker"])].copy()
    if top.empty:
        return pd.DataFrame(columns=["All"], index=pd.Index([], name="speaker"))
    named = [outlet for outlet in outlet_order(top["outlet"]) if outlet != UNKNOWN_OUTLET][:outlets]
    top["outlet"] = top["outlet"].where(top["outlet"].isin([*named, UNKNOWN_OUTLET]), OTHER_OUTLETS)
    present = set(top["outlet"])
    columns = [outlet for outlet in [*named, OTHER_OUTLETS, UNKNOWN_OUTLET] if outlet in present]
    cross = pd.crosstab(top["speaker"], top["outlet"], margins=True)
    return cross[[*columns, "All"]].sort_values("All", ascending=False, kind="stable")


def resolutions(quotes: pd.DataFrame) -> pd.DataFrame:
    """Quotes per speaker type and resolution (how the speaker was found, or why there is none), most first."""
    counts = quotes.groupby(["speaker_type", "resolution"]).size().rename("quotes").reset_index()
    return counts.sort_values(["quotes", "speaker_type", "resolution"], ascending=[False, True, True]).reset_index(drop=True)


def quoted_and_mentioned(quotes: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Each person the articles mention: mentions, and quotes of theirs; most quoted first."""
    people = mentions[mentions["label"] == "PERSON"].groupby(["entity_id", "name"]).size().rename("mentions").reset_index()
    quoted = quotes.dropna(subset=["speaker_entity_id"]).groupby("speaker_entity_id").size()
    people["quotes"] = people["entity_id"].map(quoted).fillna(0).astype(int)
    return people.sort_values(["quotes", "mentions", "name"], ascending=[False, False, True]).reset_index(drop=True)
