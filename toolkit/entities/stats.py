"""Entity statistics as tidy DataFrames: counts, prominence, co-occurrence, outlet contrasts, naming.

Every function takes the toolkit's tables (``mentions``, ``articles``, ``entities``) and
returns a plain DataFrame, so any number can be traced back to mentions and, through
:func:`kwic`, to the sentences it came from.

Salience (per entity and article), a documented blend of three signals in [0, 1]:

    salience = 0.5 * share + 0.3 * earliness + 0.2 * in_headline

where ``share`` is the entity's mentions divided by the article's most-mentioned entity's,
``earliness`` is ``1 - first_mention_offset / len(text)``, and ``in_headline`` is 1 when
one of the entity's surface forms occurs in the title.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd

from toolkit.entities.names import POSSESSIVE, without_the
from toolkit.tables import UNKNOWN_OUTLET, sorted_by_outlet

WHITESPACE = re.compile(r"\s+")
PARTIAL_FIRST_WORD = re.compile(r"^\S+(?=\s)")  # a word the window cut into, before the first space
PARTIAL_LAST_WORD = re.compile(r"(?<=\s)\S+$")

DEFAULT_LABELS = ("PERSON", "ORG", "GPE", "LOC")


def _article_groups(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles with the grouping columns: ``outlet`` (unknown ones named so) and ``date`` (YYYY-MM-DD)."""
    return articles.assign(outlet=articles["outlet"].fillna(UNKNOWN_OUTLET), date=articles["published"].astype("string").str[:10])


def _with_articles(mentions: pd.DataFrame, articles: pd.DataFrame, labels: tuple[str, ...] | None) -> pd.DataFrame:
    """Mentions (of entities that have a mention with one of ``labels``) joined to their article's
    outlet, date and length (not its text: a copy of the text per mention would be most of the
    cost on a large corpus)."""
    if labels is not None:
        wanted = mentions.loc[mentions["label"].isin(labels), "entity_id"]
        mentions = mentions[mentions["entity_id"].isin(wanted)]
    meta = _article_groups(articles)[["article_id", "outlet", "date", "n_words"]]
    return mentions.merge(meta, on="article_id", how="left")


def _in_group_order(table: pd.DataFrame, group: str, articles: pd.DataFrame, then: str) -> pd.DataFrame:
    """``table`` sorted by ``group``, and within a group by ``then`` (largest first). Outlets come
    as the pickers list them: most articles first, pages without an outlet last (not first, as
    "(unknown outlet)" sorts by its bracket); other groups (dates, articles) in their own order."""
    if group != "outlet":
        return table.sort_values([group, then], ascending=[True, False]).reset_index(drop=True)
    return sorted_by_outlet(table, articles["outlet"], [then], [False])


def counts(mentions: pd.DataFrame, articles: pd.DataFrame, by: str = "article_id",
           labels: tuple[str, ...] | None = DEFAULT_LABELS) -> pd.DataFrame:  # fmt: skip
    """Mentions per entity and ``by`` (article_id, outlet or date), with mentions per 1,000 words
    and the share of that group's articles that mention the entity."""
    frame = _with_articles(mentions, articles, labels)
    groups = _article_groups(articles)
    words = groups.groupby(by)["n_words"].sum()
    n_articles = groups.groupby(by)["article_id"].nunique()
    table = frame.groupby([by, "entity_id", "name"]).agg(mentions=("start", "size"), articles=("article_id", "nunique")).reset_index()
    table["per_1000_words"] = (1000 * table["mentions"] / table[by].map(words)).round(2)
    table["share_of_articles"] = (table["articles"] / table[by].map(n_articles)).round(3)
    return _in_group_order(table, by, articles, "mentions")


def top_entities(entities: pd.DataFrame, n: int = 15, labels: tuple[str, ...] = DEFAULT_LABELS) -> pd.DataFrame:
    """The most mentioned entities of the wanted labels."""
    return entities[entities["label"].isin(labels)].nlargest(n, "n_mentions").reset_index(drop=True)


