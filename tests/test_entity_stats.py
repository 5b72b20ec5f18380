"""Each statistic on a small hand-made table with known answers."""

import math

import pandas as pd
import pytest

from toolkit.entities import stats

TEXT = "Alpha met Beta.\n\nBeta left. Gamma stayed."


@pytest.fixture
def tables():
    articles = pd.DataFrame({"article_id": ["a1", "a2"], "outlet": ["X", "Y"], "published": ["2025-01-01T10:00", "2025-01-02"],
                             "n_words": [500, 1000], "title": ["Alpha talks", None], "text": [TEXT, TEXT]})  # fmt: skip
    rows = [("a1", 0, 5, "Alpha", "alpha", "Alpha", 0), ("a1", 10, 14, "Beta", "beta", "Beta", 0),
            ("a1", 17, 21, "Beta", "beta", "Beta", 1), ("a2", 0, 5, "Alfa", "alpha", "Alpha", 0),
            ("a2", 28, 33, "Gamma", "gamma", "Gamma", 2)]  # fmt: skip
    mentions = pd.DataFrame(rows, columns=["article_id", "start", "end", "text", "entity_id", "name", "sentence"])
    mentions["label"] = "PERSON"
    return mentions, articles


def test_counts_per_outlet(tables):
    mentions, articles = tables
    table = stats.counts(mentions, articles, by="outlet").set_index(["outlet", "entity_id"])
    assert table.at[("X", "beta"), "mentions"] == 2
    assert table.at[("X", "beta"), "per_1000_words"] == 4.0
    assert table.at[("Y", "alpha"), "share_of_articles"] == 1.0
    by_date = stats.counts(mentions, articles, by="date")
    assert set(by_date["date"]) == {"2025-01-01", "2025-01-02"}


def test_prominence_and_salience(tables):
    mentions, articles = tables
    table = stats.prominence(mentions, articles).set_index(["article_id", "entity_id"])
    alpha = table.loc[("a1", "alpha")]
    assert alpha["first_position"] == 0 and alpha["in_headline"] and alpha["in_lead"]
    assert alpha["salience"] == pytest.approx(0.5 * 1 / 2 + 0.3 + 0.2)
    assert not table.loc[("a2", "gamma"), "in_lead"]


def test_cooccurrence_pmi(tables):
    mentions, _ = tables
    table = stats.cooccurrence(mentions, level="sentence").set_index(["entity_id_a", "entity_id_b"])
    assert list(table.index) == [("alpha", "beta")]
    # 4 sentence units; alpha in 2, beta in 2, together in 1: PMI = log((1/4) / (2/4 * 2/4)) = 0
    assert table.at[("alpha", "beta"), "pmi"] == pytest.approx(0.0)
    article_level = stats.cooccurrence(mentions, level="article").set_index(["entity_id_a", "entity_id_b"])
    assert article_level.at[("alpha", "beta"), "pmi"] == pytest.approx(round(math.log((1 / 2) / (1 * 1 / 2)), 3))


def test_log_odds_direction(tables):
    mentions, articles = tables
    table = stats.log_odds(mentions, articles).set_index(["outlet", "entity_id"])
    assert table.at[("X", "beta"), "z"] > 0 > table.at[("Y", "beta"), "z"]
    assert table.at[("Y", "gamma"), "z"] > table.at[("X", "gamma"), "z"]


def test_a_groups_singular_is_its_plurals_spelling_but_other_names_stay_apart():
    forms = pd.Series(["Veldorian", "Veldorians", "VELDORIANS", "Kestra", "Kestrel"])
    assert stats.spellings(forms, pd.Series([4, 3, 1, 2, 2])) == {"Veldorian": "Veldorians", "Veldorians": "Veldorians",
                                                                  "VELDORIANS": "Veldorians", "Kestra": "Kestra", "Kestrel": "Kestrel"}  # fmt: skip