def prominence(mentions: pd.DataFrame, articles: pd.DataFrame, labels: tuple[str, ...] | None = DEFAULT_LABELS) -> pd.DataFrame:
    """Per entity and article: mentions, first-mention position, in headline, in lead, salience."""
    frame = _with_articles(mentions, articles, labels)
    if frame.empty:
        return pd.DataFrame(columns=["article_id", "entity_id", "name", "mentions", "first_position", "in_headline",
                                     "in_lead", "salience"])  # fmt: skip
    texts = articles.set_index("article_id")["text"]
    frame["length"] = frame["article_id"].map(texts.str.len())
    frame["lead_end"] = frame["article_id"].map(texts.map(lambda t: t.find("\n\n") if "\n\n" in t else len(t)))
    frame["title"] = frame["article_id"].map(articles.set_index("article_id")["title"])
    grouped = frame.groupby(["article_id", "entity_id", "name"])
    table = grouped.agg(mentions=("start", "size"), first=("start", "min"), length=("length", "first"),
                        lead_end=("lead_end", "first"), title=("title", "first"),
                        surfaces=("text", lambda s: sorted(set(s))))  # fmt: skip
    table = table.reset_index()
    table["first_position"] = (table["first"] / table["length"]).round(3)
    table["in_lead"] = table["first"] < table["lead_end"]
    table["in_headline"] = [isinstance(title, str) and any(s in title for s in forms) for forms, title in zip(table["surfaces"], table["title"], strict=True)]
    most = table.groupby("article_id")["mentions"].transform("max")
    table["salience"] = (0.5 * table["mentions"] / most + 0.3 * (1 - table["first_position"]) + 0.2 * table["in_headline"]).round(3)
    columns = ["article_id", "entity_id", "name", "mentions", "first_position", "in_headline", "in_lead", "salience"]
    return table[columns].sort_values(["article_id", "salience"], ascending=[True, False]).reset_index(drop=True)


def cooccurrence(mentions: pd.DataFrame, level: str = "sentence", labels: tuple[str, ...] | None = DEFAULT_LABELS,
                 min_count: int = 1) -> pd.DataFrame:  # fmt: skip
    """Pairs of entities appearing in the same sentence (or article), with count, PMI and NPMI.

    PMI = log( p(a,b) / (p(a) p(b)) ) over units (sentences or articles); NPMI divides it by
    -log p(a,b), giving a score in [-1, 1] that does not favour rare pairs as much.
    """
    frame = mentions if labels is None else mentions[mentions["label"].isin(labels)]
    unit = ["article_id", "sentence"] if level == "sentence" else ["article_id"]
    units = frame.drop_duplicates([*unit, "entity_id"])[[*unit, "entity_id", "name"]]
    n_units = max(len(mentions.drop_duplicates(unit)), 1)
    singles = units.groupby("entity_id").size()
    pairs = units.merge(units, on=unit, suffixes=("_a", "_b"))
    pairs = pairs[pairs["entity_id_a"] < pairs["entity_id_b"]]
    table = pairs.groupby(["entity_id_a", "name_a", "entity_id_b", "name_b"]).size().rename("count").reset_index()
    table = table[table["count"] >= min_count]
    if table.empty:
        return pd.DataFrame({"entity_id_a": [], "name_a": [], "entity_id_b": [], "name_b": [], "count": pd.Series([], dtype="int64"),
                             "pmi": pd.Series([], dtype=float), "npmi": pd.Series([], dtype=float)})  # fmt: skip
    p_ab = table["count"] / n_units
    p_a = table["entity_id_a"].map(singles) / n_units
    p_b = table["entity_id_b"].map(singles) / n_units
    table["pmi"] = np.log(p_ab / (p_a * p_b)).round(3)
    table["npmi"] = (table["pmi"] / -np.log(p_ab)).replace([np.inf, -np.inf], 1.0).fillna(1.0).round(3)
    return table.sort_values(["count", "npmi"], ascending=False).reset_index(drop=True)


def log_odds(mentions: pd.DataFrame, articles: pd.DataFrame, group: str = "outlet", prior: float = 10.0,
             labels: tuple[str, ...] | None = DEFAULT_LABELS) -> pd.DataFrame:  # fmt: skip
    """Per-group over-representation of entities: log-odds ratio with an informative Dirichlet prior
    (Monroe, Colaresi & Quinn 2008, "Fightin' Words"), each group against all others.

    The prior for entity w is ``prior * share of w in the whole corpus``; ``z`` is the
    log-odds difference divided by its estimated standard deviation (|z| > 1.96 is notable).
    """
    frame = _with_articles(mentions, articles, labels)
    if frame.empty:
        return pd.DataFrame(columns=[group, "entity_id", "name", "count", "log_odds", "z"])
    y = frame.groupby([group, "entity_id"]).size().unstack(fill_value=0)  # groups × entities
    names = frame.drop_duplicates("entity_id").set_index("entity_id")["name"]
    totals = y.sum(axis=0)
    alpha = prior * totals / totals.sum()
    alpha0 = alpha.sum()
    y_i = y.to_numpy(dtype=float)
    y_j = totals.to_numpy(dtype=float) - y_i
    n_i, n_j = y_i.sum(axis=1, keepdims=True), y_j.sum(axis=1, keepdims=True)
    a = alpha.to_numpy()
    delta = np.log((y_i + a) / (n_i + alpha0 - y_i - a)) - np.log((y_j + a) / (n_j + alpha0 - y_j - a))
    z = delta / np.sqrt(1 / (y_i + a) + 1 / (y_j + a))
    result = pd.DataFrame({group: np.repeat(y.index.to_numpy(), y.shape[1]), "entity_id": np.tile(y.columns.to_numpy(), y.shape[0]),
                           "count": y_i.astype(int).ravel(), "log_odds": delta.ravel().round(3), "z": z.ravel().round(3)})  # fmt: skip
    result.insert(2, "name", result["entity_id"].map(names))
    return _in_group_order(result, group, articles, "z")


MAX_CONTAINERS = 50  # longer forms an entity's short form is checked against (bounds the cost per entity)


def spellings(forms: pd.Series, counts: pd.Series) -> dict[str, str]:
    """Each form of one entity mapped to its spelling: the most frequent longer form that holds
    it as a run of whole words ("Trump" → "Donald Trump"), followed on to that form's own spelling
    ("Sawyer" → "Hawk Sawyer" → "Kathleen Hawk Sawyer"), else itself. A bare surname is the
    same spelling as the full name, a form in capitals (a dateline's "WASHINGTON") the same as its
    ordinary case, and a group's singular the same as its plural when the entity is written both
    ways ("Republican", "Republicans": grammar, not a choice of name); "Kiev" and "Kyiv",
    "Zelensky" and "Zelenskyy" are not."""
    by_case: dict[str, str] = {}
    for form, _ in sorted(zip(forms, counts, strict=True), key=lambda fc: (fc[0].isupper(), -fc[1], fc[0])):
        by_case.setdefault(form.casefold(), form)
    cased = {form: by_case[form.casefold()] if form.isupper() else form for form in forms}
    written = set(cased.values())
    cased = {form: f"{spelled}s" if f"{spelled}s" in written else spelled for form, spelled in cased.items()}  # "Republican" → "Republicans"
    weight: Counter = Counter()
    for form, count in zip(forms, counts, strict=True):
        weight[cased[form]] += count
    longer = sorted((f for f in weight if " " in f), key=lambda f: (-weight[f], -len(f), f))[:MAX_CONTAINERS]
    up = {}  # each spelling's most frequent longer form, or itself: every step is longer, so the chains end
    for spelled in set(cased.values()):
        containing = [f for f in longer if f != spelled and f" {spelled} " in f" {f} "]
        up[spelled] = containing[0] if containing else spelled
    result = {}
    for form, spelled in cased.items():
        while up[spelled] != spelled:
            spelled = up[spelled]
        result[form] = spelled
    return result