def test_a_short_form_takes_the_spelling_its_longer_form_takes():
    forms = pd.Series(["Lind", "Vera Lind", "Ana Vera Lind", "Mr Lind"])
    assert set(stats.spellings(forms, pd.Series([3, 4, 1, 1])).values()) == {"Ana Vera Lind", "Mr Lind"}  # "Lind" → "Vera Lind" → "Ana Vera Lind"


def test_a_leading_the_in_capitals_or_a_quote_mark_after_it_is_no_other_spelling():
    texts = ["Harbour Depot", "the Harbour Depot", "THE HARBOUR DEPOT", "Harbour Depot's", 'the "Harbour Depot']
    mentions = pd.DataFrame({"article_id": "a1", "start": 0, "end": 4, "text": texts, "entity_id": "hd", "name": "Harbour Depot",
                             "sentence": 0, "label": "ORG"})  # fmt: skip
    articles = pd.DataFrame({"article_id": ["a1"], "outlet": ["X"], "published": "2025-01-01", "n_words": 100, "title": "t", "text": "x"})
    assert stats.naming_variants(mentions, articles).empty
    assert not stats.naming_variants(mentions.assign(text=[*texts[:4], "Harbor Depot"]), articles).empty  # a real other spelling


def test_naming_variants_and_kwic(tables):
    mentions, articles = tables
    variants = stats.naming_variants(mentions, articles)
    assert set(variants["form"]) == {"Alpha", "Alfa"}
    assert dict(zip(variants["outlet"], variants["form"], strict=True)) == {"X": "Alpha", "Y": "Alfa"}
    lines = stats.kwic("beta", mentions, articles, window=6)
    assert list(lines["mention"]) == ["Beta", "Beta"]
    assert lines.iloc[0]["left"] == "met "  # not "a met ": the window cut into "Alpha"
    assert list(lines["right"]) == [".", " left."]  # paragraph breaks read as one space
    assert stats.kwic("beta", mentions, articles, window=4).iloc[1]["right"] == ""  # " lef": no whole word


def test_keyword_in_context_lists_outlets_by_their_mentions_unknown_last_and_each_article_in_text_order(tables):
    mentions, articles = tables
    articles = pd.concat([articles.assign(outlet=[None, "X"]), articles.assign(article_id=["a3", "a4"], outlet=["Y", "X"])], ignore_index=True)
    mentions = pd.concat([mentions[::-1], mentions.assign(article_id=["a3"] * 3 + ["a4"] * 2)], ignore_index=True)  # Beta: a1 and a3
    lines = stats.kwic("beta", mentions, articles)
    unknown = stats.UNKNOWN_OUTLET
    assert list(zip(lines["outlet"], lines["article_id"], strict=True)) == [("Y", "a3"), ("Y", "a3"), (unknown, "a1"), (unknown, "a1")]
    assert lines.iloc[2]["right"].startswith(".") and lines.iloc[3]["left"].endswith("Beta. ")  # a1's two, first first


def test_outlets_come_as_the_pickers_list_them_most_articles_first_and_pages_without_one_last(tables):
    mentions, articles = tables
    more = pd.DataFrame({"article_id": ["a3", "a4", "a5"], "outlet": [None, "Y", "Y"], "published": ["2025-01-03"] * 3,
                         "n_words": [100] * 3, "title": [None] * 3, "text": [TEXT] * 3})  # fmt: skip
    articles = pd.concat([articles, more], ignore_index=True)
    mentions = pd.concat([mentions, mentions.assign(article_id="a3"), mentions.assign(article_id="a4")], ignore_index=True)
    for table in (stats.counts(mentions, articles, by="outlet"), stats.log_odds(mentions, articles)):
        assert list(dict.fromkeys(table["outlet"])) == ["Y", "X", stats.UNKNOWN_OUTLET]  # not "(unknown outlet)" first, as it sorts
    by_outlet = stats.counts(mentions, articles, by="outlet")
    assert by_outlet.groupby("outlet", sort=False)["mentions"].apply(lambda m: m.is_monotonic_decreasing).all()