def naming_variants(mentions: pd.DataFrame, articles: pd.DataFrame, min_variants: int = 2) -> pd.DataFrame:
    """For each entity with at least ``min_variants`` spellings: which surface form each outlet
    uses, how often, and the spelling it belongs to (:func:`spellings`).

    White space is made single spaces; possessive endings, a leading "the" and the quote marks around a name are dropped
    (Zelensky’s → Zelensky, the "Black Death → Black Death); capitalisation
    and spelling are kept, since they are the framing signal (Kiev vs Kyiv, Zelensky vs Zelenskyy).
    """
    frame = _with_articles(mentions, articles, None)
    forms = frame["text"].str.replace(r"\s+", " ", regex=True).str.strip().str.replace(POSSESSIVE, "", regex=True)
    frame["form"] = forms.map(without_the)
    table = frame.groupby(["entity_id", "name", "outlet", "form"]).size().rename("count").reset_index()
    totals = table.groupby(["entity_id", "form"])["count"].sum().reset_index()
    spelling = {}
    for entity_id, part in totals.groupby("entity_id"):
        spelling.update({(entity_id, form): folded for form, folded in spellings(part["form"], part["count"]).items()})
    table["spelling"] = [spelling[key] for key in zip(table["entity_id"], table["form"], strict=True)]
    several = table.groupby("entity_id")["spelling"].nunique()
    table = table[table["entity_id"].isin(several[several >= min_variants].index)].copy()
    table["share_in_outlet"] = (table["count"] / table.groupby(["entity_id", "outlet"])["count"].transform("sum")).round(3)
    return table.sort_values(["entity_id", "outlet", "count"], ascending=[True, True, False]).reset_index(drop=True)


def kwic(entity: str, mentions: pd.DataFrame, articles: pd.DataFrame, window: int = 60) -> pd.DataFrame:
    """Keyword in context: every mention of an entity (id or canonical name) with up to ``window``
    characters either side, cut at a word's edge ("...said whether | Trump | will agree to...", not
    "...aid whether"). The outlets with the most of these mentions come first and pages without an
    outlet last (as in :func:`counts` by outlet), each outlet's mentions in article and text order."""
    chosen = mentions[(mentions["entity_id"] == entity) | (mentions["name"].str.lower() == entity.lower())]
    texts = articles.assign(outlet=articles["outlet"].fillna(UNKNOWN_OUTLET)).set_index("article_id")
    rows = []
    for m in chosen.itertuples():
        text = texts.at[m.article_id, "text"]
        rows.append({"article_id": m.article_id, "outlet": texts.at[m.article_id, "outlet"], "sentence": m.sentence,
                     "left": _left_context(text, m.start, window), "mention": text[m.start : m.end],
                     "right": _right_context(text, m.end, window), "_start": m.start})  # fmt: skip
    table = pd.DataFrame(rows, columns=["article_id", "outlet", "sentence", "left", "mention", "right", "_start"])
    return sorted_by_outlet(table, table["outlet"], ["article_id", "_start"], [True, True]).drop(columns="_start")


def _left_context(text: str, start: int, window: int) -> str:
    """Up to ``window`` characters before ``start``, from the first whole word on, on one line."""
    begin = max(0, start - window)
    left = text[begin:start]
    if begin > 0 and not text[begin - 1].isspace():
        left = PARTIAL_FIRST_WORD.sub("", left)
    return WHITESPACE.sub(" ", left).lstrip()


def _right_context(text: str, end: int, window: int) -> str:
    """Up to ``window`` characters after ``end``, to the last whole word, on one line."""
    stop = min(len(text), end + window)
    right = text[end:stop]
    if stop < len(text) and not text[stop].isspace():
        right = PARTIAL_LAST_WORD.sub("", right)
    return WHITESPACE.sub(" ", right).rstrip()
